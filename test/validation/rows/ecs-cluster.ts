import { CfnParameter, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ClusterCapacity, Ec2AmiFamily, Ec2ClusterCapacityOptions, Ec2PurchaseOption, EcsCluster, EcsClusterProps, InstanceTypeInfo,
  PlacementInstance, PlacementSimulator, PlacementTask, TaskDemand,
} from '../../../lib';
import { error, free, typed, ValidationRow, warning } from '../table';

const CLUSTER = 'lib/ecs/cluster.ts';
const EC2 = 'lib/ecs/ec2-capacity.ts';
const PLACEMENT = 'lib/ecs/placement.ts';
const PLACEMENT_CHECK = 'lib/ecs/placement-check.ts';
const RETENTION = 'lib/private/log-retention.ts';

/** An EcsCluster (with its own PlatformNetwork unless a vpc is given). */
const cluster = (stack: Stack, props: EcsClusterProps = {}): EcsCluster => new EcsCluster(stack, 'Cluster', props);
/** An EcsCluster with these EC2 capacities. */
const ec2Cluster = (stack: Stack, ...options: Ec2ClusterCapacityOptions[]): EcsCluster =>
  cluster(stack, { capacity: options.map((o) => ClusterCapacity.ec2(o)) });
const types = (...names: string[]): ec2.InstanceType[] => names.map((n) => new ec2.InstanceType(n));
const param = (stack: Stack, id: string): number => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
/** A VPC with only public subnets, or only isolated ones. */
const vpcOf = (stack: Stack, type: ec2.SubnetType): ec2.Vpc => new ec2.Vpc(stack, 'Vpc', {
  natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'Only', subnetType: type }],
});

/** Reports a demand of 2 tasks (1024 CPU, 2048 MiB) to a cluster with EC2 capacity General (m6g.large). */
function demand(stack: Stack, over: Partial<TaskDemand>): EcsCluster {
  const c = ec2Cluster(stack, { name: 'General', instanceTypes: types('m6g.large') });
  c.addTaskDemand({ source: new Construct(stack, 'Api'), name: 'Api', cpu: 1024, memoryMiB: 2048, count: 2, ...over });
  return c;
}
const info = (over: Partial<InstanceTypeInfo>): InstanceTypeInfo =>
  ({ instanceType: 'm6g.large', vcpus: 2, memoryMiB: 8192, architecture: ec2.InstanceArchitecture.ARM_64, ...over });
const instance = (over: Partial<PlacementInstance>): PlacementInstance => ({ label: 'm6g.large', pool: 'General', cpu: 2048, memoryMiB: 7782, ...over });
const task = (over: Partial<PlacementTask>): PlacementTask => ({ name: 'Api', cpu: 512, memoryMiB: 1024, count: 2, ...over });

