import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { allowLogsService, denyGrantsNotForAwsResources, newKey } from '../../../lib/private/kms';
import { keyPolicyStatements } from '../../support/kms';

const DENY_GRANTS = {
  Sid: 'DenyGrantsNotForAwsResources',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
};

describe('newKey', () => {
  let key: kms.Key;
  let template: Template;
  beforeAll(() => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    key = newKey(stack, 'Key', 'Encrypts the things');
    template = Template.fromStack(stack);
  });

  test('a customer managed key with rotation on, its description, retained on delete and replacement', () => {
    // THEN
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ Description: 'Encrypts the things', EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(key.node.path).toBe('Stack/Key');
  });

  test('the key policy: the account root (aws-cdk-lib\'s default) and the deny of grants not for AWS resources', () => {
    expect(keyPolicyStatements(template)).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'kms:*', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } } }),
      DENY_GRANTS,
    ]);
  });
});

describe('denyGrantsNotForAwsResources', () => {
  test('adds the deny statement to a key made elsewhere', () => {
    const stack = new Stack(new App(), 'Stack');
    denyGrantsNotForAwsResources(new kms.Key(stack, 'Key'));
    expect(keyPolicyStatements(Template.fromStack(stack))).toContainEqual(DENY_GRANTS);
  });

  test('an imported key is left alone (its policy is not the stack\'s)', () => {
    const stack = new Stack(new App(), 'Stack');
    const imported = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555');
    expect(() => denyGrantsNotForAwsResources(imported)).not.toThrow();
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });
});

describe('allowLogsService', () => {
  test('lets the regional CloudWatch Logs principal use the key for this account\'s log groups (environment-agnostic)', () => {
    const stack = new Stack(new App(), 'Stack');
    allowLogsService(newKey(stack, 'Key', 'Logs'));
    expect(keyPolicyStatements(Template.fromStack(stack))).toContainEqual({
      Sid: 'AllowCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']],
      } } },
    });
  });

  test('with a concrete environment the principal and ARN name the region and account', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    allowLogsService(newKey(stack, 'Key', 'Logs'));
    expect(keyPolicyStatements(Template.fromStack(stack))).toContainEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchLogs',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:*']] } } },
    }));
  });
});
