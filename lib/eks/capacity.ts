import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';

/**
 * The built-in node pools of EKS Auto Mode.
 */
export enum AutoModeNodePool {
  /** Runs cluster-critical add-ons; tainted so that application pods do not land there. */
  SYSTEM = 'system',
  /** Runs application pods on on-demand, current-generation C/M/R instances chosen by EKS. */
  GENERAL_PURPOSE = 'general-purpose',
}

/**
 * Options for {@link EksCapacity.autoMode}.
 */
export interface AutoModeCapacityOptions {
  /**
   * The built-in node pools to enable (at least one: they create the `default` NodeClass that custom
   * pools, {@link EksNodePool}, launch their nodes with).
   *
   * @default - both `system` and `general-purpose`
   */
  readonly nodePools?: AutoModeNodePool[];
}

/**
 * Options for a managed node group ({@link EksCapacity.nodeGroup}, {@link EksCluster.addNodeGroup}).
 *
 * Every node group gets a launch template with IMDSv2 required and a hop limit of 1, encrypted
 * gp3 volumes and no SSH access, and runs in private subnets.
 */
export interface NodeGroupOptions {
  /**
   * Instance types (distinct, all of one CPU architecture, matching `amiType`). Give two or more
   * with Spot. A family aws-cdk-lib does not know (`ec2.InstanceClass`) is rejected as a likely
   * typo unless `amiType` is given.
   *
   * @default - [t4g.medium] (Graviton, 2 vCPU, 4 GiB)
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The AMI type. Amazon Linux 2023 or Bottlerocket; Amazon Linux 2 AMIs are not published for
   * Kubernetes 1.33 and later and are rejected for those versions.
   *
   * @default - AL2023 standard for the instance types' architecture (AL2023_ARM_64_STANDARD or AL2023_x86_64_STANDARD)
   */
  readonly amiType?: eks.NodegroupAmiType;

  /**
   * The Kubernetes version of the nodes (the kubelet), written to the node group so that a change of
   * the cluster's version rolls its nodes too, in the same deployment, after the control plane.
   * Pin an older version to upgrade the control plane first and the nodes in a later deployment:
   * the kubelet may be up to three minor versions older than the control plane, never newer
   * (Kubernetes version skew policy); an older one gives a warning.
   *
   * @default - the cluster's version
   */
  readonly version?: eks.KubernetesVersion;

  /**
   * Minimum number of nodes (a whole number of at least 0). A token (`CfnParameter.valueAsNumber`) is accepted and not checked.
   *
   * @default 1
   */
  readonly minSize?: number;

  /**
   * Number of nodes to start with (from `minSize` to `maxSize`). A token is accepted.
   *
   * @default - 2, or `minSize` when that is larger
   */
  readonly desiredSize?: number;

  /**
   * Maximum number of nodes (at least 1). EKS's default quota is 450 nodes per managed node
   * group (adjustable): above it the library warns (`cdk-containers:eks-node-group-quota`). A token is accepted.
   *
   * @default - 4, or `desiredSize` when that is larger
   */
  readonly maxSize?: number;

  /**
   * On-demand or Spot instances. Spot is up to 90% cheaper and can be reclaimed with 2 minutes' notice.
   *
   * @default eks.CapacityType.ON_DEMAND
   */
  readonly capacityType?: eks.CapacityType;

  /**
   * How many nodes may be unavailable at once during a node group update (1-100, at most `maxSize`).
   *
   * @default 1
   */
  readonly maxUnavailable?: number;

  /**
   * Size of the data volume in GiB (the root volume on AL2023 and Windows, the container data
   * volume on Bottlerocket), gp3, encrypted: 20-65,536 (50-65,536 on Windows AMI types, whose root
   * snapshot is 50 GiB).
   *
   * @default - 20, 50 on Windows AMI types
   */
  readonly diskSize?: number;

  /**
   * Whether EKS replaces nodes that report unhealthy (node auto-repair).
   *
   * @default true
   */
  readonly autoRepair?: boolean;

  /**
   * Kubernetes labels for the nodes: keys and values of 1-63 characters (EKS API) in Kubernetes
   * label syntax; no keys in the kubernetes.io or k8s.io namespaces other than the ones kubelet
   * sets itself (`node.kubernetes.io/...`, `kubelet.kubernetes.io/...`, `topology.kubernetes.io/zone`...).
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;

  /**
   * Kubernetes taints for the nodes: at most 50, each with a key (1-63 characters, label key
   * syntax), a value of up to 63 characters and an effect (NO_SCHEDULE, PREFER_NO_SCHEDULE,
   * NO_EXECUTE), one taint per key and effect.
   *
   * @default - none
   */
  readonly taints?: eks.TaintSpec[];

  /**
   * Subnets for the nodes (private only; one Availability Zone is enough).
   *
   * @default - the cluster's subnets (private subnets with egress)
   */
  readonly subnets?: ec2.SubnetSelection;
}

/**
 * A managed node group in the `capacity` list of an {@link EksCluster}.
 */
