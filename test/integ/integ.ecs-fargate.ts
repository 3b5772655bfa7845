/**
 * Integration app: an application on ECS Fargate (integ-runner format; `build` is also used by the
 * deploy test and the template snapshot). A PlatformNetwork, an EcsCluster with Fargate and Fargate
 * Spot, a task definition of two containers with ports and volumes, and a service of two tasks.
 * Context `integ:variant=v2` is the update test/integ/ecs-fargate.test.ts deploys on top of v1:
 * a new image tag, three tasks instead of two and an added container port.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition, ServiceCapacity } from '../../lib/ecs';
import { PlatformNetwork } from '../../lib/network';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEcsFargate';
export const CLUSTER_NAME = 'integ-fargate';
export const SERVICE_NAME = 'integ-web';
export const FAMILY = 'integ-web';

/** What v1 and v2 of the app deploy, for the test to compare with what the emulator holds. */
export const VARIANTS = {
  v1: { imageTag: '1.27.3', desiredCount: 2, webPorts: [8080] },
  v2: { imageTag: '1.27.4', desiredCount: 3, webPorts: [8080, 8443] },
} as const;

export function build(app: App): Stack[] {
  const variant = app.node.tryGetContext('integ:variant') === 'v2' ? VARIANTS.v2 : VARIANTS.v1;
  const stack = new Stack(app, STACK);

  const network = new PlatformNetwork(stack, 'Network');
  const cluster = new EcsCluster(stack, 'Cluster', {
    vpc: network.vpc,
    clusterName: CLUSTER_NAME,
    capacity: [ClusterCapacity.fargate({ baseTasks: 1, weight: 1 }), ClusterCapacity.fargateSpot({ weight: 3 })],
  });

  const web = new EcsTaskDefinition(stack, 'Web', {
    family: FAMILY,
    cpu: 512,
    memoryMiB: 1024,
    volumes: [{ name: 'tmp' }, { name: 'cache' }],
    containers: [
      {
        name: 'web',
        image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/nginx/nginx-unprivileged:${variant.imageTag}`),
        user: '101',
        memoryLimitMiB: 768,
        portMappings: variant.webPorts.map((containerPort) => ({ containerPort })),
        mountPoints: [
          { sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false },
          { sourceVolume: 'cache', containerPath: '/var/cache/nginx', readOnly: false },
        ],
      },
      {
        name: 'otel',
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1'),
        essential: false,
        user: '10001',
        memoryLimitMiB: 256,
        portMappings: [{ containerPort: 4317 }],
      },
    ],
  });

  new EcsService(stack, 'Service', {
    cluster: cluster.cluster,
    taskDefinition: web,
    serviceName: SERVICE_NAME,
    desiredCount: variant.desiredCount,
    capacity: ServiceCapacity.fargateMix({ fargateBase: 1, spotWeight: 3 }),
  });
  return [stack];
}

if (require.main === module) runIntegApp('EcsFargate', build);
