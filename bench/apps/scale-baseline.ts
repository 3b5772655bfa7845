import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The scale stack of scale-library.ts written with plain aws-cdk-lib L2s (the baseline). A file of
 * its own so its process never loads the library.
 */
export function buildBaselineServices(stack: Stack, services: number): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
  });
  const flowKey = new kms.Key(stack, 'FlowLogsKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  new ec2.FlowLog(stack, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(stack, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: flowKey })),
  });
  vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'shop/app');
  for (let i = 0; i < services; i++) {
    const key = new kms.Key(stack, `Task${i}LogsKey`, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    const task = new ecs.FargateTaskDefinition(stack, `Task${i}`, {
      cpu: 256, memoryLimitMiB: 512,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    task.addContainer('app', {
      image: ecs.ContainerImage.fromEcrRepository(repo, '1.0.0'), user: '1000', readonlyRootFilesystem: true, memoryLimitMiB: 512,
      portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup: new logs.LogGroup(stack, `Task${i}Logs`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key }) }),
    });
    new ecs.FargateService(stack, `Service${i}`, {
      cluster, taskDefinition: task, desiredCount: 2, circuitBreaker: { rollback: true }, minHealthyPercent: 100,
      capacityProviderStrategies: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
  }
}
