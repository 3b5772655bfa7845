import { Stack, aws_ecs as ecs } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  describeMemory, FARGATE_EPHEMERAL_STORAGE_GIB, FARGATE_SIZES, fargateRows, isFargateSize, memoryChoices,
} from '../../../../lib/ecs/private/task-sizes';
import { EcsTaskDefinition } from '../../../../lib/ecs/task-definition';
import { ValidationError } from '../../../../lib/errors';
import { webContainer } from '../../../support/ecs';
import { newStack } from '../../../support/stack';
import { thrownBy } from '../../../support/thrown';

const GIB = 1024;

describe('the Fargate size table', () => {
  test('seven CPU sizes, 0.25 to 16 vCPU; Windows may use the 1, 2 and 4 vCPU rows', () => {
    expect(FARGATE_SIZES.map((r) => r.cpu)).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
    expect(fargateRows(false)).toEqual([...FARGATE_SIZES]);
    expect(fargateRows(true).map((r) => r.cpu)).toEqual([1024, 2048, 4096]);
  });

  test.each<[number, number[]]>([
    [256, [512, 1024, 2048]],
    [512, [1, 2, 3, 4].map((g) => g * GIB)],
    [1024, [2, 3, 4, 5, 6, 7, 8].map((g) => g * GIB)],
    [4096, Array.from({ length: 23 }, (_, i) => (8 + i) * GIB)],
    [8192, [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60].map((g) => g * GIB)],
    [16384, [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120].map((g) => g * GIB)],
  ])('cpu %i allows memory %j (MiB)', (cpu, memory) => {
    expect(memoryChoices(FARGATE_SIZES.find((r) => r.cpu === cpu)!)).toEqual(memory);
  });

  test('describeMemory lists short rows and gives the range and step of long ones', () => {
    const row = (cpu: number) => FARGATE_SIZES.find((r) => r.cpu === cpu)!;
    expect(describeMemory(row(256))).toBe('512, 1024 or 2048 MiB');
    expect(describeMemory(row(512))).toBe('1024, 2048, 3072 or 4096 MiB');
    expect(describeMemory(row(2048))).toBe('4096 to 16384 MiB in steps of 1024');
    expect(describeMemory(row(16384))).toBe('32768 to 122880 MiB in steps of 8192');
  });

  test('isFargateSize: only the pairs of the table, and for Windows only its rows', () => {
    expect(isFargateSize(256, 512, false)).toBe(true);
    expect(isFargateSize(256, 1536, false)).toBe(false);
    expect(isFargateSize(300, 1024, false)).toBe(false);
    expect(isFargateSize(8192, 20 * GIB, false)).toBe(true);
    expect(isFargateSize(8192, 18 * GIB, false)).toBe(false);
    expect(isFargateSize(8192, 20 * GIB, true)).toBe(false);
    expect(isFargateSize(1024, 2 * GIB, true)).toBe(true);
    expect(isFargateSize(512, 1 * GIB, true)).toBe(false);
  });

  test('ephemeral storage: 21 to 200 GiB', () => {
    expect(FARGATE_EPHEMERAL_STORAGE_GIB).toEqual({ min: 21, max: 200 });
  });
});

/**
 * The Fargate task sizes as the AWS documentation states them, written out by hand (not read from
 * FARGATE_SIZES): Amazon ECS Developer Guide, "Troubleshoot Amazon ECS task definition invalid CPU or
 * memory errors" (the table of CPU, memory and operating systems), and the RegisterTaskDefinition API
 * reference, `memory`. Memory in GB as the documentation gives it; 1 GB = 1024 MiB there.
 */
interface DocumentedRow {
  readonly cpu: number;
  /** Every memory value the documentation allows for this cpu, in GB, smallest first. */
  readonly memoryGB: readonly number[];
  /** The documented increment between memory values, in GB (the 256 row has none: 0.5, 1 and 2 GB). */
  readonly stepGB: number;
  /** "Linux, Windows" in the documentation's operating-system column. */
  readonly windows: boolean;
}
const DOCUMENTED: readonly DocumentedRow[] = [
  { cpu: 256, memoryGB: [0.5, 1, 2], stepGB: 0.5, windows: false },
  { cpu: 512, memoryGB: [1, 2, 3, 4], stepGB: 1, windows: false },
  { cpu: 1024, memoryGB: [2, 3, 4, 5, 6, 7, 8], stepGB: 1, windows: true },
  // "Between 4 GB and 16 GB in 1 GB increments"
  { cpu: 2048, memoryGB: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], stepGB: 1, windows: true },
  // "Between 8 GB and 30 GB in 1 GB increments"
  { cpu: 4096, memoryGB: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30], stepGB: 1, windows: true },
  // "Between 16 GB and 60 GB in 4 GB increments" (Linux platform 1.4.0 or later)
  { cpu: 8192, memoryGB: [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60], stepGB: 4, windows: false },
  // "Between 32 GB and 120 GB in 8 GB increments" (Linux platform 1.4.0 or later)
  { cpu: 16384, memoryGB: [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120], stepGB: 8, windows: false },
];
const mib = (gb: number): number => gb * 1024;
const minOf = (row: DocumentedRow): number => mib(row.memoryGB[0]!);
const maxOf = (row: DocumentedRow): number => mib(row.memoryGB[row.memoryGB.length - 1]!);
const WINDOWS_ROWS = DOCUMENTED.filter((row) => row.windows);

