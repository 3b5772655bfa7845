import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { EcsContainerSpec, EcsService, EcsTaskDefinition, TaskCompatibility } from '../../lib/ecs';

/** The container image of the ECS unit tests: a public nginx image, so no repository or pull grant is created. */
export const NGINX_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** An ACM certificate ARN (imported, never created) for load balancers with an HTTPS listener. */
export const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** The schedule of the scheduled task tests: every day at 03:00 UTC. */
export const DAILY_SCHEDULE = scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)');

/** A container named `web` running {@link NGINX_IMAGE} on port 80 as nginx's user (101), with `overrides` on top. */
export function webContainer(overrides: Partial<EcsContainerSpec> = {}): EcsContainerSpec {
  return { name: 'web', image: NGINX_IMAGE, portMappings: [{ containerPort: 80 }], user: '101', ...overrides };
}

/** What {@link serviceFixture} builds, for an `EcsService` to be added to. */
export interface ServiceFixture {
  /** The stack `Stack`. */
  readonly stack: Stack;
  /** The VPC `Vpc`: 2 AZs, 1 NAT gateway. */
  readonly vpc: ec2.Vpc;
  /** A plain `ecs.Cluster` `Cluster` in the VPC. */
  readonly cluster: ecs.Cluster;
  /** The task definition `App`: one container `web` listening on 8080. */
  readonly app: EcsTaskDefinition;
}

/**
 * A stack with a region (ALB access logs need one) but no account, so AZs stay Fn::GetAZs; in it a
 * VPC, a plain ECS cluster and a task definition `App` of the given compatibility whose container
 * `web` listens on 8080. `region: undefined` gives an environment-agnostic stack.
 */
export function serviceFixture(compatibility: TaskCompatibility = TaskCompatibility.FARGATE, region: string | undefined = 'us-east-1'): ServiceFixture {
  const stack = new Stack(new App(), 'Stack', region ? { env: { region } } : {});
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'App', {
    compatibility,
    containers: [{ name: 'web', image: NGINX_IMAGE, portMappings: [{ containerPort: 8080 }], user: '101' }],
  });
  return { stack, vpc, cluster, app };
}

/** A service built in a {@link serviceFixture}, and the stack's template. */
export interface SynthesizedService {
  /** The fixture's stack `Stack`. */
  readonly stack: Stack;
  /** The stack's template, synthesized once the service is built. */
  readonly template: Template;
}

/**
 * In a {@link serviceFixture}: the service `Web` with 3 tasks behind an internet-facing HTTPS load
 * balancer (the imported certificate `Cert`, {@link CERT_ARN}; health check path `/healthz`), scaling
 * from 2 to 10 tasks on 60% CPU, 75% memory and 500 requests per task; synthesized.
 */
export function internetFacingHttpsService(): SynthesizedService {
  const f = serviceFixture();
  const certificate = acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN);
  new EcsService(f.stack, 'Web', {
    cluster: f.cluster,
    taskDefinition: f.app,
    desiredCount: 3,
    loadBalancer: { internetFacing: true, certificate, healthCheck: { path: '/healthz' } },
    autoScaling: { minCapacity: 2, maxCapacity: 10, targetCpuPercent: 60, targetMemoryPercent: 75, targetRequestsPerTask: 500 },
  });
  return { stack: f.stack, template: Template.fromStack(f.stack) };
}

/**
 * In a {@link serviceFixture}: the service `Web` behind an internal HTTP load balancer without
 * deletion protection or access logs, scaling up to 4 tasks; synthesized.
 */
export function internalHttpService(): SynthesizedService {
  const f = serviceFixture();
  new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { deletionProtection: false, accessLogs: false }, autoScaling: { maxCapacity: 4 } });
  return { stack: f.stack, template: Template.fromStack(f.stack) };
}

/** What {@link scheduledTaskFixture} builds, for an `EcsScheduledTask` to be added to. */
export interface ScheduledTaskFixture {
  /** The stack `Stack`. */
  readonly stack: Stack;
  /** A plain `ecs.Cluster` `Cluster` in a VPC `Vpc` (2 AZs, 1 NAT gateway). */
  readonly cluster: ecs.Cluster;
  /** The task definition `Report`: one container `report` that runs `report --daily`. */
  readonly app: EcsTaskDefinition;
}

/**
 * An environment-agnostic stack with a VPC, a plain ECS cluster and a task definition `Report` of the
 * given compatibility whose container `report` runs `report --daily`.
 */
export function scheduledTaskFixture(compatibility: TaskCompatibility = TaskCompatibility.FARGATE): ScheduledTaskFixture {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'Report', { compatibility, containers: [{ name: 'report', image: NGINX_IMAGE, command: ['report', '--daily'] }] });
  return { stack, cluster, app };
}
