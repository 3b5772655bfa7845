import { aws_ecs as ecs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EcsService, ServiceCapacity, ServiceCapacityKind } from '../../../lib/ecs';
import { TaskCompatibility } from '../../../lib/ecs/task-definition';
import { serviceFixture } from '../../support/ecs';

describe('ServiceCapacity factories', () => {
  test('fargate: the FARGATE launch type, no strategy', () => {
    const capacity = ServiceCapacity.fargate();
    expect(capacity).toMatchObject({ kind: ServiceCapacityKind.FARGATE, strategies: [], capacityName: undefined, isFargate: true });
  });

  test('fargateSpot: FARGATE_SPOT only, weight 1', () => {
    expect(ServiceCapacity.fargateSpot()).toMatchObject({ kind: ServiceCapacityKind.FARGATE_SPOT, strategies: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], isFargate: true });
  });

  test('fargateMix: one task on FARGATE first, then 1:3 FARGATE to FARGATE_SPOT by default; each number can be given', () => {
    expect(ServiceCapacity.fargateMix().strategies).toEqual([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ]);
    expect(ServiceCapacity.fargateMix({ fargateBase: 0, fargateWeight: 2, spotWeight: 5 }).strategies).toEqual([
      { capacityProvider: 'FARGATE', base: 0, weight: 2 },
      { capacityProvider: 'FARGATE_SPOT', weight: 5 },
    ]);
    expect(ServiceCapacity.fargateMix()).toMatchObject({ kind: ServiceCapacityKind.FARGATE_MIX, isFargate: true });
  });

  test('ec2: the EC2 launch type unless a capacity provider is named; the EcsCluster capacity name is kept', () => {
    expect(ServiceCapacity.ec2()).toMatchObject({ kind: ServiceCapacityKind.EC2, strategies: [], capacityName: undefined, isFargate: false });
    expect(ServiceCapacity.ec2({ capacityProviderName: 'my-provider', capacityName: 'General' })).toMatchObject({
      strategies: [{ capacityProvider: 'my-provider', weight: 1 }], capacityName: 'General',
    });
    expect(ServiceCapacity.ec2({ capacityProviderName: '' }).strategies).toEqual([]);
  });
});

describe('ServiceCapacity on an EcsService', () => {
  test('Fargate Spot mix: base on Fargate, weights, capacity providers enabled on the cluster', () => {
    // GIVEN
    const f = serviceFixture();
    // WHEN
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.fargateMix({ fargateBase: 1, fargateWeight: 1, spotWeight: 4 }) });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 4 }],
      LaunchType: Match.absent(),
    });
    t.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: Match.arrayWith(['FARGATE', 'FARGATE_SPOT']) });
  });

  test('EC2 through a named capacity provider (of an imported cluster): that strategy and no launch type', () => {
    // GIVEN
    const f = serviceFixture(TaskCompatibility.EC2);
    const cluster = ecs.Cluster.fromClusterAttributes(f.stack, 'Shared', { clusterName: 'shared', vpc: f.vpc });
    // WHEN
    new EcsService(f.stack, 'Web', { cluster, taskDefinition: f.app, capacity: ServiceCapacity.ec2({ capacityProviderName: 'shared-asg' }) });
    // THEN
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: 'shared-asg', Weight: 1 }],
      LaunchType: Match.absent(),
    });
  });
});
