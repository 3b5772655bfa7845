import { CloudFormationClient, DescribeStacksCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import {
  DescribeFlowLogsCommand, DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcAttributeCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, GetLifecyclePolicyCommand, GetRegistryScanningConfigurationCommand, PutImageCommand, Repository,
} from '@aws-sdk/client-ecr';
import {
  Cluster, DescribeCapacityProvidersCommand, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListServicesCommand,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient, ListClustersCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import * as path from 'path';
import { EksCluster } from '../../lib/eks';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { DEFAULTS, REPOSITORY_NAME, STACK } from './integ.platform';

/** What the emulator skips of the reference platform: known gaps only (`KNOWN_EMULATOR_GAPS`), by type and count. */
const EMULATOR_SKIPS = {
  'AWS::ECR::PullThroughCacheRule': 1,
  'AWS::ECR::RepositoryCreationTemplate': 1,
  'AWS::EKS::AccessEntry': 1,
  'AWS::EKS::Addon': 4,
  'AWS::SSM::Association': 1,
};

const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'1'.repeat(64)}` },
  layers: [],
});

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::ECR::Repository ImagesF8C4E866',
  'AWS::KMS::Key NetworkFlowLogsKey9F917D90',
  'AWS::Logs::LogGroup NetworkFlowLogs2BEC3212',
  'AWS::KMS::Key WebTaskLogsKeyF35E91C1',
  'AWS::Logs::LogGroup WebTaskLogs827BAE3D',
  'AWS::KMS::Key WorkerTaskLogsKey612BDB5F',
  'AWS::Logs::LogGroup WorkerTaskLogs85FC2155',
  'AWS::KMS::Key EksSecretsKey89C78FFD',
  'AWS::KMS::Key EksControlPlaneLogsKey40F0D44E',
  'AWS::Logs::LogGroup EksControlPlaneLogsDB7AEF19',
];

describe('integ.platform: the reference platform (bin/app.ts, dev stage) deployed, read back, then destroyed', () => {
  let session: IntegSession;
  let ecr: ECRClient;
  let ecs: ECSClient;
  let eks: EKSClient;
  let ec2: EC2Client;
  let deployed: StackResourceSummary[];
  let skipped: Array<{ logicalId: string; type: string }>;
  let repository: Repository;
  let cluster: Cluster;
  /**
   * Tasks each service is asked for. On a real account the services could never reach a steady state before an image
   * `platform/app:1.0.0` exists, so the stack is deployed as the README's first deploy is (`-c desiredCount=0`).
   */
  let desiredCount: number;
  let context: Record<string, string>;

  /** The physical id of the one created resource of this type whose logical id starts with the construct path (`WebService`, `EksSecretsKey`). */
  function physicalId(type: string, logicalPrefix = ''): string {
    const found = deployed.filter((r) => r.ResourceType === type && r.LogicalResourceId!.startsWith(logicalPrefix));
    expect([type, logicalPrefix, found.length]).toEqual([type, logicalPrefix, 1]);
    return found[0]!.PhysicalResourceId!;
  }

  const privateSubnets = () => deployed.filter((r) => r.ResourceType === 'AWS::EC2::Subnet' && r.LogicalResourceId!.startsWith('NetworkPrivate'))
    .map((r) => r.PhysicalResourceId!).sort();

  async function taskDefinition(logicalPrefix: string): Promise<TaskDefinition> {
    const found = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: physicalId('AWS::ECS::TaskDefinition', logicalPrefix) }));
    return found.taskDefinition!;
  }

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.platform.ts'));
    const config = session.target.clientConfig;
    ecr = new ECRClient(config);
    ecs = new ECSClient(config);
    eks = new EKSClient(config);
    ec2 = new EC2Client(config);
    context = session.target.kind === 'aws' ? { desiredCount: '0' } : {};
    desiredCount = session.target.kind === 'aws' ? 0 : DEFAULTS.desiredCount;
    const accounts = await session.deploy([STACK], context);
    expect(unexplained(accounts)).toEqual([]);
    deployed = accounts[0]!.created;
    skipped = accounts[0]!.skipped;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('the stack is the dev stage of bin/app.ts; the only resources not created are the known emulator gaps', async () => {
    const cfn = new CloudFormationClient(session.target.clientConfig);
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!;
    expect(stack).toMatchObject({ StackName: 'Platform-dev', StackStatus: 'CREATE_COMPLETE', Description: 'cdk-containers reference platform (dev)' });
    const byType: Record<string, number> = {};
    for (const s of skipped) byType[s.type] = (byType[s.type] ?? 0) + 1;
    expect(byType).toEqual(session.target.kind === 'emulator' ? EMULATOR_SKIPS : {});
  }, PHASE_TIMEOUT.readBack);

  test('the image repository is named, immutable, with the standard lifecycle rules; registry scanning is on push', async () => {
    expect(physicalId('AWS::ECR::Repository', 'Images')).toBe(REPOSITORY_NAME);
    repository = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [REPOSITORY_NAME] }))).repositories![0]!;
    expect(repository.imageTagMutability).toBe('IMMUTABLE');
    // KMS with ECR's AWS managed key (alias/aws/ecr: no key of the app's), scanned on push.
    expect(repository.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: expect.stringMatching(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//) });
    expect(repository.imageScanningConfiguration).toEqual({ scanOnPush: true });
    const policy = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: REPOSITORY_NAME }));
    const rules = JSON.parse(policy.lifecyclePolicyText!).rules as Array<{ selection: { tagStatus: string; countNumber: number } }>;
    expect(rules.map((r) => [r.selection.tagStatus, r.selection.countNumber])).toEqual([['untagged', 7], ['tagged', 100]]);

    const { scanningConfiguration } = await ecr.send(new GetRegistryScanningConfigurationCommand({}));
    expect(scanningConfiguration).toMatchObject({
      scanType: 'BASIC',
      rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
    });

    await ecr.send(new PutImageCommand({ repositoryName: REPOSITORY_NAME, imageManifest: MANIFEST, imageTag: DEFAULTS.imageTag }));
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: REPOSITORY_NAME }));
    expect(images.imageDetails?.map((d) => d.imageTags)).toEqual([[DEFAULTS.imageTag]]);
  }, PHASE_TIMEOUT.readBack);

  test('the VPC: two public and two private subnets in two AZs, one NAT gateway (dev), flow logs, an S3 gateway endpoint', async () => {
    const vpcId = physicalId('AWS::EC2::VPC', 'Network');
    const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
    expect(vpc).toMatchObject({ CidrBlock: '10.0.0.0/16', State: 'available' });
    const dns = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    expect(dns.EnableDnsHostnames?.Value).toBe(true);

    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets!;
    const kind = (s: (typeof subnets)[number]) => s.Tags?.find((t) => t.Key === 'aws-cdk:subnet-type')?.Value;
    expect(subnets.map(kind).sort()).toEqual(['Private', 'Private', 'Public', 'Public']);
    expect(new Set(subnets.map((s) => s.AvailabilityZone)).size).toBe(2);
    const privates = subnets.filter((s) => kind(s) === 'Private');
    expect(privates.map((s) => s.SubnetId).sort()).toEqual(privateSubnets());
    expect(privates.every((s) => s.MapPublicIpOnLaunch === false)).toBe(true);

    const nats = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId] }] }))).NatGateways!;
    expect(nats.map((n) => n.State)).toEqual(['available']);
    expect(subnets.filter((s) => kind(s) === 'Public').map((s) => s.SubnetId)).toContain(nats[0]!.SubnetId);

    const flowLogs = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }))).FlowLogs!;
    expect(flowLogs).toEqual([expect.objectContaining({ TrafficType: 'ALL', FlowLogStatus: 'ACTIVE', LogGroupName: physicalId('AWS::Logs::LogGroup', 'NetworkFlowLogs') })]);
    const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).VpcEndpoints!;
    expect(endpoints.map((e) => [e.VpcEndpointType, e.ServiceName])).toEqual([['Gateway', `com.amazonaws.${session.target.clientConfig.region}.s3`]]);
  }, PHASE_TIMEOUT.readBack);

  test('the ECS cluster has Fargate, Fargate Spot and the Workers EC2 capacity provider backed by the stack Auto Scaling group', async () => {
    const clusterName = physicalId('AWS::ECS::Cluster', 'Ecs');
    cluster = (await ecs.send(new DescribeClustersCommand({ clusters: [clusterName] }))).clusters![0]!;
    expect(cluster).toMatchObject({ clusterName, status: 'ACTIVE' });
    const workers = physicalId('AWS::ECS::CapacityProvider', 'EcsWorkers');
    expect(cluster.capacityProviders?.sort()).toEqual(['FARGATE', 'FARGATE_SPOT', workers].sort());
    // EC2 providers cannot share a default strategy with Fargate ones: the worker service names its provider itself.
    expect(cluster.defaultCapacityProviderStrategy).toEqual([
      expect.objectContaining({ capacityProvider: 'FARGATE', base: 1, weight: 1 }),
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT', weight: 1 }),
    ]);
    const provider = (await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [workers] }))).capacityProviders![0]!;
    expect(provider.autoScalingGroupProvider?.autoScalingGroupArn)
      .toMatch(new RegExp(`:autoScalingGroupName/${physicalId('AWS::AutoScaling::AutoScalingGroup', 'EcsWorkers')}$`));
    expect(provider.autoScalingGroupProvider).toMatchObject({ managedScaling: { status: 'ENABLED' }, managedTerminationProtection: 'ENABLED' });
  }, PHASE_TIMEOUT.readBack);

  test('the web and worker services run their task definitions with the desired count', async () => {
    const services = (await ecs.send(new ListServicesCommand({ cluster: cluster.clusterArn }))).serviceArns!;
    const web = physicalId('AWS::ECS::Service', 'WebService');
    const worker = physicalId('AWS::ECS::Service', 'WorkerService');
    expect(services.sort()).toEqual([web, worker].sort());
    const described = (await ecs.send(new DescribeServicesCommand({ cluster: cluster.clusterArn, services: [web, worker] }))).services!;
    expect(described.map((s) => [s.serviceArn, s.status, s.desiredCount, s.taskDefinition])).toEqual([
      [web, 'ACTIVE', desiredCount, physicalId('AWS::ECS::TaskDefinition', 'WebTask')],
      [worker, 'ACTIVE', desiredCount, physicalId('AWS::ECS::TaskDefinition', 'WorkerTask')],
    ]);
  }, PHASE_TIMEOUT.readBack);

  test('the web task: Fargate, 256 CPU / 512 MiB, one container from the repository on port 8080 with a writable /tmp', async () => {
    const task = await taskDefinition('WebTask');
    expect(task).toMatchObject({ cpu: '256', memory: '512', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], revision: 1 });
    expect(task.volumes?.map((v) => v.name)).toEqual(['tmp']);
    expect(task.taskRoleArn).toMatch(new RegExp(`/${physicalId('AWS::IAM::Role', 'WebTaskTaskRole')}$`));
    expect(task.executionRoleArn).toMatch(new RegExp(`/${physicalId('AWS::IAM::Role', 'WebTaskExecutionRole')}$`));
    expect(task.containerDefinitions?.map((c) => c.name)).toEqual(['web']);
    const web = task.containerDefinitions![0]!;
    expect(web).toMatchObject({ image: `${repository.repositoryUri}:${DEFAULTS.imageTag}`, user: '1000', essential: true, readonlyRootFilesystem: true });
    expect(web.portMappings?.map((p) => [p.containerPort, p.protocol])).toEqual([[8080, 'tcp']]);
    expect(web.mountPoints).toEqual([{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }]);
    expect(web.logConfiguration).toMatchObject({ logDriver: 'awslogs', options: { 'awslogs-group': physicalId('AWS::Logs::LogGroup', 'WebTaskLogs') } });
  }, PHASE_TIMEOUT.readBack);

  test('the worker task: EC2 only, 512 CPU / 1024 MiB, the same image running `worker`, no ports', async () => {
    const task = await taskDefinition('WorkerTask');
    expect(task).toMatchObject({ cpu: '512', memory: '1024', networkMode: 'awsvpc', requiresCompatibilities: ['EC2'], revision: 1 });
    expect(task.containerDefinitions?.map((c) => c.name)).toEqual(['worker']);
    const worker = task.containerDefinitions![0]!;
    expect(worker).toMatchObject({ image: `${repository.repositoryUri}:${DEFAULTS.imageTag}`, user: '1000', command: ['worker'], readonlyRootFilesystem: true });
    expect(worker.portMappings ?? []).toEqual([]);
    expect(worker.logConfiguration?.options?.['awslogs-group']).toBe(physicalId('AWS::Logs::LogGroup', 'WorkerTaskLogs'));
  }, PHASE_TIMEOUT.readBack);

  test('the EKS cluster: default version, private subnets, private endpoint only, all log types, KMS secrets; a Graviton node group', async () => {
    const name = physicalId('AWS::EKS::Cluster', 'Eks');
    const eksCluster = (await eks.send(new DescribeClusterCommand({ name }))).cluster!;
    expect(eksCluster).toMatchObject({ name, version: EksCluster.DEFAULT_VERSION.version, status: 'ACTIVE' });
    expect(eksCluster.roleArn).toMatch(new RegExp(`/${physicalId('AWS::IAM::Role', 'EksRole')}$`));
    expect(eksCluster.resourcesVpcConfig).toMatchObject({ vpcId: physicalId('AWS::EC2::VPC', 'Network'), endpointPublicAccess: false, endpointPrivateAccess: true });
    expect(eksCluster.resourcesVpcConfig!.subnetIds!.sort()).toEqual(privateSubnets());
    expect(eksCluster.logging?.clusterLogging?.[0]?.types?.sort()).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(eksCluster.encryptionConfig?.[0]?.resources).toEqual(['secrets']);
    expect(eksCluster.deletionProtection).toBe(true);
    expect(eksCluster.encryptionConfig?.[0]?.provider?.keyArn).toMatch(new RegExp(`:key/${physicalId('AWS::KMS::Key', 'EksSecretsKey')}$`));

    const nodegroups = (await eks.send(new ListNodegroupsCommand({ clusterName: name }))).nodegroups!;
    expect(nodegroups.map((n) => `${name}/${n}`)).toEqual([physicalId('AWS::EKS::Nodegroup', 'EksNodeGroup')]);
    const { nodegroup } = await eks.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName: nodegroups[0] }));
    expect(nodegroup).toMatchObject({
      instanceTypes: ['t4g.medium'],
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 3 },
      amiType: 'AL2023_ARM_64_STANDARD',
      capacityType: 'ON_DEMAND',
    });
    expect(nodegroup!.subnets!.sort()).toEqual(privateSubnets());
    expect(nodegroup!.nodeRole).toMatch(new RegExp(`/${physicalId('AWS::IAM::Role', 'EksNodeGroupRole')}$`));
  }, PHASE_TIMEOUT.readBack);

  test('destroy removes the stack, the clusters, the services and the VPC, and keeps the repository with its image', async () => {
    const cfn = new CloudFormationClient(session.target.clientConfig);
    const vpcId = physicalId('AWS::EC2::VPC', 'Network');
    const eksName = physicalId('AWS::EKS::Cluster', 'Eks');
    const services = [physicalId('AWS::ECS::Service', 'WebService'), physicalId('AWS::ECS::Service', 'WorkerService')];

    // The EKS cluster's deletion protection (on by default) goes off in a deploy of its own first, as
    // the README says; with it on, the destroy fails (DeletionRefused), as on AWS.
    const teardown = { ...context, deletionProtection: 'false' };
    await session.deploy([STACK], teardown);
    expect((await eks.send(new DescribeClusterCommand({ name: eksName }))).cluster?.deletionProtection).toBe(false);
    const report = await session.destroy([STACK], teardown);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);

    const kept = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [REPOSITORY_NAME] }))).repositories![0]!;
    expect([kept.repositoryArn, kept.createdAt?.getTime()]).toEqual([repository.repositoryArn, repository.createdAt?.getTime()]);
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: REPOSITORY_NAME }));
    expect(images.imageDetails?.map((d) => d.imageTags)).toEqual([[DEFAULTS.imageTag]]);

    // ECS keeps deleted services and clusters visible as INACTIVE for a while
    const described = await ecs.send(new DescribeServicesCommand({ cluster: cluster.clusterArn, services }));
    expect(described.services?.map((s) => s.status)).toEqual(['INACTIVE', 'INACTIVE']);
    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: [cluster.clusterArn!] }));
    expect(clusters.clusters?.filter((c) => c.status === 'ACTIVE')).toEqual([]);
    // (not ListNodegroups: moto answers 500 instead of ResourceNotFound for a missing cluster's node groups)
    expect((await eks.send(new ListClustersCommand({}))).clusters).not.toContain(eksName);

    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Vpcs).toEqual([]);
    const nats = await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(nats.NatGateways?.filter((n) => n.State !== 'deleted' && n.State !== 'deleting')).toEqual([]);
    // The account is as it was before the deploy, but for what the template retains (asserted, then deleted).
    await expectCleanAccount(session, report, RETAINED);
  }, PHASE_TIMEOUT.destroy);
});
