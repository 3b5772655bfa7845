import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** The kind of a {@link ClusterCapacity}. */
export enum ClusterCapacityKind {
  /** AWS Fargate, on-demand. */
  FARGATE = 'FARGATE',
  /** AWS Fargate Spot. */
  FARGATE_SPOT = 'FARGATE_SPOT',
  /** EC2 instances in an Auto Scaling group behind an ASG capacity provider. */
  EC2 = 'EC2',
}

/** The AMI family of EC2 capacity; the AMI always matches the instance architecture. */
export enum Ec2AmiFamily {
  /** The ECS-optimized Amazon Linux 2023 AMI (resolved from its SSM public parameter at deploy time). */
  AMAZON_LINUX_2023 = 'AMAZON_LINUX_2023',
  /** The Bottlerocket `aws-ecs-2` AMI (resolved from its SSM public parameter at deploy time). */
  BOTTLEROCKET = 'BOTTLEROCKET',
}

/** How EC2 capacity is bought. */
export enum Ec2PurchaseOption {
  /** On-Demand instances only. */
  ON_DEMAND = 'ON_DEMAND',
  /** Spot instances only (price-capacity-optimized across every given instance type; capacity rebalancing on). */
  SPOT = 'SPOT',
}

/** Options shared by every capacity: its place in the cluster's default capacity provider strategy. */
export interface CapacityStrategyOptions {
  /**
   * Relative share of tasks placed with this capacity in the default strategy, 0 to 1000.
   * @default 1
   */
  readonly weight?: number;
  /**
   * Tasks placed with this capacity before weights apply (the strategy's `base`), 0 to 100000.
   * Only one capacity in a strategy may have one.
   * @default 0
   */
  readonly baseTasks?: number;
}

/** Options of `ClusterCapacity.fargate()` and `ClusterCapacity.fargateSpot()`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named type keeps room for Fargate-only options
export interface FargateClusterCapacityOptions extends CapacityStrategyOptions {}

/** Options of `ClusterCapacity.ec2()`. */
export interface Ec2ClusterCapacityOptions extends CapacityStrategyOptions {
  /**
   * The capacity's name: the `capacityName` that services and `TaskDemand`s refer to, and also
   * the construct id of the capacity under the cluster (`<cluster>/<name>/AutoScalingGroup`, ...).
   * Renaming a capacity therefore replaces its launch template, Auto Scaling group and capacity
   * provider: pick the name once. A letter then letters or digits, up to 32.
   * @default 'Ec2'
   */
  readonly name?: string;

  /**
   * Instance types, all of one architecture (1 to 40, the most an Auto Scaling group takes). With
   * several, the Auto Scaling group uses a mixed instances policy, first type first for On-Demand.
   * Each must be an EC2 type name (`family.size`, lower case) of a known EC2 family; for a family
   * newer than the library's list, set `architecture`.
   * @default - [m6i.large, m7i.large]: two x86_64 types of one size, since most images are built for amd64 and a
   * group with two types still launches when one runs short (pick e.g. m7g.large and r7g.large for Graviton: both support the in-transit encryption Control Tower's CT.AUTOSCALING.PR.11 asks for, which m6g does not).
   * A single type is allowed; Control Tower's CT.AUTOSCALING.PR.6 asks for two.
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The CPU architecture. Normally derived from the instance types; give it for instance types
   * the library does not know. A mismatch with a known instance type is an error.
   * @default - the architecture of the instance types
   */
  readonly architecture?: ec2.InstanceArchitecture;

  /**
   * The AMI family.
   * @default Ec2AmiFamily.AMAZON_LINUX_2023
   */
  readonly amiFamily?: Ec2AmiFamily;

  /**
   * On-Demand or Spot.
   * @default Ec2PurchaseOption.ON_DEMAND
   */
  readonly purchaseOption?: Ec2PurchaseOption;

  /**
   * The fewest instances (0 to 5000, at most `maxCapacity`). 0 lets managed scaling scale in to
   * nothing when no task runs.
   * @default 0
   */
  readonly minCapacity?: number;

  /**
   * The most instances (1 to 5000: an ECS cluster registers at most 5,000 container instances);
   * also what the placement check assumes.
   * @default 4
   */
  readonly maxCapacity?: number;

