/**
 * The size EKS on Fargate gives a pod, and what it costs; and the Fargate size table itself, which ECS
 * tasks share (lib/ecs/private/task-sizes.ts builds its rows from {@link FARGATE_POD_SIZES}). Used by
 * the EKS placement check (lib/eks/workload-placement.ts) and the cost estimator (lib/cost).
 *
 * Source: EKS user guide, "Understand Fargate Pod configuration details", section "Pod CPU and
 * memory" (docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html; the text as in
 * awsdocs/amazon-eks-user-guide latest/ug/nodes/fargate-pod-configuration.adoc, commit 4d52b4d,
 * 2024-12-18, read 2026-12-02):
 * - "The maximum request out of any Init containers is used to determine the Init request vCPU and
 *   memory requirements. Requests for all long-running containers are added up to determine the
 *   long-running request vCPU and memory requirements. The larger of the previous two values is
 *   chosen for the vCPU and memory request to use for your Pod." Each of vCPU and memory on its own.
 * - "Fargate adds 256 MB to each Pod's memory reservation for the required Kubernetes components
 *   (kubelet, kube-proxy, and containerd)", then "rounds up to the following compute configuration";
 *   with no requests the smallest (0.25 vCPU, 0.5 GB) is used. The guide's example: 1 vCPU and 8 GB
 *   become 2 vCPU and 9 GB.
 * - The combinations (the same as for ECS tasks: the Amazon ECS developer guide, "Task CPU and memory",
 *   lists the same pairs, so lib/ecs/private/task-sizes.ts reads them from here):
 *
 * | vCPU | memory                           |
 * | ---- | -------------------------------- |
 * | 0.25 | 0.5, 1, 2 GB                     |
 * | 0.5  | 1, 2, 3, 4 GB                    |
 * | 1    | 2 to 8 GB                        |
 * | 2    | 4 to 16 GB in 1 GB steps         |
 * | 4    | 8 to 30 GB in 1 GB steps         |
 * | 8    | 16 to 60 GB in 4 GB steps        |
 * | 16   | 32 to 120 GB in 8 GB steps       |
 *
 * "GB" there is GiB, as Fargate counts it (0.5 GB is 512 MiB; the 256 "MB" are 256 MiB). Rounding
 * up takes the first row, smallest vCPU first, with enough vCPU and a memory value that holds the
 * need, and the smallest such value: the cheapest combination that holds the pod. Native sidecar
 * containers (init containers with `restartPolicy: Always`) are not covered by the guide; the caller
 * counts them with the long-running containers.
 */

/** One container's requests. */
export interface ContainerRequests {
  /** CPU, millicores, 0 or more. */
  readonly cpuMillis: number;
  /** Memory, MiB, 0 or more. */
  readonly memoryMiB: number;
}

/** The vCPU and memory Fargate provisions for a pod. */
export interface FargatePodSize {
  /** vCPU: 0.25, 0.5, 1, 2, 4, 8 or 16. */
  readonly vcpu: number;
  /** Memory in GiB (0.5 for the smallest). */
  readonly memoryGiB: number;
}

/** Memory Fargate adds to every pod for the kubelet, kube-proxy and containerd, MiB. */
export const FARGATE_KUBERNETES_MIB = 256;
/** Hours in the month the monthly price counts (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** One vCPU row: memory choices in GiB. */
export interface FargateRow {
  readonly vcpu: number;
  readonly memoryGiB: readonly number[];
}

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

/** The Fargate pod sizes, smallest vCPU first. */
export const FARGATE_POD_SIZES: readonly FargateRow[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: steps(1, 4, 1) },
  { vcpu: 1, memoryGiB: steps(2, 8, 1) },
  { vcpu: 2, memoryGiB: steps(4, 16, 1) },
  { vcpu: 4, memoryGiB: steps(8, 30, 1) },
  { vcpu: 8, memoryGiB: steps(16, 60, 4) },
  { vcpu: 16, memoryGiB: steps(32, 120, 8) },
];