describe('the Fargate size table against the AWS documentation', () => {
  test('the same CPU sizes, and Windows on the same ones', () => {
    expect(FARGATE_SIZES.map((r) => r.cpu)).toEqual(DOCUMENTED.map((r) => r.cpu));
    expect(fargateRows(true).map((r) => r.cpu)).toEqual(WINDOWS_ROWS.map((r) => r.cpu));
  });

  test.each(DOCUMENTED.map((row) => [row.cpu, row] as const))('cpu %i: exactly the documented memory values, smallest to largest', (cpu, row) => {
    expect(memoryChoices(FARGATE_SIZES.find((r) => r.cpu === cpu)!)).toEqual(row.memoryGB.map(mib));
  });

  test.each(DOCUMENTED.map((row) => [row.cpu, row] as const))('cpu %i on Linux: the documented minimum and maximum are accepted, one step outside either is refused', (cpu, row) => {
    const step = mib(row.stepGB);
    expect([minOf(row), isFargateSize(cpu, minOf(row), false)]).toEqual([minOf(row), true]);
    expect([maxOf(row), isFargateSize(cpu, maxOf(row), false)]).toEqual([maxOf(row), true]);
    expect([minOf(row) - step, isFargateSize(cpu, minOf(row) - step, false)]).toEqual([minOf(row) - step, false]);
    expect([maxOf(row) + step, isFargateSize(cpu, maxOf(row) + step, false)]).toEqual([maxOf(row) + step, false]);
  });

  test.each(DOCUMENTED.map((row) => [row.cpu, row] as const))('cpu %i on Linux: every documented increment is accepted, a value between two of them is refused', (cpu, row) => {
    for (const gb of row.memoryGB) expect([gb, isFargateSize(cpu, mib(gb), false)]).toEqual([gb, true]);
    // Half an increment above each value but the last: never on the documented grid (256 CPU: 768, 1536 MiB).
    const between = row.memoryGB.slice(0, -1).map((gb, i) => (mib(gb) + mib(row.memoryGB[i + 1]!)) / 2);
    for (const m of between) expect([m, isFargateSize(cpu, m, false)]).toEqual([m, false]);
  });

  test.each(WINDOWS_ROWS.map((row) => [row.cpu, row] as const))('cpu %i on Windows: the same minimum, maximum and increments as Linux; one step outside is refused', (cpu, row) => {
    const step = mib(row.stepGB);
    for (const gb of row.memoryGB) expect([gb, isFargateSize(cpu, mib(gb), true)]).toEqual([gb, true]);
    expect(isFargateSize(cpu, minOf(row) - step, true)).toBe(false);
    expect(isFargateSize(cpu, maxOf(row) + step, true)).toBe(false);
  });

  test.each(DOCUMENTED.filter((row) => !row.windows).map((row) => [row.cpu, row] as const))('cpu %i is Linux only: Windows is refused even at its documented minimum and maximum', (cpu, row) => {
    expect(isFargateSize(cpu, minOf(row), true)).toBe(false);
    expect(isFargateSize(cpu, maxOf(row), true)).toBe(false);
  });

  test.each(DOCUMENTED.map((row) => [row.cpu, row] as const))('cpu %i: describeMemory states the documented values', (cpu, row) => {
    const described = describeMemory(FARGATE_SIZES.find((r) => r.cpu === cpu)!);
    const values = row.memoryGB.map(mib);
    const expected = values.length <= 4
      ? `${values.slice(0, -1).join(', ')} or ${maxOf(row)} MiB`
      : `${minOf(row)} to ${maxOf(row)} MiB in steps of ${mib(row.stepGB)}`;
    expect(described).toBe(expected);
  });
});

