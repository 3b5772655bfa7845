import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { EksCluster } from './cluster';
import { fargatePodSize, fargateSelectorSelects } from '../private/fargate-pod-sizes';
import { EVICTION_HARD_MEMORY_MIB, instanceShape, kubeReservedCpuMillis, kubeReservedMemoryMiB, nodeAllocatable, NodeAllocatable } from '../private/node-allocatable';
import { prefixDelegationOf } from '../private/vpc-cni';
import { kubernetesObjectsOf } from '../private/kubernetes-objects';
import { EKS_COREDNS_PODS, PodGroup, placePods, toleratesTaints } from '../private/pod-placement';
import { AutoModeNodePool } from './capacity';
import { EksKarpenter } from './karpenter';
import { EksNodePool } from './node-pool';
import { NODE_POOL_LABEL } from './private/node-pools';
import { isBottlerocketAmiType } from './private/validate';
import { ContainerResources } from './workload-spec';

/** CoreDNS, which runs on the nodes of a cluster without Auto Mode (the add-on's default requests). */
const COREDNS: PodGroup = {
  name: `${EKS_COREDNS_PODS.name} (${EKS_COREDNS_PODS.namespace})`,
  replicas: EKS_COREDNS_PODS.replicas,
  cpuMillis: EKS_COREDNS_PODS.cpuMillis,
  memoryMiB: EKS_COREDNS_PODS.memoryMiB,
};

/** One workload's pods, as the check counts them. */
interface WorkloadDemand {
  readonly workload: Construct;
  readonly name: string;
  readonly namespace: string;
  readonly podLabels: Record<string, string>;
  /** The most pods at once: the replicas, or the autoscaler's maximum. */
  readonly replicas: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  /** The workload's property that asks for EKS Pod Identity, if it does (which cannot serve Fargate pods). */
  readonly podIdentityProperty?: string;
}

/** A node group's shape for the check: its smallest known instance type at its largest size. */
interface NodeGroupShape {
  readonly id: string;
  readonly instanceType: string;
  readonly node: NodeAllocatable;
  readonly maxSize: number;
  /** CloudFormation's `Taints` of the group. */
  readonly taints: unknown;
  /** CloudFormation's `Labels` of the group (Kubernetes labels of its nodes). */
  readonly labels: unknown;
}

/** Pods still to place, with what keeps them off a node group. */
interface Pending {
  readonly group: PodGroup;
  readonly tolerations: readonly unknown[];
  readonly nodeSelector: Record<string, unknown>;
}

/**
 * Label keys every EKS node carries, set by Kubernetes or EKS (architecture, OS, zone, instance
 * type, node group, capacity type): a nodeSelector on them is not checked (what a node group's
 * nodes get is not all known at synth), so it keeps the pods off no group.
 */
const WELL_KNOWN_NODE_LABEL = /^((beta\.)?kubernetes\.io|node\.kubernetes\.io|topology\.kubernetes\.io|failure-domain\.beta\.kubernetes\.io|eks\.amazonaws\.com|k8s\.io)\//;

/** Whether a node group's nodes carry every label of `nodeSelector` (well-known node labels are not checked). */
function selectsGroup(nodeSelector: Record<string, unknown>, labels: unknown): boolean {
  if (labels !== undefined && (typeof labels !== 'object' || labels === null || Token.isUnresolved(labels))) return true;
  const own = (labels ?? {}) as Record<string, unknown>;
  return Object.entries(nodeSelector).every(([key, value]) => WELL_KNOWN_NODE_LABEL.test(key) || Token.isUnresolved(own[key]) || own[key] === value);
}

