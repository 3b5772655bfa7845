// The examples of the README (Service Connect), type-checked by `npm run build` and synthesized by
// test/examples/ecs-service-connect.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsCluster, EcsService, EcsTaskDefinition, ServiceConnectNamespace } from '../lib';

/** What {@link ecsServiceConnect} builds, for tests. */
export interface EcsServiceConnect {
  readonly cluster: EcsCluster;
  readonly orders: EcsService;
  readonly storefront: EcsService;
  readonly reports: EcsService;
}

/**
 * Three services that talk through Service Connect: `orders` publishes its HTTP port as
 * `http://orders` in the cluster's namespace, `storefront` only calls it, and `reports` joins a
 * namespace shared with other teams.
 */
export function ecsServiceConnect(stack: Stack): EcsServiceConnect {
  // A cluster that creates the Cloud Map HTTP namespace "shop": its services join it by default.
  const cluster = new EcsCluster(stack, 'Cluster', {
    serviceConnectNamespace: ServiceConnectNamespace.create('shop'),
  });

  // The server: a named port mapping (with its application protocol) is what Service Connect publishes.
  const ordersTask = new EcsTaskDefinition(stack, 'OrdersTask', {
    containers: [{
      name: 'orders',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
      user: '101', // non-root
      portMappings: [{ containerPort: 8080, name: 'http', appProtocol: ecs.AppProtocol.http }],
    }],
  });
  const orders = new EcsService(stack, 'Orders', {
    cluster: cluster.cluster,
    taskDefinition: ordersTask,
    serviceConnect: {
      services: [{
        portMappingName: 'http',
        discoveryName: 'orders',
        dnsName: 'orders', // clients call http://orders
        port: 80,
        perRequestTimeout: Duration.seconds(15),
      }],
    },
  });

  // A client only: no `services`, so it publishes nothing and reaches http://orders through its proxy.
  const storefrontTask = new EcsTaskDefinition(stack, 'StorefrontTask', {
    containers: [{
      name: 'storefront',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
      user: '101',
      environment: { ORDERS_URL: 'http://orders' },
    }],
  });
  const storefront = new EcsService(stack, 'Storefront', {
    cluster: cluster.cluster,
    taskDefinition: storefrontTask,
    serviceConnect: {},
  });

  // A namespace another team owns, imported by name: this service joins it instead of "shop".
  const reports = new EcsService(stack, 'Reports', {
    cluster: cluster.cluster,
    taskDefinition: storefrontTask,
    serviceConnect: { cloudMapNamespace: ServiceConnectNamespace.fromName('analytics') },
  });

  return { cluster, orders, storefront, reports };
}
