import { isRecord } from './validate';

/**
 * How a workload's pods pack onto a node group at its largest: first-fit decreasing bin packing on
 * CPU, memory and pod slots, after the DaemonSet pods every node runs.
 *
 * The EKS add-ons' DaemonSets (requests from their manifests, read 2026-12-02):
 * - `aws-node` (vpc-cni): an init container and two containers (aws-node, aws-network-policy-agent),
 *   each requesting `cpu: 25m` and no memory (amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml,
 *   v1.23.1, commit b521883, 2026-08-20). A pod requests the larger of its largest init container and
 *   the sum of its containers: 50m CPU, 0 memory.
 * - `kube-proxy`: `cpu: 100m`, no memory (the DaemonSet EKS installs, v1.28.1-minimal-eksbuild.1, as
 *   dumped with kubectl in a public repository; aws/containers-roadmap issue #1509: "kube-proxy ... has
 *   no memory request or limit set").
 * - `eks-pod-identity-agent`: `resources: {}` in its chart (aws/eks-pod-identity-agent
 *   charts/eks-pod-identity-agent/values.yaml, chart 1.2.0, commit d4dc0f3, 2026-03-17): a pod slot only.
 * All three use the host network: they take a pod slot (the kubelet's max pods counts every pod) but
 * no VPC IP address. The add-ons' configuration values can change these requests; CoreDNS is a
 * Deployment (two replicas in the cluster), not a per-node pod, so it is not here: pass it as a pod
 * group if it shares the node group.
 */

/** One pod every node runs, by its requests. */
export interface DaemonSetPod {
  /** A name for messages. */
  readonly name: string;
  /** CPU the pod requests, millicores, 0 or more. */
  readonly cpuMillis: number;
  /** Memory the pod requests, MiB, 0 or more. */
  readonly memoryMiB: number;
}

/** The DaemonSet pods of the EKS add-ons the library installs on node groups (see the file comment). */
export const EKS_ADDON_DAEMONSET_PODS: readonly DaemonSetPod[] = [
  { name: 'aws-node', cpuMillis: 50, memoryMiB: 0 },
  { name: 'kube-proxy', cpuMillis: 100, memoryMiB: 0 },
  { name: 'eks-pod-identity-agent', cpuMillis: 0, memoryMiB: 0 },
];

/**
 * CoreDNS on a cluster without Auto Mode: a Deployment in `kube-system` whose 2 replicas request
 * `cpu: 100m` and `memory: 70Mi` each (the requests of the upstream manifest, coredns/deployment
 * kubernetes/coredns.yaml.sed, which the EKS add-on keeps; lib/eks/workload-placement.ts counts the
 * same), its pods labelled `k8s-app: kube-dns` (the label the EKS user guide's Fargate profile for
 * CoreDNS selects, "Get started with AWS Fargate", step 4) and `eks.amazonaws.com/component: coredns`
 * (as EKS labels its CoreDNS objects). On Auto Mode EKS runs DNS itself, not as pods on the nodes.
 */
export const EKS_COREDNS_PODS = {
  name: 'coredns',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' } as Readonly<Record<string, string>>,
  replicas: 2,
  cpuMillis: 100,
  memoryMiB: 70,
} as const;

/** Identical pods to place: the replicas of one Deployment. */
export interface PodGroup {
  /** A name for messages, e.g. the workload's construct path. */
  readonly name: string;
  /** How many pods: a whole number, 0 or more. */
  readonly replicas: number;
  /** CPU one pod requests, millicores, 0 or more. */
  readonly cpuMillis: number;
  /** Memory one pod requests, MiB, 0 or more. */
  readonly memoryMiB: number;
}

/** One node as the scheduler sees it (e.g. from `nodeAllocatable`). */
export interface NodeShape {
  /** Allocatable CPU, millicores. */
  readonly allocatableCpuMillis: number;
  /** Allocatable memory, MiB. */
  readonly allocatableMemoryMiB: number;
  /** The kubelet's max pods. */
  readonly maxPods: number;
}

/** Room for workload pods on one node, once its DaemonSet pods run. */
export interface NodeRoom {
  /** Millicores. */
  readonly cpuMillis: number;
  /** MiB. */
  readonly memoryMiB: number;
  /** Pod slots. */
  readonly podSlots: number;
}

