import { ContainerRequests, fargatePodRequests, fargatePodSize, FargatePodSize, fargateSelectorSelects } from '../private/fargate-pod-sizes';
import { BYTES_PER_MIB, parseCpuQuantity, parseMemoryQuantity } from '../private/kubernetes-quantities';
import { instanceShape, nodeAllocatable, NodeAllocatable } from '../private/node-allocatable';
import { EKS_COREDNS_PODS, PodGroup, placePods, toleratesTaints } from '../private/pod-placement';
import { isRecord } from '../private/validate';

/**
 * Where the pods of the Kubernetes objects given to `CostEstimator.estimate` run, and what that
 * needs (a part of `CostEstimator`: the estimator reads the template, this file the objects, and
 * the estimator prices the plan it returns):
 *
 * - Deployments (at an HPA's `minReplicas`, else `spec.replicas`, else Kubernetes' default of 1),
 *   sized by their containers' requests (a limit where the request is missing, as the API server
 *   defaults it): the larger of the largest init container and the sum of the others, for CPU and
 *   memory each;
 * - pods a Fargate profile's selector takes (namespace and labels, wildcards `*` and `?`) run on
 *   Fargate, at the size Fargate gives them (requests + 256 MiB, rounded up to a Fargate size);
 * - the other pods are packed onto the managed node groups: first fit on each group's minimum size
 *   (template order), then what is left onto new nodes of the groups in the same order, up to each
 *   group's maximum; those new nodes are the "extra nodes for pods". On EKS Auto Mode, what the
 *   minimum sizes do not hold runs on nodes EKS picks, which are not priced (see `autoModeReason`).
 *   Each node runs the add-ons' DaemonSets first; CoreDNS's two pods come with every cluster without
 *   Auto Mode; a group's `NO_SCHEDULE`/`NO_EXECUTE` taints keep off the pods that do not tolerate them.
 *
 * The objects must belong to the template's one EKS cluster: with several, nothing is priced.
 */

/** A resource the estimator could not price (the shape of `UnpricedResource`, which this part may not import: estimate.ts imports it). */
export interface PodUnpriced {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly reason: string;
}

/** A Fargate profile of the template, as the estimator found it. */
export interface FargateProfileView {
  /** Its logical id. */
  readonly logicalId: string;
  /** Its `Selectors`, as synthesized. */
  readonly selectors: unknown;
}

/** A managed node group of the template, as the estimator reads it. */
export interface NodeGroupView {
  /** Its logical id. */
  readonly logicalId: string;
  /** The instance type its instances are priced at, or undefined when it is not literal. */
  readonly instanceType?: string;
  /** `ScalingConfig.MinSize` (1 when unset), or undefined when it is not a literal number. */
  readonly minSize?: number;
  /** `ScalingConfig.MaxSize`, or undefined when it is unset or not a literal number. */
  readonly maxSize?: number;
  /** `AmiType`, as synthesized. */
  readonly amiType: unknown;
  /** `Taints`, as synthesized. */
  readonly taints: unknown;
}

/** What the template offers pods. */
export interface PodCapacity {
  /** The EKS clusters of the template, by logical id (or the `ClusterName` of a profile or node group of a cluster it does not hold). */
  readonly clusters: readonly string[];
  /** Whether the cluster runs EKS Auto Mode (`ComputeConfig.Enabled`). */
  readonly autoMode: boolean;
  /** The Fargate profiles, in template order. */
  readonly fargateProfiles: readonly FargateProfileView[];
  /** The managed node groups, in template order. */
  readonly nodeGroups: readonly NodeGroupView[];
  /** Whether the cluster's VPC CNI add-on assigns /28 prefixes (`ENABLE_PREFIX_DELEGATION`), raising each node's pod limit. */
  readonly prefixDelegation: boolean;
}

