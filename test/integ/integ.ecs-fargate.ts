/**
 * Integration app: an application on ECS Fargate (integ-runner format; `build` is also used by the
 * deploy test and the template snapshot). A PlatformNetwork, an EcsCluster with Fargate and Fargate
 * Spot, a task definition of two containers with ports and volumes, a service of two tasks behind
 * an internal Application Load Balancer, scaled on CPU and memory, and a scheduled task.
 * Settings are off the library's defaults wherever one could hide a lost value (health-check path,
 * scaling targets and bounds, schedule, task count, retries).
 * Context `integ:variant=v2` is the update test/integ/ecs-fargate.test.ts deploys on top of v1:
 * a new image tag, three tasks instead of two, an added container port and a higher scaling bound.
 * The load balancer serves HTTPS with a certificate (`-c certificateArn=...` or INTEG_CERTIFICATE_ARN on a real account, where
 * a new certificate would wait for DNS validation; the emulator issues the one the app declares) and
 * keeps the library's deletion protection; `-c integ:teardown=true` turns it off, deployed before the destroy.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ClusterCapacity, EcsCluster, EcsScheduledTask, EcsService, EcsTaskDefinition, ServiceCapacity } from '../../lib/ecs';
import { PlatformNetwork } from '../../lib/network';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEcsFargate';
export const CLUSTER_NAME = 'integ-fargate';
export const SERVICE_NAME = 'integ-web';
export const FAMILY = 'integ-web';
export const REPORT_FAMILY = 'integ-report';

/** The service's scaling, load balancer and the scheduled task (library defaults: 70% CPU, no memory target, `/`, 1 task, 3 retries). */
export const EXTRAS = {
  targetCpuPercent: 55,
  targetMemoryPercent: 65,
  healthCheckPath: '/healthz',
  domainName: 'web.integ.example.com',
  schedule: 'rate(6 hours)',
  reportTasks: 2,
  reportRetries: 5,
} as const;

/** What v1 and v2 of the app deploy, for the test to compare with what the emulator holds. */
export const VARIANTS = {
  v1: { imageTag: '1.27.3', desiredCount: 2, webPorts: [8080], maxCapacity: 6 },
  v2: { imageTag: '1.27.4', desiredCount: 3, webPorts: [8080, 8443], maxCapacity: 9 },
} as const;

export function build(app: App): Stack[] {
  const variant = app.node.tryGetContext('integ:variant') === 'v2' ? VARIANTS.v2 : VARIANTS.v1;
  // A concrete region: the load balancer's access logs name the region's log delivery principal. The CDK
  // CLI sets CDK_DEFAULT_REGION from the target's credentials; the template snapshot synthesizes for us-east-1.
  const stack = new Stack(app, STACK, { env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' } });

  const certificateArn = (app.node.tryGetContext('certificateArn') as string | undefined) ?? process.env.INTEG_CERTIFICATE_ARN;
  const certificate = certificateArn
    ? acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn)
    : new acm.Certificate(stack, 'Certificate', { domainName: EXTRAS.domainName, validation: acm.CertificateValidation.fromDns() });

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
    loadBalancer: {
      containerPort: 8080,
      certificate,
      healthCheck: { path: EXTRAS.healthCheckPath, interval: Duration.seconds(20) },
      deletionProtection: app.node.tryGetContext('integ:teardown') === 'true' ? false : undefined,
    },
    autoScaling: {
      minCapacity: variant.desiredCount,
      maxCapacity: variant.maxCapacity,
      targetCpuPercent: EXTRAS.targetCpuPercent,
      targetMemoryPercent: EXTRAS.targetMemoryPercent,
    },
  });

  const report = new EcsTaskDefinition(stack, 'Report', {
    family: REPORT_FAMILY,
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'report', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37'), user: '1000', command: ['true'] }],
  });
  new EcsScheduledTask(stack, 'NightlyReport', {
    cluster: cluster.cluster,
    taskDefinition: report,
    schedule: scheduler.ScheduleExpression.expression(EXTRAS.schedule),
    taskCount: EXTRAS.reportTasks,
    retryAttempts: EXTRAS.reportRetries,
    capacity: ServiceCapacity.fargateSpot(),
  });
  return [stack];
}

if (require.main === module) runIntegApp('EcsFargate', build);
