/**
 * What one EC2 node of an EKS managed node group offers pods: how many pods the kubelet admits and
 * the CPU and memory it leaves allocatable.
 *
 * Max pods (Amazon VPC CNI, one IP address per pod):
 * - secondary IPs: ENIs × (IPv4 addresses per ENI − 1) + 2 (the first address of each ENI is the
 *   ENI's own; the 2 are aws-node and kube-proxy, which use the host network), with prefix
 *   delegation ENIs × ((IPv4 per ENI − 1) × 16) + 2 (each slot holds a /28 prefix);
 * - then capped at 110 for instances with 30 vCPUs or fewer and 250 above. Sources: amazon-eks-ami
 *   templates/al2023/runtime/max-pods-calculator.sh (commit a92d9fd, 2026-03-26; `CPU_COUNT -gt 30`,
 *   both formulas); EKS user guide "Assign more IP addresses to Amazon EKS nodes with prefixes"
 *   (awsdocs/amazon-eks-user-guide 4d52b4d, 2024-12-18): "Managed node groups enforces a maximum
 *   number on the value of maxPods. For instances with less than 30 vCPUs the maximum number is 110
 *   and for all other instances the maximum number is 250. This maximum number is applied whether
 *   prefix delegation is enabled or not", and the newer "How maxPods is determined" section (managed
 *   node group enforcement takes precedence over any other setting, maxPodsExpression included).
 *   The two sources differ at exactly 30 vCPUs (no type of the table has 30); the calculator's `> 30`
 *   is used. The cap applies to node groups whose launch template names no AMI, which is how
 *   `EksCapacity.nodeGroup` builds them. EKS Auto Mode applies the same lower-of-110 rule (user guide,
 *   "Considerations for EKS Auto Mode"); Fargate runs one pod per node.
 *
 * Allocatable (kubelet: capacity − kube-reserved − system-reserved − the hard eviction threshold):
 * - kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of
 *   each further core, in whole millicores rounded down. AL2023: nodeadm
 *   internal/kubelet/config.go `getCPUMillicoresToReserve` (amazon-eks-ami 81fec2e, 2026-07-23);
 *   Bottlerocket: schnauzer helpers.rs `kube_cpu_helper` (60, +10, +5, +5, +2.5 per core, floored;
 *   bottlerocket 91632ff, 2024-10-24). The same numbers for every whole core count.
 * - kube-reserved memory: 11 MiB × max pods + 255 MiB (nodeadm `getMemoryMebibytesToReserve`,
 *   Bottlerocket `kube_reserve_memory`). Which max pods differs: nodeadm (AL2023) computes it from its
 *   own ENI formula (`CalcMaxPods`: secondary IPs, no prefix delegation, no cap) and ignores the
 *   maxPods the managed node group writes into the kubelet configuration (awslabs/amazon-eks-ami
 *   issue #1698); Bottlerocket's kubelet-config template uses `settings.kubernetes.max-pods`, which the
 *   node group sets (bottlerocket-core-kit a10182f, packages/kubernetes-1.31/kubelet-config).
 * - system-reserved: not set by either AMI (nodeadm sets only the cgroup; Bottlerocket only when
 *   `settings.kubernetes.system-reserved` is given).
 * - eviction: `memory.available<100Mi` (nodeadm's default kubelet config; Bottlerocket sets no
 *   evictionHard by default, so the kubelet's own default, also 100Mi, applies).
 * - capacity memory: the instance's advertised memory. The kubelet reports what the OS sees, which
 *   is less (an m7a.4xlarge: 64422252Ki = 62,912 MiB of 65,536, 4% less, aws/karpenter-provider-aws
 *   issue #7989; Karpenter assumes 7.5%), and no AWS document gives the figure per type. The
 *   advertised figure is used unless the caller passes `memoryOverheadFraction`. The formula checks
 *   out against that node: 64422252Ki − (11 × 234 + 255)Mi − 100Mi = 61422956Ki, its allocatable.
 *
 * ENI table: network interfaces on the default network card and IPv4 addresses per interface, for
 * the families and sizes of lib/ecs/instance-types.ts (with their vCPUs and memory, for callers that
 * may not import lib/ecs: `instanceShape`). Source: the EC2 User Guide table "IP addresses
 * per network interface per instance type" (awsdocs/amazon-ec2-user-guide doc_source/using-eni.md,
 * commit 8cdd572, the last published copy, read 2026-12-02) for m5, m6i, m6a, m6g, c5, c6i, c6g, r5,
 * r6i, r6g, t3, t3a and t4g; the families newer than that copy (m7i, m7a, m7g, c7i, c7g, r7g) from
 * EC2 DescribeInstanceTypes as recorded in amazon-eks-ami nodeadm/internal/kubelet/instance-info.jsonl
 * (commit 4d63a3b, 2026-07-01) and amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go (commit
 * 6152e01, 2026-08-11), read 2026-12-02. Both generated files agree with each other and with the
 * guide for every entry below, and mark every one Nitro (prefix delegation needs Nitro).
 */