  /**
   * The desired instances at deploy time (from `minCapacity` to `maxCapacity`); managed scaling
   * changes it afterwards.
   * @default - not set: managed scaling decides
   */
  readonly desiredCapacity?: number;

  /**
   * Size of the volume that holds images and containers, in GiB: the root volume on
   * Amazon Linux 2023 (at least 30, the AMI's size), the data volume on Bottlerocket (at least 20);
   * at most 65536 (gp3's limit).
   * @default - 30 on Amazon Linux 2023, 20 on Bottlerocket
   */
  readonly volumeSizeGiB?: number;

  /**
   * Managed scaling's target utilization, 1 to 100. 100 packs instances full; less keeps spare room.
   * @default 100
   */
  readonly targetCapacityPercent?: number;

  /**
   * Where instances run: at least one subnet of the VPC, all private or isolated (instances get
   * no public IP).
   * @default - the VPC's private subnets with egress, else its isolated subnets, in every AZ
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/**
 * One capacity of an `EcsCluster`: Fargate, Fargate Spot or EC2 (an Auto Scaling group behind
 * an ASG capacity provider). A cluster may mix them; each has a weight and base in the
 * cluster's default capacity provider strategy.
 *
 * @example
 * ClusterCapacity.fargate({ baseTasks: 1 });
 * ClusterCapacity.fargateSpot({ weight: 3 });
 * ClusterCapacity.ec2({ name: 'Graviton', instanceTypes: [new ec2.InstanceType('m7g.large')], maxCapacity: 6 });
 */
export class ClusterCapacity {
  /** Fargate (on-demand). */
  public static fargate(options: FargateClusterCapacityOptions = {}): ClusterCapacity {
    return new ClusterCapacity(ClusterCapacityKind.FARGATE, 'FARGATE', options, undefined);
  }

  /** Fargate Spot: up to 70% cheaper, interrupted with two minutes' notice. */
  public static fargateSpot(options: FargateClusterCapacityOptions = {}): ClusterCapacity {
    return new ClusterCapacity(ClusterCapacityKind.FARGATE_SPOT, 'FARGATE_SPOT', options, undefined);
  }

  /** EC2 instances from a launch template, in an Auto Scaling group with managed scaling, termination protection and draining. */
  public static ec2(options: Ec2ClusterCapacityOptions = {}): ClusterCapacity {
    return new ClusterCapacity(ClusterCapacityKind.EC2, options.name ?? 'Ec2', options, options);
  }

  /** The kind of capacity. */
  public readonly kind: ClusterCapacityKind;
  /** The capacity's name: `FARGATE`, `FARGATE_SPOT`, or the EC2 capacity's `name`. */
  public readonly name: string;
  /** Weight in the default strategy. */
  public readonly weight: number;
  /** Tasks placed with this capacity before weights apply (the strategy's `base`). */
  public readonly baseTasks: number;
  /** The EC2 options, for EC2 capacity; `undefined` for Fargate. */
  public readonly ec2Options?: Ec2ClusterCapacityOptions;

  private constructor(kind: ClusterCapacityKind, name: string, strategy: CapacityStrategyOptions, ec2Options: Ec2ClusterCapacityOptions | undefined) {
    this.kind = kind;
    this.name = name;
    this.weight = strategy.weight ?? 1;
    this.baseTasks = strategy.baseTasks ?? 0;
    this.ec2Options = ec2Options;
  }

  /** True for Fargate and Fargate Spot. */
  public get isFargate(): boolean {
    return this.kind !== ClusterCapacityKind.EC2;
  }
}

/** The resources of one `ClusterCapacity.ec2` entry. */
export interface Ec2CapacityResources {
  /** The capacity's name. */
  readonly name: string;
  /** The launch template (IMDSv2 required, hop limit 1, encrypted EBS, no public IP). */
  readonly launchTemplate: ec2.LaunchTemplate;
  /** The Auto Scaling group. */
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  /** The ASG capacity provider (managed scaling, termination protection and draining). */
  readonly capacityProvider: ecs.AsgCapacityProvider;
  /** The instances' security group (no inbound rules; services add theirs). */
  readonly securityGroup: ec2.SecurityGroup;
  /** The instance types. */
  readonly instanceTypes: string[];
  /** The CPU architecture of the instances and AMI. */
  readonly architecture: ec2.InstanceArchitecture;
  /** The most instances. */
  readonly maxCapacity: number;
}
