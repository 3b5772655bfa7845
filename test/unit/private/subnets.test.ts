import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ValidationError } from '../../../lib/errors';
import { privateSubnets, taskSubnets } from '../../../lib/private/subnets';
import { thrownBy } from '../../support/thrown';

/** A stack with a VPC of the given subnet types (no NAT gateway unless there are private subnets with egress). */
function vpcWith(...types: ec2.SubnetType[]): { stack: Stack; vpc: ec2.Vpc; scope: Construct } {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: types.includes(ec2.SubnetType.PRIVATE_WITH_EGRESS) ? 1 : 0,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: types.map((subnetType) => ({ name: subnetType, subnetType })),
  });
  return { stack, vpc, scope: new Construct(stack, 'Tasks') };
}

describe('privateSubnets', () => {
  test('private subnets with egress when the VPC has them, even beside isolated ones', () => {
    const { vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS, ec2.SubnetType.PRIVATE_ISOLATED);
    expect(privateSubnets(scope, vpc, 'hint')).toEqual({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
  });

  test('isolated subnets when the VPC has no private subnets with egress', () => {
    const { vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_ISOLATED);
    expect(privateSubnets(scope, vpc, 'hint')).toEqual({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
  });

  test('never public subnets: a VPC with only public subnets is a ValidationError on the scope, with the caller\'s hint', () => {
    const { vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC);
    const error = thrownBy(() => privateSubnets(scope, vpc, 'instances never run in public subnets'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      '[Stack/Tasks] vpc: got "Stack/Vpc"; allowed: a VPC with private (with egress) or isolated subnets. Hint: instances never run in public subnets');
  });
});

describe('taskSubnets', () => {
  test('the given selection is used as it is; without one, privateSubnets decides', () => {
    const { vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_ISOLATED);
    const given = { subnetGroupName: ec2.SubnetType.PRIVATE_ISOLATED };
    expect(taskSubnets(scope, vpc, given, true)).toBe(given);
    expect(taskSubnets(scope, vpc, undefined, true)).toEqual({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
  });

  test('awsvpc tasks in public subnets get a warning (no public IP); other network modes do not', () => {
    const awsvpc = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS);
    taskSubnets(awsvpc.scope, awsvpc.vpc, { subnetType: ec2.SubnetType.PUBLIC }, true);
    Annotations.fromStack(awsvpc.stack).hasWarning('/Stack/Tasks', Match.stringLikeRegexp('^Tasks are placed in public subnets but get no public IP address'));

    const bridge = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS);
    taskSubnets(bridge.scope, bridge.vpc, { subnetType: ec2.SubnetType.PUBLIC }, false);
    Annotations.fromStack(bridge.stack).hasNoWarning('*', Match.anyValue());
  });

  test('the default selection gives no warning', () => {
    const { stack, vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS);
    taskSubnets(scope, vpc, undefined, true);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a VPC with only public subnets and no selection: the ValidationError tells that tasks never default to public subnets', () => {
    const { vpc, scope } = vpcWith(ec2.SubnetType.PUBLIC);
    expect(() => taskSubnets(scope, vpc, undefined, true))
      .toThrow(/^\[Stack\/Tasks\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: tasks never default to public subnets/);
  });
});
