import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ValidationError } from '../../../lib/errors';
import { EksCapacity, EksCluster } from '../../../lib/eks';
import { irsaTrust, podIdentityTrust } from '../../support/eks';
import { resourceTypes } from '../../support/template';
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
    }, /^\[Test\/Platform\] serviceAccount: got "shop\/api"; allowed: one IAM role per service account \(through Pod Identity or IRSA\)\. Hint: the service account already has a role through Pod Identity/],
    ['IRSA for a service account that has Pod Identity', (s) => {
      const c = new EksCluster(s, 'Platform');
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addIrsaRole('ApiIrsa', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    }, /^\[Test\/Platform\] serviceAccount: got "shop\/api"; allowed: one IAM role per service account.*already has a role through Pod Identity/],
    ['Pod Identity for a service account that has IRSA', (s) => {
      const c = new EksCluster(s, 'Platform');
      c.addIrsaRole('ApiIrsa', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    }, /already has a role through IRSA/],
    ['an IRSA role name with a space', (s) => new EksCluster(s, 'Platform').addIrsaRole('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api', roleName: 'shop api' }),
      /^\[Test\/Platform\] roleName: got "shop api"; allowed: an IAM role name: 1-64 letters, digits and "\+=,\.@_-"/],
    ['an IRSA role name of 65 characters', (s) => new EksCluster(s, 'Platform').addIrsaRole('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api', roleName: 'r'.repeat(65) }),
      /roleName: got "r{65}"; allowed: an IAM role name/],
    ['an IRSA namespace with capitals', (s) => new EksCluster(s, 'Platform').addIrsaRole('Api', { serviceAccountNamespace: 'Shop', serviceAccount: 'api' }),
      /^\[Test\/Platform\] serviceAccountNamespace: got "Shop"; allowed: a Kubernetes namespace name/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN / THEN
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});

describe('EksCluster IRSA', () => {
  const ENV = { account: '123456789012', region: 'eu-west-1' };
  const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/5C5D8F27A1B2C3D4E5F60718293A4B5C';
  let stack: Stack;
  let template: Template;
  let role: iam.Role;
  let other: iam.Role;

  beforeAll(() => {
    // GIVEN
    stack = new Stack(new App(), 'Test', { env: ENV });
    const platform = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })] });
    const bucket = new s3.Bucket(stack, 'Orders');
    // WHEN
    role = platform.addIrsaRole('Worker', { serviceAccountNamespace: 'batch', serviceAccount: 'worker' });
    other = platform.addIrsaRole('Reporter', { serviceAccountNamespace: 'batch', serviceAccount: 'reporter', roleName: 'batch-reporter' });
    bucket.grantRead(role);
    template = Template.fromStack(stack);
  });

  const trustOf = (description: string) => irsaTrust(template, description, ISSUER);

  test('one native OIDC provider for the cluster\'s issuer, with STS as its audience, shared by the roles', () => {
    const cluster = Object.keys(template.findResources('AWS::EKS::Cluster'))[0]!;
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: { 'Fn::GetAtt': [cluster, 'OpenIdConnectIssuerUrl'] },
      ClientIdList: ['sts.amazonaws.com'],
      ThumbprintList: Match.absent(),
    });
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::') || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('the role trusts the provider only for its service account, with STS as the audience', () => {
    expect(role.node.path).toBe('Test/Platform/Worker/Role');
    expect(trustOf('IRSA for batch/worker')).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:batch:worker' } },
      }],
    });
    expect(trustOf('IRSA for batch/reporter')).toMatchObject({
      Statement: [{ Condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:batch:reporter' } } }],
    });
  });

  test('the role\'s name is fixed at synth: from the path and the Region, or the one given', () => {
    const [worker] = Object.values(template.findResources('AWS::IAM::Role', { Properties: { Description: 'IRSA for batch/worker' } }));
    const name = worker!.Properties.RoleName as string;
    expect(name).toMatch(/^Test-Platform-Worker-[0-9A-F]{8}-eu-west-1$/);
    expect(name.length).toBeLessThanOrEqual(64);
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'IRSA for batch/reporter', RoleName: 'batch-reporter' });
    expect(other.node.path).toBe('Test/Platform/Reporter/Role');
  });

  test('grants to the returned role land in its policy', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PlatformWorkerRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })] },
    });
  });

  test('IRSA roles do not trigger the Pod Identity warning on a Fargate-only cluster', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Pod Identity associations'))).toEqual([]);
  });

  test('a long path still gives a name of at most 64 characters, with the Region', () => {
    const longStack = new Stack(new App(), 'A'.repeat(60), { env: { account: '123456789012', region: 'ap-southeast-3' } });
    const platform = new EksCluster(longStack, 'Platform'.repeat(5));
    platform.addIrsaRole('Worker'.repeat(8), { serviceAccountNamespace: 'batch', serviceAccount: 'worker' });
    const [resource] = Object.values(Template.fromStack(longStack).findResources('AWS::IAM::Role', { Properties: { Description: 'IRSA for batch/worker' } }));
    const name = resource!.Properties.RoleName as string;
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/-[0-9A-F]{8}-ap-southeast-3$/);
  });

  test('without an account and Region the role keeps CloudFormation\'s generated name', () => {
    const agnostic = newStack('Test');
    new EksCluster(agnostic, 'Platform').addIrsaRole('Worker', { serviceAccountNamespace: 'batch', serviceAccount: 'worker' });
    Template.fromStack(agnostic).hasResourceProperties('AWS::IAM::Role', { Description: 'IRSA for batch/worker', RoleName: Match.absent() });
  });

  test('a cluster without IRSA roles has no OIDC provider', () => {
    const plain = newStack('Test');
    new EksCluster(plain, 'Platform').addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    expect(resourceTypes(Template.fromStack(plain))).not.toContain('AWS::IAM::OIDCProvider');
  });
});
