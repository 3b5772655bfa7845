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