/** What one pod's requests exceed on an empty node, so it can never schedule. */
export type TooBig = 'cpu' | 'memory' | 'pods';

/** How one pod group fared. */
export interface PodGroupOutcome {
  /** The group, as given. */
  readonly group: PodGroup;
  /** Replicas placed on the first `maxNodes` nodes. */
  readonly placed: number;
  /** Replicas left over. */
  readonly unplaced: number;
  /**
   * Why one replica fits no node even when it is empty (its request is above the node's room after
   * the DaemonSets): such replicas never schedule, whatever the node count. Empty otherwise.
   */
  readonly tooBig: TooBig[];
  /** CPU the unplaced replicas request, millicores. */
  readonly shortCpuMillis: number;
  /** Memory the unplaced replicas request, MiB. */
  readonly shortMemoryMiB: number;
  /** Pod slots the unplaced replicas need (one each). */
  readonly shortPodSlots: number;
}

/** The result of {@link placePods}. */
export interface PodPlacementResult {
  /** True when every replica is placed on at most `maxNodes` nodes. */
  readonly fits: boolean;
  /**
   * Nodes the packing needs for every replica that can schedule at all (too-big groups left out),
   * with no limit on the node count; 0 for no pods.
   */
  readonly nodesNeeded: number;
  /** Nodes that hold at least one replica, at most `maxNodes`. */
  readonly nodesUsed: number;
  /** Room for workload pods on one empty node (negative in a dimension the DaemonSets alone overflow). */
  readonly perNode: NodeRoom;
  /** DaemonSet requests per node that exceed the node itself ('cpu', 'memory', 'pods'): then nothing fits. */
  readonly daemonSetsTooBig: TooBig[];
  /** One outcome per group, in input order. */
  readonly groups: PodGroupOutcome[];
  /** The unplaced replicas of all groups, and what they request. */
  readonly shortfall: { readonly replicas: number; readonly cpuMillis: number; readonly memoryMiB: number; readonly podSlots: number };
}

const BYTES_PER_MIB = 1024 * 1024;

/** A node's free room while packing: integer millicores, bytes and slots, so sums are exact. */
interface Bin {
  readonly cpu: number;
  readonly bytes: number;
  readonly slots: number;
}

/**
 * `count` consecutive nodes in the same state: they hold the same replicas (`load`: group index to
 * replicas per node) and have the same room left. Identical replicas fill identical nodes alike, so
 * a run splits only where a group runs out, and the packing costs the number of groups, not of
 * replicas or nodes.
 */
interface Run extends Bin {
  readonly count: number;
  readonly load: ReadonlyMap<number, number>;
}

/** Replicas of `d` one node with room `bin` takes, at most `left`. */
function fitCount(bin: Bin, d: Demand, left: number): number {
  return Math.min(left, bin.slots, d.cpu > 0 ? Math.floor(bin.cpu / d.cpu) : left, d.bytes > 0 ? Math.floor(bin.bytes / d.bytes) : left);
}

/** `run` with `k` more replicas of group `index` on each of its nodes, and `count` nodes. */
function withReplicas(run: Bin & { readonly load: ReadonlyMap<number, number> }, index: number, d: Demand, k: number, count: number): Run {
  const load = new Map(run.load);
  load.set(index, (load.get(index) ?? 0) + k);
  return { cpu: run.cpu - k * d.cpu, bytes: run.bytes - k * d.bytes, slots: run.slots - k, count, load };
}

/**
 * First fit of `replicas` identical pods: each on the first node with room, in node order, then on
 * new nodes. Runs are split where only some of their nodes take replicas.
 */
function packGroup(runs: Run[], empty: Bin, index: number, d: Demand, replicas: number): void {
  let left = replicas;
  for (let r = 0; r < runs.length && left > 0; r++) {
    const run = runs[r]!;
    const k = fitCount(run, d, left);
    if (k <= 0) continue;
    const nodes = Math.min(run.count, Math.floor(left / k));
    const rest = run.count - nodes;
    runs.splice(r, 1, withReplicas(run, index, d, k, nodes), ...(rest > 0 ? [{ ...run, count: rest }] : []));
    left -= k * nodes;
  }
  while (left > 0) {
    const k = fitCount(empty, d, left);
    if (k <= 0) return; // cannot happen: a group too big for an empty node is never packed
    const nodes = Math.floor(left / k);
    runs.push(withReplicas({ ...empty, load: new Map() }, index, d, k, nodes));
    left -= k * nodes;
  }
}