/** The tolerations and nodeSelector of a workload's pods, as it renders them (escape-hatch patches included). */
function podConstraints(workload: Construct): { tolerations: unknown[]; nodeSelector: Record<string, unknown> } {
  let objects: Record<string, unknown>[] = [];
  try {
    objects = kubernetesObjectsOf(workload) ?? [];
  } catch {
    // Objects that cannot be rendered fail the workload's own validation, with its path.
  }
  const deployment = objects.find((o) => o.kind === 'Deployment') as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined;
  const pod = deployment?.spec?.template?.spec ?? {};
  const nodeSelector = pod.nodeSelector;
  return {
    tolerations: Array.isArray(pod.tolerations) ? pod.tolerations : [],
    nodeSelector: typeof nodeSelector === 'object' && nodeSelector !== null && !Array.isArray(nodeSelector) ? nodeSelector as Record<string, unknown> : {},
  };
}

const DEMANDS = new WeakMap<EksCluster, WorkloadDemand[]>();

/**
 * Where an `EksWorkload`'s pods run, checked at synth (a part of `EksWorkload`, the twin of the ECS
 * placement check). Each workload reports its pods to its cluster; once the tree is finished the
 * cluster checks them all together:
 *
 * - pods a Fargate profile selects are sized as Fargate sizes them (the containers' requests plus
 *   256 MiB, rounded up); a pod larger than Fargate's largest size is a ValidationError, and so is
 *   EKS Pod Identity for them (Fargate has no Pod Identity agent);
 * - the other pods, on a cluster without Auto Mode, are packed onto the managed node groups at their
 *   maximum size, after kube-reserved, the eviction threshold, the add-on DaemonSets, CoreDNS and
 *   each instance type's pod limit (VPC CNI, with prefix delegation when the vpc-cni add-on turns it on): a pod larger than every node
 *   group's nodes is a ValidationError, pods that do not all fit are a warning with the shortfall;
 * - on Auto Mode, pods that select a custom node pool (`EksNodePool`) must fit its largest node (by
 *   its instance types, or its vCPU and memory bounds; a ValidationError), and the pods of a pool
 *   must fit its CPU and memory limits at their most replicas (a warning); a pod that selects a pool
 *   the cluster does not have is a warning. EKS launches nodes that fit other pods (the built-in
 *   pools have no limits), so they are not checked.
 */
export class WorkloadPlacement {
  /**
   * @param workload the EksWorkload: errors name it
   * @param replicas the most pods at once (the replicas, or the autoscaler's maximum)
   * @param podIdentityProperty the workload's property that asks for EKS Pod Identity, if it does
   */
  constructor(workload: Construct, cluster: EksCluster, namespace: string, workloadName: string, podLabels: Record<string, string>,
    resources: ContainerResources[], replicas: number, podIdentityProperty?: string) {
    const demands = DEMANDS.get(cluster);
    const demand: WorkloadDemand = {
      workload,
      name: `${namespace}/${workloadName}`,
      namespace,
      podLabels,
      replicas,
      cpuMillis: resources.reduce((sum, r) => sum + r.cpuMillis, 0),
      memoryMiB: resources.reduce((sum, r) => sum + r.memoryBytes, 0) / (1024 * 1024),
      podIdentityProperty,
    };
    if (demands) {
      demands.push(demand);
      return;
    }
    DEMANDS.set(cluster, [demand]);
    cluster.node.addValidation({ validate: () => checkClusterPlacement(cluster, DEMANDS.get(cluster) ?? []) });
  }
}

/** Whether a Fargate profile selector (namespace and label wildcards `*` and `?`) selects these pods. */
function selects(selector: eks.CfnFargateProfile.SelectorProperty, namespace: string, labels: Record<string, string>): boolean {
  if (Token.isUnresolved(selector.namespace)) return false;
  const wanted = (Array.isArray(selector.labels) ? selector.labels : []) as eks.CfnFargateProfile.LabelProperty[];
  return fargateSelectorSelects(selector.namespace, wanted, namespace, labels);
}

function onFargate(cluster: EksCluster, demand: WorkloadDemand): boolean {
  return cluster.fargateProfiles.some((profile) => {
    const cfn = profile.node.defaultChild as eks.CfnFargateProfile;
    const selectors = Array.isArray(cfn.selectors) ? cfn.selectors as eks.CfnFargateProfile.SelectorProperty[] : [];
    return selectors.some((selector) => selects(selector, demand.namespace, demand.podLabels));
  });
}

