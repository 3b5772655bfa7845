/**
 * A table of common EC2 instance types: vCPUs, memory and CPU architecture.
 *
 * Source: "Amazon EC2 instance types" specifications (general purpose, compute optimized,
 * memory optimized and burstable pages), https://docs.aws.amazon.com/ec2/latest/instancetypes/,
 * read on 2026-11-29. The families follow fixed ratios there: `m` 4 GiB per vCPU, `c` 2 GiB
 * per vCPU, `r` 8 GiB per vCPU; burstable `t3`/`t4g` are listed size by size.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** What the library knows about one EC2 instance type. */
export interface InstanceTypeInfo {
  /** The instance type name, e.g. `m6g.large`. */
  readonly instanceType: string;
  /** Number of vCPUs. */
  readonly vcpus: number;
  /** Installed memory in MiB (as advertised, before the OS and the ECS agent take their share). */
  readonly memoryMiB: number;
  /** The CPU architecture. */
  readonly architecture: ec2.InstanceArchitecture;
}

const GIB = 1024;

/** vCPUs of each size for the `m`, `c` and `r` families. */
const SIZE_VCPUS: ReadonlyArray<readonly [string, number]> = [
  ['medium', 1],
  ['large', 2],
  ['xlarge', 4],
  ['2xlarge', 8],
  ['4xlarge', 16],
  ['8xlarge', 32],
];

/** Families with a fixed memory-per-vCPU ratio: [family, GiB per vCPU, architecture, has a `medium` size]. */
const RATIO_FAMILIES: ReadonlyArray<readonly [string, number, ec2.InstanceArchitecture, boolean]> = [
  ['m5', 4, ec2.InstanceArchitecture.X86_64, false],
  ['m6i', 4, ec2.InstanceArchitecture.X86_64, false],
  ['m7i', 4, ec2.InstanceArchitecture.X86_64, false],
  ['m6a', 4, ec2.InstanceArchitecture.X86_64, false],
  ['m7a', 4, ec2.InstanceArchitecture.X86_64, true],
  ['c5', 2, ec2.InstanceArchitecture.X86_64, false],
  ['c6i', 2, ec2.InstanceArchitecture.X86_64, false],
  ['c7i', 2, ec2.InstanceArchitecture.X86_64, false],
  ['r5', 8, ec2.InstanceArchitecture.X86_64, false],
  ['r6i', 8, ec2.InstanceArchitecture.X86_64, false],
  ['m6g', 4, ec2.InstanceArchitecture.ARM_64, true],
  ['m7g', 4, ec2.InstanceArchitecture.ARM_64, true],
  ['c6g', 2, ec2.InstanceArchitecture.ARM_64, true],
  ['c7g', 2, ec2.InstanceArchitecture.ARM_64, true],
  ['r6g', 8, ec2.InstanceArchitecture.ARM_64, true],
  ['r7g', 8, ec2.InstanceArchitecture.ARM_64, true],
];

/** Burstable families, size by size: [size, vCPUs, GiB]. c5 has no 8xlarge (it has 9xlarge), left out. */
const BURSTABLE_SIZES: ReadonlyArray<readonly [string, number, number]> = [
  ['micro', 2, 1],
  ['small', 2, 2],
  ['medium', 2, 4],
  ['large', 2, 8],
  ['xlarge', 4, 16],
  ['2xlarge', 8, 32],
];

function buildTable(): ReadonlyMap<string, InstanceTypeInfo> {
  const table = new Map<string, InstanceTypeInfo>();
  for (const [family, gibPerVcpu, architecture, hasMedium] of RATIO_FAMILIES) {
    for (const [size, vcpus] of SIZE_VCPUS) {
      if (size === 'medium' && !hasMedium) continue;
      if (family === 'c5' && size === '8xlarge') continue;
      const instanceType = `${family}.${size}`;
      table.set(instanceType, { instanceType, vcpus, memoryMiB: vcpus * gibPerVcpu * GIB, architecture });
    }
  }
  for (const [family, architecture] of [['t3', ec2.InstanceArchitecture.X86_64], ['t3a', ec2.InstanceArchitecture.X86_64], ['t4g', ec2.InstanceArchitecture.ARM_64]] as const) {
    for (const [size, vcpus, gib] of BURSTABLE_SIZES) {
      const instanceType = `${family}.${size}`;
      table.set(instanceType, { instanceType, vcpus, memoryMiB: gib * GIB, architecture });
    }
  }
  return table;
}

const TABLE = buildTable();

/**
 * The instance types the placement check knows: vCPUs, memory and architecture of each.
 */
export class InstanceTypeCatalog {
  /** Every instance type in the table, in a stable order. */
  public static known(): InstanceTypeInfo[] {
    return [...TABLE.values()];
  }

  /**
   * Looks an instance type up in the table (case and surrounding spaces ignored).
   *
   * @param instanceType e.g. `m7g.large`
   * @returns the entry, or `undefined` when the type is not in the table
   */
  public static lookup(instanceType: string): InstanceTypeInfo | undefined {
    return TABLE.get(instanceType.trim().toLowerCase());
  }

  /**
   * The architecture of an instance type: from the table, else from the family name where it is
   * obvious (`a1`, or a processor letter right after the generation: `g` Graviton, `i` Intel,
   * `a` AMD, as in `m8g`, `c6in`, `r7a`).
   *
   * @param instanceType e.g. `c7gn.xlarge`
   * @returns the architecture, or `undefined` when it cannot be told (e.g. `m5d.large`, `g5.xlarge`)
   */
  public static architectureOf(instanceType: string): ec2.InstanceArchitecture | undefined {
    return architectureOf(instanceType);
  }

  private constructor() {}
}

function architectureOf(instanceType: string): ec2.InstanceArchitecture | undefined {
  const known = InstanceTypeCatalog.lookup(instanceType);
  if (known) return known.architecture;
  const family = instanceType.trim().toLowerCase().split('.')[0] ?? '';
  if (family === 'a1') return ec2.InstanceArchitecture.ARM_64;
  const match = /^[a-z]+\d+([a-z]?)/.exec(family);
  const letter = match?.[1];
  if (letter === 'g') return ec2.InstanceArchitecture.ARM_64;
  if (letter === 'i' || letter === 'a') return ec2.InstanceArchitecture.X86_64;
  return undefined;
}
