import { App, Aws, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ValidationError } from '../../../lib/errors';
import { EksCluster } from '../../../lib/eks';
import { newStack } from '../../support/stack';

describe('EksCluster access', () => {
  let stack: Stack;
  let template: Template;
  let admin: eks.AccessEntry;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    const admins = new iam.Role(stack, 'Admins', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    admin = platform.grantClusterAdmin('Admins', admins.roleArn);
    platform.grantNamespaceAccess('ShopTeam', 'arn:aws:iam::123456789012:role/shop-team', ['shop', 'shop-staging']);
    platform.grantNamespaceAccess('Auditors', 'arn:aws:iam::123456789012:role/auditors', ['shop'], eks.AccessPolicyArn.AMAZON_EKS_VIEW_POLICY);
    template = Template.fromStack(stack);
  });

  test('a cluster admin gets a cluster-scoped AmazonEKSClusterAdminPolicy access entry', () => {
    expect(admin.node.path).toBe('Test/Platform/Admins');
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Admins'), 'Arn'] },
      AccessPolicies: [{
        AccessScope: { Type: 'cluster' },
        PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']] },
      }],
    });
  });

  test('teams get namespace-scoped access entries, edit by default', () => {
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: 'arn:aws:iam::123456789012:role/shop-team',
      AccessPolicies: [{
        AccessScope: { Type: 'namespace', Namespaces: ['shop', 'shop-staging'] },
        PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSEditPolicy']] },
      }],
    });
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: 'arn:aws:iam::123456789012:role/auditors',
      AccessPolicies: [Match.objectLike({ PolicyArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AmazonEKSViewPolicy$')])] } })],
    });
  });

  test('no aws-auth ConfigMap, no kubectl', () => {
    template.resourceCountIs('AWS::EKS::AccessEntry', 3);
    template.resourceCountIs('Custom::AWSCDK-EKS-KubernetesResource', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('no "no admin" warning once an admin exists', () => {
    Annotations.fromStack(stack).hasNoWarning('/Test/Platform', Match.stringLikeRegexp('No cluster admin'));
  });

  test('an admin whose ARN is a token (account from the stack) also counts as an admin', () => {
    const other = new Stack(new App(), 'Tokens');
    const cluster = new EksCluster(other, 'Platform');
    cluster.grantClusterAdmin('Admins', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/platform-admins`);
    Annotations.fromStack(other).hasNoWarning('/Tokens/Platform', Match.stringLikeRegexp('No cluster admin'));
  });
});

describe('EksCluster without access entries', () => {
  let stack: Stack;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform');
  });

  test('warns that nobody is a cluster admin yet', () => {
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('No cluster admin access entry'));
  });
});

describe('EksCluster access entries bad input', () => {
  const adminArn = 'arn:aws:iam::123456789012:role/admins';
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['admin given as a session ARN', (s) => new EksCluster(s, 'Platform').grantClusterAdmin('Admin', 'arn:aws:sts::123456789012:assumed-role/admins/alice'),
      /^\[Test\/Platform\] principalArn: got "arn:aws:sts::123456789012:assumed-role\/admins\/alice"; allowed: an IAM role or user ARN/],
    ['same principal twice', (s) => {
      const c = new EksCluster(s, 'Platform');
      c.grantClusterAdmin('Admin', adminArn);
      c.grantNamespaceAccess('Team', adminArn, ['shop']);
    }, /^\[Test\/Platform\] principalArn: got "arn:aws:iam::123456789012:role\/admins"; allowed: a principal without an access entry/],
    ['namespace with capitals', (s) => new EksCluster(s, 'Platform').grantNamespaceAccess('Team', adminArn, ['Shop']),
      /^\[Test\/Platform\] namespaces: got "Shop"; allowed: a Kubernetes namespace name \(DNS-1123 label\)/],
    ['namespace longer than 63 characters', (s) => new EksCluster(s, 'Platform').grantNamespaceAccess('Team', adminArn, ['a'.repeat(64)]),
      /^\[Test\/Platform\] namespaces: got "a{64}"; allowed: a Kubernetes namespace name/],
    ['no namespaces', (s) => new EksCluster(s, 'Platform').grantNamespaceAccess('Team', adminArn, []),
      /^\[Test\/Platform\] namespaces: got \[\]; allowed: one or more distinct Kubernetes namespace names/],
    ['cluster admin policy scoped to namespaces', (s) => new EksCluster(s, 'Platform').grantNamespaceAccess('Team', adminArn, ['shop'], eks.AccessPolicyArn.AMAZON_EKS_CLUSTER_ADMIN_POLICY),
      /^\[Test\/Platform\] policy: got "AmazonEKSClusterAdminPolicy"; allowed: AmazonEKSAdminPolicy, AmazonEKSEditPolicy/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN / THEN
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});
