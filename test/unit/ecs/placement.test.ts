import { Token } from 'aws-cdk-lib';
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

describe('PlacementSimulator.simulate: exact fits', () => {
  test('a task whose memory equals exactly what the instance has left fits; one MiB more does not', () => {
    // GIVEN: m6g.large offers tasks 7782 MiB
    // WHEN
    const exact = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Cache', cpu: 512, memoryMiB: 7782, count: 1 }]);
    const over = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Cache', cpu: 512, memoryMiB: 7783, count: 1 }]);
    // THEN
    expect(exact.outcomes[0]).toMatchObject({ placed: 1, unplaced: 0 });
    expect(exact.freeMemoryMiB).toEqual([0]);
    expect(exact.freeCpu).toEqual([1536]);
    expect(over.outcomes[0]).toMatchObject({ placed: 0, unplaced: 1, shortCpu: 512, shortMemoryMiB: 7783 });
    expect(over.freeMemoryMiB).toEqual([7782]);
  });

  test('a task whose CPU equals exactly what the instance has left fits; one unit more does not', () => {
    const exact = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Compute', cpu: 2048, memoryMiB: 1024, count: 1 }]);
    const over = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Compute', cpu: 2049, memoryMiB: 1024, count: 1 }]);
    expect(exact.outcomes[0]).toMatchObject({ placed: 1, unplaced: 0 });
    expect(exact.freeCpu).toEqual([0]);
    expect(over.outcomes[0]).toMatchObject({ placed: 0, unplaced: 1 });
    expect(over.freeCpu).toEqual([2048]);
  });

  test('what is left after other tasks counts: the last task fits exactly on both CPU and memory', () => {
    // GIVEN: Big takes 1536 CPU / 5000 MiB, leaving 512 CPU / 2782 MiB
    const left = (cpu: number, memoryMiB: number) => PlacementSimulator.simulate([M6G_LARGE], [
      { name: 'Big', cpu: 1536, memoryMiB: 5000, count: 1 },
      { name: 'Small', cpu, memoryMiB, count: 1 },
    ]);
    // THEN
    expect(left(512, 2782).allPlaced).toBe(true);
    expect(left(512, 2782).freeCpu).toEqual([0]);
    expect(left(512, 2782).freeMemoryMiB).toEqual([0]);
    expect(left(513, 2782).outcomes.map((o) => o.placed)).toEqual([1, 0]);
    expect(left(512, 2783).outcomes.map((o) => o.placed)).toEqual([1, 0]);
  });

  test('after an exact fit the next instance is used: 2 tasks of a whole m6g.large each on 2 instances', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE, M6G_LARGE], [{ name: 'Whole', cpu: 2048, memoryMiB: 7782, count: 3 }]);
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 1, shortCpu: 2048, shortMemoryMiB: 7782 });
    expect(result.freeCpu).toEqual([0, 0]);
    expect(result.freeMemoryMiB).toEqual([0, 0]);
  });
});

