import { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { AutoScalingClient, AutoScalingGroup, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, DescribeInstanceTypesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeCapacityProvidersCommand, DescribeClustersCommand, DescribeContainerInstancesCommand, DescribeServicesCommand,
  DescribeTaskDefinitionCommand, ECSClient, ListContainerInstancesCommand, RegisterContainerInstanceCommand, RunTaskCommand,
  ListTasksCommand, RunTaskCommandOutput, StopTaskCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import * as fs from 'fs';
import * as path from 'path';
import { InstanceTypeCatalog, PlacementSimulator } from '../../lib/ecs';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { CLUSTER_NAME, FAMILY, PLACEMENT, SERVICE_NAME, STACK } from './integ.ecs-ec2';

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key ClusterNetworkFlowLogsKey77AAFA2E',
  'AWS::Logs::LogGroup ClusterNetworkFlowLogs839012C3',
  'AWS::KMS::Key WorkerLogsKeyA55DC59F',
  'AWS::Logs::LogGroup WorkerLogs4B5B6506',
];

/** The group's instances that are in service. */
const inService = (group: AutoScalingGroup) => (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);

describe('integ.ecs-ec2: ECS on EC2 capacity, and placement for real', () => {
  let session: IntegSession;
  let ecs: ECSClient;
  let ec2: EC2Client;
  let deployed: StackResourceSummary[];
  /** The group's instances and their types, as EC2 reports them. */
  let launched: Array<{ instanceId: string; instanceType: string }> = [];
  /**
   * The service's copies. On a real account 10 copies on a pool that holds 8 would never reach a steady
   * state, so `cdk deploy` would wait for hours: there the stack is deployed with `-c desiredCount=0`
   * (the placement check below scales the service to 0 anyway). The synth-time warning is read from
   * the default (10-copy) synthesis on both targets.
   */
  let desiredCount: number;
  let context: Record<string, string>;
  const physicalId = (type: string) => deployed.find((r) => r.ResourceType === type)!.PhysicalResourceId!;

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.ecs-ec2.ts'));
    ecs = new ECSClient(session.target.clientConfig);
    ec2 = new EC2Client(session.target.clientConfig);
    context = session.target.kind === 'aws' ? { desiredCount: '0' } : {};
    desiredCount = session.target.kind === 'aws' ? 0 : PLACEMENT.desiredCount;
    const accounts = await session.deploy([STACK], context);
    expect(unexplained(accounts)).toEqual([]);
    deployed = accounts[0]!.created;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('the cluster uses the stack capacity provider, backed by its Auto Scaling group, as default strategy', async () => {
    const provider = physicalId('AWS::ECS::CapacityProvider');
    const cluster = (await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME] }))).clusters![0]!;
    expect(cluster.status).toBe('ACTIVE');
    expect(cluster.capacityProviders).toEqual([provider]);
    expect(cluster.defaultCapacityProviderStrategy).toEqual([expect.objectContaining({ capacityProvider: provider })]);
    const described = await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [provider] }));
    const asg = described.capacityProviders![0]!.autoScalingGroupProvider!;
    expect(asg.autoScalingGroupArn).toContain(`autoScalingGroupName/${physicalId('AWS::AutoScaling::AutoScalingGroup')}`);
    expect(asg.managedScaling?.status).toBe('ENABLED');
  }, PHASE_TIMEOUT.readBack);

  test('the worker task definition is EC2-only and sized at the task level; the service wants ten copies (0 on a real account)', async () => {
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    expect(taskDefinition).toMatchObject({
      requiresCompatibilities: ['EC2'], cpu: String(PLACEMENT.taskCpu), memory: String(PLACEMENT.taskMemoryMiB),
    });
    expect(taskDefinition!.containerDefinitions!.map((c) => c.name)).toEqual(['worker']);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER_NAME, services: [SERVICE_NAME] }))).services![0]!;
    expect(service).toMatchObject({ serviceName: SERVICE_NAME, desiredCount, taskDefinition: taskDefinition!.taskDefinitionArn });
  }, PHASE_TIMEOUT.readBack);

  test('the Auto Scaling group runs exactly its size, of its first-priority type', async () => {
    const asgName = physicalId('AWS::AutoScaling::AutoScalingGroup');
    const asg = new AutoScalingClient(session.target.clientConfig);
    let group = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [asgName] }))).AutoScalingGroups![0]!;
    // (an account launches in the background: wait for the group to fill, within the phase's budget)
    for (let i = 0; i < 30 && inService(group).length < PLACEMENT.instances; i++) {
      await new Promise((r) => setTimeout(r, 10_000));
      group = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [asgName] }))).AutoScalingGroups![0]!;
    }
    expect([group.MinSize, group.MaxSize]).toEqual([PLACEMENT.instances, PLACEMENT.instances]);
    expect(group.Instances).toHaveLength(PLACEMENT.instances);
    expect(inService(group)).toHaveLength(PLACEMENT.instances);
    const reservations = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: inService(group) }))).Reservations ?? [];
    launched = reservations.flatMap((r) => r.Instances ?? []).map((i) => ({ instanceId: i.InstanceId!, instanceType: i.InstanceType! }));
    // On-demand `prioritized`: the first type while it has capacity (an account may fall back to the next).
    if (session.target.kind === 'emulator') expect(launched.map((i) => i.instanceType)).toEqual(Array(PLACEMENT.instances).fill(PLACEMENT.instanceTypes[0]));
    for (const i of launched) expect(PLACEMENT.instanceTypes).toContain(i.instanceType);
  }, PHASE_TIMEOUT.readBack);

  test('placement, for real: what the instances hold is placed, the rest fail for CPU; the synth-time check warned of the worst case', async () => {
    // GIVEN no service tasks in the way (on AWS the service would place its own copies first) ...
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER_NAME, service: SERVICE_NAME, desiredCount: 0 }));
    for (let i = 0; i < 30; i++) {
      const running = await ecs.send(new ListTasksCommand({ cluster: CLUSTER_NAME, serviceName: SERVICE_NAME }));
      if (!running.taskArns?.length) break;
      await new Promise((r) => setTimeout(r, 10_000));
    }
    // ... and the group's instances registered as container instances, with what EC2 says their types have
    const types = (await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [...PLACEMENT.instanceTypes] }))).InstanceTypes!;
    const size = (type: string) => {
      const info = types.find((t) => t.InstanceType === type)!;
      return { cpu: info.VCpuInfo!.DefaultVCpus! * 1024, memoryMiB: info.MemoryInfo!.SizeInMiB! };
    };
    if (session.target.kind === 'emulator') {
      // The emulator runs no ECS agent: register the group's instances as the agent would, with their type's CPU and memory.
      for (const { instanceId, instanceType } of launched) {
        const { cpu, memoryMiB } = size(instanceType);
        await ecs.send(new RegisterContainerInstanceCommand({
          cluster: CLUSTER_NAME,
          instanceIdentityDocument: JSON.stringify({ instanceId }),
          totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: cpu }, { name: 'MEMORY', type: 'INTEGER', integerValue: memoryMiB }],
        }));
      }
    }
    // (on AWS the group's instances register themselves; wait for them)
    let arns: string[] = [];
    for (let i = 0; i < 60 && arns.length < PLACEMENT.instances; i++) {
      arns = (await ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER_NAME }))).containerInstanceArns ?? [];
      if (arns.length < PLACEMENT.instances) await new Promise((r) => setTimeout(r, 10_000));
    }
    expect(arns).toHaveLength(PLACEMENT.instances);
    const instances = (await ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER_NAME, containerInstances: arns }))).containerInstances!;
    expect(instances.map((i) => i.ec2InstanceId).sort()).toEqual(launched.map((i) => i.instanceId).sort());
    // What fits, from what the container instances report (not from the library's tables): whole tasks per instance
    const registered = (i: (typeof instances)[number], name: string) => i.registeredResources!.find((r) => r.name === name)!.integerValue!;
    const fits = instances.map((i) => Math.min(Math.floor(registered(i, 'CPU') / PLACEMENT.taskCpu), Math.floor(registered(i, 'MEMORY') / PLACEMENT.taskMemoryMiB)));
    const expectedPlaced = Math.min(PLACEMENT.desiredCount, fits.reduce((a, b) => a + b, 0));

    // WHEN the deployed task definition is run once per desired copy, in the stack's private subnets
    const subnets = deployed.filter((r) => r.ResourceType === 'AWS::EC2::Subnet' && /Private/.test(r.LogicalResourceId!)).map((r) => r.PhysicalResourceId!);
    const securityGroups = deployed.filter((r) => r.ResourceType === 'AWS::EC2::SecurityGroup' && /^Service/.test(r.LogicalResourceId!)).map((r) => r.PhysicalResourceId!);
    expect(subnets.length).toBeGreaterThan(0);
    expect(securityGroups).toHaveLength(1);
    const outcomes: RunTaskCommandOutput[] = [];
    for (let n = 0; n < PLACEMENT.desiredCount; n++) {
      outcomes.push(await ecs.send(new RunTaskCommand({
        cluster: CLUSTER_NAME, taskDefinition: FAMILY, launchType: 'EC2', count: 1,
        networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups, assignPublicIp: 'DISABLED' } },
      })));
    }
    const placed = outcomes.filter((o) => o.tasks?.length === 1);
    const failed = outcomes.filter((o) => !o.tasks?.length);

    // THEN ECS placed what the instances hold, and no more ...
    process.stdout.write(`placement: ECS placed ${placed.length} and failed ${failed.length} of ${PLACEMENT.desiredCount} on ${launched.map((i) => i.instanceType).join(', ')}; ` +
      `the registered resources hold ${expectedPlaced}\n`);
    expect(placed.length).toBe(expectedPlaced);
    expect(failed.length).toBe(PLACEMENT.desiredCount - expectedPlaced);
    expect(failed.length).toBeGreaterThan(0);
    // ... the tasks that do not fit fail for CPU on every instance (CPU is full; memory has room) ...
    for (const outcome of failed) {
      expect(outcome.failures?.map((f) => f.reason)).toEqual(arns.map(() => 'RESOURCE:CPU'));
    }
    // ... and the synth-time check warned of the worst case the group may launch: its smallest type
    // (by EC2's numbers) at max capacity, which holds fewer copies than what was launched
    const smallest = [...PLACEMENT.instanceTypes].sort((a, b) => size(a).cpu - size(b).cpu || size(a).memoryMiB - size(b).memoryMiB)[0]!;
    const worst = PlacementSimulator.simulate(
      Array.from({ length: PLACEMENT.instances }, (_, i) => ({ label: `i${i}`, pool: 'General', ...PlacementSimulator.schedulableResources(InstanceTypeCatalog.lookup(smallest)!) })),
      [{ name: 'worker', cpu: PLACEMENT.taskCpu, memoryMiB: PLACEMENT.taskMemoryMiB, count: PLACEMENT.desiredCount }],
    ).outcomes[0]!;
    const metadata = fs.readFileSync(path.join(path.dirname(await session.cdk.template(STACK)), `${STACK}.metadata.json`), 'utf8');
    expect(metadata).toContain(`${worst.unplaced} of ${PLACEMENT.desiredCount} tasks of ${STACK}/Service`);
    expect(metadata).toContain(`short by ${worst.shortCpu} CPU units`);
    expect(worst.unplaced).toBeGreaterThanOrEqual(failed.length);

    for (const outcome of placed) {
      await ecs.send(new StopTaskCommand({ cluster: CLUSTER_NAME, task: outcome.tasks![0]!.taskArn, reason: 'integ test done' }));
    }
  }, PHASE_TIMEOUT.readBack);

  test('destroy removes the capacity provider, the service, the cluster and the VPC', async () => {
    const provider = physicalId('AWS::ECS::CapacityProvider');
    const vpcId = physicalId('AWS::EC2::VPC');
    const report = await session.destroy([STACK], context);
    const providers = await ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [provider] }));
    expect(providers.capacityProviders?.filter((p) => p.status === 'ACTIVE')).toEqual([]);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER_NAME, services: [SERVICE_NAME] }))).services?.[0];
    expect(service?.status ?? 'INACTIVE').toBe('INACTIVE');
    const cluster = (await ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER_NAME] }))).clusters?.[0];
    expect(cluster?.status ?? 'INACTIVE').toBe('INACTIVE');
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Vpcs).toEqual([]);
    // The account is as it was before the deploy, but for what the template retains (asserted, then deleted).
    await expectCleanAccount(session, report, RETAINED);
  }, PHASE_TIMEOUT.destroy);
});
