/**
 * Integration app: ECS on EC2 capacity (integ-runner format; `build` is also used by the deploy test
 * and the template snapshot). An EcsCluster with one ClusterCapacity.ec2 pool of two instances (m6i.large or m7i.large, both 2 vCPU and 8 GiB)
 * instances, a worker task sized at the task level, and an EC2 service that asks for more copies
 * than the pool holds, so the library's synth-time placement check predicts a shortfall that the
 * deploy test then reproduces with real RunTask calls. `-c desiredCount=N` overrides the service's
 * count: on a real account the test deploys 0, since a service that cannot place every copy never
 * reaches a steady state and `cdk deploy` would wait for it.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility } from '../../lib/ecs';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEcsEc2';
export const CLUSTER_NAME = 'integ-ec2';
export const SERVICE_NAME = 'integ-worker';
export const FAMILY = 'integ-worker';
/** The numbers the placement check and the deploy test share. */
export const PLACEMENT = { instanceType: 'm6i.large', instances: 2, taskCpu: 1024, taskMemoryMiB: 2048, desiredCount: 5 } as const;

export function build(app: App): Stack[] {
  const stack = new Stack(app, STACK);
  const cluster = new EcsCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    capacity: [
      ClusterCapacity.ec2({
        name: 'General',
        // Two types of one size (2 vCPU, 8 GiB), as Control Tower asks; the placement numbers are the same for both.
        instanceTypes: [new ec2.InstanceType(PLACEMENT.instanceType), new ec2.InstanceType('m7i.large')],
        minCapacity: PLACEMENT.instances,
        maxCapacity: PLACEMENT.instances,
      }),
    ],
  });
  const worker = new EcsTaskDefinition(stack, 'Worker', {
    family: FAMILY,
    compatibility: TaskCompatibility.EC2,
    cpu: PLACEMENT.taskCpu,
    memoryMiB: PLACEMENT.taskMemoryMiB,
    containers: [{ name: 'worker', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37'), user: '1000', command: ['sleep', '3600'] }],
  });
  new EcsService(stack, 'Service', {
    cluster: cluster.cluster,
    taskDefinition: worker,
    serviceName: SERVICE_NAME,
    desiredCount: Number(app.node.tryGetContext('desiredCount') ?? PLACEMENT.desiredCount),
    capacity: ServiceCapacity.ec2({ capacityName: 'General' }),
  });
  return [stack];
}

if (require.main === module) runIntegApp('EcsEc2', build);