/** The pods of one workload on Fargate. */
export interface FargatePods {
  /** `<namespace>/<name>`. */
  readonly workload: string;
  /** `<apiVersion>/<kind>`, e.g. `apps/v1/Deployment`. */
  readonly resourceType: string;
  /** Pods. */
  readonly replicas: number;
  /** The size Fargate gives each. */
  readonly size: FargatePodSize;
}

/** Nodes beyond a node group's minimum size that the pods need. */
export interface ExtraNodes {
  /** The node group's logical id. */
  readonly logicalId: string;
  /** Nodes. */
  readonly count: number;
  /** The workloads with pods on them (`<namespace>/<name>`). */
  readonly workloads: string[];
}

/** The result of {@link planPods}. */
export interface PodPlan {
  /** One entry per workload on Fargate, in object order (CoreDNS last). */
  readonly fargate: FargatePods[];
  /** One entry per node group that needs nodes beyond its minimum. */
  readonly extraNodes: ExtraNodes[];
  /** What could not be priced. */
  readonly unpriced: PodUnpriced[];
  /** Assumptions, and pods that would not run. */
  readonly notes: string[];
}

/** The kinds that make pods besides Deployments: listed as unpriced. */
const OTHER_POD_KINDS = ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod'];

/** One workload's pods, as the plan counts them. */
interface Workload {
  /** `<namespace>/<name>`. */
  readonly id: string;
  readonly resourceType: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly replicas: number;
  /** One pod's requests as Fargate and the scheduler count them. */
  readonly requests: ContainerRequests;
  readonly tolerations: unknown[];
  /** CoreDNS, which the cluster runs whatever the objects: never listed as unpriced. */
  readonly system: boolean;
}

/**
 * Plans where the pods of `objects` run on the template's capacity (see the file comment). The
 * objects' shape (objects with a string `apiVersion` and `kind`) is checked before; anything deeper
 * that cannot be read is listed in `unpriced`, with the reason.
 */
export function planPods(objects: readonly Record<string, unknown>[], capacity: PodCapacity): PodPlan {
  const plan: MutablePlan = { fargate: [], extraNodes: [], unpriced: [], notes: [] };
  const workloads = readWorkloads(objects, plan);
  const own = workloads.filter((w) => !w.system);
  if (capacity.clusters.length !== 1) {
    const reason = capacity.clusters.length === 0
      ? 'the template has no EKS cluster, Fargate profile or node group for its pods'
      : `the template has ${capacity.clusters.length} EKS clusters (${capacity.clusters.join(', ')}): the Kubernetes objects cannot be matched to one; estimate each cluster's template with its own objects`;
    for (const w of own) plan.unpriced.push({ logicalId: w.id, resourceType: w.resourceType, reason });
    return plan;
  }
  if (!capacity.autoMode && !workloads.some((w) => w.id === `${EKS_COREDNS_PODS.namespace}/${EKS_COREDNS_PODS.name}`)) {
    workloads.push({
      id: `${EKS_COREDNS_PODS.namespace}/${EKS_COREDNS_PODS.name}`, resourceType: 'apps/v1/Deployment', namespace: EKS_COREDNS_PODS.namespace,
      labels: { ...EKS_COREDNS_PODS.labels }, replicas: EKS_COREDNS_PODS.replicas,
      requests: { cpuMillis: EKS_COREDNS_PODS.cpuMillis, memoryMiB: EKS_COREDNS_PODS.memoryMiB }, tolerations: [], system: true,
    });
  }
  if (own.length > 0) {
    plan.notes.push('Kubernetes pods: at their minimum replicas (an HPA\'s minReplicas, else spec.replicas), sized by their requests '
      + '(a limit where the request is missing); node selectors and affinities are not read');
  }

  const onNodes: Workload[] = [];
  for (const w of workloads) {
    const fargate = onFargate(w, capacity.fargateProfiles, plan);
    if (fargate) {
      const size = fargatePodSize(w.requests.cpuMillis, w.requests.memoryMiB);
      if (size === undefined) {
        plan.unpriced.push({
          logicalId: w.id, resourceType: w.resourceType,
          reason: `a pod requests ${w.requests.cpuMillis}m CPU and ${Math.ceil(w.requests.memoryMiB)}Mi memory (plus the 256Mi Fargate adds): more than Fargate's largest size (16 vCPU, 120 GB)`,
        });
      } else {
        plan.fargate.push({ workload: w.id, resourceType: w.resourceType, replicas: w.replicas, size });
      }
    } else {
      onNodes.push(w);
    }
  }
  if (plan.fargate.length > 0) {
    plan.notes.push('EKS on Fargate: pods at the x86_64 on-demand price (EKS runs no Arm and no Spot pods on Fargate), each sized at its requests + 256 MiB, rounded up to a Fargate size');
  }
  planNodes(onNodes, capacity, plan);
  return plan;
}

