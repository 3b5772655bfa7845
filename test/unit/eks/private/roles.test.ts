import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledgeEksManagedPolicies, eksServiceRole } from '../../../../lib/eks/private/roles';
import { managedPolicyArn } from '../../../support/template';

/** The rule ids acknowledged on the role's resource (exactly there: never on the role's subtree), with their reasons. */
function acknowledged(role: iam.IRole): Record<string, string> {
  expect(role.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
  return Object.assign({}, ...role.node.defaultChild!.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data as Record<string, string>));
}

describe('eksServiceRole', () => {
  let stack: Stack;
  let role: iam.Role;

  beforeAll(() => {
    // GIVEN
    stack = new Stack(new App(), 'Test');
    // WHEN
    role = eksServiceRole(stack, 'NodeRole', new iam.ServicePrincipal('ec2.amazonaws.com'), 'EKS nodes',
      ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly']);
  });

  test('creates the role in the given scope with the id, principal, description and AWS managed policies', () => {
    expect(role.node.path).toBe('Test/NodeRole');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      Description: 'EKS nodes',
      ManagedPolicyArns: [managedPolicyArn('AmazonEKSWorkerNodePolicy'), managedPolicyArn('AmazonEC2ContainerRegistryPullOnly')],
    });
  });

  test('acknowledges AwsSolutions-IAM4 once per policy, with the EKS reason', () => {
    expect(acknowledged(role)).toEqual({
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSWorkerNodePolicy]':
        'AmazonEKSWorkerNodePolicy is the AWS managed policy EKS requires for this role (EKS user guide); AWS keeps it current with the service',
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly]':
        'AmazonEC2ContainerRegistryPullOnly is the AWS managed policy EKS requires for this role (EKS user guide); AWS keeps it current with the service',
    });
  });
});

describe('acknowledgeEksManagedPolicies', () => {
  test('acknowledges IAM4 for the named policies only, so another managed policy on the role is still reported', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Test');
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('eks.amazonaws.com'),
      managedPolicies: ['AmazonEKSClusterPolicy', 'AmazonS3ReadOnlyAccess'].map((p) => iam.ManagedPolicy.fromAwsManagedPolicyName(p)),
    });
    // WHEN
    acknowledgeEksManagedPolicies(role, ['AmazonEKSClusterPolicy']);
    // THEN
    expect(Object.keys(acknowledged(role))).toEqual(['AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]']);
  });

  test('a policy under a path keeps its path in the rule id', () => {
    const stack = new Stack(new App(), 'Test');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com') });
    acknowledgeEksManagedPolicies(role, ['service-role/AmazonEBSCSIDriverPolicy']);
    expect(Object.keys(acknowledged(role))).toEqual(['AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]']);
  });

  test('no policies, no acknowledgement', () => {
    const stack = new Stack(new App(), 'Test');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('eks.amazonaws.com') });
    acknowledgeEksManagedPolicies(role, []);
    expect(acknowledged(role)).toEqual({});
  });
});