/**
 * Whether the cluster's VPC CNI add-on assigns prefixes (`ENABLE_PREFIX_DELEGATION`), which raises
 * each node's pod limit; false without the add-on or when its configuration is a token.
 */
function prefixDelegation(cluster: EksCluster): boolean {
  const vpcCni = cluster.node.findAll().find((c): c is eks.CfnAddon => c instanceof eks.CfnAddon && c.addonName === 'vpc-cni');
  // aws-eks-v2 writes the configuration as a lazy JSON string: resolve it first.
  return vpcCni !== undefined && prefixDelegationOf(Stack.of(vpcCni).resolve(vpcCni.configurationValues)) === true;
}

function nodeGroupShapes(cluster: EksCluster, skipped: string[]): NodeGroupShape[] {
  const shapes: NodeGroupShape[] = [];
  const prefixes = prefixDelegation(cluster);
  for (const group of cluster.nodeGroups) {
    const cfn = group.node.defaultChild as eks.CfnNodegroup;
    // The library's node groups are `<cluster>/<id>/Resource`: name them by the id they were given.
    const id = group.node.id === 'Resource' && group.node.scope ? group.node.scope.node.id : group.node.id;
    const scaling = cfn.scalingConfig as eks.CfnNodegroup.ScalingConfigProperty | undefined;
    const maxSize = scaling?.maxSize;
    const types = Array.isArray(cfn.instanceTypes) ? cfn.instanceTypes : [];
    const amiFamily = typeof cfn.amiType === 'string' && isBottlerocketAmiType(cfn.amiType as eks.NodegroupAmiType) ? 'BOTTLEROCKET' : 'AL2023';
    const nodes = types.map((type) => {
      const info = Token.isUnresolved(type) ? undefined : instanceShape(type);
      return info && { type, node: nodeAllocatable(type, info.vcpus, info.memoryMiB, prefixes, { amiFamily }) };
    });
    if (maxSize === undefined || Token.isUnresolved(maxSize) || types.length === 0 || nodes.some((n) => n?.node === undefined)) {
      skipped.push(id);
      continue;
    }
    // Mixed instance types: the smallest, the worst case the group may launch.
    const smallest = nodes.reduce((a, b) => (b!.node!.allocatableCpuMillis * b!.node!.allocatableMemoryMiB < a!.node!.allocatableCpuMillis * a!.node!.allocatableMemoryMiB ? b : a))!;
    shapes.push({ id, instanceType: smallest.type, node: smallest.node!, maxSize, taints: cfn.taints, labels: cfn.labels });
  }
  return shapes;
}