interface MutablePlan {
  fargate: FargatePods[];
  extraNodes: ExtraNodes[];
  unpriced: PodUnpriced[];
  notes: string[];
}

/** Why pods on Auto Mode nodes are not priced: EKS picks the instances, and its fee is not in the price table. */
function autoModeReason(w: Workload, pods: number): string {
  return `${pods} pod(s) of ${w.requests.cpuMillis}m CPU and ${Math.ceil(w.requests.memoryMiB)}Mi memory each on EKS Auto Mode nodes: `
    + 'EKS picks the instance types (its general-purpose node pool: on-demand C, M or R, generation 5 or newer, amd64) and bills a management fee '
    + 'per instance type that the price table does not hold, so the nodes are not priced';
}

/** A node group the pods can be packed onto. */
interface NodeGroupShape {
  readonly view: NodeGroupView;
  readonly instanceType: string;
  readonly node: NodeAllocatable;
  readonly minSize: number;
  readonly maxSize: number;
}

/**
 * The pods no Fargate profile selects: onto the node groups' minimum sizes, then (without Auto Mode)
 * onto new nodes of the groups; on Auto Mode, what the minimum sizes do not hold runs on nodes EKS
 * launches, which are not priced.
 */
function planNodes(workloads: readonly Workload[], capacity: PodCapacity, plan: MutablePlan): void {
  const { nodeGroups, autoMode } = capacity;
  const pending = workloads.filter((w) => w.replicas > 0);
  if (pending.length === 0) return;
  const own = pending.filter((w) => !w.system);
  const onAutoMode = (w: Workload, pods: number): void => {
    plan.unpriced.push({ logicalId: w.id, resourceType: w.resourceType, reason: autoModeReason(w, pods) });
  };
  if (nodeGroups.length === 0) {
    for (const w of own) {
      if (autoMode) onAutoMode(w, w.replicas);
      else plan.notes.push(`${w.id}: no Fargate profile selects its pods and the cluster has neither node groups nor Auto Mode: they stay Pending (not priced)`);
    }
    return;
  }
  const shapes: NodeGroupShape[] = [];
  const unknown: PodUnpriced[] = [];
  for (const view of nodeGroups) {
    const why = shapeProblem(view);
    if (why !== undefined) {
      unknown.push({ logicalId: view.logicalId, resourceType: 'AWS::EKS::Nodegroup', reason: `extra nodes for pods not worked out: ${why}` });
      continue;
    }
    const type = view.instanceType!;
    const info = instanceShape(type)!;
    const bottlerocket = typeof view.amiType === 'string' && view.amiType.startsWith('BOTTLEROCKET');
    shapes.push({
      view, instanceType: type, minSize: view.minSize!, maxSize: view.maxSize!,
      node: nodeAllocatable(type, info.vcpus, info.memoryMiB, capacity.prefixDelegation, { amiFamily: bottlerocket ? 'BOTTLEROCKET' : 'AL2023' })!,
    });
  }
  if (unknown.length > 0) {
    // One group the packing cannot count would make every other group's share a guess. Said only for
    // the objects' own pods: CoreDNS alone is not worth an entry.
    if (own.length === 0) return;
    if (autoMode) {
      for (const w of own) onAutoMode(w, w.replicas);
      return;
    }
    const who = ` (the pods of ${own.map((w) => w.id).join(', ')} run on the node groups)`;
    for (const u of unknown) plan.unpriced.push({ ...u, reason: `${u.reason}${who}` });
    return;
  }

  const left = new Map(pending.map((w) => [w, w.replicas]));
  const pack = (shape: NodeGroupShape, maxNodes: number): { nodes: number; placed: Workload[] } => {
    const eligible = pending.filter((w) => left.get(w)! > 0 && toleratesTaints(w.tolerations, shape.view.taints));
    if (eligible.length === 0 || maxNodes <= 0) return { nodes: 0, placed: [] };
    const groups: PodGroup[] = eligible.map((w, i) => ({ name: String(i), replicas: left.get(w)!, cpuMillis: w.requests.cpuMillis, memoryMiB: w.requests.memoryMiB }));
    const result = placePods(groups, shape.node, maxNodes);
    const placed: Workload[] = [];
    result.groups.forEach((outcome, i) => {
      left.set(eligible[i]!, outcome.unplaced);
      if (outcome.placed > 0) placed.push(eligible[i]!);
    });
    return { nodes: result.nodesUsed, placed };
  };
  // First the nodes every group runs anyway, then new ones (on Auto Mode, EKS launches those).
  for (const shape of shapes) pack(shape, shape.minSize);
  if (autoMode) {
    for (const w of own) if (left.get(w)! > 0) onAutoMode(w, left.get(w)!);
    return;
  }
  for (const shape of shapes) {
    const { nodes, placed } = pack(shape, shape.maxSize - shape.minSize);
    if (nodes === 0) continue;
    const names = placed.map((w) => w.id);
    plan.extraNodes.push({ logicalId: shape.view.logicalId, count: nodes, workloads: names });
    plan.notes.push(`${shape.view.logicalId}: ${nodes} node(s) beyond the minimum size for the pods of ${names.join(', ')} (first fit, largest pods first, after the add-ons' DaemonSets; `
      + `${shape.instanceType}: ${shape.node.allocatableCpuMillis}m, ${Math.floor(shape.node.allocatableMemoryMiB)}Mi, ${shape.node.maxPods} pods each, ${capacity.prefixDelegation ? 'with' : 'no'} prefix delegation); `
      + 'priced as if the group grows to hold them (Cluster Autoscaler, Karpenter or a higher desiredSize): a managed node group does not scale by itself');
  }

  for (const w of own) {
    const unplaced = left.get(w)!;
    if (unplaced === 0) continue;
    const eligible = shapes.filter((s) => toleratesTaints(w.tolerations, s.view.taints));
    if (eligible.length === 0) {
      plan.notes.push(`${w.id}: its pods tolerate the taints of no node group: they stay Pending (not priced)`);
      continue;
    }
    // One replica on an empty node of each group: too big everywhere, it is never scheduled.
    const alone = eligible.map((s) => ({ s, result: placePods([{ name: w.id, replicas: 1, cpuMillis: w.requests.cpuMillis, memoryMiB: w.requests.memoryMiB }], s.node, 0) }));
    if (alone.every(({ result }) => result.groups[0]!.tooBig.length > 0)) {
      const room = alone.map(({ s, result }) => `${s.instanceType}: ${result.perNode.cpuMillis}m, ${Math.floor(result.perNode.memoryMiB)}Mi`).join('; ');
      plan.unpriced.push({
        logicalId: w.id, resourceType: w.resourceType,
        reason: `a pod requests ${w.requests.cpuMillis}m CPU and ${Math.ceil(w.requests.memoryMiB)}Mi memory: more than a node of any node group it may run on has room for after the add-ons' DaemonSets (${room}), so it is never scheduled`,
      });
    } else {
      plan.notes.push(`${w.id}: ${unplaced} of its ${w.replicas} pod(s) do not fit on the node groups at their maximum size: they stay Pending (not priced)`);
    }
  }
}

