/**
 * Integration app: ECS services sharing traffic (integ-runner format; `build` is also used by the
 * deploy test and the template snapshot). On one PlatformNetwork and EcsCluster: an internal
 * EcsLoadBalancer (HTTPS) with two rolling services behind host and path rules, and a blue/green
 * service behind its own load balancer with a bake time, a test listener and a lifecycle hook. The
 * cluster creates a Service Connect namespace: the shop publishes `shop:80`, orders is a client only.
 * Settings are off the library's defaults wherever one could hide a lost value (priorities, bake
 * time, test port, health-check paths, deregistration... as listed in TRAFFIC).
 * The certificate is `-c certificateArn=...` or INTEG_CERTIFICATE_ARN on a real account; the
 * emulator issues the one the app declares. The hook is an imported function ARN (ECS calls it only
 * during a deployment, which the emulator does not run): `-c hookArn=...` on a real account.
 * `-c integ:teardown=true` turns the load balancers' deletion protection off, deployed before the destroy.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EcsCluster, EcsLoadBalancer, EcsService, EcsTaskDefinition, ServiceConnectNamespace, ServiceDeployment } from '../../lib/ecs';
import { PlatformNetwork } from '../../lib/network';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEcsTraffic';
export const CLUSTER_NAME = 'integ-traffic';

/** What the app deploys, for the test to compare with what the target holds. */
export const TRAFFIC = {
  domainName: 'traffic.integ.example.com',
  shop: { serviceName: 'integ-shop', priority: 20, hosts: ['shop.integ.example.com'], healthCheckPath: '/shop/healthz' },
  orders: { serviceName: 'integ-orders', priority: 10, hosts: ['api.integ.example.com'], paths: ['/orders', '/orders/*'] },
  checkout: { serviceName: 'integ-checkout', bakeMinutes: 12, testPort: 9443, healthCheckPath: '/ready' },
  hookStages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT],
  connect: { namespace: 'integ-traffic.local', discoveryName: 'shop', dnsName: 'shop', port: 80 },
} as const;

export function build(app: App): Stack[] {
  const stack = new Stack(app, STACK, { env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' } });
  const teardown = app.node.tryGetContext('integ:teardown') === 'true';
  const certificateArn = (app.node.tryGetContext('certificateArn') as string | undefined) ?? process.env.INTEG_CERTIFICATE_ARN;
  const certificate = certificateArn
    ? acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn)
    : new acm.Certificate(stack, 'Certificate', { domainName: TRAFFIC.domainName, validation: acm.CertificateValidation.fromDns() });
  const hookArn = (app.node.tryGetContext('hookArn') as string | undefined)
    ?? `arn:aws:lambda:${stack.region}:${process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012'}:function:integ-checkout-smoke-test`;

  const network = new PlatformNetwork(stack, 'Network');
  const cluster = new EcsCluster(stack, 'Cluster', {
    vpc: network.vpc, clusterName: CLUSTER_NAME, serviceConnectNamespace: ServiceConnectNamespace.create(TRAFFIC.connect.namespace),
  });
  const task = (id: string) => new EcsTaskDefinition(stack, id, {
    containers: [{
      name: 'web',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:1.27.3'),
      user: '101',
      portMappings: [{ containerPort: 8080, name: 'http', appProtocol: ecs.AppProtocol.http }],
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    }],
    volumes: [{ name: 'tmp' }],
  });

  // Two rolling services on one shared, internal HTTPS load balancer.
  const shared = new EcsLoadBalancer(stack, 'Shared', { vpc: network.vpc, certificates: [certificate], deletionProtection: teardown ? false : undefined });
  const { discoveryName, dnsName, port } = TRAFFIC.connect;
  const shop = new EcsService(stack, 'Shop', {
    cluster: cluster.cluster, taskDefinition: task('ShopTask'), serviceName: TRAFFIC.shop.serviceName,
    serviceConnect: { services: [{ portMappingName: 'http', discoveryName, dnsName, port }] },
  });
  const orders = new EcsService(stack, 'Orders', {
    cluster: cluster.cluster, taskDefinition: task('OrdersTask'), serviceName: TRAFFIC.orders.serviceName, serviceConnect: {},
  });
  shared.addService('Shop', { service: shop, priority: TRAFFIC.shop.priority, hostHeaders: [...TRAFFIC.shop.hosts], healthCheck: { path: TRAFFIC.shop.healthCheckPath } });
  shared.addService('Orders', { service: orders, priority: TRAFFIC.orders.priority, hostHeaders: [...TRAFFIC.orders.hosts], pathPatterns: [...TRAFFIC.orders.paths] });

  // A blue/green service behind its own load balancer.
  new EcsService(stack, 'Checkout', {
    cluster: cluster.cluster,
    taskDefinition: task('CheckoutTask'),
    serviceName: TRAFFIC.checkout.serviceName,
    loadBalancer: { certificate, healthCheck: { path: TRAFFIC.checkout.healthCheckPath }, deletionProtection: teardown ? false : undefined },
    deployment: ServiceDeployment.blueGreen({
      bakeTime: Duration.minutes(TRAFFIC.checkout.bakeMinutes),
      testPort: TRAFFIC.checkout.testPort,
      hooks: [{ handler: lambda.Function.fromFunctionArn(stack, 'SmokeTest', hookArn), stages: [...TRAFFIC.hookStages] }],
    }),
  });
  return [stack];
}

if (require.main === module) runIntegApp('EcsTraffic', build);
