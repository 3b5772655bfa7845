import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { InstanceTypeCatalog, PlacementInstance, PlacementSimulator, PlacementTask } from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { thrownBy } from '../../support/thrown';
import { EC2_AND_FARGATE_CLUSTERS, ec2AndFargateClusters } from '../../support/seed-notes';

/** m6g.large: 2 vCPU, 8 GiB. Tasks may use 2048 CPU units and 8192 - ceil(8192 x 5%) = 8192 - 410 = 7782 MiB. */
const M6G_LARGE: PlacementInstance = { label: 'm6g.large', pool: 'General', cpu: 2048, memoryMiB: 7782 };

describe('PlacementSimulator.schedulableResources (the agent reservation)', () => {
  test('keeps 5% of installed memory (rounded up) for the agent and OS, and all CPU for tasks', () => {
    expect(PlacementSimulator.AGENT_MEMORY_RESERVATION_FRACTION).toBe(0.05);
    expect(PlacementSimulator.CPU_UNITS_PER_VCPU).toBe(1024);
    expect(PlacementSimulator.schedulableResources(InstanceTypeCatalog.lookup('m6g.large')!)).toEqual({ cpu: 2048, memoryMiB: 7782 });
    expect(PlacementSimulator.schedulableResources(InstanceTypeCatalog.lookup('c7g.medium')!)).toEqual({ cpu: 1024, memoryMiB: 2048 - 103 });
    expect(PlacementSimulator.schedulableResources(InstanceTypeCatalog.lookup('r6i.4xlarge')!)).toEqual({ cpu: 16384, memoryMiB: 131072 - 6554 });
  });
});

