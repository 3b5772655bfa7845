// The examples of the README (shared load balancers), type-checked by `npm run build` and synthesized
// by test/examples/ecs-shared-load-balancer.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import {
  ClusterCapacity, EcsCluster, EcsLoadBalancer, EcsNetworkLoadBalancer, EcsService, EcsTaskDefinition, LoadBalancedServiceTarget,
} from '../lib';

/** What {@link ecsSharedLoadBalancer} builds, for tests. */
export interface EcsSharedLoadBalancer {
  readonly cluster: EcsCluster;
  readonly web: EcsLoadBalancer;
  readonly routes: LoadBalancedServiceTarget[];
  readonly broker: EcsNetworkLoadBalancer;
}

/**
 * Three HTTP services behind one internet-facing HTTPS load balancer (one rule each), and an MQTT
 * broker behind a Network Load Balancer (TLS terminated there). The stack needs a region
 * (`env: { region }`): access logs need one.
 */
export function ecsSharedLoadBalancer(stack: Stack): EcsSharedLoadBalancer {
  const cluster = new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.fargate()] });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate',
    'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555');

  // --- EcsLoadBalancer: one ALB (and one access log bucket) for many services ---
  const storefront = new EcsTaskDefinition(stack, 'StorefrontTask', {
    containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), user: '101', portMappings: [{ containerPort: 8080 }] }],
  });
  const shopService = new EcsService(stack, 'Shop', { cluster: cluster.cluster, taskDefinition: storefront });
  const ordersService = new EcsService(stack, 'Orders', { cluster: cluster.cluster, taskDefinition: storefront });
  const paymentsService = new EcsService(stack, 'Payments', { cluster: cluster.cluster, taskDefinition: storefront });

  const shared = new EcsLoadBalancer(stack, 'Web', {
    vpc: cluster.vpc,
    internetFacing: true,
    certificates: [certificate], // HTTPS on 443; HTTP 80 redirects to it
  });
  const shopRoute = shared.addService('Shop', { service: shopService, priority: 100, hostHeaders: ['shop.example.com'] });
  const ordersRoute = shared.addService('Orders', { service: ordersService, priority: 10, hostHeaders: ['api.example.com'], pathPatterns: ['/orders', '/orders/*'] });
  const paymentsRoute = shared.addService('Payments', {
    service: paymentsService, priority: 20, hostHeaders: ['api.example.com'], pathPatterns: ['/payments/*'],
    healthCheck: { path: '/healthz' },
  });
  // Each service gets the default deployment alarms on its target group: a bad deploy rolls back.
  const routes = [shopRoute, ordersRoute, paymentsRoute];
  // Requests no rule matches get a 404 from the load balancer.

  // --- EcsNetworkLoadBalancer: TCP, TLS, UDP or TCP_UDP services, one listener port each ---
  const brokerTask = new EcsTaskDefinition(stack, 'BrokerTask', {
    containers: [{
      name: 'mqtt',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/eclipse-mosquitto:2.0'),
      user: '1883',
      portMappings: [{ containerPort: 1883 }],
    }],
  });
  const broker = new EcsNetworkLoadBalancer(stack, 'Broker', { vpc: cluster.vpc });
  broker.addService('Mqtts', {
    service: new EcsService(stack, 'BrokerService', { cluster: cluster.cluster, taskDefinition: brokerTask }),
    port: 8883,
    protocol: elbv2.Protocol.TLS, // TLS ends at the load balancer; the tasks get TCP on 1883
    certificate,
  });

  return { cluster, web: shared, routes, broker };
}
