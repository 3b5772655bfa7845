/**
 * Integration app: ECS on EC2 capacity (integ-runner format; `build` is also used by the deploy test
 * and the template snapshot). An EcsCluster with one ClusterCapacity.ec2 pool of two instances of
 * mixed sizes (m6i.xlarge first, 4 vCPU and 16 GiB, then m6i.large, 2 vCPU and 8 GiB), a worker task
 * sized at the task level, and an EC2 service that asks for more copies than the pool holds. The
 * library's synth-time placement check assumes the worst case, the smallest type at max capacity;
 * the group launches its first type (on-demand `prioritized`), so the deploy test finds fewer
 * copies short than the check warned about, and checks both against real RunTask calls. `-c desiredCount=N` overrides the service's
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
/** The numbers the placement check and the deploy test share: the pool's types in priority order, its size, the task and the copies. */
export const PLACEMENT = { instanceTypes: ['m6i.xlarge', 'm6i.large'], instances: 2, taskCpu: 1024, taskMemoryMiB: 2048, desiredCount: 10 } as const;

export function build(app: App): Stack[] {
  const stack = new Stack(app, STACK);
  const cluster = new EcsCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    capacity: [
      ClusterCapacity.ec2({
        name: 'General',
        instanceTypes: PLACEMENT.instanceTypes.map((t) => new ec2.InstanceType(t)),
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
