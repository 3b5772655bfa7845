// The README's PlatformKey example (Compliance: keys for your own resources), type-checked by
// `npm run build` and synthesized by test/examples/kms.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformKey } from '../lib';

/** What {@link appKeys} builds, for tests. */
export interface AppKeys {
  readonly auditKey: kms.Key;
  readonly auditLogs: logs.LogGroup;
  readonly jobs: sqs.Queue;
}

/** A platform team's own resources, encrypted with keys made the way the library makes its own. */
export function appKeys(scope: Construct): AppKeys {
  const auditKey = PlatformKey.create(scope, 'AuditKey', 'Audit logs of the platform team');
  PlatformKey.allowCloudWatchLogs(auditKey);           // a KMS-encrypted log group needs it
  const auditLogs = new logs.LogGroup(scope, 'AuditLogs', { encryptionKey: auditKey, retention: logs.RetentionDays.ONE_YEAR });

  const queueKey = new kms.Key(scope, 'QueueKey', { enableKeyRotation: true });  // a key made elsewhere
  PlatformKey.denyGrantsNotForAwsResources(queueKey);  // grants only for AWS resources (CT.KMS.PR.3)
  const jobs = new sqs.Queue(scope, 'Jobs', { encryptionMasterKey: queueKey, enforceSSL: true });
  return { auditKey, auditLogs, jobs };
}