/** Why a node group's nodes cannot be counted, or undefined when they can. */
function shapeProblem(view: NodeGroupView): string | undefined {
  if (view.instanceType === undefined) return 'its instance type is not literal';
  if (!isWholeNumber(view.minSize)) return 'ScalingConfig.MinSize is not a literal whole number';
  if (!isWholeNumber(view.maxSize)) return 'ScalingConfig.MaxSize is not set to a literal whole number';
  if (instanceShape(view.instanceType) === undefined) return `instance type ${view.instanceType} is not in the library's table of vCPUs, memory and network interfaces`;
  return undefined;
}

/** Whether a Fargate profile of the template selects the workload's pods; notes selectors it cannot read. */
function onFargate(w: Workload, profiles: readonly FargateProfileView[], plan: MutablePlan): boolean {
  let selected = false;
  for (const profile of profiles) {
    const selectors = Array.isArray(profile.selectors) ? profile.selectors : [undefined];
    for (const selector of selectors) {
      const match = selects(selector, w.namespace, w.labels);
      if (match === undefined) {
        const note = `${profile.logicalId}: a selector is not literal: the pods it may select are priced as if it selected none`;
        if (!plan.notes.includes(note)) plan.notes.push(note);
      }
      if (match === true) selected = true;
    }
  }
  return selected;
}

