import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';

/**
 * The subnets tasks, instances and internal load balancers use when none are given: private
 * subnets with egress, else isolated subnets (a `PlatformNetwork` with `NatMode.NONE` has only
 * those). A VPC with neither is a ValidationError: the library never defaults to public subnets.
 *
 * @param hint what to tell the user when the VPC has neither (who runs there, how to choose)
 */
export function privateSubnets(scope: Construct, vpc: ec2.IVpc, hint: string): ec2.SubnetSelection {
  if (vpc.privateSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  if (vpc.isolatedSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  throw new ValidationError(scope, {
    property: 'vpc',
    value: vpc.node.path,
    allowed: 'a VPC with private (with egress) or isolated subnets',
    hint,
  });
}

/**
 * The subnets of a service's or scheduled task's tasks: the given ones, else {@link privateSubnets}.
 * `awsvpc` tasks placed in public subnets get a warning: they get no public IP, so without a NAT
 * path or VPC endpoints they cannot pull images or ship logs.
 */
export function taskSubnets(scope: Construct, vpc: ec2.IVpc, given: ec2.SubnetSelection | undefined, awsvpc: boolean): ec2.SubnetSelection {
  const selection = given ?? privateSubnets(scope, vpc, 'tasks never default to public subnets; use PlatformNetwork or pass vpcSubnets');
  if (awsvpc && vpc.selectSubnets(selection).hasPublic) {
    Annotations.of(scope).addWarningV2('cdk-containers:tasks-in-public-subnets',
      'Tasks are placed in public subnets but get no public IP address: without VPC endpoints they cannot pull images or ship logs. Use private subnets (the default).');
  }
  return selection;
}
