/**
 * Fargate task sizes: the task-level cpu/memory combinations that Fargate accepts.
 *
 * Source: the Amazon ECS developer guide, "Task CPU and memory" and the RegisterTaskDefinition
 * API reference (checked against aws-cdk-lib 2.276.0's FargateTaskDefinitionProps docs):
 *
 * | cpu   | memory (MiB)                                      |
 * | ----- | ------------------------------------------------- |
 * | 256   | 512, 1024, 2048                                   |
 * | 512   | 1024 to 4096 in 1024 steps                        |
 * | 1024  | 2048 to 8192 in 1024 steps                        |
 * | 2048  | 4096 to 16384 in 1024 steps                       |
 * | 4096  | 8192 to 30720 in 1024 steps                       |
 * | 8192  | 16384 to 61440 in 4096 steps (Linux platform 1.4.0+)  |
 * | 16384 | 32768 to 122880 in 8192 steps (Linux platform 1.4.0+) |
 *
 * Windows containers on Fargate need at least 1 vCPU, and the 8 and 16 vCPU sizes are Linux only,
 * so Windows tasks may use the 1024, 2048 and 4096 rows. Ephemeral storage: 21 to 200 GiB.
 * EKS on Fargate sizes pods from the same combinations: the table itself is in
 * lib/private/fargate-pod-sizes.ts, which both read.
 */
import { FARGATE_POD_SIZES } from '../../private/fargate-pod-sizes';

/** One row of the Fargate size table. */
export interface FargateCpuRow {
  /** Task CPU units. */
  readonly cpu: number;
  /** Smallest memory in MiB. */
  readonly minMiB: number;
  /** Largest memory in MiB. */
  readonly maxMiB: number;
  /** Step between allowed memory values in MiB. */
  readonly stepMiB: number;
  /** Whether Windows tasks may use this row. */
  readonly windows: boolean;
}

const GIB = 1024;

/** The CPU rows Windows tasks may use: 1, 2 and 4 vCPU (Windows needs at least 1 vCPU; 8 and 16 are Linux only). */
const WINDOWS_CPU: readonly number[] = [1024, 2048, 4096];

/**
 * The Fargate size table (Linux; `windows` marks the rows Windows may use too), built from the one
 * table ECS and EKS share (lib/private/fargate-pod-sizes.ts, vCPU and GiB): each row's smallest and
 * largest memory, and the step between its last two values (256 CPU: 512, then whole GiB, 1024 and
 * 2048, so its step is 1024).
 */
export const FARGATE_SIZES: readonly FargateCpuRow[] = FARGATE_POD_SIZES.map((row): FargateCpuRow => {
  const mib = row.memoryGiB.map((gib) => gib * GIB);
  const cpu = row.vcpu * 1024;
  return { cpu, minMiB: mib[0]!, maxMiB: mib[mib.length - 1]!, stepMiB: mib[mib.length - 1]! - mib[mib.length - 2]!, windows: WINDOWS_CPU.includes(cpu) };
});

/** Fargate ephemeral storage bounds in GiB. */
export const FARGATE_EPHEMERAL_STORAGE_GIB = { min: 21, max: 200 } as const;

/** The rows allowed for the given operating system. */
export function fargateRows(windows: boolean): FargateCpuRow[] {
  return FARGATE_SIZES.filter((row) => !windows || row.windows);
}

/** The memory values (MiB) that a row allows. */
export function memoryChoices(row: FargateCpuRow): number[] {
  // Each row steps from its minimum, except 256 CPU: 512, then whole GiB from 1 GiB (1024, 2048; not 1536).
  const out: number[] = row.cpu === 256 ? [row.minMiB] : [];
  for (let m = row.cpu === 256 ? row.stepMiB : row.minMiB; m <= row.maxMiB; m += row.stepMiB) out.push(m);
  return out;
}

/** Describes what memory a row allows, in words: "512, 1024 or 2048 MiB" or "4096 to 16384 MiB in steps of 1024". */
export function describeMemory(row: FargateCpuRow): string {
  const choices = memoryChoices(row);
  if (choices.length <= 4) {
    return `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]} MiB`;
  }
  return `${row.minMiB} to ${row.maxMiB} MiB in steps of ${row.stepMiB}`;
}

/** True when the cpu/memory pair is a valid Fargate size. */
export function isFargateSize(cpu: number, memoryMiB: number, windows: boolean): boolean {
  const row = fargateRows(windows).find((r) => r.cpu === cpu);
  return row !== undefined && memoryChoices(row).includes(memoryMiB);
}
