import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Rule ids as the compliance plugins report them (`<plugin>::<rule>`). */
export const RULES = {
  NIST_INLINE_POLICY: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
  NAG_WILDCARD: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
  NAG_OPEN_SG: 'AwsSolutions::AwsSolutions-EC23',
  NAG_BUCKET_LOGS: 'AwsSolutions::AwsSolutions-S1',
  NIST_BUCKET_LOGS: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled',
  NIST_BUCKET_REPLICATION: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
  NIST_BUCKET_KMS: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
  NIST_ALB_WAF: 'NIST.800.53.R5::NIST.800.53.R5-ALBWAFEnabled',
  NIST_LISTENER_CERT: 'NIST.800.53.R5::NIST.800.53.R5-ELBv2ACMCertificateRequired',
} as const;

/** Acknowledges compliance rules on a construct and its children, each with the reason it cannot be met. */
export function acknowledge(scope: IConstruct, acks: Array<[string, string]>): void {
  Validations.of(scope).acknowledge(...acks.map(([id, reason]) => ({ id, reason })));
}
