import { Match, Template } from 'aws-cdk-lib/assertions';
import { appKeys } from '../../examples/kms';
import { synthExample } from '../support/examples';

describe('examples/kms.ts (README: keys for your own resources)', () => {
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    ({ template } = synthExample('Keys', appKeys, { env: { region: 'eu-west-1', account: '123456789012' } }));
  });

  test('PlatformKey.create: rotation on, retained, grants only for AWS resources', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({
        Description: 'Audit logs of the platform team',
        EnableKeyRotation: true,
        KeyPolicy: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Action: 'kms:CreateGrant' }),
            Match.objectLike({ Sid: 'AllowCloudWatchLogs', Principal: { Service: 'logs.eu-west-1.amazonaws.com' } }),
          ]),
        }),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the log group is encrypted with that key', () => {
    const keys = template.findResources('AWS::KMS::Key', { Properties: { Description: 'Audit logs of the platform team' } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Object.keys(keys)[0], 'Arn'] }, RetentionInDays: 365 });
  });

  test('denyGrantsNotForAwsResources adds the statement to a key made elsewhere, once', () => {
    const keys = template.findResources('AWS::KMS::Key', { Properties: { Description: Match.absent() } });
    const statements = (Object.values(keys)[0] as { Properties: { KeyPolicy: { Statement: Array<{ Sid?: string }> } } }).Properties.KeyPolicy.Statement;
    expect(statements.filter((s) => s.Sid === 'DenyGrantsNotForAwsResources')).toHaveLength(1);
    expect(statements.filter((s) => s.Sid === 'AllowCloudWatchLogs')).toHaveLength(0);
  });
});