/** Max ENIs and IPv4 addresses per ENI of one instance type. */
export interface EniLimits {
  /** Network interfaces on the default network card. */
  readonly maxEnis: number;
  /** IPv4 addresses per interface (the first is the interface's own). */
  readonly ipv4PerEni: number;
}

/** ENIs × IPv4 per ENI × vCPUs by size, for families that follow the common pattern. */
const STANDARD_SIZES: ReadonlyArray<readonly [string, number, number, number]> = [
  ['medium', 2, 4, 1],
  ['large', 3, 10, 2],
  ['xlarge', 4, 15, 4],
  ['2xlarge', 4, 15, 8],
  ['4xlarge', 8, 30, 16],
  ['8xlarge', 8, 30, 32],
];

/**
 * [family, has a medium size, has an 8xlarge, GiB per vCPU]: the sizes lib/ecs/instance-types.ts lists,
 * with the memory ratio of the EC2 specifications it cites (`m` 4 GiB per vCPU, `c` 2, `r` 8).
 */
const STANDARD_FAMILIES: ReadonlyArray<readonly [string, boolean, boolean, number]> = [
  ['m5', false, true, 4], ['m6i', false, true, 4], ['m7i', false, true, 4], ['m6a', false, true, 4], ['m7a', true, true, 4],
  ['c5', false, false, 2], ['c6i', false, true, 2], ['c7i', false, true, 2],
  ['r5', false, true, 8], ['r6i', false, true, 8],
  ['m6g', true, true, 4], ['m7g', true, true, 4], ['c6g', true, true, 2], ['c7g', true, true, 2], ['r6g', true, true, 8], ['r7g', true, true, 8],
];

/** Burstable families size by size: [size, ENIs, IPv4 per ENI, vCPUs, GiB]; t3a.small has 2 ENIs where t3.small and t4g.small have 3. */
const BURSTABLE: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['micro', 2, 2, 2, 1],
  ['small', 3, 4, 2, 2],
  ['medium', 3, 6, 2, 4],
  ['large', 3, 12, 2, 8],
  ['xlarge', 4, 15, 4, 16],
  ['2xlarge', 4, 15, 8, 32],
];

/** The vCPUs and advertised memory of one instance type. */
export interface InstanceShape {
  /** vCPUs. */
  readonly vcpus: number;
  /** Advertised memory, MiB. */
  readonly memoryMiB: number;
}

/** One row of the table: ENI limits and shape. */
type InstanceRow = EniLimits & InstanceShape;