describe('PlacementSimulator.simulate: the order tasks are placed in (the sort key)', () => {
  // One instance of 2048 CPU / 8192 MiB; in each case only one of two tasks fits, so which was placed
  // tells which went first.
  const ONE: PlacementInstance[] = [{ label: 'x', pool: 'P', cpu: 2048, memoryMiB: 8192 }];

  test('a memory-heavy task goes before a CPU-light one given first: the key is the larger share, not CPU', () => {
    // GIVEN: Cpu asks 50% of the CPU and 40% of the memory (key 0.5); Mem 6% CPU and 70% memory (key 0.7)
    const tasks: PlacementTask[] = [
      { name: 'Cpu', cpu: 1024, memoryMiB: 3277, count: 1 },
      { name: 'Mem', cpu: 128, memoryMiB: 5734, count: 1 },
    ];
    // WHEN
    const result = PlacementSimulator.simulate(ONE, tasks);
    // THEN: Mem first (0.7 > 0.5), then Cpu needs 3277 MiB of the 2458 left
    expect(result.outcomes.map((o) => [o.task.name, o.placed])).toEqual([['Cpu', 0], ['Mem', 1]]);
    expect(result.freeMemoryMiB).toEqual([8192 - 5734]);
  });

  test('shares, not raw numbers: 88% of the CPU goes before 79% of the memory, though 6500 MiB > 1800 units', () => {
    // GIVEN: A: 1800/2048 CPU = 0.88, 2000/8192 MiB = 0.24; B: 100/2048 = 0.05, 6500/8192 = 0.79
    const result = PlacementSimulator.simulate(ONE, [
      { name: 'B', cpu: 100, memoryMiB: 6500, count: 1 },
      { name: 'A', cpu: 1800, memoryMiB: 2000, count: 1 },
    ]);
    // THEN: A first; B then needs 6500 MiB of the 6192 left
    expect(result.outcomes.map((o) => [o.task.name, o.placed])).toEqual([['B', 0], ['A', 1]]);
  });

  test('shares of the largest instance: a task sized for the big instance goes first, wherever it lands', () => {
    // GIVEN: a small instance first (1024 / 4096), a big one second (4096 / 16384). Wide asks 3072 CPU
    // (0.75 of the largest CPU); Tall asks 1024 CPU and 6144 MiB (0.375 of the largest memory).
    const instances: PlacementInstance[] = [
      { label: 'small', pool: 'P', cpu: 1024, memoryMiB: 4096 },
      { label: 'big', pool: 'P', cpu: 4096, memoryMiB: 16384 },
    ];
    const result = PlacementSimulator.simulate(instances, [
      { name: 'Tall', cpu: 1024, memoryMiB: 6144, count: 2 },
      { name: 'Wide', cpu: 3072, memoryMiB: 1024, count: 1 },
    ]);
    // THEN: Wide first takes the big one's 3072 CPU; the Talls then find 1024 CPU there (one fits), none on the small one (4096 MiB)
    expect(result.outcomes.map((o) => [o.task.name, o.placed])).toEqual([['Tall', 1], ['Wide', 1]]);
    expect(result.freeCpu).toEqual([1024, 0]);
  });

  test('equal keys: by name, so the result does not depend on the input order', () => {
    // GIVEN two tasks of the same size (a whole instance each), Beta given first
    const whole = { cpu: 2048, memoryMiB: 8192, count: 1 };
    // WHEN
    const result = PlacementSimulator.simulate(ONE, [{ name: 'Beta', ...whole }, { name: 'Alpha', ...whole }]);
    const reversed = PlacementSimulator.simulate(ONE, [{ name: 'Alpha', ...whole }, { name: 'Beta', ...whole }]);
    // THEN
    expect(result.outcomes.map((o) => [o.task.name, o.placed])).toEqual([['Beta', 0], ['Alpha', 1]]);
    expect(reversed.outcomes.map((o) => [o.task.name, o.placed])).toEqual([['Alpha', 1], ['Beta', 0]]);
  });

  test('equal keys and names: input order', () => {
    // GIVEN: two groups named Api of the same size; the second is bound to a pool the instance is not in
    const api = { name: 'Api', cpu: 2048, memoryMiB: 8192, count: 1 };
    const result = PlacementSimulator.simulate(ONE, [api, { ...api, pool: 'Elsewhere' }, { ...api }]);
    // THEN: the first is placed; the third finds nothing left
    expect(result.outcomes.map((o) => o.placed)).toEqual([1, 0, 0]);
  });
});