/**
 * Whether a Fargate profile selector takes pods of `namespace` with `labels`: the namespace matches
 * and every label of the selector matches one of the pod's (key and value; `*` is any run of
 * characters, `?` one). Undefined when the selector is not literal.
 */
function selects(selector: unknown, namespace: string, labels: Record<string, string>): boolean | undefined {
  if (!isRecord(selector) || typeof selector.Namespace !== 'string') return undefined;
  const wanted = selector.Labels === undefined ? [] : selector.Labels;
  if (!Array.isArray(wanted) || !wanted.every((l) => isRecord(l) && typeof l.Key === 'string' && typeof l.Value === 'string')) return undefined;
  return fargateSelectorSelects(selector.Namespace, (wanted as Array<{ Key: string; Value: string }>).map((l) => ({ key: l.Key, value: l.Value })), namespace, labels);
}

/** The Deployments of the objects, with their replicas and requests; other pod makers and unreadable ones are listed as unpriced. */
function readWorkloads(objects: readonly Record<string, unknown>[], plan: MutablePlan): Workload[] {
  const minReplicas = new Map<string, unknown>();
  for (const o of objects) {
    const spec = isRecord(o.spec) ? o.spec : {};
    const target = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    if (o.kind === 'HorizontalPodAutoscaler' && target.kind === 'Deployment' && typeof target.name === 'string') {
      // Kubernetes' default minReplicas is 1.
      minReplicas.set(`${namespaceOf(o)}/${target.name}`, spec.minReplicas === undefined ? 1 : spec.minReplicas);
    }
  }
  const workloads: Workload[] = [];
  objects.forEach((o, index) => {
    const kind = o.kind as string;
    const resourceType = `${o.apiVersion as string}/${kind}`;
    const metadata = isRecord(o.metadata) ? o.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const id = name === undefined ? `kubernetesObjects[${index}]` : `${namespaceOf(o)}/${name}`;
    if (OTHER_POD_KINDS.includes(kind)) {
      plan.unpriced.push({ logicalId: id, resourceType, reason: `only Deployments are priced: the pods of a ${kind} are not` });
      return;
    }
    if (kind !== 'Deployment') return;
    const problem = (reason: string): void => {
      plan.unpriced.push({ logicalId: id, resourceType, reason });
    };
    if (name === undefined) return problem('metadata.name is not a string');
    const spec = isRecord(o.spec) ? o.spec : {};
    const hpa = minReplicas.get(id);
    const replicas = hpa ?? (spec.replicas === undefined ? 1 : spec.replicas);
    if (!isWholeNumber(replicas)) {
      return problem(`${hpa === undefined ? 'spec.replicas' : 'the HorizontalPodAutoscaler\'s minReplicas'} is not a whole number 0 or more: ${JSON.stringify(replicas)}`);
    }
    if (hpa === undefined && spec.replicas === undefined) plan.notes.push(`${id}: spec.replicas not set: Kubernetes' default of 1 replica assumed`);
    const template = isRecord(spec.template) ? spec.template : {};
    const podSpec = isRecord(template.spec) ? template.spec : undefined;
    if (podSpec === undefined || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) {
      return problem('spec.template.spec.containers is not a list of containers');
    }
    const requests = podRequests(podSpec);
    if (typeof requests === 'string') return problem(requests);
    const templateMetadata = isRecord(template.metadata) ? template.metadata : {};
    workloads.push({
      id, resourceType, namespace: namespaceOf(o), labels: stringRecord(templateMetadata.labels), replicas, requests,
      tolerations: Array.isArray(podSpec.tolerations) ? podSpec.tolerations : [], system: false,
    });
  });
  return workloads;
}