/**
 * A pod's requests as Fargate sizes it, before the 256 MiB: for CPU and for memory, the larger of the
 * largest init container's request and the sum of the long-running containers' requests.
 */
export function fargatePodRequests(containers: readonly ContainerRequests[], initContainers: readonly ContainerRequests[] = []): ContainerRequests {
  const sum = (pick: (c: ContainerRequests) => number): number => containers.reduce((total, c) => total + pick(c), 0);
  const largest = (pick: (c: ContainerRequests) => number): number => initContainers.reduce((top, c) => Math.max(top, pick(c)), 0);
  return {
    cpuMillis: Math.max(sum((c) => c.cpuMillis), largest((c) => c.cpuMillis)),
    memoryMiB: Math.max(sum((c) => c.memoryMiB), largest((c) => c.memoryMiB)),
  };
}

/**
 * The Fargate size for a pod's requests (from {@link fargatePodRequests}): 256 MiB added to the
 * memory, then rounded up to the cheapest combination that holds both.
 *
 * @returns the size, or undefined when the pod needs more than the largest (16 vCPU, 120 GiB) or a
 * request is not a finite number 0 or more
 */
export function fargatePodSize(cpuMillis: number, memoryMiB: number): FargatePodSize | undefined {
  if (!(Number.isFinite(cpuMillis) && cpuMillis >= 0 && Number.isFinite(memoryMiB) && memoryMiB >= 0)) return undefined;
  const needMiB = memoryMiB + FARGATE_KUBERNETES_MIB;
  for (const row of FARGATE_POD_SIZES) {
    if (row.vcpu * 1000 < cpuMillis) continue;
    const memoryGiB = row.memoryGiB.find((gib) => gib * 1024 >= needMiB);
    if (memoryGiB !== undefined) return { vcpu: row.vcpu, memoryGiB };
  }
  return undefined;
}

/**
 * What one pod of that size costs a month at the given prices. EKS on Fargate runs x86_64 pods only
 * (EKS user guide, "AWS Fargate", the comparison table: "Can run workloads that require Arm
 * processors: No") and has no Fargate Spot ("Amazon EKS doesn't support Fargate Spot"), so the
 * prices are the x86_64 on-demand ones.
 *
 * @param perVcpuHour the Region's Fargate price per vCPU-hour (Linux, x86_64)
 * @param perGbHour the price per GB-hour of memory (Fargate bills memory in GiB)
 * @param hoursPerMonth the hours a month counts (AWS's pricing pages use 730)
 * @returns the price, or undefined when a price or the hours are not a finite number 0 or more
 */
export function fargatePodMonthlyPrice(size: FargatePodSize, perVcpuHour: number, perGbHour: number, hoursPerMonth: number = HOURS_PER_MONTH): number | undefined {
  const amounts = [perVcpuHour, perGbHour, hoursPerMonth];
  if (!amounts.every((n) => Number.isFinite(n) && n >= 0)) return undefined;
  return (size.vcpu * perVcpuHour + size.memoryGiB * perGbHour) * hoursPerMonth;
}

/** One label of a Fargate profile selector: key and value patterns. */
export interface FargateSelectorLabel {
  readonly key: string;
  readonly value: string;
}

/**
 * Whether a Fargate profile selector takes pods of `namespace` with `labels`: the namespace matches
 * and every label of the selector matches one of the pod's, key and value. Fargate's wildcards: `*`
 * any run of characters (none included), `?` exactly one; nothing else is special.
 */
export function fargateSelectorSelects(namespacePattern: string, selectorLabels: readonly FargateSelectorLabel[],
  namespace: string, labels: Readonly<Record<string, string>>): boolean {
  return glob(namespacePattern, namespace)
    && selectorLabels.every((l) => Object.entries(labels).some(([key, value]) => glob(l.key, key) && glob(l.value, value)));
}

function glob(pattern: string, value: string): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(value);
}