/** Replicas of group `index` on the first `maxNodes` nodes. */
function placedWithin(runs: readonly Run[], index: number, maxNodes: number): number {
  let start = 0;
  let placed = 0;
  for (const run of runs) {
    const inside = Math.max(0, Math.min(run.count, maxNodes - start));
    placed += inside * (run.load.get(index) ?? 0);
    start += run.count;
  }
  return placed;
}

/** One replica's requests in whole millicores and bytes. */
interface Demand {
  readonly cpu: number;
  readonly bytes: number;
}

/**
 * Packs the replicas of `groups` onto nodes of one shape, first-fit decreasing: groups largest first
 * (by the largest share of a node's room one replica takes in CPU, memory or pod slots; ties by
 * name, then input order), each replica onto the first node with room, a new node when none has.
 * Requests are compared in whole millicores and whole bytes (a pod's rounded up, the node's down), so
 * a fit is never claimed that the scheduler would refuse. First fit is a heuristic: it may use a node
 * more than the best packing would, never fewer, so a shortfall it reports may be avoidable, a fit is
 * real.
 *
 * @param groups the pods; replicas a whole number 0 or more, requests finite 0 or more (a group out of
 * range throws a RangeError: the caller checks its inputs and skips tokens)
 * @param node one node's allocatable CPU, memory and max pods (for a group of mixed instance types,
 * the smallest: a managed node group applies the smallest max pods of its types to every node)
 * @param maxNodes the node group's maxSize: a whole number, 0 or more
 * @param daemonSets the pods every node runs before any workload pod
 */
