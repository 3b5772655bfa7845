import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Compliance rule ids as the validation plugins report them (`<plugin>::<rule>`). The library
 * acknowledges one only where AWS or aws-cdk-lib forces the finding, with the reason at the call site.
 */
export const RULES = {
  NAG_WILDCARD: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
  NAG_WILDCARD_ECS_SUBMIT: 'AwsSolutions::AwsSolutions-IAM5[Action::ecs:Submit*]',
  NAG_ASG_NOTIFICATIONS: 'AwsSolutions::AwsSolutions-AS3',
  NAG_EBS_ENCRYPTED: 'AwsSolutions::AwsSolutions-EC26',
  NAG_OPEN_SG: 'AwsSolutions::AwsSolutions-EC23',
  NAG_BUCKET_LOGS: 'AwsSolutions::AwsSolutions-S1',
  NIST_IMDSV2: 'NIST.800.53.R5::NIST.800.53.R5-EC2IMDSv2Enabled',
  NIST_DEFAULT_SG_CLOSED: 'NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
  NIST_IGW_ROUTE: 'NIST.800.53.R5::NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
  NIST_INLINE_POLICY: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
  NIST_BUCKET_LOGS: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled',
  NIST_BUCKET_REPLICATION: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
  NIST_BUCKET_KMS: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
  NIST_ALB_WAF: 'NIST.800.53.R5::NIST.800.53.R5-ALBWAFEnabled',
  NIST_LISTENER_CERT: 'NIST.800.53.R5::NIST.800.53.R5-ELBv2ACMCertificateRequired',
  CT_CONTAINER_INSIGHTS: 'cdk-validator-cfnguard::ecs_container_insights_enabled_check',
  CT_ECR_TAG_IMMUTABILITY: 'cdk-validator-cfnguard::ecr_private_tag_immutability_enabled_check',
  CFN_EKS_SECRETS_RESOURCES: 'CloudFormation-Validate::W9009',
} as const;

/**
 * The id cdk-nag's AwsSolutions-IAM4 (AWS managed policies) reports for one AWS managed policy on
 * a role: one id per policy, so acknowledging a required policy leaves any other managed policy
 * on the role reported.
 *
 * @param policyName the policy's name after `arn:aws:iam::aws:policy/`, e.g. `AmazonEKSClusterPolicy`
 *                   or `service-role/AmazonEBSCSIDriverPolicy`
 */
export function nagManagedPolicyRule(policyName: string): string {
  return `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
}

/** Acknowledges compliance rules on a construct and its children, each with the reason it cannot (or need not) be met. */
export function acknowledge(scope: IConstruct, acks: Array<[string, string]>): void {
  Validations.of(scope).acknowledge(...acks.map(([id, reason]) => ({ id, reason })));
}
