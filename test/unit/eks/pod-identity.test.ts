import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ValidationError } from '../../../lib/errors';
import { EksCapacity, EksCluster } from '../../../lib/eks';
import { podIdentityTrust } from '../../support/eks';
import { newStack } from '../../support/stack';

describe('EksCluster Pod Identity', () => {
  let stack: Stack;
  let template: Template;
  let role: iam.Role;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    const bucket = new s3.Bucket(stack, 'Orders');
    // WHEN
    role = platform.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    bucket.grantRead(role);
    template = Template.fromStack(stack);
  });

  test('the role trusts the EKS Pod Identity service with session tags, for this account and this cluster\'s pods only', () => {
    expect(role.node.path).toBe('Test/Platform/Api/Role');
    const { actual, expected } = podIdentityTrust(template, 'EKS Pod Identity for shop/api');
    expect(actual).toEqual(expected);
  });

  test('the association binds the service account to the role', () => {
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
      ClusterName: { Ref: Match.stringLikeRegexp('^Platform') },
      Namespace: 'shop',
      ServiceAccount: 'api',
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformApiRole'), 'Arn'] },
    });
  });

  test('grants to the returned role land in its policy', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PlatformApiRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })] },
    });
  });
});

describe('EksCluster Pod Identity in a stack with an account and Region', () => {
  test('the trust conditions name the account and the cluster', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const platform = new EksCluster(stack, 'Platform', { clusterName: 'shop-prod' });
    // WHEN
    platform.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      Description: 'EKS Pod Identity for shop/api',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:RequestTag/eks-cluster-arn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Platform'), 'Arn'] } },
          },
        })],
      },
    });
  });
});

describe('EksCluster Pod Identity on a Fargate-only cluster', () => {
  let stack: Stack;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    const platform = new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }, { namespace: 'batch-*', labels: { 'compute': 'fargate' } }] })],
    });
    platform.addPodIdentity('Worker', { serviceAccountNamespace: 'batch-a', serviceAccount: 'worker' });
  });

  test('warns that Pod Identity does not reach Fargate pods', () => {
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Test/Platform', Match.stringLikeRegexp('Pod Identity associations have no effect on Fargate pods'));
  });
});

describe('EksCluster Pod Identity bad input', () => {
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['Pod Identity namespace ending in a dash', (s) => new EksCluster(s, 'Platform').addPodIdentity('Api', { serviceAccountNamespace: 'shop-', serviceAccount: 'api' }),
      /^\[Test\/Platform\] serviceAccountNamespace: got "shop-"; allowed: a Kubernetes namespace name/],
    ['Pod Identity service account with an underscore', (s) => new EksCluster(s, 'Platform').addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api_sa' }),
      /^\[Test\/Platform\] serviceAccount: got "api_sa"; allowed: a Kubernetes service account name/],
    ['two Pod Identity associations for one service account', (s) => {
      const c = new EksCluster(s, 'Platform');
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addPodIdentity('Api2', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    }, /^\[Test\/Platform\] serviceAccount: got "shop\/api"; allowed: one Pod Identity association per service account/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN / THEN
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});
