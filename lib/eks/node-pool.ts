import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkInstanceTypeName, instanceFamily, instanceFamilyParts, isKnownInstanceFamily, knownInstanceCategories } from '../private/instance-types';
import { instanceShape } from '../private/node-allocatable';
import { isToken } from '../private/validate';
import { AutoModeNodePool } from './capacity';
import { EksCluster } from './cluster';
import { EksKarpenter } from './karpenter';
import { KubernetesDelivery, KubernetesManifests } from './kubernetes-manifests';
import { cdk8s } from './private/cdk8s';
import { checkKubernetesName } from './private/kubernetes-names';
import { checkBudgetNodes, checkBudgetSchedule, karpenterDuration, kubernetesEffect, NODE_POOL_LABEL, RESERVED_NODE_LABEL_PREFIXES } from './private/node-pools';
import { checkNodeLabels, checkTaints, instanceArchitecture } from './private/validate';

/** CPU architectures a node pool may launch (`kubernetes.io/arch`). */
export enum NodePoolArchitecture {
  /** Graviton (arm64). */
  ARM64 = 'arm64',
  /** x86-64 (Intel and AMD). */
  AMD64 = 'amd64',
}

/** How a node pool buys its instances (`karpenter.sh/capacity-type`). */
export enum NodePoolCapacityType {
  /** On-demand instances. */
  ON_DEMAND = 'on-demand',
  /** Spot instances: up to 90% cheaper, reclaimed with two minutes' notice (EKS Auto Mode and Karpenter drain the node first). */
  SPOT = 'spot',
}

/** When a node pool consolidates nodes (`spec.disruption.consolidationPolicy`). */
export enum NodePoolConsolidationPolicy {
  /** Remove empty nodes, and replace underused ones with fewer or cheaper nodes. */
  WHEN_EMPTY_OR_UNDERUTILIZED = 'WhenEmptyOrUnderutilized',
  /** Remove only nodes that run no pod but DaemonSets. */
  WHEN_EMPTY = 'WhenEmpty',
}

/** Why nodes are disrupted, for a budget that limits only some reasons. */
export enum NodePoolDisruptionReason {
  /** Consolidation of underused nodes. */
  UNDERUTILIZED = 'Underutilized',
  /** Removal of empty nodes. */
  EMPTY = 'Empty',
  /** Replacement of nodes that no longer match their pool or NodeClass (a new AMI, a changed pool). */
  DRIFTED = 'Drifted',
}

/**
 * Which instances a node pool may launch. Every field narrows the choice; the library checks that
 * some instance type satisfies all of them at once.
 */
export interface NodePoolRequirements {
  /**
   * Instance categories (`eks.amazonaws.com/instance-category`, with Karpenter `karpenter.k8s.aws/instance-category`): the letters before the generation,
   * e.g. `c`, `m`, `r` (compute, general purpose, memory), `t`, `g` and `p` (GPU), `inf`, `trn`.
   *
   * @default - ['c', 'm', 'r'] when neither `instanceFamilies` nor `instanceTypes` is given, else any
   */
  readonly instanceCategories?: string[];
  /**
   * Instance families (`eks.amazonaws.com/instance-family`, with Karpenter `karpenter.k8s.aws/instance-family`), e.g. `m7g`, `c7i`, `r8g`.
   *
   * @default - any family of the categories
   */
  readonly instanceFamilies?: string[];
  /**
   * Instance types (`node.kubernetes.io/instance-type`). With a list of types the placement check
   * knows each node's size.
   *
   * @default - any type of the families and categories
   */
  readonly instanceTypes?: ec2.InstanceType[];
  /**
   * The oldest instance generation (`eks.amazonaws.com/instance-generation`, with Karpenter `karpenter.k8s.aws/instance-generation`, 1-9).
   *
   * @default 5 (the built-in general-purpose pool's: newer than the fourth)
   */
  readonly minimumGeneration?: number;
  /**
   * The most vCPUs of one instance (`eks.amazonaws.com/instance-cpu`, with Karpenter `karpenter.k8s.aws/instance-cpu`, 1 or more): the largest node,
   * which the placement check fits each pod against.
   *
   * @default - no bound
   */
  readonly maximumVcpus?: number;
  /**
   * The most memory of one instance, GiB (`eks.amazonaws.com/instance-memory`, with Karpenter `karpenter.k8s.aws/instance-memory`, 1 or more).
   *
   * @default - no bound
   */
  readonly maximumMemoryGiB?: number;
  /**
   * CPU architectures (distinct).
   *
   * @default - both arm64 and amd64 (pods then need multi-architecture images)
   */
  readonly architectures?: NodePoolArchitecture[];
  /**
   * Capacity types (distinct). With both, Spot is used where it is offered, on-demand otherwise.
   *
   * @default [NodePoolCapacityType.ON_DEMAND]
   */
  readonly capacityTypes?: NodePoolCapacityType[];
  /**
   * Availability Zones (`topology.kubernetes.io/zone`, e.g. `us-east-1a`), in the stack's Region
   * and, when the VPC's subnets are known at synth, zones of the cluster's subnets.
   *
   * @default - the zones of the cluster's subnets
   */
  readonly availabilityZones?: string[];
}

