import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { ValidationError } from '../../../lib/errors';
import { EksCapacity, EksCluster } from '../../../lib/eks';
import { clusterWithPodSubnets } from '../../support/eks';
import { newStack } from '../../support/stack';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { managedPolicyArn } from '../../support/template';

describe('EksCapacity.fargateProfile', () => {
  let stack: Stack;
  let platform: EksCluster;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    platform = new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }, { namespace: 'batch-*', labels: { 'compute': 'fargate' } }] })],
    });
    platform.addPodIdentity('Worker', { serviceAccountNamespace: 'batch-a', serviceAccount: 'worker' });
    template = Template.fromStack(stack);
  });

  test('selectors and private subnets are set, with a shared pod execution role', () => {
    template.hasResourceProperties('AWS::EKS::FargateProfile', {
      Selectors: [{ Namespace: 'kube-system', Labels: [] }, { Namespace: 'batch-*', Labels: [{ Key: 'compute', Value: 'fargate' }] }],
      Subnets: [{ Ref: Match.stringLikeRegexp('^PlatformNetworkPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^PlatformNetworkPrivateSubnet2') }],
      PodExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformFargatePodExecutionRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'eks-fargate-pods.amazonaws.com' } })] },
      ManagedPolicyArns: [managedPolicyArn('AmazonEKSFargatePodExecutionRolePolicy')],
    });
    expect(platform.fargatePodExecutionRole).toBeDefined();
  });

  test('does not warn about CoreDNS: a profile selects kube-system', () => {
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('/Test/Platform', Match.stringLikeRegexp('CoreDNS has nowhere to run'));
  });
});

describe('EksCluster.addFargateProfile after construction', () => {
  let stack: Stack;
  let platform: EksCluster;
  let template: Template;
  let profile: eks.FargateProfile;

  beforeAll(() => {
    // GIVEN: a node group cluster on a network with two private subnet groups
    stack = newStack('Test');
    platform = clusterWithPodSubnets(stack);
    // WHEN
    profile = platform.addFargateProfile('Jobs', { selectors: [{ namespace: 'jobs' }], subnets: { subnetGroupName: 'Pods' } });
    template = Template.fromStack(stack);
  });

  test('the profile uses the given subnets and the shared pod execution role', () => {
    template.hasResourceProperties('AWS::EKS::FargateProfile', {
      Selectors: [{ Namespace: 'jobs', Labels: [] }],
      Subnets: [{ Ref: Match.stringLikeRegexp('^VpcPodsSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcPodsSubnet2') }],
      PodExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformFargatePodExecutionRole'), 'Arn'] },
    });
    expect(profile.node.path).toBe('Test/Platform/Jobs');
    expect(platform.imagePullRoles).toContain(platform.fargatePodExecutionRole);
  });
});

describe('EksCapacity with a Fargate-only cluster that cannot run CoreDNS', () => {
  test('warns when no profile selects kube-system', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })] });
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('CoreDNS has nowhere to run'));
  });
});

describe('EksCapacity.fargateProfile bad input', () => {
  const fp = (options: Parameters<typeof EksCapacity.fargateProfile>[0]) => (s: Stack) => new EksCluster(s, 'Platform', { capacity: [EksCapacity.fargateProfile(options)] });
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['Fargate profile without selectors', fp({ selectors: [] }),
      /^\[Test\/Platform\] selectors: got \[\]; allowed: 1 to 5 selectors/],
    ['Fargate profile with six selectors', fp({ selectors: ['a', 'b', 'c', 'd', 'e', 'f'].map((namespace) => ({ namespace })) }),
      /^\[Test\/Platform\] selectors: got \[.*\]; allowed: 1 to 5 selectors/],
    ['Fargate selector namespace with an underscore', fp({ selectors: [{ namespace: 'batch_jobs' }] }),
      /^\[Test\/Platform\] selectors namespace: got "batch_jobs"; allowed: a Kubernetes namespace name .*wildcards are allowed/],
    ['Fargate selector with six labels', fp({ selectors: [{ namespace: 'batch', labels: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }] }),
      /^\[Test\/Platform\] selectors labels: got \{.*\}; allowed: at most 5 labels per selector/],
    ['Fargate in public subnets', fp({ selectors: [{ namespace: 'batch' }], subnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      /^\[Test\/Platform\] subnets: got "SubnetType\.PUBLIC"; allowed: private subnets/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN / WHEN / THEN
    expect(() => build(newStack('Test'))).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});

describe(SAME_IDENTITIES, () => {
  test('EksCluster: a Fargate profile\'s labels, and node group sizes', () => {
    expectSameIdentities(
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 1, maxSize: 3 }), EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })] }),
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 2, maxSize: 5 }), EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch', labels: { tier: 'jobs' } }] })] }),
      ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile'],
    );
  });
});