// Fixtures are built inside the tests, not in beforeAll: code run by a hook counts for no test in
// Stryker's per-test coverage, so every mutant it reaches would need the whole run (npm run test:mutation).
describe(EC2_AND_FARGATE_CLUSTERS, () => {
  test('notes: "ECS places the 5 containers on the EC2 instances; the distribution accounts for the CPU and RAM of each node"', () => {
    // GIVEN / WHEN
    const { stack } = ec2AndFargateClusters();
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

describe('PlacementSimulator input checks: what each input allows', () => {
  const task: PlacementTask = { name: 'Api', cpu: 512, memoryMiB: 1024, count: 1 };
  const info = (vcpus: number, memoryMiB: number) => ({ instanceType: 'x', vcpus, memoryMiB, architecture: ec2.InstanceArchitecture.X86_64 });

  test.each([
    ['an infinite instance CPU', () => PlacementSimulator.simulate([{ ...M6G_LARGE, cpu: Number.POSITIVE_INFINITY }], [task]), 'instances[0].cpu: got Infinity; allowed: a finite number, 0 or more.'],
    ['a negative memory of the second instance', () => PlacementSimulator.simulate([M6G_LARGE, { ...M6G_LARGE, memoryMiB: -1 }], [task]), 'instances[1].memoryMiB: got -1; allowed: a finite number, 0 or more.'],
    ['an infinite task memory', () => PlacementSimulator.simulate([M6G_LARGE], [{ ...task, memoryMiB: Number.POSITIVE_INFINITY }]), 'tasks[0].memoryMiB: got Infinity; allowed: a finite number, 0 or more.'],
    ['a negative task CPU', () => PlacementSimulator.simulate([M6G_LARGE], [{ ...task, cpu: -0.5 }]), 'tasks[0].cpu: got -0.5; allowed: a finite number, 0 or more.'],
    ['a negative count', () => PlacementSimulator.simulate([M6G_LARGE], [{ ...task, count: -1 }]), 'tasks[0].count: got -1; allowed: a whole number, 0 or more.'],
    ['a token instance memory', () => PlacementSimulator.simulate([{ ...M6G_LARGE, memoryMiB: Token.asNumber({ Ref: 'Memory' }) }], [task]), 'instances[0].memoryMiB: got an unresolved token; allowed: a concrete number. Hint: the simulator runs at synth; resolve the token first, or leave it out'],
    ['a fractional vCPU count', () => PlacementSimulator.schedulableResources(info(1.5, 4096)), 'info.vcpus: got 1.5; allowed: a whole number above 0.'],
    ['memory of 0', () => PlacementSimulator.schedulableResources(info(2, 0)), 'info.memoryMiB: got 0; allowed: a finite number above 0.'],
    ['infinite memory', () => PlacementSimulator.schedulableResources(info(2, Number.POSITIVE_INFINITY)), 'info.memoryMiB: got Infinity; allowed: a finite number above 0.'],
  ])('%s is a ValidationError naming the input', (_name, call, message) => {
    const error = thrownBy(call);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(`[PlacementSimulator] ${message}`);
  });

  test('CPU and memory may be fractions (instances, tasks and the instance type\'s memory); only counts and vCPUs must be whole', () => {
    // GIVEN: one instance of 1000.5 CPU / 2000.5 MiB; 2 tasks of 500.25 CPU / 1000.25 MiB fill it exactly
    const result = PlacementSimulator.simulate([{ label: 'x', pool: 'P', cpu: 1000.5, memoryMiB: 2000.5 }], [{ name: 'Half', cpu: 500.25, memoryMiB: 1000.25, count: 2 }]);
    // THEN
    expect(result.outcomes[0]).toMatchObject({ placed: 2, unplaced: 0 });
    expect(result.freeCpu).toEqual([0]);
    expect(result.freeMemoryMiB).toEqual([0]);
    // 1000.5 MiB installed: 5% is 50.025, rounded up to 51
    expect(PlacementSimulator.schedulableResources(info(1, 1000.5))).toEqual({ cpu: 1024, memoryMiB: 1000.5 - 51 });
  });

  test('allPlaced is false when any group is short, though others fit', () => {
    const result = PlacementSimulator.simulate([M6G_LARGE], [{ name: 'Fits', cpu: 512, memoryMiB: 1024, count: 1 }, { name: 'Huge', cpu: 4096, memoryMiB: 1024, count: 1 }]);
    expect(result.outcomes.map((o) => o.placed)).toEqual([1, 0]);
    expect(result.allPlaced).toBe(false);
  });
});
