import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Compliance rule ids (`<plugin>::<rule>`) that PlatformNetwork and EC2 capacity acknowledge, each with its reason at the call site. */
export const COMPUTE_RULES = {
  NAG_WILDCARD_RESOURCE: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
  NAG_WILDCARD_ECS_SUBMIT: 'AwsSolutions::AwsSolutions-IAM5[Action::ecs:Submit*]',
  NAG_ASG_NOTIFICATIONS: 'AwsSolutions::AwsSolutions-AS3',
  NAG_EBS_ENCRYPTED: 'AwsSolutions::AwsSolutions-EC26',
  NIST_IMDSV2: 'NIST.800.53.R5::NIST.800.53.R5-EC2IMDSv2Enabled',
  NIST_DEFAULT_SG_CLOSED: 'NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
  NIST_IGW_ROUTE: 'NIST.800.53.R5::NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
  NIST_LOG_GROUP_KMS: 'NIST.800.53.R5::NIST.800.53.R5-CloudWatchLogGroupEncrypted',
  NIST_INLINE_POLICY: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
} as const;

/** Acknowledges compliance rules on a construct and its children, each with the reason it cannot (or need not) be met. */
export function acknowledgeRules(scope: IConstruct, acks: Array<[string, string]>): void {
  Validations.of(scope).acknowledge(...acks.map(([id, reason]) => ({ id, reason })));
}
