// The examples of the README (ECS deployments), type-checked by `npm run build` and synthesized by
// test/examples/ecs-deployments.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EcsCluster, EcsService, EcsTaskDefinition, ServiceDeployment } from '../lib';

/** What {@link ecsDeployments} builds, for tests. */
export interface EcsDeployments {
  readonly checkout: EcsService;
  readonly catalog: EcsService;
  readonly search: EcsService;
}

/**
 * Three services of one cluster, each deployed its own way: canary with a smoke test on a test
 * port, blue/green with a bake time, linear with an alarm of the team's own. The stack needs a
 * region (`env: { region }`): ALB access logs need one.
 */
export function ecsDeployments(stack: Stack): EcsDeployments {
  const cluster = new EcsCluster(stack, 'Cluster');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate',
    'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555');
  const app = (name: string) => new EcsTaskDefinition(stack, `${name}Task`, {
    containers: [{ name: 'web', image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/shop/${name.toLowerCase()}:2.0.1`), user: '1000', portMappings: [{ containerPort: 8080 }] }],
  });

  // --- Canary: 10 % of production traffic for 15 minutes, then the rest ---
  // The smoke test calls the new revision on the test port (8443, open to the VPC only) before
  // any production traffic moves; an answer of FAILED rolls the deployment back.
  const smokeTest = lambda.Function.fromFunctionName(stack, 'SmokeTest', 'checkout-smoke-test');
  const checkout = new EcsService(stack, 'Checkout', {
    cluster: cluster.cluster,
    taskDefinition: app('Checkout'),
    loadBalancer: { certificate, healthCheck: { path: '/healthz' } },
    deployment: ServiceDeployment.canary({
      stepPercent: 10,
      stepBakeTime: Duration.minutes(15),
      bakeTime: Duration.minutes(10),
      testPort: 8443,
      hooks: [{ handler: smokeTest, stages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT] }],
    }),
  });

  // --- Blue/green: all traffic moves at once; both revisions run 30 minutes for an instant rollback ---
  const catalog = new EcsService(stack, 'Catalog', {
    cluster: cluster.cluster,
    taskDefinition: app('Catalog'),
    loadBalancer: { certificate },
    deployment: ServiceDeployment.blueGreen({ bakeTime: Duration.minutes(30) }),
  });

  // --- Linear: 25 % every 5 minutes; the team's latency alarm rolls back as well as the defaults ---
  const latency = cloudwatch.Alarm.fromAlarmName(stack, 'SearchLatency', 'search-p99-latency');
  const search = new EcsService(stack, 'Search', {
    cluster: cluster.cluster,
    taskDefinition: app('Search'),
    loadBalancer: { certificate },
    deployment: ServiceDeployment.linear({ stepPercent: 25, stepBakeTime: Duration.minutes(5) }),
    deploymentAlarms: { alarms: [latency] },
  });

  return { checkout, catalog, search };
}
