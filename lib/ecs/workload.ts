import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceCapacity } from './service-capacity';
import { EcsTaskDefinition } from './task-definition';

/**
 * What every construct that starts tasks of a task definition takes: the cluster, the task
 * definition, where the tasks run and their network. {@link EcsServiceProps} and
 * {@link EcsScheduledTaskProps} extend it.
 */
export interface EcsWorkloadProps {
  /**
   * The cluster the tasks run in. Pass an `EcsCluster`'s `cluster` for the library's cluster: the
   * tasks then use its capacity providers and count in its placement check (see
   * `EcsCluster.ownerOf`). Any `ecs.ICluster` works, imported ones too.
   */
  readonly cluster: ecs.ICluster;
  /** The application to run. */
  readonly taskDefinition: EcsTaskDefinition;
  /**
   * Where the tasks run. Must match the task definition's compatibility.
   * @default ServiceCapacity.fargate()
   */
  readonly capacity?: ServiceCapacity;
  /**
   * Subnets for the tasks (public ones get a warning: tasks never get a public IP).
   * @default - private subnets with egress, else isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups for the tasks (`awsvpc` network mode).
   * @default - a new security group that allows all outbound traffic; a service's group also
   * admits its load balancer, if it has one
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}
