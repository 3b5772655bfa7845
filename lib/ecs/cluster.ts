import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { TaskDemand } from './placement';

const ECS_CLUSTER_SYMBOL = Symbol.for('cdk-containers.EcsCluster');

/** Properties of an {@link EcsCluster}. */
export interface EcsClusterProps {
  /**
   * The VPC the cluster's capacity runs in.
   * @default - a `PlatformNetwork` created inside this construct
   */
  readonly vpc?: ec2.IVpc;
}

/** An ECS cluster with secure defaults and one or more capacities. (First cut: the contract only.) */
export class EcsCluster extends Construct {
  /** True when `x` is an {@link EcsCluster} (works across copies of the library). */
  public static isEcsCluster(x: unknown): x is EcsCluster {
    return typeof x === 'object' && x !== null && ECS_CLUSTER_SYMBOL in x;
  }

  /** The wrapped ECS cluster. */
  public readonly cluster: ecs.Cluster;
  private readonly demands: TaskDemand[] = [];

  constructor(scope: Construct, id: string, props: EcsClusterProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ECS_CLUSTER_SYMBOL, { value: true });
    this.cluster = new ecs.Cluster(this, 'Resource', { vpc: props.vpc });
  }

  /** Records what a service asks of the cluster's EC2 capacity, for the synth-time placement check. */
  public addTaskDemand(demand: TaskDemand): void {
    this.demands.push(demand);
  }
}
