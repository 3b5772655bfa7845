import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import {
  AGENT_MEMORY_RESERVATION_FRACTION, ClusterCapacity, EcsCluster, lookupInstanceType, PlacementInstance,
  schedulableResources, simulatePlacement, TaskDemand,
} from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';

/** m6g.large: 2 vCPU, 8 GiB. Tasks may use 2048 CPU units and 8192 - ceil(8192 x 5%) = 8192 - 410 = 7782 MiB. */
const M6G_LARGE: PlacementInstance = { label: 'm6g.large', pool: 'General', cpu: 2048, memoryMiB: 7782 };

describe('schedulableResources (the agent reservation)', () => {
  test('keeps 5% of installed memory (rounded up) for the agent and OS, and all CPU for tasks', () => {
    expect(AGENT_MEMORY_RESERVATION_FRACTION).toBe(0.05);
    expect(schedulableResources(lookupInstanceType('m6g.large')!)).toEqual({ cpu: 2048, memoryMiB: 7782 });
    expect(schedulableResources(lookupInstanceType('c7g.medium')!)).toEqual({ cpu: 1024, memoryMiB: 2048 - 103 });
    expect(schedulableResources(lookupInstanceType('r6i.4xlarge')!)).toEqual({ cpu: 16384, memoryMiB: 131072 - 6554 });
  });
});