function buildEniTable(): ReadonlyMap<string, InstanceRow> {
  const table = new Map<string, InstanceRow>();
  for (const [family, hasMedium, has8xlarge, gibPerVcpu] of STANDARD_FAMILIES) {
    for (const [size, maxEnis, ipv4PerEni, vcpus] of STANDARD_SIZES) {
      if ((size === 'medium' && !hasMedium) || (size === '8xlarge' && !has8xlarge)) continue;
      table.set(`${family}.${size}`, { maxEnis, ipv4PerEni, vcpus, memoryMiB: vcpus * gibPerVcpu * 1024 });
    }
  }
  for (const family of ['t3', 't3a', 't4g']) {
    for (const [size, maxEnis, ipv4PerEni, vcpus, gib] of BURSTABLE) {
      table.set(`${family}.${size}`, { maxEnis: family === 't3a' && size === 'small' ? 2 : maxEnis, ipv4PerEni, vcpus, memoryMiB: gib * 1024 });
    }
  }
  return table;
}

const ENI_TABLE = buildEniTable();

/** The kubelet's pod cap managed node groups enforce: 110 up to 30 vCPUs, 250 above. */
export const MAX_PODS_CAP_SMALL = 110;
/** See {@link MAX_PODS_CAP_SMALL}. */
export const MAX_PODS_CAP_LARGE = 250;
/** IPv4 addresses in the /28 prefix prefix delegation puts in each slot. */
export const IPS_PER_PREFIX = 16;
/** nodeadm's and the kubelet's `memory.available` hard eviction threshold, MiB. */
export const EVICTION_HARD_MEMORY_MIB = 100;

/** The AMI families a node group runs: they reserve memory from different max pods (see the file comment). */
export type NodeAmiFamily = 'AL2023' | 'BOTTLEROCKET';

/** The ENI limits of an instance type (case and surrounding spaces ignored), or undefined when the table lacks it. */
export function eniLimits(instanceType: string): EniLimits | undefined {
  const row = ENI_TABLE.get(instanceType.trim().toLowerCase());
  return row && { maxEnis: row.maxEnis, ipv4PerEni: row.ipv4PerEni };
}

/**
 * The vCPUs and advertised memory of an instance type of the table (case and surrounding spaces
 * ignored), or undefined when the table lacks it: for callers that may not import lib/ecs (the cost
 * module); the same figures as `InstanceTypeCatalog` (lib/ecs/instance-types.ts), which the unit test
 * compares type by type.
 */
export function instanceShape(instanceType: string): InstanceShape | undefined {
  const row = ENI_TABLE.get(instanceType.trim().toLowerCase());
  return row && { vcpus: row.vcpus, memoryMiB: row.memoryMiB };
}

/** The instance types the ENI table knows, in a stable order. */
export function knownEniInstanceTypes(): string[] {
  return [...ENI_TABLE.keys()];
}

/** The VPC CNI's IP-based pod limit before any cap: ENIs × (IPs − 1) + 2, or with prefixes ENIs × ((IPs − 1) × 16) + 2. */
export function eniMaxPods(limits: EniLimits, prefixDelegation: boolean): number {
  const slotsPerEni = limits.ipv4PerEni - 1;
  return limits.maxEnis * (prefixDelegation ? slotsPerEni * IPS_PER_PREFIX : slotsPerEni) + 2;
}

/**
 * The kubelet's max pods on a managed node group node: the VPC CNI limit, capped at 110 (30 vCPUs or
 * fewer) or 250.
 *
 * @returns undefined for an instance type the ENI table lacks, or vcpus that is not a whole number above 0
 */
export function maxPods(instanceType: string, vcpus: number, prefixDelegation: boolean): number | undefined {
  const limits = eniLimits(instanceType);
  if (!limits || !Number.isInteger(vcpus) || vcpus < 1) return undefined;
  return Math.min(eniMaxPods(limits, prefixDelegation), vcpus > 30 ? MAX_PODS_CAP_LARGE : MAX_PODS_CAP_SMALL);
}

/** CPU the EKS AMIs reserve for the kubelet and container runtime, in millicores, from the vCPU count. */
export function kubeReservedCpuMillis(vcpus: number): number {
  const total = vcpus * 1000;
  // [range start, range end, share in hundredths of a percent], as nodeadm writes it
  const ranges: ReadonlyArray<readonly [number, number, number]> = [[0, 1000, 600], [1000, 2000, 100], [2000, 4000, 50], [4000, Infinity, 25]];
  let reserved = 0;
  for (const [start, end, share] of ranges) {
    if (total <= start) break;
    reserved += Math.floor(((Math.min(total, end) - start) * share) / 10000);
  }
  return reserved;
}

