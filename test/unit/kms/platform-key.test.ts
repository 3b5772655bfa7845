import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PlatformKey } from '../../../lib/kms';
import { keyPolicyStatements } from '../../support/kms';

describe('PlatformKey.create', () => {
  let key: kms.Key;
  let template: Template;
  beforeAll(() => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    key = PlatformKey.create(stack, 'ArtifactKey', 'Pipeline artifacts');
    template = Template.fromStack(stack);
  });

  test('a customer managed key under the given id, with its description, rotation on, retained', () => {
    // THEN
    expect(key).toBeInstanceOf(kms.Key);
    expect(key.node.path).toBe('Stack/ArtifactKey');
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ Description: 'Pipeline artifacts', EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('grants only for AWS resources (CT.KMS.PR.3); CloudWatch Logs not allowed until asked', () => {
    const sids = keyPolicyStatements(template).map((s) => s.Sid);
    expect(sids).toContain('DenyGrantsNotForAwsResources');
    expect(sids).not.toContain('AllowCloudWatchLogs');
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Action: 'kms:CreateGrant',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      })]) },
    });
  });
});

describe('PlatformKey.allowCloudWatchLogs and denyGrantsNotForAwsResources', () => {
  test('allowCloudWatchLogs adds the AllowCloudWatchLogs statement for the stack\'s region', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const key = PlatformKey.create(stack, 'AuditKey', 'Audit logs');
    // WHEN
    PlatformKey.allowCloudWatchLogs(key);
    // THEN
    expect(keyPolicyStatements(Template.fromStack(stack))).toContainEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchLogs', Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
    }));
  });

  test('denyGrantsNotForAwsResources adds the statement to a key made elsewhere', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    // WHEN
    PlatformKey.denyGrantsNotForAwsResources(key);
    // THEN
    expect(keyPolicyStatements(Template.fromStack(stack)).filter((s) => s.Sid === 'DenyGrantsNotForAwsResources')).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' } }),
    ]);
  });

  test('both leave imported keys alone', () => {
    const stack = new Stack(new App(), 'Stack');
    const imported = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555');
    PlatformKey.allowCloudWatchLogs(imported);
    PlatformKey.denyGrantsNotForAwsResources(imported);
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });
});