export interface NodeGroupCapacityOptions extends NodeGroupOptions {
  /**
   * The construct id of the node group inside the cluster construct (unique among its node groups).
   * It is part of the logical ids of the node group and its launch template, so renaming it
   * replaces the node group (new nodes, pods rescheduled): pick it once.
   *
   * @default 'NodeGroup'
   */
  readonly id?: string;
}

/**
 * Options for a Fargate profile ({@link EksCluster.addFargateProfile}).
 */
export interface FargateProfileOptions {
  /**
   * Which pods run on Fargate: 1-5 selectors, each a namespace (wildcards `*` and `?` allowed)
   * with up to 5 optional labels (keys up to 127 characters, values 1-255, wildcards allowed in both).
   */
  readonly selectors: eks.Selector[];

  /**
   * Subnets for the pods (private only: Fargate pods get no public IP).
   *
   * @default - the cluster's subnets (private subnets with egress)
   */
  readonly subnets?: ec2.SubnetSelection;
}

/**
 * A Fargate profile in the `capacity` list of an {@link EksCluster}.
 */
export interface FargateProfileCapacityOptions extends FargateProfileOptions {
  /**
   * The construct id of the profile inside the cluster construct (unique among its profiles).
   * It is part of the profile's logical id, so renaming it replaces the profile (its pods are
   * restarted on the new one): pick it once.
   *
   * @default 'FargateProfile'
   */
  readonly id?: string;
}

/**
 * The kinds of {@link EksCapacity}.
 */
export enum EksCapacityKind {
  /** EKS Auto Mode: EKS picks, launches, patches and replaces the nodes. */
  AUTO_MODE = 'AUTO_MODE',
  /** A managed node group with a launch template. */
  NODE_GROUP = 'NODE_GROUP',
  /** A Fargate profile: one micro-VM per pod. */
  FARGATE_PROFILE = 'FARGATE_PROFILE',
}

/**
 * Where the pods of an {@link EksCluster} run. A cluster may combine several entries
 * (Auto Mode at most once).
 *
 * Default: `EksCapacity.autoMode()`. Monthly cost (730 h) in us-east-1, on-demand, from the AWS
 * price pages (aws.amazon.com/eks/pricing, /ec2/pricing/on-demand, /fargate/pricing) as published
 * in 2025-2026 and not re-checked at build time; control plane $0.10/h = $73 in every case:
 * - Auto Mode: EC2 price of the nodes EKS picks plus a management fee of about 12% of that price;
 *   e.g. two c6a.large ($0.0765/h) = $112 + $13 fee + EBS;
 * - node group of 2 x t4g.medium ($0.0336/h): $49 + 2 x 20 GiB gp3 ($3.20) = $52;
 *   2 x m7g.large ($0.0816/h): $119 + $3.20;
 * - Fargate: $0.04048 per vCPU-hour + $0.004445 per GiB-hour per pod; a 0.25 vCPU / 0.5 GiB pod is
 *   about $9/month, so ten small pods cost about what two t4g.medium nodes do.
 * Auto Mode is the default because AWS then patches and replaces the nodes (21-day maximum node
 * lifetime), keeps node AMIs matched to the control plane version and runs VPC CNI, kube-proxy,
 * CoreDNS, EBS CSI and the Pod Identity agent for you; a small steady workload is cheaper on
 * `EksCapacity.nodeGroup()` (Graviton t4g by default).
 */
export class EksCapacity {
  /**
   * EKS Auto Mode (the default): compute, block storage and load balancing managed by EKS.
   */
  public static autoMode(options: AutoModeCapacityOptions = {}): EksCapacity {
    return new EksCapacity(EksCapacityKind.AUTO_MODE, options, undefined, undefined);
  }

  /**
   * A managed node group (AL2023 or Bottlerocket, private subnets, IMDSv2, encrypted volumes).
   */
  public static nodeGroup(options: NodeGroupCapacityOptions = {}): EksCapacity {
    return new EksCapacity(EksCapacityKind.NODE_GROUP, undefined, options, undefined);
  }

  /**
   * A Fargate profile. Note that EKS Pod Identity does not work for pods on Fargate.
   */
  public static fargateProfile(options: FargateProfileCapacityOptions): EksCapacity {
    return new EksCapacity(EksCapacityKind.FARGATE_PROFILE, undefined, undefined, options);
  }

  /** Which kind of capacity this is. */
  public readonly kind: EksCapacityKind;
  /**
   * The Auto Mode options.
   * @default - not Auto Mode
   */
  public readonly autoModeOptions?: AutoModeCapacityOptions;
  /**
   * The node group options.
   * @default - not a node group
   */
  public readonly nodeGroupOptions?: NodeGroupCapacityOptions;
  /**
   * The Fargate profile options.
   * @default - not a Fargate profile
   */
  public readonly fargateProfileOptions?: FargateProfileCapacityOptions;

  private constructor(
    kind: EksCapacityKind,
    autoMode: AutoModeCapacityOptions | undefined,
    nodeGroup: NodeGroupCapacityOptions | undefined,
    fargate: FargateProfileCapacityOptions | undefined,
  ) {
    this.kind = kind;
    this.autoModeOptions = autoMode;
    this.nodeGroupOptions = nodeGroup;
    this.fargateProfileOptions = fargate;
  }
}