function checkClusterPlacement(cluster: EksCluster, demands: readonly WorkloadDemand[]): string[] {
  const onNodes: WorkloadDemand[] = [];
  for (const demand of demands) {
    if (onFargate(cluster, demand)) {
      if (demand.podIdentityProperty !== undefined) {
        throw new ValidationError(demand.workload, {
          property: demand.podIdentityProperty,
          value: demand.podIdentityProperty === 'podIdentity' ? true : 'WorkloadIamIdentity.POD_IDENTITY',
          allowed: 'IRSA (WorkloadIamIdentity.IRSA) for pods a Fargate profile of the cluster selects',
          hint: `a Fargate profile selects the pods of ${demand.name}, and Fargate runs no Pod Identity agent: they would start without AWS credentials. Set iamIdentity: WorkloadIamIdentity.IRSA, or run them on a node group or Auto Mode`,
        });
      }
      if (fargatePodSize(demand.cpuMillis, demand.memoryMiB) === undefined) {
        throw new ValidationError(demand.workload, {
          property: 'containers',
          value: `${demand.cpuMillis}m CPU and ${Math.ceil(demand.memoryMiB)}Mi memory per pod (plus 256Mi Fargate adds)`,
          allowed: 'at most 16 vCPU and 120 GiB per pod on Fargate, which a Fargate profile of the cluster selects the namespace for',
          hint: 'lower the requests, or run the pods on a node group (a namespace no Fargate profile selects)',
        });
      }
    } else if (demand.replicas > 0) {
      onNodes.push(demand);
    }
  }
  if (onNodes.length === 0) return [];
  // Each workload's objects rendered once, for the node-pool part and the node groups alike.
  const constraints = new Map(onNodes.map((d) => [d, podConstraints(d.workload)]));
  if (cluster.autoMode) {
    checkNodePools(cluster, onNodes, constraints);
    return [];
  }
  // With Karpenter, pods that select a node pool are checked against it; the rest go on the node groups.
  const karpenter = EksKarpenter.of(cluster);
  const pooled = karpenter === undefined ? [] : checkNodePools(cluster, onNodes, constraints);
  const onGroups = onNodes.filter((d) => !pooled.includes(d));
  if (onGroups.length === 0) return [];

  const skipped: string[] = [];
  const shapes = nodeGroupShapes(cluster, skipped);
  if (skipped.length > 0) {
    Annotations.of(cluster).addWarningV2('cdk-containers:eks-placement-skipped',
      `Pod placement check skipped for node group${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')}: the size or instance type is not known at synth.`);
  }
  if (shapes.length === 0) {
    if (skipped.length === 0) {
      Annotations.of(cluster).addWarningV2('cdk-containers:eks-placement-no-capacity',
        `Pods of ${onGroups.map((d) => d.name).join(', ')} need nodes, but the cluster has no Auto Mode, no node group and no Fargate profile that selects them: they stay Pending.`);
    }
    return [];
  }

  // A pool without taints launches nodes for any pending pod: then a pod larger than the node groups is Karpenter's.
  const karpenterTakesAny = karpenter !== undefined && EksNodePool.ofCluster(cluster).some((p) => p.taints.length === 0);
  for (const demand of onGroups) {
    const fitsSomewhere = shapes.some((s) => demand.cpuMillis <= s.node.allocatableCpuMillis && demand.memoryMiB <= s.node.allocatableMemoryMiB);
    if (!fitsSomewhere && !karpenterTakesAny) {
      const largest = shapes.map((s) => `${s.instanceType} (node group ${s.id}): ${s.node.allocatableCpuMillis}m, ${Math.floor(s.node.allocatableMemoryMiB)}Mi allocatable`).join('; ');
      throw new ValidationError(demand.workload, {
        property: 'containers',
        value: `${demand.cpuMillis}m CPU and ${Math.ceil(demand.memoryMiB)}Mi memory per pod`,
        allowed: `requests that fit one node: ${largest}`,
        hint: 'lower the requests, or add a node group of a larger instance type; a pod larger than every node is never scheduled',
      });
    }
  }

  // Pack node group by node group: what one cannot take goes to the next; a group takes only the
  // pods that tolerate its taints and whose nodeSelector its labels match.
  const eligible = (p: Pending, shape: NodeGroupShape) => toleratesTaints(p.tolerations, shape.taints) && selectsGroup(p.nodeSelector, shape.labels);
  const controller: PodGroup | undefined = karpenter && { name: `karpenter (${karpenter.namespaceName})`, ...karpenter.controllerPods };
  let remaining: Pending[] = [
    // CoreDNS (the add-on's tolerations are for control-plane and CriticalAddonsOnly taints only).
    { group: COREDNS, tolerations: [], nodeSelector: {} },
    // Karpenter's controller runs on the node groups (never on the nodes it manages); the chart
    // tolerates CriticalAddonsOnly, the taint of a dedicated system node group.
    ...(controller === undefined ? [] : [{ group: controller, tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }], nodeSelector: {} }]),
    ...onGroups.map((d) => ({ group: { name: d.name, replicas: d.replicas, cpuMillis: d.cpuMillis, memoryMiB: d.memoryMiB }, ...constraints.get(d)! })),
  ];
  const capacity: string[] = [];
  for (const shape of shapes) {
    capacity.push(`${shape.maxSize} x ${shape.instanceType} (${shape.id}: ${shape.node.allocatableCpuMillis}m, ${Math.floor(shape.node.allocatableMemoryMiB)}Mi, ${shape.node.maxPods} pods each)`);
    const here = remaining.filter((p) => eligible(p, shape));
    if (here.length === 0) continue;
    const unplaced = new Map(placePods(here.map((p) => p.group), shape.node, shape.maxSize).groups.map((g) => [g.group.name, g.unplaced]));
    remaining = remaining.flatMap((p) => {
      if (!here.includes(p)) return [p];
      const left = unplaced.get(p.group.name) ?? 0;
      return left > 0 ? [{ ...p, group: { ...p.group, replicas: left } }] : [];
    });
    if (remaining.length === 0) return [];
  }
  // Pods Karpenter can take (a pool without taints launches nodes for any pending pod) are not short;
  // its own controller is (it never runs on the nodes it launches).
  // The chart gives the controller the system-cluster-critical priority, so it preempts other pods:
  // it is short only when it does not fit the node groups on its own.
  if (karpenterTakesAny && controller !== undefined) {
    const fitsAlone = shapes.some((shape) => placePods([controller], shape.node, shape.maxSize).fits);
    remaining = fitsAlone ? [] : remaining.filter((p) => p.group.name === controller.name);
  }
  if (remaining.length === 0) return [];
  const nowhere = remaining.filter((p) => !shapes.some((shape) => eligible(p, shape)));
  const cpu = remaining.reduce((sum, p) => sum + p.group.replicas * Math.ceil(p.group.cpuMillis), 0);
  const memory = remaining.reduce((sum, p) => sum + p.group.replicas * p.group.memoryMiB, 0);
  const slots = remaining.reduce((sum, p) => sum + p.group.replicas, 0);
  Annotations.of(cluster).addWarningV2('cdk-containers:eks-placement-shortfall',
    `The pods do not all fit on the node groups at their maximum size (${capacity.join('; ')}): ` +
    `${remaining.map((p) => `${p.group.replicas} of ${p.group.name}`).join(', ')} would stay Pending; short by ${cpu}m CPU, ` +
    `${Math.ceil(memory)}Mi memory and ${slots} pod slots.` +
    (nowhere.length > 0 ? ` No node group takes ${nowhere.map((p) => p.group.name).join(', ')} at all: the pods do not tolerate a group's taints, or a group's labels do not match their nodeSelector.` : '') +
    ' Raise maxSize, use larger instance types, or lower the requests.');
  return [];
}