describe('simulatePlacement (hand-worked cases)', () => {
  test('4 tasks of 512 CPU / 1024 MiB fill 1 x m6g.large exactly on CPU', () => {
    // GIVEN: 4 x 512 = 2048 CPU (all of it), 4 x 1024 = 4096 MiB of 7782
    // WHEN
    const result = simulatePlacement([M6G_LARGE], [{ name: 'Api', cpu: 512, memoryMiB: 1024, count: 4 }]);
    // THEN
    expect(result.allPlaced).toBe(true);
    expect(result.outcomes[0]).toMatchObject({ placed: 4, unplaced: 0, shortCpu: 0, shortMemoryMiB: 0 });
    expect(result.freeCpu).toEqual([0]);
    expect(result.freeMemoryMiB).toEqual([7782 - 4096]);
  });

  test('a fifth such task does not fit: short by 512 CPU / 1024 MiB', () => {
    const result = simulatePlacement([M6G_LARGE], [{ name: 'Api', cpu: 512, memoryMiB: 1024, count: 5 }]);
    expect(result.allPlaced).toBe(false);
    expect(result.outcomes[0]).toMatchObject({ placed: 4, unplaced: 1, shortCpu: 512, shortMemoryMiB: 1024 });
  });

  test('the reservation matters: 2 x 4000 MiB = 8000 MiB fits the installed 8192 but not the 7782 tasks may use', () => {
    const result = simulatePlacement([M6G_LARGE], [{ name: 'Cache', cpu: 256, memoryMiB: 4000, count: 2 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 1, unplaced: 1, shortCpu: 256, shortMemoryMiB: 4000 });
  });

  test('a task larger than the instance never fits', () => {
    const result = simulatePlacement([M6G_LARGE], [{ name: 'Big', cpu: 1024, memoryMiB: 16384, count: 1 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 0, unplaced: 1 });
  });

  test('first-fit-decreasing: big tasks go first, so 6+4 / 6+4 packs where input order (4,4,6,6) would not', () => {
    // GIVEN: two instances of 1000 CPU; input order small first. First-fit in input order would put
    // 400+400 on the first instance, 600 on the second, and leave one 600 out.
    const instances = [0, 1].map(() => ({ label: 'x', pool: 'P', cpu: 1000, memoryMiB: 10000 }));
    // WHEN
    const result = simulatePlacement(instances, [
      { name: 'Small', cpu: 400, memoryMiB: 100, count: 2 },
      { name: 'Big', cpu: 600, memoryMiB: 100, count: 2 },
    ]);
    // THEN
    expect(result.allPlaced).toBe(true);
    expect(result.freeCpu).toEqual([0, 0]);
  });

  test('CPU and memory both bind: 3 tasks of 1024 CPU / 2048 MiB on 1 x m6g.large place 2 (CPU-bound)', () => {
    const result = simulatePlacement([M6G_LARGE], [{ name: 'Web', cpu: 1024, memoryMiB: 2048, count: 3 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 1 });
    expect(result.freeMemoryMiB).toEqual([7782 - 4096]);
  });

  test('tasks bound to a pool only land on that pool', () => {
    const instances = [{ ...M6G_LARGE, pool: 'A' }, { ...M6G_LARGE, pool: 'B' }];
    const result = simulatePlacement(instances, [{ name: 'OnA', cpu: 1024, memoryMiB: 1024, count: 3, pool: 'A' }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 1 });
    expect(result.freeCpu).toEqual([0, 2048]);
  });

  test('tasks without a pool use any instance', () => {
    const instances = [{ ...M6G_LARGE, pool: 'A' }, { ...M6G_LARGE, pool: 'B' }];
    const result = simulatePlacement(instances, [{ name: 'Anywhere', cpu: 1024, memoryMiB: 1024, count: 4 }]);
    expect(result.allPlaced).toBe(true);
  });

  test('no instances, no tasks: nothing placed, nothing short', () => {
    expect(simulatePlacement([], [{ name: 'X', cpu: 1, memoryMiB: 1, count: 2 }]).outcomes[0]).toMatchObject({ placed: 0, unplaced: 2 });
    expect(simulatePlacement([M6G_LARGE], [])).toEqual({ outcomes: [], allPlaced: true, freeCpu: [2048], freeMemoryMiB: [7782] });
  });
});

describe('EcsCluster placement check', () => {
  function clusterWith(capacity: ClusterCapacity[]): { stack: Stack; cluster: EcsCluster; service: Construct } {
    const stack = new Stack(new App(), 'Platform');
    const cluster = new EcsCluster(stack, 'Cluster', { capacity });
    const service = new Construct(stack, 'Api');
    return { stack, cluster, service };
  }
  const general = (maxCapacity: number, ...types: string[]): ClusterCapacity =>
    ClusterCapacity.ec2({ name: 'General', maxCapacity, instanceTypes: (types.length ? types : ['m6g.large']).map((t) => new ec2.InstanceType(t)) });
  const demand = (source: Construct, over: Partial<TaskDemand> = {}): TaskDemand =>
    ({ source, name: 'Platform/Api', cpu: 1024, memoryMiB: 2048, count: 8, ...over });

  test('warns naming the service, task size and shortfall when tasks do not all fit at max capacity', () => {
    // GIVEN: 3 x m6g.large hold 2 tasks each (CPU-bound): 6 of 8 fit
    const { stack, cluster, service } = clusterWith([general(3)]);
    // WHEN
    cluster.addTaskDemand(demand(service));
    // THEN
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster',
      '2 of 8 tasks of Platform/Api (1024 CPU, 2048 MiB) do not fit on 3 x m6g.large (General) at max capacity; short by 2048 CPU units / 4096 MiB. ' +
      'Raise maxCapacity, use larger instance types or lower the desired count. [ack: cdk-containers:placement-shortfall]');
  });

  test('no warning when everything fits', () => {
    const { stack, cluster, service } = clusterWith([general(4)]);
    cluster.addTaskDemand(demand(service));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('demands add up across services', () => {
    const { stack, cluster, service } = clusterWith([general(4)]);
    cluster.addTaskDemand(demand(service, { count: 6 }));
    cluster.addTaskDemand(demand(service, { name: 'Platform/Worker', count: 4, capacityName: 'General' }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^2 of 4 tasks of Platform/Worker'));
  });

  test('a single task larger than every instance type is a ValidationError naming the service', () => {
    // GIVEN: a 16 GiB task; m6g.large offers tasks 7782 MiB
    const { stack, cluster, service } = clusterWith([general(3)]);
    cluster.addTaskDemand(demand(service, { memoryMiB: 16384, count: 1 }));
    // WHEN
    let error: unknown;
    try {
      Annotations.fromStack(stack);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect(() => { throw error; }).toThrow(
      /\[Platform\/Api\] task size: got "1024 CPU units, 16384 MiB"; allowed: at most 2048 CPU units and 7782 MiB \(largest type of EC2 capacity General\)/);
  });

  test('mixed instance types: the largest decides whether a task can ever fit, the smallest is assumed at max capacity', () => {
    const { stack, cluster, service } = clusterWith([general(2, 'm6g.large', 'm6g.xlarge')]);
    cluster.addTaskDemand(demand(service, { cpu: 4096, memoryMiB: 8192, count: 1 }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^1 of 1 tasks of Platform/Api \\(4096 CPU, 8192 MiB\\) do not fit on 2 x m6g.large \\(General\\)'));
  });

  test('tokens in the desired count (or size) are skipped', () => {
    const { stack, cluster, service } = clusterWith([general(1)]);
    cluster.addTaskDemand(demand(service, { count: Token.asNumber({ Ref: 'DesiredCount' }) }));
    cluster.addTaskDemand(demand(service, { memoryMiB: Token.asNumber({ Ref: 'Memory' }), count: 100 }));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a demand for an unknown capacity is a ValidationError', () => {
    const { stack, cluster, service } = clusterWith([general(1)]);
    cluster.addTaskDemand(demand(service, { capacityName: 'Gpu' }));
    expect(() => Annotations.fromStack(stack)).toThrow(/\[Platform\/Api\] capacityName: got "Gpu"; allowed: General/);
  });

  test('a cluster with no EC2 capacity warns that EC2 demands have nowhere to go', () => {
    const { stack, cluster, service } = clusterWith([ClusterCapacity.fargate()]);
    cluster.addTaskDemand(demand(service));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('has no ClusterCapacity.ec2 entry'));
  });

  test('instance types of unknown size skip the check with a warning', () => {
    const { stack, cluster, service } = clusterWith([ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('m8g.large')] })]);
    cluster.addTaskDemand(demand(service, { count: 1000 }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('Placement check skipped for EC2 capacity Ec2: the size of m8g.large'));
  });

  test.each([
    ['cpu', { cpu: 0 }, /\[Platform\/Api\] cpu: got 0; allowed: a positive number of CPU units/],
    ['memoryMiB', { memoryMiB: -1 }, /\[Platform\/Api\] memoryMiB: got -1; allowed: a positive number of MiB/],
    ['count', { count: 1.5 }, /\[Platform\/Api\] count: got 1\.5; allowed: a whole number of tasks/],
  ])('addTaskDemand rejects a bad %s', (_p, over, message) => {
    const { cluster, service } = clusterWith([general(1)]);
    expect(() => cluster.addTaskDemand(demand(service, over))).toThrow(message);
  });
});