/** One pod's requests (Fargate's rule, which the scheduler shares), or why they cannot be read. */
function podRequests(podSpec: Record<string, unknown>): ContainerRequests | string {
  const long: ContainerRequests[] = [];
  const init: ContainerRequests[] = [];
  const lists: Array<[string, unknown]> = [['containers', podSpec.containers], ['initContainers', podSpec.initContainers ?? []]];
  for (const [field, list] of lists) {
    if (!Array.isArray(list)) return `spec.template.spec.${field} is not a list`;
    for (const [i, container] of list.entries()) {
      const where = `spec.template.spec.${field}[${i}]`;
      if (!isRecord(container)) return `${where} is not an object`;
      const requests = containerRequests(container, where);
      if (typeof requests === 'string') return requests;
      // A native sidecar (an init container that keeps running) counts with the long-running containers.
      (field === 'initContainers' && container.restartPolicy !== 'Always' ? init : long).push(requests);
    }
  }
  return fargatePodRequests(long, init);
}

function containerRequests(container: Record<string, unknown>, where: string): ContainerRequests | string {
  const resources = isRecord(container.resources) ? container.resources : {};
  const requests = isRecord(resources.requests) ? resources.requests : {};
  const limits = isRecord(resources.limits) ? resources.limits : {};
  const read = (kind: 'cpu' | 'memory'): number | string => {
    const source = requests[kind] !== undefined ? 'requests' : 'limits';
    const value = requests[kind] ?? limits[kind];
    if (value === undefined) return 0;
    if (typeof value !== 'string' && typeof value !== 'number') return `${where}.resources.${source}.${kind} is not a quantity: ${JSON.stringify(value)}`;
    const parsed = kind === 'cpu' ? parseCpuQuantity(String(value)) : parseMemoryQuantity(String(value));
    return parsed.ok ? parsed.value : `${where}.resources.${source}.${kind}: ${parsed.reason}`;
  };
  const cpu = read('cpu');
  if (typeof cpu === 'string') return cpu;
  const memory = read('memory');
  if (typeof memory === 'string') return memory;
  return { cpuMillis: cpu, memoryMiB: memory / BYTES_PER_MIB };
}

/** An object's namespace: `metadata.namespace`, else `default` (where kubectl applies it). */
function namespaceOf(o: Record<string, unknown>): string {
  const metadata = isRecord(o.metadata) ? o.metadata : {};
  return typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
}

/** The string entries of a label map (anything else is not a label). */
function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