export function placePods(groups: readonly PodGroup[], node: NodeShape, maxNodes: number,
  daemonSets: readonly DaemonSetPod[] = EKS_ADDON_DAEMONSET_PODS): PodPlacementResult {
  groups.forEach((g, i) => {
    if (!(Number.isInteger(g.replicas) && g.replicas >= 0) || !isAmount(g.cpuMillis) || !isAmount(g.memoryMiB)) {
      throw new RangeError(`placePods: groups[${i}] (${g.name}) needs whole replicas 0 or more and finite requests 0 or more`);
    }
  });
  daemonSets.forEach((d, i) => {
    if (!isAmount(d.cpuMillis) || !isAmount(d.memoryMiB)) throw new RangeError(`placePods: daemonSets[${i}] (${d.name}) needs finite requests 0 or more`);
  });
  if (!(Number.isInteger(maxNodes) && maxNodes >= 0)) throw new RangeError(`placePods: maxNodes must be a whole number, 0 or more; got ${maxNodes}`);
  if (!isAmount(node.allocatableCpuMillis) || !isAmount(node.allocatableMemoryMiB) || !isAmount(node.maxPods)) {
    throw new RangeError('placePods: the node needs finite allocatable CPU, memory and max pods, 0 or more');
  }

  const dsCpu = daemonSets.reduce((sum, d) => sum + Math.ceil(d.cpuMillis), 0);
  const dsBytes = daemonSets.reduce((sum, d) => sum + podBytes(d.memoryMiB), 0);
  const room = {
    cpu: Math.floor(node.allocatableCpuMillis) - dsCpu,
    bytes: Math.floor(node.allocatableMemoryMiB * BYTES_PER_MIB) - dsBytes,
    slots: Math.floor(node.maxPods) - daemonSets.length,
  };
  const daemonSetsTooBig: TooBig[] = [];
  if (room.cpu < 0) daemonSetsTooBig.push('cpu');
  if (room.bytes < 0) daemonSetsTooBig.push('memory');
  if (room.slots < 0) daemonSetsTooBig.push('pods');
  const free: Bin = { cpu: Math.max(0, room.cpu), bytes: Math.max(0, room.bytes), slots: Math.max(0, room.slots) };

  const demand = groups.map((g): Demand => ({ cpu: Math.ceil(g.cpuMillis), bytes: podBytes(g.memoryMiB) }));
  const tooBig = demand.map((d): TooBig[] => {
    const reasons: TooBig[] = [];
    if (d.cpu > free.cpu) reasons.push('cpu');
    if (d.bytes > free.bytes) reasons.push('memory');
    if (free.slots < 1) reasons.push('pods');
    return reasons;
  });

  const share = (used: number, of: number): number => (of > 0 ? used / of : used > 0 ? Infinity : 0);
  const order = groups
    .map((g, index) => ({ g, index, size: Math.max(share(demand[index]!.cpu, free.cpu), share(demand[index]!.bytes, free.bytes), share(1, free.slots)) }))
    .sort((a, b) => b.size - a.size || a.g.name.localeCompare(b.g.name) || a.index - b.index);

  const runs: Run[] = [];
  for (const { g, index } of order) {
    if (tooBig[index]!.length === 0) packGroup(runs, free, index, demand[index]!, g.replicas);
  }

  const outcomes = groups.map((group, i): PodGroupOutcome => {
    const placed = placedWithin(runs, i, maxNodes);
    const unplaced = group.replicas - placed;
    return {
      group, placed, unplaced, tooBig: tooBig[i]!,
      shortCpuMillis: unplaced * demand[i]!.cpu,
      shortMemoryMiB: (unplaced * demand[i]!.bytes) / BYTES_PER_MIB,
      shortPodSlots: unplaced,
    };
  });
  const shortfall = outcomes.reduce((s, o) => ({
    replicas: s.replicas + o.unplaced,
    cpuMillis: s.cpuMillis + o.shortCpuMillis,
    memoryMiB: s.memoryMiB + o.shortMemoryMiB,
    podSlots: s.podSlots + o.shortPodSlots,
  }), { replicas: 0, cpuMillis: 0, memoryMiB: 0, podSlots: 0 });

  const nodesNeeded = runs.reduce((sum, run) => sum + run.count, 0);
  return {
    fits: shortfall.replicas === 0 && daemonSetsTooBig.length === 0,
    nodesNeeded,
    nodesUsed: Math.min(nodesNeeded, maxNodes),
    perNode: { cpuMillis: room.cpu, memoryMiB: room.bytes / BYTES_PER_MIB, podSlots: room.slots },
    daemonSetsTooBig,
    groups: outcomes,
    shortfall,
  };
}

/** A finite number, 0 or more. */
function isAmount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** A request in MiB as the kubelet counts it: whole bytes, rounded up. */
function podBytes(mib: number): number {
  return Math.ceil(mib * BYTES_PER_MIB);
}

/** Kubernetes' names of the taint effects CloudFormation spells `NO_SCHEDULE`, `NO_EXECUTE`. */
const BLOCKING_EFFECTS: Record<string, string> = { NO_SCHEDULE: 'NoSchedule', NO_EXECUTE: 'NoExecute' };

/**
 * Whether pods with `tolerations` may run on a node group with `taints` (CloudFormation's
 * `[{ Key, Value, Effect }]`): every `NO_SCHEDULE` and `NO_EXECUTE` taint tolerated (Kubernetes'
 * rule: the effect empty or the same; `Exists` with no key or the same key, or `Equal`, the default,
 * with the same key and value). `PREFER_NO_SCHEDULE` keeps no pod off. A taint that is not literal
 * keeps off every pod that does not tolerate everything.
 */
export function toleratesTaints(tolerations: readonly unknown[], taints: unknown): boolean {
  if (!Array.isArray(taints)) return true;
  return taints.every((taint) => {
    const effect = isRecord(taint) && typeof taint.Effect === 'string' ? BLOCKING_EFFECTS[taint.Effect] : 'NoSchedule';
    if (effect === undefined) return true;
    const key = isRecord(taint) ? taint.Key : undefined;
    const value = isRecord(taint) ? taint.Value ?? '' : undefined;
    return tolerations.some((t) => {
      if (!isRecord(t) || (t.effect !== undefined && t.effect !== '' && t.effect !== effect)) return false;
      if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === key;
      return (t.operator === undefined || t.operator === 'Equal') && typeof key === 'string' && t.key === key && (t.value ?? '') === value;
    });
  });
}