describe('PlacementSimulator input checks', () => {
  const task: PlacementTask = { name: 'Api', cpu: 512, memoryMiB: 1024, count: 1 };
  test.each([
    ['a negative instance CPU', () => PlacementSimulator.simulate([{ ...M6G_LARGE, cpu: -1 }], [task]), /^\[PlacementSimulator\] instances\[0\]\.cpu: got -1; allowed: a finite number, 0 or more\.$/],
    ['a NaN instance memory', () => PlacementSimulator.simulate([{ ...M6G_LARGE, memoryMiB: Number.NaN }], [task]), /^\[PlacementSimulator\] instances\[0\]\.memoryMiB: got NaN; allowed: a finite number, 0 or more\.$/],
    ['an infinite count', () => PlacementSimulator.simulate([M6G_LARGE], [task, { ...task, cpu: 0, memoryMiB: 0, count: Number.POSITIVE_INFINITY }]),
      /^\[PlacementSimulator\] tasks\[1\]\.count: got Infinity; allowed: a whole number, 0 or more\.$/],
    ['a fractional count', () => PlacementSimulator.simulate([M6G_LARGE], [{ ...task, count: 1.5 }]), /^\[PlacementSimulator\] tasks\[0\]\.count: got 1\.5; allowed: a whole number, 0 or more\.$/],
    ['a token task CPU', () => PlacementSimulator.simulate([M6G_LARGE], [{ ...task, cpu: Token.asNumber({ Ref: 'Cpu' }) }]),
      /^\[PlacementSimulator\] tasks\[0\]\.cpu: got an unresolved token; allowed: a concrete number\. Hint: the simulator runs at synth/],
    ['0 vCPUs', () => PlacementSimulator.schedulableResources({ instanceType: 'x', vcpus: 0, memoryMiB: 1024, architecture: ec2.InstanceArchitecture.X86_64 }),
      /^\[PlacementSimulator\] info\.vcpus: got 0; allowed: a whole number above 0\.$/],
    ['negative memory', () => PlacementSimulator.schedulableResources({ instanceType: 'x', vcpus: 1, memoryMiB: -1, architecture: ec2.InstanceArchitecture.X86_64 }),
      /^\[PlacementSimulator\] info\.memoryMiB: got -1; allowed: a finite number above 0\.$/],
  ])('%s is a ValidationError', (_name, call, message) => {
    const error = thrownBy(call);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('zeros are accepted: an instance with nothing left, tasks that reserve nothing, no tasks', () => {
    const result = PlacementSimulator.simulate([{ ...M6G_LARGE, cpu: 0, memoryMiB: 0 }], [{ ...task, cpu: 0, memoryMiB: 0, count: 3 }, { ...task, count: 0 }]);
    expect(result.outcomes.map((o) => o.placed)).toEqual([3, 0]);
  });
});

describe('PlacementSimulator.simulate (hand-worked cases)', () => {
  test('4 tasks of 512 CPU / 1024 MiB fill 1 x m6g.large exactly on CPU', () => {
    // GIVEN: 4 x 512 = 2048 CPU (all of it), 4 x 1024 = 4096 MiB of 7782
    // WHEN
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Api', cpu: 512, memoryMiB: 1024, count: 4 }]);
    // THEN
    expect(result.allPlaced).toBe(true);
    expect(result.outcomes[0]).toMatchObject({ placed: 4, unplaced: 0, shortCpu: 0, shortMemoryMiB: 0 });
    expect(result.freeCpu).toEqual([0]);
    expect(result.freeMemoryMiB).toEqual([7782 - 4096]);
  });

  test('a fifth such task does not fit: short by 512 CPU / 1024 MiB', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Api', cpu: 512, memoryMiB: 1024, count: 5 }]);
    expect(result.allPlaced).toBe(false);
    expect(result.outcomes[0]).toMatchObject({ placed: 4, unplaced: 1, shortCpu: 512, shortMemoryMiB: 1024 });
  });

  test('the reservation matters: 2 x 4000 MiB = 8000 MiB fits the installed 8192 but not the 7782 tasks may use', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Cache', cpu: 256, memoryMiB: 4000, count: 2 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 1, unplaced: 1, shortCpu: 256, shortMemoryMiB: 4000 });
  });

  test('a task larger than the instance never fits', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Big', cpu: 1024, memoryMiB: 16384, count: 1 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 0, unplaced: 1 });
  });

  test('first-fit-decreasing: big tasks go first, so 6+4 / 6+4 packs where input order (4,4,6,6) would not', () => {
    // GIVEN: two instances of 1000 CPU; input order small first. First-fit in input order would put
    // 400+400 on the first instance, 600 on the second, and leave one 600 out.
    const instances = [0, 1].map(() => ({ label: 'x', pool: 'P', cpu: 1000, memoryMiB: 10000 }));
    // WHEN
    const result = PlacementSimulator.simulate(instances, [
      { name: 'Small', cpu: 400, memoryMiB: 100, count: 2 },
      { name: 'Big', cpu: 600, memoryMiB: 100, count: 2 },
    ]);
    // THEN
    expect(result.allPlaced).toBe(true);
    expect(result.freeCpu).toEqual([0, 0]);
  });

  test('CPU and memory both bind: 3 tasks of 1024 CPU / 2048 MiB on 1 x m6g.large place 2 (CPU-bound)', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Web', cpu: 1024, memoryMiB: 2048, count: 3 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 1 });
    expect(result.freeMemoryMiB).toEqual([7782 - 4096]);
  });

  test('tasks bound to a pool only land on that pool', () => {
    const instances = [{ ...M6G_LARGE, pool: 'A' }, { ...M6G_LARGE, pool: 'B' }];
    const result = PlacementSimulator.simulate(instances, [{ name: 'OnA', cpu: 1024, memoryMiB: 1024, count: 3, pool: 'A' }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 1 });
    expect(result.freeCpu).toEqual([0, 2048]);
  });

  test('tasks without a pool use any instance', () => {
    const instances = [{ ...M6G_LARGE, pool: 'A' }, { ...M6G_LARGE, pool: 'B' }];
    const result = PlacementSimulator.simulate(instances, [{ name: 'Anywhere', cpu: 1024, memoryMiB: 1024, count: 4 }]);
    expect(result.allPlaced).toBe(true);
  });

  test('no instances, no tasks: nothing placed, nothing short', () => {
    expect(PlacementSimulator.simulate([], [{ name: 'X', cpu: 1, memoryMiB: 1, count: 2 }]).outcomes[0]).toMatchObject({ placed: 0, unplaced: 2 });
    expect(PlacementSimulator.simulate([M6G_LARGE], [])).toEqual({ outcomes: [], allPlaced: true, freeCpu: [2048], freeMemoryMiB: [7782] });
  });
});

describe(EC2_AND_FARGATE_CLUSTERS, () => {
  let stack: Stack;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack } = ec2AndFargateClusters());
  });

  test('notes: "ECS places the 5 containers on the EC2 instances; the distribution accounts for the CPU and RAM of each node"', () => {
    // 5 tasks of 1024 CPU units / 2 GiB on at most 3 x m7g.large (2048 units, 7782 MiB each): 2 + 2 + 1
    const perInstance = PlacementSimulator.schedulableResources(InstanceTypeCatalog.lookup('m7g.large')!);
    const placement = PlacementSimulator.simulate(
      [0, 1, 2].map((i) => ({ label: `m7g.large-${i}`, pool: 'General', ...perInstance })),
      [{ name: 'Stack/Workers', cpu: 1024, memoryMiB: 2048, count: 5 }],
    );
    expect(placement.allPlaced).toBe(true);
    expect(placement.freeCpu).toEqual([0, 0, 1024]);
    expect(placement.freeMemoryMiB).toEqual([perInstance.memoryMiB - 4096, perInstance.memoryMiB - 4096, perInstance.memoryMiB - 2048]);
    // ... and the cluster ran the same check at synth: no shortfall for these 5 tasks
    Annotations.fromStack(stack).hasNoWarning('/Stack/Ec2', Match.stringLikeRegexp('do not fit'));
  });
});