/** The largest node a custom pool may launch, as the scheduler sees it: an upper bound, undefined where the pool sets none. */
interface PoolNode {
  readonly cpuMillis?: number;
  readonly memoryMiB?: number;
  /** How the bound was found, for messages. */
  readonly from: string;
}

/**
 * An upper bound of a custom pool's largest node: its listed instance types (allocatable as on a
 * Bottlerocket node, which Auto Mode runs), else its vCPU and memory bounds and its limits (the
 * whole instance less the least the kubelet reserves: a bound no node of the pool exceeds).
 */
function largestPoolNode(pool: EksNodePool): PoolNode {
  const bounds = pool.bounds;
  const shapes = (bounds.instanceTypes ?? []).map((type) => {
    const shape = instanceShape(type);
    return shape && nodeAllocatable(type, shape.vcpus, shape.memoryMiB, false, { amiFamily: 'BOTTLEROCKET' });
  });
  if (shapes.length > 0 && shapes.every((s) => s !== undefined)) {
    return {
      cpuMillis: Math.max(...shapes.map((s) => s!.allocatableCpuMillis)),
      memoryMiB: Math.max(...shapes.map((s) => s!.allocatableMemoryMiB)),
      from: `its largest instance type of ${bounds.instanceTypes!.join(', ')}`,
    };
  }
  const vcpus = Math.min(bounds.maximumVcpus ?? Infinity, bounds.cpuLimit);
  const memory = Math.min(bounds.maximumMemoryMiB ?? Infinity, bounds.memoryLimitMiB);
  return {
    cpuMillis: vcpus * 1000 - kubeReservedCpuMillis(vcpus),
    memoryMiB: memory - kubeReservedMemoryMiB(1) - EVICTION_HARD_MEMORY_MIB,
    from: `at most ${vcpus} vCPUs and ${Math.floor(memory / 1024)} GiB per node (its ${bounds.maximumVcpus !== undefined && bounds.maximumVcpus <= bounds.cpuLimit ? 'maximumVcpus' : 'cpuLimit'}, `
      + `${bounds.maximumMemoryMiB !== undefined && bounds.maximumMemoryMiB <= bounds.memoryLimitMiB ? 'maximumMemoryGiB' : 'memoryLimitGiB'}), less what the kubelet reserves`,
  };
}