/** The validation table's rows for this area (see ../table.ts). */
export const rows: ValidationRow[] = [
  // CapacityStrategyOptions
  error({
    type: 'CapacityStrategyOptions', property: 'weight', rule: 'a whole number from 0 to 1000', source: 'CFN AWS::ECS::ClusterCapacityProviderAssociations', where: CLUSTER,
    bad: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ weight: 1001 })] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ weight: 1000 }), ClusterCapacity.fargateSpot({ weight: param(s, 'Weight') })] }),
  }),
  error({
    type: 'CapacityStrategyOptions', property: 'weight', rule: 'a weight above 0 on at least one capacity of the default strategy',
    source: 'API ecs CapacityProviderStrategyItem', where: CLUSTER, errorProperty: 'weight',
    bad: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ weight: 0, baseTasks: 1 }), ClusterCapacity.fargateSpot({ weight: 0 })] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ weight: 0, baseTasks: 1 }), ClusterCapacity.fargateSpot({ weight: 1 })] }),
  }),
  error({
    type: 'CapacityStrategyOptions', property: 'baseTasks', rule: 'a whole number from 0 to 100000', source: 'CFN AWS::ECS::ClusterCapacityProviderAssociations', where: CLUSTER,
    bad: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ baseTasks: 100001 })] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ baseTasks: 100000 })] }),
  }),
  error({
    type: 'CapacityStrategyOptions', property: 'baseTasks', rule: 'a nonzero base on at most one capacity of a strategy (a token counts as nonzero)',
    source: 'API ecs CapacityProviderStrategyItem', where: CLUSTER, errorProperty: 'baseTasks',
    bad: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ baseTasks: 1 }), ClusterCapacity.fargateSpot({ baseTasks: 1 })] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargate({ baseTasks: param(s, 'Base') }), ClusterCapacity.fargateSpot({ baseTasks: 0 })] }),
  }),

  // Ec2ClusterCapacityOptions
  ...typed('Ec2ClusterCapacityOptions', 'an enum: Amazon Linux 2023 or Bottlerocket, each resolved for the architecture', 'amiFamily'),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'architecture', rule: 'the architecture of the instance types (the AMI must match the instances)',
    source: 'guide: Amazon EC2 instance types (processor architecture)', where: EC2,
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m7g.large'), architecture: ec2.InstanceArchitecture.X86_64 }),
    edge: (s) => ec2Cluster(s, { instanceTypes: types('m7g.large'), architecture: ec2.InstanceArchitecture.ARM_64 }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'desiredCapacity', rule: 'a whole number from 0 to 5000 (container instances per cluster)',
    source: 'guide: Handle Amazon ECS service quotas and API throttling limits', where: EC2,
    bad: (s) => ec2Cluster(s, { desiredCapacity: -1 }),
    edge: (s) => ec2Cluster(s, { name: 'A', desiredCapacity: 0, maxCapacity: param(s, 'MaxA') }, { name: 'B', minCapacity: 4996, desiredCapacity: 4996, maxCapacity: 4996 }, { name: 'C', desiredCapacity: param(s, 'Desired') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'desiredCapacity', rule: 'from minCapacity to maxCapacity (comparisons with a token skipped)',
    source: 'API autoscaling CreateAutoScalingGroup', where: EC2, errorProperty: 'desiredCapacity',
    bad: (s) => ec2Cluster(s, { minCapacity: 1, desiredCapacity: 5, maxCapacity: 4 }),
    edge: (s) => ec2Cluster(s, { name: 'A', minCapacity: 1, desiredCapacity: 4, maxCapacity: 4 }, { name: 'B', desiredCapacity: 6, maxCapacity: param(s, 'Max') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'instanceTypes', rule: '1 to 40 distinct instance types per Auto Scaling group',
    source: 'API autoscaling LaunchTemplateOverrides', where: EC2,
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m6i.large', 'm6i.large') }),
    edge: (s) => ec2Cluster(s, { instanceTypes: [...types('m6i.large', 'm7i.large', 'm5.large', 'c6i.large', 'c7i.large', 'r6i.large', 'r5.large', 'm6a.large'),
      ...['', '2', '4', '8', '12', '16', '24', '32'].flatMap((n) => types(`m6i.${n}xlarge`, `m7i.${n}xlarge`, `c6i.${n}xlarge`, `r6i.${n}xlarge`))] }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'instanceTypes', rule: 'an EC2 instance type name: a lower-case family, a dot and a size (nano ... metal-48xl)',
    source: 'CFN AWS::EC2::LaunchTemplate (cfn-lint instance type enum)', where: EC2, errorProperty: 'instanceTypes',
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m6i.huge') }),
    edge: (s) => ec2Cluster(s, { instanceTypes: types('u-6tb1.112xlarge', 'm7i.metal-48xl', 'c7i-flex.large'), architecture: ec2.InstanceArchitecture.X86_64 }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'instanceTypes', rule: 'a family EC2 has (a newer one is accepted when architecture is given)',
    source: 'CFN AWS::EC2::LaunchTemplate (cfn-lint instance type enum)', where: EC2, errorProperty: 'instanceTypes',
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m7.large') }),
    edge: (s) => ec2Cluster(s, { name: 'A', instanceTypes: types('x8aedz.large', 'z1d.large') }, { name: 'B', instanceTypes: types('m9z.large'), architecture: ec2.InstanceArchitecture.X86_64 }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'instanceTypes', rule: 'instance types of a single architecture (one AMI per Auto Scaling group)',
    source: 'API autoscaling LaunchTemplateOverrides', where: EC2, errorProperty: 'instanceTypes',
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m7g.large', 'm7i.large') }),
    edge: (s) => ec2Cluster(s, { instanceTypes: types('m7g.large', 'c7g.xlarge') }),
  }),
  warning({
    type: 'Ec2ClusterCapacityOptions', property: 'instanceTypes', rule: 'legal, but the library cannot tell the architecture: say it with architecture',
    source: 'library', where: EC2, warningId: 'cdk-containers:unknown-instance-type',
    bad: (s) => ec2Cluster(s, { instanceTypes: types('m5d.large') }),
    edge: (s) => ec2Cluster(s, { instanceTypes: types('m5.large') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'maxCapacity', rule: 'a whole number from 1 (library: a capacity that can run something) to 5000 (container instances per cluster)',
    source: 'guide: Handle Amazon ECS service quotas and API throttling limits', where: EC2,
    bad: (s) => ec2Cluster(s, { maxCapacity: 5001 }),
    edge: (s) => ec2Cluster(s, { name: 'B', maxCapacity: 5000 }, { name: 'C', maxCapacity: param(s, 'Max') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'maxCapacity (cluster total)', rule: 'the EC2 capacities of one cluster add up to at most 5000 instances (a maxCapacity token is not counted)',
    source: 'guide: Amazon ECS service quotas (container instances per cluster)', where: CLUSTER, errorProperty: 'capacity[].maxCapacity',
    bad: (s) => ec2Cluster(s, { name: 'A', maxCapacity: 2500 }, { name: 'B', maxCapacity: 2501 }),
    edge: (s) => ec2Cluster(s, { name: 'A', maxCapacity: 2500 }, { name: 'B', maxCapacity: 2500 }, { name: 'C', maxCapacity: param(s, 'Max') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'minCapacity', rule: 'a whole number from 0 to 5000 (container instances per cluster)',
    source: 'guide: Handle Amazon ECS service quotas and API throttling limits', where: EC2,
    bad: (s) => ec2Cluster(s, { minCapacity: 0.5 }),
    edge: (s) => ec2Cluster(s, { name: 'A', minCapacity: 0 }, { name: 'B', minCapacity: 4992, maxCapacity: 4992 }, { name: 'C', minCapacity: param(s, 'Min') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'minCapacity', rule: 'at most maxCapacity', source: 'API autoscaling CreateAutoScalingGroup', where: EC2, errorProperty: 'minCapacity',
    bad: (s) => ec2Cluster(s, { minCapacity: 5, maxCapacity: 4 }),
    edge: (s) => ec2Cluster(s, { minCapacity: 4, maxCapacity: 4 }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'name', rule: 'a letter then letters or digits, up to 32 (it is the construct id), not Cluster, Network, ExecLogs or ExecKey',
    source: 'library', where: CLUSTER,
    bad: (s) => ec2Cluster(s, { name: 'my-capacity' }),
    edge: (s) => ec2Cluster(s, { name: `G${'x'.repeat(30)}9` }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'name', rule: 'distinct names for the EC2 capacities of a cluster', source: 'library', where: CLUSTER, errorProperty: 'capacity',
    bad: (s) => ec2Cluster(s, { name: 'General' }, { name: 'General' }),
    edge: (s) => ec2Cluster(s, { name: 'General' }, { name: 'Generals' }),
  }),
  ...typed('Ec2ClusterCapacityOptions', 'an enum: On-Demand or Spot', 'purchaseOption'),
  warning({
    type: 'Ec2ClusterCapacityOptions', property: 'purchaseOption', rule: 'legal, but Spot with a single instance type is interrupted more often and may find no capacity',
    source: 'guide: Best practices for EC2 Spot', where: EC2, warningId: 'cdk-containers:spot-single-type',
    bad: (s) => ec2Cluster(s, { purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: types('m6i.large') }),
    edge: (s) => ec2Cluster(s, { purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: types('m6i.large', 'm7i.large') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'targetCapacityPercent', rule: 'a whole number from 1 to 100', source: 'CFN AWS::ECS::CapacityProvider', where: EC2,
    bad: (s) => ec2Cluster(s, { targetCapacityPercent: 0 }),
    edge: (s) => ec2Cluster(s, { name: 'A', targetCapacityPercent: 1 }, { name: 'B', targetCapacityPercent: 100 }, { name: 'C', targetCapacityPercent: param(s, 'Target') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'volumeSizeGiB', rule: 'whole GiB: at least the AMI\'s 30 GiB root volume on Amazon Linux 2023, at most 65536 (gp3)',
    source: 'API ec2 ModifyVolume (gp3 1-65,536 GiB)', where: EC2,
    bad: (s) => ec2Cluster(s, { volumeSizeGiB: 29 }),
    edge: (s) => ec2Cluster(s, { name: 'A', volumeSizeGiB: 30 }, { name: 'B', volumeSizeGiB: 65536 }, { name: 'C', volumeSizeGiB: param(s, 'Volume') }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'volumeSizeGiB', rule: 'at least 20 GiB for Bottlerocket\'s data volume, at most 65536 (gp3)',
    source: 'guide: Bottlerocket ECS variants (data volume)', where: EC2, errorProperty: 'volumeSizeGiB',
    bad: (s) => ec2Cluster(s, { amiFamily: Ec2AmiFamily.BOTTLEROCKET, volumeSizeGiB: 65537 }),
    edge: (s) => ec2Cluster(s, { amiFamily: Ec2AmiFamily.BOTTLEROCKET, volumeSizeGiB: 20 }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'vpcSubnets', rule: 'private or isolated subnets only (instances get no public IP)', source: 'library', where: EC2,
    bad: (s) => ec2Cluster(s, { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
    edge: (s) => ec2Cluster(s, { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }),
  }),
  error({
    type: 'Ec2ClusterCapacityOptions', property: 'vpcSubnets', rule: 'at least one subnet the VPC has', source: 'API autoscaling CreateAutoScalingGroup', where: EC2,
    errorProperty: 'vpcSubnets',
    bad: (s) => ec2Cluster(s, { vpcSubnets: { subnetGroupName: 'Nope' } }),
    edge: (s) => ec2Cluster(s, { vpcSubnets: { subnetGroupName: 'Private' } }),
  }),

  // EcsCluster
  error({
    type: 'EcsCluster', property: 'ec2Capacity(name)', rule: 'the name of one of the cluster\'s EC2 capacities', source: 'library', where: CLUSTER, errorProperty: 'capacityName',
    bad: (s) => ec2Cluster(s, { name: 'General' }).ec2Capacity('Gpu'),
    edge: (s) => ec2Cluster(s, { name: 'General' }).ec2Capacity('General'),
  }),
  ...typed('EcsCluster', 'any value: true only for an EcsCluster', 'isEcsCluster(x)'),
  ...typed('EcsCluster', 'an ecs.ICluster: undefined for any cluster no EcsCluster created', 'ownerOf(cluster)'),

  // EcsClusterProps
  error({
    type: 'EcsClusterProps', property: 'capacity', rule: 'at least one ClusterCapacity', source: 'library', where: CLUSTER,
    bad: (s) => cluster(s, { capacity: [] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargateSpot()] }),
  }),
  error({
    type: 'EcsClusterProps', property: 'capacity', rule: 'each capacity provider at most once', source: 'CFN AWS::ECS::ClusterCapacityProviderAssociations',
    where: CLUSTER, errorProperty: 'capacity',
    bad: (s) => cluster(s, { capacity: [ClusterCapacity.fargate(), ClusterCapacity.fargate({ weight: 2 })] }),
    edge: (s) => cluster(s, { capacity: [ClusterCapacity.fargate(), ClusterCapacity.fargateSpot(), ClusterCapacity.ec2()] }),
  }),
  error({
    type: 'EcsClusterProps', property: 'clusterName', rule: '1 to 255 letters, digits, hyphens and underscores', source: 'API ecs CreateCluster', where: CLUSTER,
    bad: (s) => cluster(s, { clusterName: 'platform.prod' }),
    edge: (s) => {
      cluster(s, { clusterName: `A-_${'z9'.repeat(126)}` });
      new EcsCluster(s, 'FromParameter', { clusterName: new CfnParameter(s, 'Name').valueAsString });
    },
  }),
  ...typed('EcsClusterProps', 'an enum (ecs.ContainerInsights): enhanced, enabled or disabled', 'containerInsights'),
  ...typed('EcsClusterProps', 'a boolean', 'enableExecuteCommand'),
  error({
    type: 'EcsClusterProps', property: 'executeCommandKmsKey', rule: 'only with enableExecuteCommand', source: 'library', where: CLUSTER,
    bad: (s) => cluster(s, { executeCommandKmsKey: new kms.Key(s, 'Key') }),
    edge: (s) => cluster(s, { enableExecuteCommand: true, executeCommandKmsKey: new kms.Key(s, 'Key') }),
  }),
  error({
    type: 'EcsClusterProps', property: 'executeCommandLogRetention', rule: 'one of the retention periods CloudWatch Logs takes (1, 3, 5 ... 3653 days)', source: 'CFN AWS::Logs::LogGroup',
    where: RETENTION,
    bad: (s) => cluster(s, { enableExecuteCommand: true, executeCommandLogRetention: 42 as logs.RetentionDays }),
    edge: (s) => cluster(s, { enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.TEN_YEARS }),
  }),
  error({
    type: 'EcsClusterProps', property: 'executeCommandLogRetention', rule: 'not INFINITE: session logs that never expire cost money forever',
    source: 'library', where: RETENTION, errorProperty: 'executeCommandLogRetention',
    bad: (s) => cluster(s, { enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.INFINITE }),
    edge: (s) => cluster(s, { enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.ONE_DAY }),
  }),
  error({
    type: 'EcsClusterProps', property: 'executeCommandLogRetention', rule: 'only with enableExecuteCommand', source: 'library', where: CLUSTER,
    errorProperty: 'executeCommandLogRetention',
    bad: (s) => cluster(s, { executeCommandLogRetention: logs.RetentionDays.ONE_DAY }),
    edge: (s) => cluster(s, { enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.ONE_DAY }),
  }),
  error({
    type: 'EcsClusterProps', property: 'networkProps', rule: 'only when no vpc is given (they configure the network created then)', source: 'library', where: CLUSTER,
    bad: (s) => cluster(s, { vpc: vpcOf(s, ec2.SubnetType.PRIVATE_ISOLATED), networkProps: { maxAzs: 3 } }),
    edge: (s) => cluster(s, { networkProps: { maxAzs: 3 } }),
  }),
  error({
    type: 'EcsClusterProps', property: 'vpc', rule: 'with EC2 capacity and no vpcSubnets: a VPC with private or isolated subnets (never public by default)',
    source: 'library', where: EC2,
    bad: (s) => cluster(s, { vpc: vpcOf(s, ec2.SubnetType.PUBLIC), capacity: [ClusterCapacity.ec2()] }),
    edge: (s) => cluster(s, { vpc: vpcOf(s, ec2.SubnetType.PRIVATE_ISOLATED), capacity: [ClusterCapacity.ec2()] }),
  }),

  // InstanceTypeCatalog
  ...free('InstanceTypeCatalog', 'any string (case and spaces ignored): a type the library cannot place gives undefined', 'architectureOf(instanceType)', 'lookup(instanceType)'),

  // InstanceTypeInfo
  ...typed('InstanceTypeInfo', 'an enum (ec2.InstanceArchitecture)', 'architecture'),
  ...free('InstanceTypeInfo', 'a label: the simulator does not look it up', 'instanceType'),
  error({
    type: 'InstanceTypeInfo', property: 'memoryMiB', rule: 'a finite number above 0 (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.schedulableResources(info({ memoryMiB: Number.NaN })),
    edge: () => PlacementSimulator.schedulableResources(info({ memoryMiB: 0.5 })),
  }),
  error({
    type: 'InstanceTypeInfo', property: 'vcpus', rule: 'a whole number above 0 (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.schedulableResources(info({ vcpus: 0 })),
    edge: () => PlacementSimulator.schedulableResources(info({ vcpus: 1 })),
  }),

  // PlacementInstance
  error({
    type: 'PlacementInstance', property: 'cpu', rule: 'a finite number, 0 or more (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.simulate([instance({ cpu: -1 })], [task({})]),
    edge: () => PlacementSimulator.simulate([instance({ cpu: 0 })], [task({})]),
  }),
  ...free('PlacementInstance', 'a label for messages', 'label'),
  error({
    type: 'PlacementInstance', property: 'memoryMiB', rule: 'a finite number, 0 or more (concrete)', source: 'library', where: PLACEMENT,
    bad: (s) => PlacementSimulator.simulate([instance({ memoryMiB: param(s, 'Memory') })], [task({})]),
    edge: () => PlacementSimulator.simulate([instance({ memoryMiB: 0 })], [task({})]),
  }),
  ...free('PlacementInstance', 'any name: tasks with the same pool land on it', 'pool'),

  // PlacementTask
  error({
    type: 'PlacementTask', property: 'count', rule: 'a whole number, 0 or more (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.simulate([instance({})], [task({ cpu: 0, memoryMiB: 0, count: Number.POSITIVE_INFINITY })]),
    edge: () => PlacementSimulator.simulate([instance({})], [task({ count: 0 })]),
  }),
  error({
    type: 'PlacementTask', property: 'cpu', rule: 'a finite number, 0 or more (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.simulate([instance({})], [task({ cpu: -0.5 })]),
    edge: () => PlacementSimulator.simulate([instance({})], [task({ cpu: 0 })]),
  }),
  error({
    type: 'PlacementTask', property: 'memoryMiB', rule: 'a finite number, 0 or more (concrete)', source: 'library', where: PLACEMENT,
    bad: () => PlacementSimulator.simulate([instance({})], [task({ memoryMiB: Number.NaN })]),
    edge: () => PlacementSimulator.simulate([instance({})], [task({ memoryMiB: 0 })]),
  }),
  ...free('PlacementTask', 'a name for messages', 'name'),
  ...free('PlacementTask', 'any name: a pool no instance has places nothing', 'pool'),

  // TaskDemand
  error({
    type: 'TaskDemand', property: 'capacityName', rule: 'the name of one of the cluster\'s EC2 capacities (checked at synth, also for token counts)',
    source: 'library', where: PLACEMENT_CHECK,
    bad: (s) => demand(s, { capacityName: 'Gpu', count: Token.asNumber({ Ref: 'DesiredCount' }) }),
    edge: (s) => demand(s, { capacityName: 'General' }),
  }),
  error({
    type: 'TaskDemand', property: 'count', rule: 'a whole number of tasks, 0 or more (a token is skipped)', source: 'library', where: CLUSTER,
    bad: (s) => demand(s, { count: -1 }),
    edge: (s) => {
      const c = demand(s, { count: 0 });
      c.addTaskDemand({ source: c, name: 'Tokens', cpu: 1024, memoryMiB: 2048, count: param(s, 'Count') });
    },
  }),
  error({
    type: 'TaskDemand', property: 'cpu', rule: 'a finite number of CPU units, 0 or more (EC2 tasks may reserve none; a token is skipped)', source: 'library', where: CLUSTER,
    bad: (s) => demand(s, { cpu: Number.POSITIVE_INFINITY }),
    edge: (s) => demand(s, { cpu: 0 }),
  }),
  error({
    type: 'TaskDemand', property: 'memoryMiB', rule: 'a finite number of MiB above 0 (ECS EC2 tasks always reserve memory; a token is skipped)',
    source: 'API ecs ContainerDefinition (memory or memoryReservation)', where: CLUSTER,
    bad: (s) => demand(s, { memoryMiB: 0 }),
    edge: (s) => demand(s, { memoryMiB: 1 }),
  }),
  ...free('TaskDemand', 'a readable name for messages', 'name'),
  ...typed('TaskDemand', 'a construct (IConstruct): its path names the errors and warnings', 'source'),
];