/**
 * A limit on how many of a node pool's nodes EKS disrupts at once (voluntarily: consolidation,
 * drift, emptiness; never Spot interruptions or expiry).
 */
export interface NodePoolDisruptionBudget {
  /** The most nodes disrupted at once: a whole number (`"5"`, `"0"` to block) or a percentage of the pool's nodes (`"10%"`). */
  readonly nodes: string;
  /**
   * When the budget applies: a cron expression of five fields in UTC (`"0 9 * * mon-fri"`) or a
   * macro (`@daily`, `@weekly`, ...). Needs `duration`.
   *
   * @default - always
   */
  readonly schedule?: string;
  /**
   * How long the budget applies from each `schedule` start: whole minutes. Needs `schedule`.
   *
   * @default - always
   */
  readonly duration?: Duration;
  /**
   * The reasons the budget limits (distinct).
   *
   * @default - every reason
   */
  readonly reasons?: NodePoolDisruptionReason[];
}

/**
 * Properties of an {@link EksNodePool}.
 */
export interface EksNodePoolProps {
  /** The cluster: an EKS Auto Mode cluster, or one with an {@link EksKarpenter} (made before the pool). */
  readonly cluster: EksCluster;
  /**
   * The NodePool's name: a DNS-1123 label (it is the value of each node's `karpenter.sh/nodepool`
   * label), not a built-in pool's (`system`, `general-purpose`), unique in the cluster.
   */
  readonly nodePoolName: string;
  /**
   * Which instances the pool launches.
   * @default - on-demand instances of categories c, m and r, generation 5 or newer, either architecture
   */
  readonly requirements?: NodePoolRequirements;
  /**
   * The most vCPUs of all the pool's nodes together (a whole number, 1 or more): EKS launches no node
   * beyond it, which caps what the pool can cost.
   * @default 1000 (AWS's sample NodePool)
   */
  readonly cpuLimit?: number;
  /**
   * The most memory of all the pool's nodes together, GiB (a whole number, 1 or more).
   * @default 1000 (AWS's sample NodePool)
   */
  readonly memoryLimitGiB?: number;
  /**
   * Kubernetes labels of the pool's nodes (keys and values of 1-63 characters, no key EKS,
   * Karpenter or kubelet set themselves: `karpenter.sh/...`, `eks.amazonaws.com/...`, `kubernetes.io/...`).
   * @default - none (each node carries `karpenter.sh/nodepool: <name>`, which `EksWorkload.nodePool` selects)
   */
  readonly labels?: Record<string, string>;
  /**
   * Taints of the pool's nodes (as a node group's): only pods that tolerate them land there.
   * `EksWorkload.nodePool` adds the tolerations.
   * @default - none
   */
  readonly taints?: eks.TaintSpec[];
  /**
   * When EKS consolidates the pool's nodes.
   * @default NodePoolConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED
   */
  readonly consolidationPolicy?: NodePoolConsolidationPolicy;
  /**
   * How long a node stays empty or underused before EKS consolidates it (whole seconds).
   * @default Duration.seconds(0)
   */
  readonly consolidateAfter?: Duration;
  /**
   * Limits on voluntary disruption (1-50 budgets).
   * @default - one budget of 10% of the nodes (EKS Auto Mode's default)
   */
  readonly disruptionBudgets?: NodePoolDisruptionBudget[];
  /**
   * How long a node lives before it is replaced (whole seconds: 1 hour to 21 days on Auto Mode, its
   * maximum node lifetime; 1 hour to 365 days with Karpenter).
   * @default - Duration.days(14) on Auto Mode (its default, 336 hours); Duration.days(30) with Karpenter (its default, 720 hours)
   */
  readonly expireAfter?: Duration;
  /**
   * How long EKS waits for a node's pods to leave before it terminates the node (whole seconds, 0 to 21 days).
   * @default Duration.hours(24) (EKS Auto Mode's default)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * The pool's priority among pools that fit a pod (1-100, higher first).
   * @default - no weight (after every weighted pool)
   */
  readonly weight?: number;
  /**
   * How the NodePool reaches the cluster.
   * @default KubernetesDelivery.CLOUD_ASSEMBLY
   */
  readonly delivery?: KubernetesDelivery;
}

