import * as ecs from 'aws-cdk-lib/aws-ecs';

/** The kinds of capacity a service (or scheduled task) can run on. */
export enum ServiceCapacityKind {
  /** AWS Fargate (on-demand). */
  FARGATE = 'FARGATE',
  /** Fargate Spot only. */
  FARGATE_SPOT = 'FARGATE_SPOT',
  /** A weighted mix of Fargate and Fargate Spot. */
  FARGATE_MIX = 'FARGATE_MIX',
  /** EC2 container instances. */
  EC2 = 'EC2',
}

/** Options for {@link ServiceCapacity.fargateMix}. */
export interface FargateMixOptions {
  /**
   * Tasks always placed on on-demand Fargate before weights apply.
   * @default 1
   */
  readonly fargateBase?: number;
  /**
   * Relative weight of on-demand Fargate.
   * @default 1
   */
  readonly fargateWeight?: number;
  /**
   * Relative weight of Fargate Spot.
   * @default 3
   */
  readonly spotWeight?: number;
}

/** Options for {@link ServiceCapacity.ec2}. */
export interface Ec2ServiceCapacityOptions {
  /**
   * The ECS capacity provider to use (an `AsgCapacityProvider`'s `capacityProviderName`).
   * @default - on an `EcsCluster`: the capacity provider of the `capacityName` entry (or of its first
   * EC2 capacity), so managed scaling adds instances for pending tasks; elsewhere: the EC2 launch type
   */
  readonly capacityProviderName?: string;
  /**
   * The `name` of the `ClusterCapacity.ec2` entry the tasks run on, when the cluster is an
   * `EcsCluster`: the service uses that entry's capacity provider, and the cluster's synth-time
   * placement check packs these tasks on that entry.
   * @default - the `EcsCluster`'s first EC2 capacity
   */
  readonly capacityName?: string;
}

/**
 * Where a service's (or a scheduled task's) tasks run: Fargate, Fargate Spot, a mix, or EC2.
 * Fargate Spot and the mix need the cluster's FARGATE and FARGATE_SPOT capacity providers
 * (an `EcsCluster` with Fargate capacity, or `ecs.Cluster` with `enableFargateCapacityProviders`).
 */
export class ServiceCapacity {
  /** On-demand Fargate (launch type FARGATE). */
  public static fargate(): ServiceCapacity {
    return new ServiceCapacity(ServiceCapacityKind.FARGATE, [], undefined);
  }

  /** Fargate Spot only: up to 70% cheaper, tasks can be stopped with two minutes' notice. */
  public static fargateSpot(): ServiceCapacity {
    return new ServiceCapacity(ServiceCapacityKind.FARGATE_SPOT, [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], undefined);
  }

  /** A mix: `fargateBase` tasks on on-demand Fargate, the rest split by weight. */
  public static fargateMix(options: FargateMixOptions = {}): ServiceCapacity {
    return new ServiceCapacity(ServiceCapacityKind.FARGATE_MIX, [
      { capacityProvider: 'FARGATE', base: options.fargateBase ?? 1, weight: options.fargateWeight ?? 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: options.spotWeight ?? 3 },
    ], undefined);
  }

  /** EC2 container instances, optionally through a capacity provider. */
  public static ec2(options: Ec2ServiceCapacityOptions = {}): ServiceCapacity {
    const strategies = options.capacityProviderName ? [{ capacityProvider: options.capacityProviderName, weight: 1 }] : [];
    return new ServiceCapacity(ServiceCapacityKind.EC2, strategies, options.capacityName);
  }

  private constructor(
    /** The kind of capacity. */
    public readonly kind: ServiceCapacityKind,
    /** The capacity provider strategy (empty: use the launch type). */
    public readonly strategies: ecs.CapacityProviderStrategy[],
    /** The `EcsCluster` capacity entry name, for EC2. */
    public readonly capacityName: string | undefined,
  ) {}

  /** True for the Fargate kinds. */
  public get isFargate(): boolean {
    return this.kind !== ServiceCapacityKind.EC2;
  }
}