/** The node-pool part of the check (Auto Mode, Karpenter): returns the demands that select a pool. */
function checkNodePools(cluster: EksCluster, onNodes: readonly WorkloadDemand[], constraints: ReadonlyMap<WorkloadDemand, { nodeSelector: Record<string, unknown> }>): WorkloadDemand[] {
  const pools = EksNodePool.ofCluster(cluster);
  const builtIn = cluster.autoMode ? Object.values(AutoModeNodePool) as string[] : [];
  const selecting: WorkloadDemand[] = [];
  const perPool = new Map<EksNodePool, WorkloadDemand[]>();
  const missing: string[] = [];
  for (const demand of onNodes) {
    const wanted = constraints.get(demand)?.nodeSelector[NODE_POOL_LABEL];
    if (typeof wanted !== 'string' || Token.isUnresolved(wanted)) continue;
    selecting.push(demand);
    const pool = pools.find((p) => p.nodePoolName === wanted);
    if (pool === undefined) {
      if (!builtIn.includes(wanted)) missing.push(`${demand.name} (${wanted})`);
      continue;
    }
    perPool.set(pool, [...(perPool.get(pool) ?? []), demand]);
  }
  if (missing.length > 0) {
    Annotations.of(cluster).addWarningV2('cdk-containers:eks-node-pool-missing',
      `Pods of ${missing.join(', ')} select a node pool the cluster does not have (no EksNodePool of that name${cluster.autoMode ? ', not a built-in pool' : ''}): they stay Pending until one is created.`);
  }
  for (const [pool, demands] of perPool) {
    const largest = largestPoolNode(pool);
    for (const demand of demands) {
      if ((largest.cpuMillis !== undefined && demand.cpuMillis > largest.cpuMillis) || (largest.memoryMiB !== undefined && demand.memoryMiB > largest.memoryMiB)) {
        throw new ValidationError(demand.workload, {
          property: 'containers',
          value: `${demand.cpuMillis}m CPU and ${Math.ceil(demand.memoryMiB)}Mi memory per pod`,
          allowed: `requests that fit one node of node pool ${pool.nodePoolName}: ${largest.cpuMillis}m, ${Math.floor(largest.memoryMiB ?? 0)}Mi allocatable at most (${largest.from})`,
          hint: 'lower the requests, or let the pool launch larger instances (requirements, cpuLimit, memoryLimitGiB); a pod larger than every node is never scheduled',
        });
      }
    }
    const cpu = demands.reduce((sum, d) => sum + d.replicas * d.cpuMillis, 0);
    const memory = demands.reduce((sum, d) => sum + d.replicas * d.memoryMiB, 0);
    if (cpu > pool.bounds.cpuLimit * 1000 || memory > pool.bounds.memoryLimitMiB) {
      Annotations.of(pool).addWarningV2('cdk-containers:eks-node-pool-limit',
        `The pods on node pool ${pool.nodePoolName} (${demands.map((d) => `${d.replicas} of ${d.name}`).join(', ')}) request ${cpu}m CPU and ${Math.ceil(memory)}Mi memory at their most replicas, `
        + `above the pool's limits of ${pool.bounds.cpuLimit} vCPUs and ${pool.bounds.memoryLimitMiB / 1024} GiB (the nodes' own reservations come on top): some stay Pending. Raise cpuLimit or memoryLimitGiB, or lower the requests or replicas.`);
    }
  }
  return selecting;
}