/** A node pool's shape as the placement check reads it. */
export interface NodePoolBounds {
  /** The instance types the pool may launch, when it lists them. @default - not listed */
  readonly instanceTypes?: string[];
  /** The most vCPUs of one node. @default - no bound */
  readonly maximumVcpus?: number;
  /** The most memory of one node, MiB. @default - no bound */
  readonly maximumMemoryMiB?: number;
  /** The most vCPUs of all nodes together. */
  readonly cpuLimit: number;
  /** The most memory of all nodes together, MiB. */
  readonly memoryLimitMiB: number;
}

const POOLS = new WeakMap<EksCluster, EksNodePool[]>();

/** What differs between a NodePool of Auto Mode and one of Karpenter. */
interface PoolFlavor {
  /** The prefix of the instance labels (`eks.amazonaws.com`, `karpenter.k8s.aws`). */
  readonly prefix: string;
  readonly nodeClassRef: { group: string; kind: string; name: string };
  /** The longest node lifetime, seconds. */
  readonly maxLifetime: number;
  readonly lifetimeText: string;
  readonly defaultLifetime: Duration;
}

/** Auto Mode's longest node lifetime. */
const MAX_EXPIRE_AFTER_SECONDS = 21 * 24 * 3600;
const MAX_BUDGETS = 50;
/** Why a token is refused anywhere in the NodePool. */
const MANIFEST_TOKEN_HINT = 'the NodePool is a manifest rendered at synth: a token would reach the cluster unresolved';
/** An Availability Zone (`us-east-1a`) or Local Zone (`us-east-1-bos-1a`) name. */
const ZONE = /^[a-z]{2}(-[a-z]+)+-\d+([a-z]|-[a-z]+-\d+[a-z])$/;

/**
 * A node pool (`karpenter.sh/v1` NodePool) of EKS Auto Mode (on its built-in `default` NodeClass) or
 * of Karpenter ({@link EksKarpenter}, on its `default` EC2NodeClass): which instances are launched
 * for the pods that select it, how many at most, and how they are replaced.
 *
 * Its manifest goes into the cloud assembly (`cdk.out/kubernetes/<cluster>/_cluster/nodepool-<name>.yaml`)
 * for Argo CD or a pipeline step to apply, or through the opt-in kubectl provider; no custom resource.
 * Pods run on it through `EksWorkload`'s `nodePool` (a nodeSelector on `karpenter.sh/nodepool` and
 * tolerations of its taints), and the placement check fits them against its largest node and its limits.
 *
 * @example
 * new EksNodePool(this, 'Graviton', {
 *   cluster: platform,
 *   nodePoolName: 'graviton-spot',
 *   requirements: { architectures: [NodePoolArchitecture.ARM64], capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.ON_DEMAND] },
 *   cpuLimit: 64,
 * });
 */