describe('the documented extremes, as EcsTaskDefinition applies them', () => {
  const taskDefinition = (cpu: number, memoryMiB: number, windows: boolean): Record<string, unknown> => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new EcsTaskDefinition(stack, 'App', {
      cpu, memoryMiB,
      // ECS takes no user for Windows containers
      ...(windows ? { operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, containers: [webContainer({ user: undefined })] } : { containers: [webContainer()] }),
    });
    return Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
  };

  test.each(DOCUMENTED.flatMap((row) => [[row.cpu, minOf(row)], [row.cpu, maxOf(row)]] as const))('Linux cpu %i with memory %i MiB synthesizes with those values', (cpu, memory) => {
    // THEN
    expect(Object.values(taskDefinition(cpu, memory, false)).map((r) => (r as { Properties: Record<string, unknown> }).Properties))
      .toEqual([expect.objectContaining({ Cpu: String(cpu), Memory: String(memory) })]);
  });

  test.each(WINDOWS_ROWS.flatMap((row) => [[row.cpu, minOf(row)], [row.cpu, maxOf(row)]] as const))('Windows cpu %i with memory %i MiB synthesizes with those values', (cpu, memory) => {
    expect(Object.values(taskDefinition(cpu, memory, true)).map((r) => (r as { Properties: Record<string, unknown> }).Properties))
      .toEqual([expect.objectContaining({ Cpu: String(cpu), Memory: String(memory) })]);
  });

  test.each(DOCUMENTED.flatMap((row) => [[row.cpu, maxOf(row) + mib(row.stepGB)]] as const))('Linux cpu %i with memory %i MiB (one step above the maximum) is a ValidationError on memoryMiB', (cpu, memory) => {
    const error = thrownBy(() => taskDefinition(cpu, memory, false));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(new RegExp(`^\\[Stack/App\\] memoryMiB: got ${memory}; allowed: cpu ${cpu} allows memory `));
  });
});

describe('the Fargate size table, as EcsTaskDefinition applies it', () => {
  /** Builds a task definition in `stack` and synthesizes, so checks on the finished tree run too. */
  const make = (props: ConstructorParameters<typeof EcsTaskDefinition>[2]) => (stack: Stack) => {
    new EcsTaskDefinition(stack, 'App', props);
    Template.fromStack(stack);
  };
  const WINDOWS = ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE;

  const cases: Array<[string, (stack: Stack) => void, RegExp]> = [
    // Fargate sizes
    ['Fargate cpu not in the table', make({ cpu: 300, containers: [webContainer()] }),
      /^\[Stack\/App\] cpu: got 300; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384 \(Fargate\)\.$/],
    ['Fargate memory not allowed for cpu 256 names the fix', make({ cpu: 256, memoryMiB: 4096, containers: [webContainer()] }),
      /^\[Stack\/App\] memoryMiB: got 4096; allowed: cpu 256 allows memory 512, 1024 or 2048 MiB\. Hint: pick a memory size from that list/],
    ['Fargate memory off the step for cpu 8192', make({ cpu: 8192, memoryMiB: 18432, containers: [webContainer()] }),
      /^\[Stack\/App\] memoryMiB: got 18432; allowed: cpu 8192 allows memory 16384 to 61440 MiB in steps of 4096\./],
    ['Fargate memory above the range for cpu 4096', make({ cpu: 4096, memoryMiB: 32768, containers: [webContainer()] }),
      /^\[Stack\/App\] memoryMiB: got 32768; allowed: cpu 4096 allows memory 8192 to 30720 MiB in steps of 1024\./],
    ['Windows below 1 vCPU', make({ cpu: 512, memoryMiB: 1024, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE, containers: [webContainer()] }),
      /^\[Stack\/App\] cpu: got 512; allowed: 1024, 2048, 4096 \(Fargate with Windows\)\. Hint: Windows containers on Fargate need at least 1024 CPU units/],
    ['Windows on a Linux-only Fargate size (8 vCPU)', make({ cpu: 8192, memoryMiB: 16384, operatingSystemFamily: WINDOWS, containers: [webContainer()] }),
      /^\[Stack\/App\] cpu: got 8192; allowed: 1024, 2048, 4096 \(Fargate with Windows\)\./],
    ['Windows memory not allowed for its cpu', make({ cpu: 1024, memoryMiB: 1024, operatingSystemFamily: WINDOWS, containers: [webContainer()] }),
      /^\[Stack\/App\] memoryMiB: got 1024; allowed: cpu 1024 allows memory 2048 to 8192 MiB in steps of 1024\. Hint: pick a memory size/],
    // ephemeral storage
    ['ephemeral storage below 21 GiB', make({ ephemeralStorageGiB: 20, containers: [webContainer()] }),
      /^\[Stack\/App\] ephemeralStorageGiB: got 20; allowed: a whole number from 21 to 200\./],
    ['ephemeral storage above 200 GiB', make({ ephemeralStorageGiB: 201, containers: [webContainer()] }),
      /^\[Stack\/App\] ephemeralStorageGiB: got 201; allowed: a whole number from 21 to 200\./],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const error = thrownBy(() => build(stack));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});
