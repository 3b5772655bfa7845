// The examples of the README (ECS applications), type-checked by `npm run build` and synthesized by
// test/examples/ecs-apps.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  ClusterCapacity, EcrRepository, EcsCluster, EcsScheduledTask, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility,
} from '../lib';

/** What {@link ecsApps} builds, for tests. */
export interface EcsApps {
  readonly cluster: EcsCluster;
  readonly web: EcsTaskDefinition;
  readonly webService: EcsService;
  readonly report: EcsScheduledTask;
  readonly worker: EcsService;
}

/**
 * A web application behind an HTTPS load balancer, a nightly report, a one-off migration
 * and a worker on EC2 capacity. The stack needs a region (`env: { region }`): ALB access logs need one.
 */
export function ecsApps(stack: Stack): EcsApps {
  // A cluster with Fargate and Fargate Spot (and a small Graviton EC2 pool for the worker).
  const cluster = new EcsCluster(stack, 'Cluster', {
    capacity: [
      ClusterCapacity.fargate({ baseTasks: 1 }),
      ClusterCapacity.fargateSpot({ weight: 2 }),
      ClusterCapacity.ec2({ name: 'Workers', instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m7g.xlarge')], maxCapacity: 4 }),
    ],
  });
  const images = EcrRepository.fromRepositoryName(stack, 'ShopImages', 'shop/web');
  const dbPassword = secretsmanager.Secret.fromSecretNameV2(stack, 'DbPassword', 'shop/db');

  // --- EcsTaskDefinition: an application of two containers, their ports and data volumes ---
  const web = new EcsTaskDefinition(stack, 'Web', {
    cpu: 512,
    memoryMiB: 1024,
    cpuArchitecture: ecs.CpuArchitecture.ARM64,
    // Read-only root filesystems are the default: give the containers scratch space to write to.
    volumes: [{ name: 'tmp' }, { name: 'cache' }],
    containers: [
      {
        name: 'web',
        image: ecs.ContainerImage.fromEcrRepository(images, '1.4.2'),
        user: '101', // non-root
        memoryLimitMiB: 768,
        portMappings: [{ containerPort: 8080 }],
        secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbPassword, 'password') },
        healthCheck: { command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost:8080/healthz || exit 1'] },
        mountPoints: [
          { sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false },
          { sourceVolume: 'cache', containerPath: '/var/cache/nginx', readOnly: false },
        ],
      },
      {
        name: 'otel',
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1'),
        essential: false,
        user: '10001', // the collector image's non-root user
        memoryLimitMiB: 256,
        portMappings: [{ containerPort: 4317 }],
      },
    ],
  });

  // --- EcsService: two or more copies behind an HTTPS load balancer, scaled on CPU and requests ---
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate',
    'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555');
  const webService = new EcsService(stack, 'WebService', {
    cluster: cluster.cluster,
    taskDefinition: web,
    // ARM64 tasks run on on-demand Fargate: Fargate Spot takes Linux X86_64 tasks only.
    capacity: ServiceCapacity.fargate(),
    loadBalancer: { internetFacing: true, certificate, healthCheck: { path: '/healthz' } },
    autoScaling: { maxCapacity: 10, targetCpuPercent: 60, targetRequestsPerTask: 1000 },
  });

  // --- EcsScheduledTask: a nightly report at 03:00 UTC ---
  const reportTask = new EcsTaskDefinition(stack, 'ReportTask', {
    containers: [{ name: 'report', image: ecs.ContainerImage.fromEcrRepository(images, 'report-1.4.2'), user: '1000', command: ['report', '--yesterday'] }],
  });
  const report = new EcsScheduledTask(stack, 'NightlyReport', {
    cluster: cluster.cluster,
    taskDefinition: reportTask,
    schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' }),
    capacity: ServiceCapacity.fargateSpot(),
  });

  // --- One-off task: a database migration started by hand or by the pipeline after deploy ---
  const migrate = new EcsTaskDefinition(stack, 'Migrate', {
    containers: [{
      name: 'migrate',
      image: ecs.ContainerImage.fromEcrRepository(images, 'migrate-1.4.2'),
      user: '1000',
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbPassword, 'password') },
    }],
  });
  new CfnOutput(stack, 'MigrateCommand', {
    description: 'Runs the migration once',
    value: migrate.runTaskCommand({ cluster: cluster.cluster, securityGroups: [webService.service.connections.securityGroups[0]!] }),
  });

  // --- A worker on the EC2 pool: spread across AZs, then binpacked on memory ---
  const workerTask = new EcsTaskDefinition(stack, 'WorkerTask', {
    compatibility: TaskCompatibility.EC2,
    cpuArchitecture: ecs.CpuArchitecture.ARM64, // the Workers pool is Graviton
    cpu: 1024,
    memoryMiB: 2048,
    containers: [{ name: 'worker', image: ecs.ContainerImage.fromEcrRepository(images, 'worker-1.4.2'), user: '1000' }],
  });
  const worker = new EcsService(stack, 'Worker', {
    cluster: cluster.cluster,
    taskDefinition: workerTask,
    capacity: ServiceCapacity.ec2({ capacityName: 'Workers' }),
    desiredCount: 2,
    autoScaling: { maxCapacity: 4, targetCpuPercent: 70 },
  });

  return { cluster, web, webService, report, worker };
}