export class EksNodePool extends Construct {
  /** The custom node pools of a cluster, in the order they were made. */
  public static ofCluster(cluster: EksCluster): EksNodePool[] {
    return [...(POOLS.get(cluster) ?? [])];
  }

  /** The NodePool's name (the nodes' `karpenter.sh/nodepool` label). */
  public readonly nodePoolName: string;
  /** The cluster. */
  public readonly cluster: EksCluster;
  /** How the NodePool reaches the cluster. */
  public readonly delivery: KubernetesDelivery;
  /** The YAML file of the NodePool in the cloud assembly, relative to its root. */
  public readonly manifestFile: string;
  /** The Kubernetes labels of the pool's nodes, `karpenter.sh/nodepool` included. */
  public readonly nodeLabels: Record<string, string>;
  /** The taints of the pool's nodes. */
  public readonly taints: eks.TaintSpec[];
  /** What the placement check needs: the largest node and the pool's limits. */
  public readonly bounds: NodePoolBounds;
  /**
   * The construct that applies the NodePool through kubectl.
   * @default - delivered through the cloud assembly
   */
  public readonly kubectlManifest?: Construct;
  /** What differs between Auto Mode's and Karpenter's NodePools. */
  private readonly flavor: PoolFlavor;

  constructor(scope: Construct, id: string, props: EksNodePoolProps) {
    super(scope, id);
    this.cluster = props.cluster;
    checkKubernetesName(this, 'nodePoolName', props.nodePoolName, 'dns1123Label');
    if ((Object.values(AutoModeNodePool) as string[]).includes(props.nodePoolName)) {
      throw new ValidationError(this, {
        property: 'nodePoolName', value: props.nodePoolName, allowed: `a name other than the built-in pools' (${Object.values(AutoModeNodePool).join(', ')})`,
        hint: 'EKS owns the built-in pools and overwrites them: pick another name',
      });
    }
    const karpenter = EksKarpenter.of(this.cluster);
    if (!this.cluster.autoMode && karpenter === undefined) {
      throw new ValidationError(this, {
        property: 'cluster', value: this.cluster.node.path, allowed: 'an EKS Auto Mode cluster (capacity includes EksCapacity.autoMode()), or a cluster with an EksKarpenter',
        hint: 'node pools are how Auto Mode and Karpenter launch nodes: add new EksKarpenter(this, id, { cluster, chartVersion }) before the pool, or size the node groups instead',
      });
    }
    // Auto Mode labels instances as eks.amazonaws.com/..., Karpenter as karpenter.k8s.aws/...
    this.flavor = karpenter === undefined
      ? { prefix: 'eks.amazonaws.com', nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' }, maxLifetime: MAX_EXPIRE_AFTER_SECONDS, lifetimeText: '1 hour to 21 days (EKS Auto Mode replaces every node within 21 days)', defaultLifetime: Duration.days(14) }
      : { prefix: 'karpenter.k8s.aws', nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: karpenter.nodeClassName }, maxLifetime: 365 * 24 * 3600, lifetimeText: '1 hour to 365 days', defaultLifetime: Duration.days(30) };
    const others = POOLS.get(this.cluster) ?? [];
    const twin = others.find((pool) => pool.nodePoolName === props.nodePoolName);
    if (twin !== undefined) {
      throw new ValidationError(this, {
        property: 'nodePoolName', value: props.nodePoolName, allowed: 'a name no other node pool of the cluster has',
        hint: `${twin.node.path} is the node pool "${props.nodePoolName}" already`,
      });
    }
    this.nodePoolName = props.nodePoolName;
    this.delivery = props.delivery ?? KubernetesDelivery.CLOUD_ASSEMBLY;

    checkNodeLabels(this, 'labels', props.labels);
    const reserved = Object.keys(props.labels ?? {}).filter((key) => RESERVED_NODE_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix)));
    if (reserved.length > 0) {
      throw new ValidationError(this, {
        property: 'labels', value: reserved, allowed: `label keys outside ${RESERVED_NODE_LABEL_PREFIXES.join(', ')}`,
        hint: 'EKS and Karpenter set those labels on the nodes themselves; choose instances with requirements',
      });
    }
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      if (isToken(key) || isToken(value)) {
        throw new ValidationError(this, {
          property: 'labels', value: `${key}: ${value}`, allowed: 'literal label keys and values',
          hint: MANIFEST_TOKEN_HINT,
        });
      }
    }
    this.taints = props.taints ?? [];
    checkTaints(this, this.taints);
    for (const taint of this.taints) {
      if (isToken(taint.key) || isToken(taint.value)) {
        throw new ValidationError(this, { property: 'taints', value: taint, allowed: 'literal taint keys and values', hint: MANIFEST_TOKEN_HINT });
      }
    }
    this.nodeLabels = { ...props.labels, [NODE_POOL_LABEL]: this.nodePoolName };

    const cpuLimit = this.wholeAtLeast('cpuLimit', props.cpuLimit ?? 1000, 1);
    const memoryLimitGiB = this.wholeAtLeast('memoryLimitGiB', props.memoryLimitGiB ?? 1000, 1);
    const requirements = this.requirements(props.requirements ?? {});
    const maximumMemoryGiB = props.requirements?.maximumMemoryGiB;
    this.bounds = {
      instanceTypes: props.requirements?.instanceTypes?.map((t) => t.toString()),
      maximumVcpus: props.requirements?.maximumVcpus,
      maximumMemoryMiB: maximumMemoryGiB === undefined ? undefined : maximumMemoryGiB * 1024,
      cpuLimit,
      memoryLimitMiB: memoryLimitGiB * 1024,
    };
    const weight = props.weight;
    if (weight !== undefined && (isToken(weight) || !Number.isInteger(weight) || weight < 1 || weight > 100)) {
      throw new ValidationError(this, { property: 'weight', value: weight, allowed: 'a literal whole number from 1 to 100 (higher pools are tried first)' });
    }

    const expireAfter = this.seconds('expireAfter', props.expireAfter ?? this.flavor.defaultLifetime, 3600, this.flavor.maxLifetime, this.flavor.lifetimeText);
    const grace = this.seconds('terminationGracePeriod', props.terminationGracePeriod ?? Duration.hours(24), 0, MAX_EXPIRE_AFTER_SECONDS, '0 to 21 days');
    const consolidateAfter = this.seconds('consolidateAfter', props.consolidateAfter ?? Duration.seconds(0), 0, MAX_EXPIRE_AFTER_SECONDS, '0 to 21 days');
    const budgets = this.budgets(props.disruptionBudgets ?? [{ nodes: '10%' }]);

    const manifests = new KubernetesManifests(this, this.cluster, `_cluster/nodepool-${this.nodePoolName}.yaml`, 'nodePoolName');
    this.manifestFile = manifests.file;
    new (cdk8s().ApiObject)(manifests.chart, 'NodePool', {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: this.nodePoolName, labels: { 'app.kubernetes.io/managed-by': 'cdk-containers' } },
      spec: {
        template: {
          metadata: props.labels === undefined || Object.keys(props.labels).length === 0 ? undefined : { labels: { ...props.labels } },
          spec: {
            nodeClassRef: { ...this.flavor.nodeClassRef },
            requirements,
            taints: this.taints.length === 0 ? undefined : this.taints.map((t) => ({ key: t.key, value: t.value, effect: kubernetesEffect(t.effect) })),
            expireAfter: karpenterDuration(expireAfter),
            terminationGracePeriod: karpenterDuration(grace),
          },
        },
        disruption: {
          consolidationPolicy: props.consolidationPolicy ?? NodePoolConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
          consolidateAfter: karpenterDuration(consolidateAfter),
          budgets,
        },
        limits: { cpu: String(cpuLimit), memory: `${memoryLimitGiB}Gi` },
        weight,
      },
    });
    if (this.delivery === KubernetesDelivery.KUBECTL) {
      // With Karpenter, after its chart (which brings the NodePool CRD) when that is applied through kubectl too.
      const chart = karpenter?.kubectlChart;
      this.kubectlManifest = manifests.applyWithKubectl(this.cluster, `NodePool-${this.nodePoolName}`, chart === undefined ? [] : [chart]);
    }
    POOLS.set(this.cluster, [...others, this]);
  }

  private wholeAtLeast(property: string, value: number, min: number): number {
    if (isToken(value) || !Number.isSafeInteger(value) || value < min) {
      throw new ValidationError(this, {
        property, value, allowed: `a literal whole number of at least ${min}`,
        hint: isToken(value) ? MANIFEST_TOKEN_HINT : undefined,
      });
    }
    return value;
  }

  private seconds(property: string, value: Duration, min: number, max: number, range: string): number {
    const ms = value.isUnresolved() ? NaN : value.toMilliseconds();
    if (!(ms % 1000 === 0) || ms / 1000 < min || ms / 1000 > max) {
      throw new ValidationError(this, { property, value: value.isUnresolved() ? value : value.toHumanString(), allowed: `whole seconds, ${range}` });
    }
    return ms / 1000;
  }

  private budgets(budgets: NodePoolDisruptionBudget[]): unknown[] {
    if (budgets.length < 1 || budgets.length > MAX_BUDGETS) {
      throw new ValidationError(this, { property: 'disruptionBudgets', value: `${budgets.length} budgets`, allowed: `1-${MAX_BUDGETS} budgets` });
    }
    const reasons = Object.values(NodePoolDisruptionReason) as string[];
    return budgets.map((budget, i) => {
      const where = `disruptionBudgets[${i}]`;
      checkBudgetNodes(this, `${where}.nodes`, budget.nodes);
      if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
        throw new ValidationError(this, {
          property: `${where}.${budget.schedule === undefined ? 'schedule' : 'duration'}`, value: undefined,
          allowed: 'schedule and duration together, or neither (a budget that always applies)',
        });
      }
      let duration: string | undefined;
      if (budget.schedule !== undefined && budget.duration !== undefined) {
        checkBudgetSchedule(this, `${where}.schedule`, budget.schedule);
        const minutes = budget.duration.isUnresolved() ? NaN : budget.duration.toMilliseconds() / 60_000;
        if (!Number.isInteger(minutes) || minutes < 1) {
          throw new ValidationError(this, { property: `${where}.duration`, value: budget.duration.isUnresolved() ? budget.duration : budget.duration.toHumanString(), allowed: 'whole minutes, 1 or more' });
        }
        duration = karpenterDuration(minutes * 60);
      }
      const given = budget.reasons ?? [];
      if (given.some((r) => !reasons.includes(r)) || new Set(given).size !== given.length || (budget.reasons !== undefined && given.length === 0)) {
        throw new ValidationError(this, { property: `${where}.reasons`, value: given, allowed: `distinct NodePoolDisruptionReason values (${reasons.join(', ')}), at least one when given` });
      }
      return { nodes: budget.nodes, schedule: budget.schedule, duration, reasons: budget.reasons === undefined ? undefined : [...given] };
    });
  }

  /** Checks the requirements against each other and renders them (the order Karpenter's docs list them in). */
  private requirements(r: NodePoolRequirements): Array<{ key: string; operator: string; values: string[] }> {
    const out: Array<{ key: string; operator: string; values: string[] }> = [];
    const list = <T extends string>(property: string, values: T[] | undefined, allowed: (v: T) => boolean, allowedText: string): T[] | undefined => {
      if (values === undefined) return undefined;
      if (values.length === 0 || values.some((v) => isToken(v) || !allowed(v)) || new Set(values).size !== values.length) {
        const bad = values.find((v) => isToken(v) || !allowed(v));
        throw new ValidationError(this, {
          property: `requirements.${property}`, value: bad ?? values,
          allowed: `a list of distinct ${allowedText}, at least one`,
          hint: bad !== undefined && isToken(bad) ? MANIFEST_TOKEN_HINT : undefined,
        });
      }
      return values;
    };
    const categoriesKnown = knownInstanceCategories();
    const instanceTypes = r.instanceTypes === undefined ? undefined : list('instanceTypes', r.instanceTypes.map((t) => t.toString()), () => true, 'instance types');
    for (const name of instanceTypes ?? []) {
      checkInstanceTypeName(this, 'requirements.instanceTypes', name, 'for a type newer than the list, name its family in instanceFamilies instead');
    }
    const families = list('instanceFamilies', r.instanceFamilies, (f) => isKnownInstanceFamily(f), 'EC2 instance families (e.g. m7g, c7i, r8g)');
    const categories = list('instanceCategories', r.instanceCategories ?? (families === undefined && instanceTypes === undefined ? ['c', 'm', 'r'] : undefined),
      (c) => categoriesKnown.includes(c), `EC2 instance categories (${categoriesKnown.join(', ')})`);
    const architectures = list('architectures', r.architectures, (a) => (Object.values(NodePoolArchitecture) as string[]).includes(a), 'NodePoolArchitecture values');
    const capacityTypes = list('capacityTypes', r.capacityTypes ?? [NodePoolCapacityType.ON_DEMAND], (c) => (Object.values(NodePoolCapacityType) as string[]).includes(c), 'NodePoolCapacityType values');
    const zones = list('availabilityZones', r.availabilityZones, (z) => ZONE.test(z), 'Availability Zone names (e.g. us-east-1a)');
    const minimumGeneration = r.minimumGeneration ?? 5;
    if (isToken(minimumGeneration) || !Number.isInteger(minimumGeneration) || minimumGeneration < 1 || minimumGeneration > 9) {
      throw new ValidationError(this, { property: 'requirements.minimumGeneration', value: minimumGeneration, allowed: 'a literal whole number from 1 to 9' });
    }
    if (r.maximumVcpus !== undefined) this.wholeAtLeast('requirements.maximumVcpus', r.maximumVcpus, 1);
    if (r.maximumMemoryGiB !== undefined) this.wholeAtLeast('requirements.maximumMemoryGiB', r.maximumMemoryGiB, 1);
    if (zones !== undefined) this.checkZones(zones);

    // Some instance type must satisfy every requirement: EKS would launch nothing, and the pods stay Pending.
    const contradiction = (property: string, value: unknown, why: string) => {
      throw new ValidationError(this, {
        property: `requirements.${property}`, value, allowed: 'requirements some instance type satisfies all at once',
        hint: `${why}: EKS would launch no node for the pool and its pods would stay Pending`,
      });
    };
    for (const family of families ?? []) {
      const parts = instanceFamilyParts(family);
      if (parts === undefined) continue;
      if (categories !== undefined && !categories.includes(parts.category)) contradiction('instanceFamilies', family, `family ${family} is of category ${parts.category}, which instanceCategories (${categories.join(', ')}) leaves out`);
      if (parts.generation < minimumGeneration) contradiction('instanceFamilies', family, `family ${family} is generation ${parts.generation}, older than minimumGeneration ${minimumGeneration}`);
    }
    for (const type of r.instanceTypes ?? []) {
      const name = type.toString();
      const family = instanceFamily(name);
      const parts = family === undefined ? undefined : instanceFamilyParts(family);
      if (family !== undefined && families !== undefined && !families.includes(family)) contradiction('instanceTypes', name, `${name} is of family ${family}, which instanceFamilies (${families.join(', ')}) leaves out`);
      if (parts !== undefined && categories !== undefined && !categories.includes(parts.category)) contradiction('instanceTypes', name, `${name} is of category ${parts.category}, which instanceCategories leaves out`);
      if (parts !== undefined && parts.generation < minimumGeneration) contradiction('instanceTypes', name, `${name} is generation ${parts.generation}, older than minimumGeneration ${minimumGeneration}`);
      const read = instanceArchitecture(type);
      const arch = read === undefined ? undefined : read === ec2.InstanceArchitecture.ARM_64 ? NodePoolArchitecture.ARM64 : NodePoolArchitecture.AMD64;
      if (arch !== undefined && architectures !== undefined && !architectures.includes(arch)) contradiction('instanceTypes', name, `${name} is ${arch}, which architectures (${architectures.join(', ')}) leaves out`);
      const shape = instanceShape(name);
      if (shape !== undefined && r.maximumVcpus !== undefined && shape.vcpus > r.maximumVcpus) contradiction('instanceTypes', name, `${name} has ${shape.vcpus} vCPUs, above maximumVcpus ${r.maximumVcpus}`);
      if (shape !== undefined && r.maximumMemoryGiB !== undefined && shape.memoryMiB > r.maximumMemoryGiB * 1024) contradiction('instanceTypes', name, `${name} has ${shape.memoryMiB / 1024} GiB, above maximumMemoryGiB ${r.maximumMemoryGiB}`);
    }

    const add = (key: string, values: string[] | undefined) => { if (values !== undefined) out.push({ key, operator: 'In', values: [...values] }); };
    add(`${this.flavor.prefix}/instance-category`, categories);
    add(`${this.flavor.prefix}/instance-family`, families);
    add('node.kubernetes.io/instance-type', instanceTypes);
    out.push({ key: `${this.flavor.prefix}/instance-generation`, operator: 'Gt', values: [String(minimumGeneration - 1)] });
    if (r.maximumVcpus !== undefined) out.push({ key: `${this.flavor.prefix}/instance-cpu`, operator: 'Lt', values: [String(r.maximumVcpus + 1)] });
    if (r.maximumMemoryGiB !== undefined) out.push({ key: `${this.flavor.prefix}/instance-memory`, operator: 'Lt', values: [String(r.maximumMemoryGiB * 1024 + 1)] });
    add('kubernetes.io/arch', architectures);
    add('karpenter.sh/capacity-type', capacityTypes);
    add('topology.kubernetes.io/zone', zones);
    return out;
  }

  /** Zones of the stack's Region, and of the cluster's subnets when those are known at synth. */
  private checkZones(zones: string[]): void {
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region)) {
      const outside = zones.find((z) => !z.startsWith(region) || !/^([a-z]|-[a-z]+-\d+[a-z])$/.test(z.slice(region.length)));
      if (outside !== undefined) {
        throw new ValidationError(this, { property: 'requirements.availabilityZones', value: outside, allowed: `zones of the stack's Region ${region} (e.g. ${region}a)` });
      }
    }
    const subnetZones = this.cluster.vpc.privateSubnets.map((s) => s.availabilityZone);
    // Zones still tokens, or the placeholders a first synth uses before the context lookup (`dummy1a`), are not checked.
    if (subnetZones.length > 0 && subnetZones.every((z) => !Token.isUnresolved(z) && ZONE.test(z))) {
      const none = zones.find((z) => !subnetZones.includes(z));
      if (none !== undefined) {
        throw new ValidationError(this, {
          property: 'requirements.availabilityZones', value: none, allowed: `zones the cluster has private subnets in (${[...new Set(subnetZones)].join(', ')})`,
          hint: 'EKS launches nodes in the cluster\'s subnets only: a node in another zone has nowhere to go',
        });
      }
    }
  }
}
