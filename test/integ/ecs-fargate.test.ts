import { CloudFormationClient, DescribeStacksCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  Cluster, ContainerDefinition, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListServicesCommand, Service,
} from '@aws-sdk/client-ecs';
import * as path from 'path';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, unexplained } from './harness/session';
import { CLUSTER_NAME, FAMILY, SERVICE_NAME, STACK, VARIANTS } from './integ.ecs-fargate';

const V2 = { 'integ:variant': 'v2' };

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key NetworkFlowLogsKey9F917D90',
  'AWS::Logs::LogGroup NetworkFlowLogs2BEC3212',
  'AWS::KMS::Key WebLogsKey7EBC687E',
  'AWS::Logs::LogGroup WebLogsD9759FC4',
];

describe('integ.ecs-fargate: a two-container application on Fargate, updated in place, then destroyed', () => {
  let session: IntegSession;
  let ecs: ECSClient;
  let cluster: Cluster;
  let service: Service;
  let deployed: StackResourceSummary[] = [];

  async function describeService(): Promise<Service> {
    const found = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER_NAME, services: [SERVICE_NAME] }));
    return found.services![0]!;
  }

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.ecs-fargate.ts'));
    ecs = new ECSClient(session.target.clientConfig);
    void session.cdk.synth(V2).catch(() => undefined); // synthesize the update while v1 deploys
    const accounts = await session.deploy([STACK]);
    expect(unexplained(accounts)).toEqual([]);
  });

  afterAll(async () => {
    await session?.close();
  });

  test('the cluster exists with Fargate and Fargate Spot as its capacity providers and default strategy', async () => {
    const found = await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME] }));
    cluster = found.clusters![0]!;
    expect(cluster.status).toBe('ACTIVE');
    expect(cluster.capacityProviders?.sort()).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(cluster.defaultCapacityProviderStrategy).toEqual(expect.arrayContaining([
      expect.objectContaining({ capacityProvider: 'FARGATE', base: 1, weight: 1 }),
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT', weight: 3 }),
    ]));
  });

  test('the task definition has both containers with their ports, volumes, cpu and memory', async () => {
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    expect(taskDefinition).toMatchObject({ family: FAMILY, cpu: '512', memory: '1024', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] });
    expect(taskDefinition!.volumes?.map((v) => v.name).sort()).toEqual(['cache', 'tmp']);
    const containers: Record<string, ContainerDefinition> = Object.fromEntries(taskDefinition!.containerDefinitions!.map((c) => [c.name!, c]));
    expect(Object.keys(containers).sort()).toEqual(['otel', 'web']);
    expect(containers.web).toMatchObject({
      image: `public.ecr.aws/nginx/nginx-unprivileged:${VARIANTS.v1.imageTag}`, user: '101', memory: 768, essential: true, readonlyRootFilesystem: true,
    });
    expect(containers.web!.portMappings?.map((p) => p.containerPort)).toEqual([8080]);
    expect(containers.web!.mountPoints?.map((m) => [m.sourceVolume, m.containerPath]).sort()).toEqual([['cache', '/var/cache/nginx'], ['tmp', '/tmp']]);
    expect(containers.otel).toMatchObject({ user: '10001', memory: 256, essential: false });
    expect(containers.otel!.portMappings?.map((p) => p.containerPort)).toEqual([4317]);
  });

  test('the service runs the task definition with two desired tasks', async () => {
    service = await describeService();
    expect(service).toMatchObject({ serviceName: SERVICE_NAME, clusterArn: cluster.clusterArn, desiredCount: VARIANTS.v1.desiredCount });
    expect(service.taskDefinition).toMatch(new RegExp(`:task-definition/${FAMILY}:1$`));
    const listed = await ecs.send(new ListServicesCommand({ cluster: CLUSTER_NAME }));
    expect(listed.serviceArns).toEqual([service.serviceArn]);
  });

  test('an update (new image tag, three tasks, an added port) keeps the cluster and the service', async () => {
    const accounts = await session.deploy([STACK], V2);
    expect(unexplained(accounts)).toEqual([]);
    deployed = accounts[0]!.created;

    const after = (await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME] }))).clusters![0]!;
    expect(after.clusterArn).toBe(cluster.clusterArn);
    const updated = await describeService();
    expect(updated.serviceArn).toBe(service.serviceArn);
    expect(updated.createdAt?.getTime()).toBe(service.createdAt?.getTime());
    expect(updated.desiredCount).toBe(VARIANTS.v2.desiredCount);
    expect(updated.taskDefinition).toMatch(new RegExp(`:task-definition/${FAMILY}:2$`)); // a new revision, same family

    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: updated.taskDefinition }));
    const web = taskDefinition!.containerDefinitions!.find((c) => c.name === 'web')!;
    expect(web.image).toBe(`public.ecr.aws/nginx/nginx-unprivileged:${VARIANTS.v2.imageTag}`);
    expect(web.portMappings?.map((p) => p.containerPort)).toEqual([8080, 8443]);
  });

  test('destroy removes the service, the cluster and the network; the stack is gone', async () => {
    const cfn = new CloudFormationClient(session.target.clientConfig);
    const ec2 = new EC2Client(session.target.clientConfig);
    const vpcId = deployed.find((r) => r.ResourceType === 'AWS::EC2::VPC')!.PhysicalResourceId!;
    expect((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs).toHaveLength(1);

    const report = await session.destroy([STACK], V2);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);
    // ECS keeps deleted services and clusters visible as INACTIVE for a while
    expect((await describeService()).status).toBe('INACTIVE');
    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME] }));
    expect(clusters.clusters?.filter((c) => c.status === 'ACTIVE')).toEqual([]);
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Vpcs).toEqual([]);
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(subnets.Subnets).toEqual([]);
    const nats = await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(nats.NatGateways?.filter((n) => n.State !== 'deleted' && n.State !== 'deleting')).toEqual([]);
    // The account is as it was before the deploy, but for what the template retains (asserted, then deleted).
    await expectCleanAccount(session, report, RETAINED);
  });
});