/** Memory the EKS AMIs reserve for the kubelet and container runtime, MiB: 11 per pod + 255. */
export function kubeReservedMemoryMiB(maxPodsForReservation: number): number {
  return 11 * maxPodsForReservation + 255;
}

/** What one node offers pods, and how it got there. */
export interface NodeAllocatable {
  /** Pods the kubelet admits (DaemonSet pods included). */
  readonly maxPods: number;
  /** CPU pods may request, millicores. */
  readonly allocatableCpuMillis: number;
  /** Memory pods may request, MiB (0 or more; a fraction when `memoryOverheadFraction` is given). */
  readonly allocatableMemoryMiB: number;
  /** kube-reserved CPU, millicores. */
  readonly kubeReservedCpuMillis: number;
  /** kube-reserved memory, MiB. */
  readonly kubeReservedMemoryMiB: number;
  /** The max pods kube-reserved memory was computed from (AL2023: the uncapped ENI figure; Bottlerocket: `maxPods`). */
  readonly reservationMaxPods: number;
  /** The hard eviction threshold, MiB. */
  readonly evictionHardMemoryMiB: number;
  /** The memory capacity assumed, MiB: the advertised memory less `memoryOverheadFraction`. */
  readonly capacityMemoryMiB: number;
}

/** Options of {@link nodeAllocatable}. */
export interface NodeAllocatableOptions {
  /** The node group's AMI family. @default 'AL2023' */
  readonly amiFamily?: NodeAmiFamily;
  /**
   * The share of the advertised memory the OS does not report (0 to below 1), e.g. 0.075 as Karpenter
   * assumes. @default 0 - the advertised memory
   */
  readonly memoryOverheadFraction?: number;
}

/**
 * Max pods and allocatable CPU and memory of one managed node group node.
 *
 * @param instanceType e.g. `m5.large` (case and surrounding spaces ignored)
 * @param vcpus the type's vCPUs (from lib/ecs/instance-types.ts): a whole number above 0
 * @param memoryMiB the type's advertised memory, MiB: a finite number above 0
 * @param prefixDelegation whether the VPC CNI assigns /28 prefixes (`ENABLE_PREFIX_DELEGATION`)
 * @returns undefined for an instance type the ENI table lacks, or inputs out of range (tokens
 * included): the caller then skips the check
 */
export function nodeAllocatable(instanceType: string, vcpus: number, memoryMiB: number, prefixDelegation: boolean,
  options: NodeAllocatableOptions = {}): NodeAllocatable | undefined {
  const limits = eniLimits(instanceType);
  const pods = maxPods(instanceType, vcpus, prefixDelegation);
  const overhead = options.memoryOverheadFraction ?? 0;
  if (!limits || pods === undefined || !(memoryMiB > 0 && Number.isFinite(memoryMiB)) || !(overhead >= 0 && overhead < 1)) return undefined;
  const reservationMaxPods = (options.amiFamily ?? 'AL2023') === 'BOTTLEROCKET' ? pods : eniMaxPods(limits, false);
  const reservedCpu = kubeReservedCpuMillis(vcpus);
  const reservedMemory = kubeReservedMemoryMiB(reservationMaxPods);
  const capacityMemoryMiB = memoryMiB * (1 - overhead);
  return {
    maxPods: pods,
    allocatableCpuMillis: Math.max(0, vcpus * 1000 - reservedCpu),
    allocatableMemoryMiB: Math.max(0, capacityMemoryMiB - reservedMemory - EVICTION_HARD_MEMORY_MIB),
    kubeReservedCpuMillis: reservedCpu,
    kubeReservedMemoryMiB: reservedMemory,
    reservationMaxPods,
    evictionHardMemoryMiB: EVICTION_HARD_MEMORY_MIB,
    capacityMemoryMiB,
  };
}
