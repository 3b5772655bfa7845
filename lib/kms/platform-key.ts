import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { allowLogsService, denyGrantsNotForAwsResources, newKey } from '../private/kms';

/** KMS `CreateKey`'s limit on `Description` (the `AWS::KMS::Key` schema's maxLength). */
const MAX_DESCRIPTION_LENGTH = 8192;

/**
 * Customer managed KMS keys as the library makes them, for the resources of your own app
 * (pipeline artifact buckets, log groups, queues) so they meet the same controls.
 *
 * @example
 * const key = PlatformKey.create(this, 'ArtifactKey', 'Pipeline artifacts');
 * PlatformKey.allowCloudWatchLogs(key); // before encrypting a log group with it
 */
export class PlatformKey {
  /**
   * A customer managed key with yearly rotation, kept when the stack is deleted (data encrypted
   * with it stays readable), whose grants may only go to AWS services acting for AWS resources
   * (Control Tower CT.KMS.PR.3; see {@link PlatformKey.denyGrantsNotForAwsResources}).
   *
   * @param scope the key's parent
   * @param id the key's construct id
   * @param description what the key encrypts: at most 8192 characters (KMS `CreateKey`); shown in
   *        the console and in CloudTrail, so no secrets
   */
  public static create(scope: Construct, id: string, description: string): kms.Key {
    if (!Token.isUnresolved(description) && description.length > MAX_DESCRIPTION_LENGTH) {
      // Thrown on the parent: the key does not exist yet, so its id names it in the hint.
      throw new ValidationError(scope, {
        property: 'description', value: description, allowed: `at most ${MAX_DESCRIPTION_LENGTH} characters (KMS key descriptions)`,
        hint: `the description of the key "${id}"; shorten it`,
      });
    }
    return newKey(scope, id, description);
  }

  /**
   * Adds the `DenyGrantsNotForAwsResources` statement to a key's policy: `kms:CreateGrant` is
   * denied unless the grant is for an AWS resource or the caller is an AWS service (Control Tower
   * CT.KMS.PR.3). For keys made elsewhere; `create` already adds it. No effect on imported keys.
   */
  public static denyGrantsNotForAwsResources(key: kms.IKey): void {
    denyGrantsNotForAwsResources(key);
  }

  /**
   * Lets CloudWatch Logs use the key for this account's log groups in the stack's region
   * (statement `AllowCloudWatchLogs`), which a KMS-encrypted log group needs. No effect on imported keys.
   */
  public static allowCloudWatchLogs(key: kms.IKey): void {
    allowLogsService(key);
  }

  private constructor() {}
}
