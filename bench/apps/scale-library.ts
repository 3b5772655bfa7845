import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsCluster, EcsService, EcsTaskDefinition, PlatformNetwork } from '../../lib';

/**
 * One stack with one network, one Fargate cluster and `services` services, each with its own
 * task definition (one container, encrypted logs): written with the library.
 */
export function buildLibraryServices(stack: Stack, services: number): void {
  const network = new PlatformNetwork(stack, 'Network');
  const cluster = new EcsCluster(stack, 'Cluster', { vpc: network.vpc });
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'shop/app');
  for (let i = 0; i < services; i++) {
    const task = new EcsTaskDefinition(stack, `Task${i}`, {
      cpu: 256,
      memoryMiB: 512,
      containers: [{ name: 'app', image: ecs.ContainerImage.fromEcrRepository(repo, '1.0.0'), user: '1000', portMappings: [{ containerPort: 8080 }] }],
    });
    new EcsService(stack, `Service${i}`, { cluster: cluster.cluster, taskDefinition: task, desiredCount: 2 });
  }
}
