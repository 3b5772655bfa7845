import {
  ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudFormationClient, DescribeStacksCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  Cluster, ContainerDefinition, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListServicesCommand, Service,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client, Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import * as path from 'path';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { CLUSTER_NAME, EXTRAS, FAMILY, REPORT_FAMILY, SERVICE_NAME, STACK, VARIANTS } from './integ.ecs-fargate';

const V2 = { 'integ:variant': 'v2' };
/** The revision number of a task definition ARN (`...:task-definition/family:N`): revisions never reset in an account. */
const revision = (arn: string | undefined) => Number(/:(\d+)$/.exec(arn ?? '')?.[1]);
const RESOURCE_ID = `service/${CLUSTER_NAME}/${SERVICE_NAME}`;

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key NetworkFlowLogsKey9F917D90',
  'AWS::Logs::LogGroup NetworkFlowLogs2BEC3212',
  'AWS::KMS::Key WebLogsKey7EBC687E',
  'AWS::Logs::LogGroup WebLogsD9759FC4',
  'AWS::KMS::Key ReportLogsKey816D1205',
  'AWS::Logs::LogGroup ReportLogsAA3E998E',
  'AWS::S3::Bucket ServiceLoadBalancerAccessLogsDE1D0C2B',
];

describe('integ.ecs-fargate: a two-container application on Fargate, updated in place, then destroyed', () => {
  let session: IntegSession;
  let ecs: ECSClient;
  let cluster: Cluster;
  let service: Service;
  let deployed: StackResourceSummary[] = [];

  let created: StackResourceSummary[] = [];
  const physicalIdOf = (type: string) => created.find((r) => r.ResourceType === type)?.PhysicalResourceId;

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
    created = accounts[0]!.created;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('the cluster exists with Fargate and Fargate Spot as its capacity providers and default strategy', async () => {
    const found = await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME], include: ['SETTINGS'] }));
    cluster = found.clusters![0]!;
    expect(cluster.status).toBe('ACTIVE');
    expect(cluster.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(cluster.capacityProviders?.sort()).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(cluster.defaultCapacityProviderStrategy).toEqual(expect.arrayContaining([
      expect.objectContaining({ capacityProvider: 'FARGATE', base: 1, weight: 1 }),
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT', weight: 3 }),
    ]));
  }, PHASE_TIMEOUT.readBack);

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
  }, PHASE_TIMEOUT.readBack);

  test('the service runs the task definition with two desired tasks', async () => {
    service = await describeService();
    expect(service).toMatchObject({ serviceName: SERVICE_NAME, clusterArn: cluster.clusterArn, desiredCount: VARIANTS.v1.desiredCount });
    expect(service.taskDefinition).toMatch(new RegExp(`:task-definition/${FAMILY}:\\d+$`));
    const listed = await ecs.send(new ListServicesCommand({ cluster: CLUSTER_NAME }));
    expect(listed.serviceArns).toEqual([service.serviceArn]);
  }, PHASE_TIMEOUT.readBack);

  test('the service\'s defaults: Fargate base 1 then Spot 3:1, private subnets without public IPs, a rolling deploy that rolls back, no exec', async () => {
    expect(service.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ]);
    expect(service.launchType).toBeUndefined();
    const network = service.networkConfiguration!.awsvpcConfiguration!;
    expect(network.assignPublicIp).toBe('DISABLED');
    const privateSubnets = created.filter((r) => r.ResourceType === 'AWS::EC2::Subnet' && /Private/.test(r.LogicalResourceId!)).map((r) => r.PhysicalResourceId!);
    expect(network.subnets!.sort()).toEqual(privateSubnets.sort());
    expect(network.securityGroups).toHaveLength(1);
    expect(service.deploymentConfiguration).toMatchObject({
      maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    expect(service).toMatchObject({ enableExecuteCommand: false, enableECSManagedTags: true, propagateTags: 'SERVICE', healthCheckGracePeriodSeconds: 60 });
  }, PHASE_TIMEOUT.readBack);

  test('each task definition logs to its own log group: one year, encrypted with its own key', async () => {
    const logs = new CloudWatchLogsClient(session.target.clientConfig);
    for (const family of [FAMILY, REPORT_FAMILY]) {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family }));
      const groups = new Set(taskDefinition!.containerDefinitions!.map((c) => c.logConfiguration?.options?.['awslogs-group']));
      expect(taskDefinition!.containerDefinitions!.map((c) => c.logConfiguration?.logDriver)).toEqual(taskDefinition!.containerDefinitions!.map(() => 'awslogs'));
      expect(groups.size).toBe(1);
      const [name] = [...groups];
      const [group] = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups!.filter((g) => g.logGroupName === name);
      expect(group?.retentionInDays).toBe(365);
      expect(group?.kmsKeyId).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//);
    }
  }, PHASE_TIMEOUT.readBack);

  test('the service is behind an internal Application Load Balancer, health-checked on its path', async () => {
    expect(service.loadBalancers).toEqual([expect.objectContaining({ containerName: 'web', containerPort: 8080 })]);
    const elbv2 = new ElasticLoadBalancingV2Client(session.target.clientConfig);
    const [group] = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [service.loadBalancers![0]!.targetGroupArn!] }))).TargetGroups!;
    expect(group).toMatchObject({ TargetType: 'ip', Protocol: 'HTTP', HealthCheckPath: EXTRAS.healthCheckPath, HealthCheckIntervalSeconds: 20 });
    expect(group!.LoadBalancerArns).toHaveLength(1);
    const [alb] = (await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: group!.LoadBalancerArns }))).LoadBalancers!;
    expect(alb).toMatchObject({ Type: 'application', Scheme: 'internal' });
    const attributes = Object.fromEntries(((await elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: alb!.LoadBalancerArn }))).Attributes ?? []).map((a) => [a.Key, a.Value]));
    expect(attributes).toMatchObject({ 'deletion_protection.enabled': 'true', 'access_logs.s3.enabled': 'true' });
    // HTTPS with the app's certificate; HTTP only redirects to it
    const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: alb!.LoadBalancerArn }))).Listeners!;
    const byPort: Record<string, Listener> = Object.fromEntries(listeners.map((l) => [String(l.Port), l]));
    expect(Object.keys(byPort).sort()).toEqual(['443', '80']);
    expect(byPort['443']).toMatchObject({ Protocol: 'HTTPS', Certificates: [{ CertificateArn: session.target.kind === 'aws' ? expect.any(String) : physicalIdOf('AWS::CertificateManager::Certificate') }] });
    expect(byPort['80']!.DefaultActions?.map((a) => [a.Type, a.RedirectConfig?.Protocol, a.RedirectConfig?.Port])).toEqual([['redirect', 'HTTPS', '443']]);
  }, PHASE_TIMEOUT.readBack);

  test('the service scales between its bounds on CPU and memory targets', async () => {
    const scaling = new ApplicationAutoScalingClient(session.target.clientConfig);
    const targets = (await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [RESOURCE_ID] }))).ScalableTargets!;
    expect(targets.map((t) => [t.ScalableDimension, t.MinCapacity, t.MaxCapacity])).toEqual([['ecs:service:DesiredCount', VARIANTS.v1.desiredCount, VARIANTS.v1.maxCapacity]]);
    const policies = (await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: RESOURCE_ID }))).ScalingPolicies!;
    const tracked = policies.map((p) => [p.PolicyType, p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType, p.TargetTrackingScalingPolicyConfiguration?.TargetValue]);
    expect(tracked.sort()).toEqual([
      ['TargetTrackingScaling', 'ECSServiceAverageCPUUtilization', EXTRAS.targetCpuPercent],
      ['TargetTrackingScaling', 'ECSServiceAverageMemoryUtilization', EXTRAS.targetMemoryPercent],
    ]);
  }, PHASE_TIMEOUT.readBack);

  test('the scheduled task runs its task definition on Fargate Spot, in private subnets, on its schedule', async () => {
    const schedulerClient = new SchedulerClient(session.target.clientConfig);
    const listed = (await schedulerClient.send(new ListSchedulesCommand({}))).Schedules!;
    expect(listed).toHaveLength(1);
    const schedule = await schedulerClient.send(new GetScheduleCommand({ Name: listed[0]!.Name, GroupName: listed[0]!.GroupName }));
    expect(schedule).toMatchObject({ ScheduleExpression: EXTRAS.schedule, State: 'ENABLED' });
    expect(schedule.Target!.Arn).toBe(cluster.clusterArn);
    expect(schedule.Target!.RetryPolicy?.MaximumRetryAttempts).toBe(EXTRAS.reportRetries);
    const parameters = schedule.Target!.EcsParameters!;
    expect(parameters.TaskDefinitionArn).toMatch(new RegExp(`:task-definition/${REPORT_FAMILY}:\\d+$`));
    expect(parameters).toMatchObject({ TaskCount: EXTRAS.reportTasks, CapacityProviderStrategy: [expect.objectContaining({ capacityProvider: 'FARGATE_SPOT' })] });
    expect(parameters.NetworkConfiguration?.awsvpcConfiguration).toMatchObject({ AssignPublicIp: 'DISABLED' });
  }, PHASE_TIMEOUT.readBack);

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
    expect(updated.taskDefinition).toMatch(new RegExp(`:task-definition/${FAMILY}:\\d+$`)); // a new revision, same family
    expect(revision(updated.taskDefinition)).toBeGreaterThan(revision(service.taskDefinition));
    const [target] = (await new ApplicationAutoScalingClient(session.target.clientConfig).send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [RESOURCE_ID] }))).ScalableTargets!;
    expect([target?.MinCapacity, target?.MaxCapacity]).toEqual([VARIANTS.v2.desiredCount, VARIANTS.v2.maxCapacity]);

    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: updated.taskDefinition }));
    const web = taskDefinition!.containerDefinitions!.find((c) => c.name === 'web')!;
    expect(web.image).toBe(`public.ecr.aws/nginx/nginx-unprivileged:${VARIANTS.v2.imageTag}`);
    expect(web.portMappings?.map((p) => p.containerPort)).toEqual([8080, 8443]);
  }, PHASE_TIMEOUT.update);

  test('destroy removes the service, the cluster and the network; the stack is gone', async () => {
    // The load balancer's deletion protection goes off in a deploy of its own first, as the README says.
    const teardown = { ...V2, 'integ:teardown': 'true' };
    await session.deploy([STACK], teardown);
    const cfn = new CloudFormationClient(session.target.clientConfig);
    const ec2 = new EC2Client(session.target.clientConfig);
    const vpcId = deployed.find((r) => r.ResourceType === 'AWS::EC2::VPC')!.PhysicalResourceId!;
    expect((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs).toHaveLength(1);

    const report = await session.destroy([STACK], teardown);
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
  }, PHASE_TIMEOUT.destroy);
});
