import { ClusterCapacity, ClusterCapacityKind, Ec2AmiFamily, Ec2PurchaseOption } from '../../../lib/ecs';

describe('ClusterCapacity factories', () => {
  test('fargate, fargateSpot and ec2 carry their kind, name, weight and base', () => {
    expect(ClusterCapacity.fargate()).toMatchObject({ kind: ClusterCapacityKind.FARGATE, name: 'FARGATE', weight: 1, baseTasks: 0, isFargate: true });
    expect(ClusterCapacity.fargateSpot({ weight: 3, baseTasks: 2 })).toMatchObject({ kind: ClusterCapacityKind.FARGATE_SPOT, name: 'FARGATE_SPOT', weight: 3, baseTasks: 2 });
    const ec2Capacity = ClusterCapacity.ec2({ name: 'Arm', maxCapacity: 2 });
    expect(ec2Capacity).toMatchObject({ kind: ClusterCapacityKind.EC2, name: 'Arm', isFargate: false });
    expect(ec2Capacity.ec2Options).toEqual({ name: 'Arm', maxCapacity: 2 });
    expect(ClusterCapacity.ec2().name).toBe('Ec2');
  });

  test('weight 1 and base 0 by default for every kind; only EC2 capacity carries EC2 options', () => {
    // GIVEN / WHEN
    const all = [ClusterCapacity.fargate(), ClusterCapacity.fargateSpot(), ClusterCapacity.ec2()];
    // THEN
    expect(all.map((c) => [c.name, c.weight, c.baseTasks, c.isFargate])).toEqual([['FARGATE', 1, 0, true], ['FARGATE_SPOT', 1, 0, true], ['Ec2', 1, 0, false]]);
    expect(ClusterCapacity.fargate({ weight: 2 }).ec2Options).toBeUndefined();
    expect(ClusterCapacity.fargateSpot().ec2Options).toBeUndefined();
    expect(ClusterCapacity.ec2().ec2Options).toEqual({});
  });

  test('the EC2 options are kept as given: the defaults are applied when the capacity is built', () => {
    const options = { name: 'Graviton', amiFamily: Ec2AmiFamily.BOTTLEROCKET, purchaseOption: Ec2PurchaseOption.SPOT, weight: 3, baseTasks: 1 };
    const capacity = ClusterCapacity.ec2(options);
    expect(capacity).toMatchObject({ kind: ClusterCapacityKind.EC2, name: 'Graviton', weight: 3, baseTasks: 1 });
    expect(capacity.ec2Options).toBe(options);
  });
});
