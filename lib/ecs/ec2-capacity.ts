import { Annotations, CfnResource } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, acknowledge, acknowledgeRolePolicies } from '../private/acknowledge';
import { privateSubnets } from '../private/subnets';
import { hardenedLaunchTemplateProps, encryptedGp3Volume } from '../private/launch-template';
import { checkInstanceTypeName } from '../private/instance-types';
import { checkIntegerRange, checkSizeOrder } from '../private/validate';
import { Ec2AmiFamily, Ec2CapacityResources, Ec2ClusterCapacityOptions, Ec2PurchaseOption } from './capacity';
import { InstanceTypeCatalog } from './instance-types';

/** Two types of one size (2 vCPU, 8 GiB): an Auto Scaling group still launches when one type runs short. */
const DEFAULT_INSTANCE_TYPES = ['m6i.large', 'm7i.large'];
const MIN_AL2023_ROOT_GIB = 30;
const MIN_BOTTLEROCKET_DATA_GIB = 20;
/** gp3 volumes: 1 to 65,536 GiB (EC2 API reference, CreateVolume and ModifyVolume "Size"). */
const MAX_GP3_GIB = 65536;
/** Instance types per Auto Scaling group (Auto Scaling API reference, LaunchTemplateOverrides). */
const MAX_INSTANCE_TYPES = 40;
/**
 * Container instances per cluster ("Handle Amazon ECS service quotas and API throttling limits",
 * ECS Developer Guide: at most 5,000 EC2 instances register with one cluster).
 */
export const MAX_INSTANCES = 5000;
/** `Ec2ClusterCapacityOptions.maxCapacity` when it is not given. */
export const DEFAULT_MAX_CAPACITY = 4;

/**
 * Refuses instance type names EC2 has no such type for: a malformed name (always), or a family
 * EC2 does not have (unless `architecture` is given, for families newer than the list). Tokens pass.
 */
function checkInstanceTypeNames(scope: Construct, typeNames: string[], architectureGiven: boolean): void {
  if (typeNames.length < 1 || typeNames.length > MAX_INSTANCE_TYPES || new Set(typeNames).size !== typeNames.length) {
    throw new ValidationError(scope, { property: 'instanceTypes', value: typeNames, allowed: `1 to ${MAX_INSTANCE_TYPES} distinct instance types` });
  }
  const hint = architectureGiven ? undefined : 'if it is newer than the list, set architecture to use it';
  for (const name of typeNames) checkInstanceTypeName(scope, 'instanceTypes', name, hint);
}

/** Validates EC2 capacity options and resolves the architecture; throws ValidationError. */
export function resolveEc2Architecture(scope: Construct, options: Ec2ClusterCapacityOptions, typeNames: string[]): ec2.InstanceArchitecture {
  const known = new Map<string, ec2.InstanceArchitecture>();
  const unknown: string[] = [];
  for (const name of typeNames) {
    const arch = InstanceTypeCatalog.architectureOf(name);
    if (arch) known.set(name, arch);
    else unknown.push(name);
  }
  const archs = new Set(known.values());
  if (archs.size > 1) {
    throw new ValidationError(scope, {
      property: 'instanceTypes',
      value: typeNames.map((n) => `${n} (${known.get(n) ?? 'unknown'})`),
      allowed: 'instance types of a single architecture (all x86_64 or all arm64)',
      hint: 'one AMI serves the whole Auto Scaling group; add a second ClusterCapacity.ec2 entry for the other architecture',
    });
  }
  const derived = [...archs][0];
  if (options.architecture !== undefined && derived !== undefined && options.architecture !== derived) {
    throw new ValidationError(scope, {
      property: 'architecture',
      value: options.architecture,
      allowed: `${derived}, the architecture of ${[...known.keys()].join(', ')}`,
      hint: 'Graviton types (a "g" after the generation, e.g. m7g) are arm64; the AMI must match the instances',
    });
  }
  const architecture = options.architecture ?? derived ?? ec2.InstanceArchitecture.X86_64;
  if (unknown.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-containers:unknown-instance-type',
      `Cannot tell the architecture of ${unknown.join(', ')}; assuming ${architecture} for the AMI and skipping the architecture check. ` +
      'Set architecture explicitly to make this intent clear.');
  }
  return architecture;
}

/** Builds the launch template, Auto Scaling group and capacity provider of one EC2 capacity under `scope`. */
export function buildEc2Capacity(scope: Construct, name: string, cluster: ecs.Cluster, vpc: ec2.IVpc, options: Ec2ClusterCapacityOptions): Ec2CapacityResources {
  const instanceTypes = options.instanceTypes ?? DEFAULT_INSTANCE_TYPES.map((t) => new ec2.InstanceType(t));
  const typeNames = instanceTypes.map((t) => t.toString());
  checkInstanceTypeNames(scope, typeNames, options.architecture !== undefined);
  const architecture = resolveEc2Architecture(scope, options, typeNames);

  const amiFamily = options.amiFamily ?? Ec2AmiFamily.AMAZON_LINUX_2023;
  const purchase = options.purchaseOption ?? Ec2PurchaseOption.ON_DEMAND;
  const minCapacity = options.minCapacity ?? 0;
  const maxCapacity = options.maxCapacity ?? DEFAULT_MAX_CAPACITY;
  const quota = 'an ECS cluster registers at most 5,000 container instances';
  checkIntegerRange(scope, 'minCapacity', minCapacity, 0, MAX_INSTANCES, quota);
  checkIntegerRange(scope, 'maxCapacity', maxCapacity, 1, MAX_INSTANCES, quota);
  checkIntegerRange(scope, 'desiredCapacity', options.desiredCapacity, 0, MAX_INSTANCES, quota);
  checkIntegerRange(scope, 'targetCapacityPercent', options.targetCapacityPercent, 1, 100);
  const desired = options.desiredCapacity;
  checkSizeOrder(scope, { property: 'minCapacity', value: minCapacity },
    desired === undefined ? undefined : { property: 'desiredCapacity', value: desired }, { property: 'maxCapacity', value: maxCapacity });
  const minVolume = amiFamily === Ec2AmiFamily.BOTTLEROCKET ? MIN_BOTTLEROCKET_DATA_GIB : MIN_AL2023_ROOT_GIB;
  const volumeSize = options.volumeSizeGiB ?? minVolume;
  checkIntegerRange(scope, 'volumeSizeGiB', volumeSize, minVolume, MAX_GP3_GIB,
    amiFamily === Ec2AmiFamily.BOTTLEROCKET ? 'Bottlerocket\'s data volume needs at least 20 GiB' : 'the Amazon Linux 2023 ECS AMI\'s root volume is 30 GiB');
  if (purchase === Ec2PurchaseOption.SPOT && typeNames.length < 2) {
    Annotations.of(scope).addWarningV2('cdk-containers:spot-single-type',
      `Spot capacity with a single instance type (${typeNames[0]}) is interrupted more often and may find no capacity; give several instance types.`);
  }

  const vpcSubnets = options.vpcSubnets ?? privateSubnets(scope, vpc, 'EC2 capacity never runs in public subnets; use PlatformNetwork or pass vpcSubnets');
  const selected = selectInstanceSubnets(scope, vpc, vpcSubnets);
  // Tokens too: an env-agnostic VPC's subnets in one AZ share one `Fn::Select` token.
  if (new Set(selected.availabilityZones).size < 2) {
    Annotations.of(scope).addWarningV2('cdk-containers:single-az-capacity', `EC2 capacity ${name} spans a single AZ; an AZ outage would stop every task on it.`);
  }

  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc,
    description: `Container instances of EC2 capacity ${name}`,
    allowAllOutbound: true,
  });
  const role = new InstanceRole(scope, 'InstanceRole', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: `Container instances of EC2 capacity ${name}`,
  });
  const bottlerocket = amiFamily === Ec2AmiFamily.BOTTLEROCKET;
  const machineImage = bottlerocket
    ? new ecs.BottleRocketImage({
      variant: ecs.BottlerocketEcsVariant.AWS_ECS_2,
      architecture: architecture,
    })
    : ecs.EcsOptimizedImage.amazonLinux2023(architecture === ec2.InstanceArchitecture.ARM_64 ? ecs.AmiHardwareType.ARM : ecs.AmiHardwareType.STANDARD);
  const blockDevices: ec2.BlockDevice[] = bottlerocket
    ? [
      // Bottlerocket: /dev/xvda is the OS volume (size from the AMI), /dev/xvdb holds images and containers.
      { deviceName: '/dev/xvda', volume: new AmiSizedEncryptedVolume() },
      { deviceName: '/dev/xvdb', volume: encryptedGp3Volume(volumeSize) },
    ]
    : [{ deviceName: '/dev/xvda', volume: encryptedGp3Volume(volumeSize) }];

  const userData = bottlerocket ? ec2.UserData.custom('') : ec2.UserData.forLinux();
  const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
    machineImage,
    instanceType: instanceTypes.length === 1 ? instanceTypes[0] : undefined,
    userData,
    role,
    securityGroup,
    blockDevices,
    associatePublicIpAddress: false,
    // IMDSv2 with a hop limit of 1 and one-minute metrics, as on every container host the library builds.
    ...hardenedLaunchTemplateProps(),
  });

  const useMixed = instanceTypes.length > 1 || purchase === Ec2PurchaseOption.SPOT;
  const autoScalingGroup = new autoscaling.AutoScalingGroup(scope, 'AutoScalingGroup', {
    vpc,
    vpcSubnets,
    minCapacity,
    maxCapacity,
    desiredCapacity: desired,
    capacityRebalance: purchase === Ec2PurchaseOption.SPOT ? true : undefined,
    ...(useMixed
      ? {
        mixedInstancesPolicy: {
          launchTemplate,
          launchTemplateOverrides: instanceTypes.map((instanceType) => ({ instanceType })),
          instancesDistribution: purchase === Ec2PurchaseOption.SPOT
            ? { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: autoscaling.SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED }
            : { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100, onDemandAllocationStrategy: autoscaling.OnDemandAllocationStrategy.PRIORITIZED },
        },
      }
      : { launchTemplate }),
  });

  // State the AZs too (they are the subnets' own), so policy checks see a multi-AZ group in the template.
  (autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup).availabilityZones = selected.availabilityZones;

  const capacityProvider = new ecs.AsgCapacityProvider(scope, 'CapacityProvider', {
    autoScalingGroup,
    machineImageType: bottlerocket ? ecs.MachineImageType.BOTTLEROCKET : ecs.MachineImageType.AMAZON_LINUX_2,
    enableManagedScaling: true,
    enableManagedTerminationProtection: true,
    enableManagedDraining: true,
    targetCapacityPercent: options.targetCapacityPercent ?? 100,
  });
  // aws-cdk-lib attaches AmazonEC2ContainerServiceforEC2Role and AmazonSSMManagedInstanceCore to a
  // Bottlerocket group's role besides the agent's scoped grants it writes for every AMI: the role
  // keeps only those grants, as on Amazon Linux (host access through SSM is the user's to add).
  role.refuseManagedPolicies = true;
  cluster.addAsgCapacityProvider(capacityProvider);
  role.refuseManagedPolicies = false;
  // After the cluster's own lines (on Bottlerocket they open the [settings.ecs] table these keys join):
  // tasks in awsvpc mode may not reach the instance's credentials through IMDS (bridge-mode tasks are
  // already cut off by the hop limit of 1), and Spot interruptions drain tasks first.
  const spot = purchase === Ec2PurchaseOption.SPOT;
  if (bottlerocket) {
    userData.addCommands('awsvpc-block-imds = true', ...(spot ? ['enable-spot-instance-draining = true'] : []));
  } else {
    userData.addCommands('echo ECS_AWSVPC_BLOCK_IMDS=true >> /etc/ecs/ecs.config',
      ...(spot ? ['echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config'] : []));
  }

  acknowledgeRolePolicies(role, {
    inline: 'aws-cdk-lib writes the ECS agent\'s grants as a policy attached to this one instance role, created and deleted with it',
    wildcards: [
      { actions: ['ecs:DiscoverPollEndpoint', 'ecr:GetAuthorizationToken', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        reason: 'the ECS agent\'s grant from aws-cdk-lib: ecs:DiscoverPollEndpoint and ecr:GetAuthorizationToken support no resource-level permissions; the log actions serve tasks that log through the instance role (tasks of EcsTaskDefinition log through their execution role)' },
      { actions: ['ecs:Poll', 'ecs:StartTelemetrySession'], reason: 'conditioned on this cluster (ecs:cluster)' },
      { actions: ['ecs:DeregisterContainerInstance', 'ecs:RegisterContainerInstance', 'ecs:Submit*'],
        reason: 'the agent reports task and container state with ecs:Submit*, on this cluster only' },
    ],
  });
  const cfnGroup = autoScalingGroup.node.defaultChild as CfnResource;
  acknowledge(cfnGroup, [[RULES.NAG_ASG_NOTIFICATIONS,
    'ECS managed scaling drives this group; its scaling activity is in the Auto Scaling activity history and EventBridge. SNS notifications are opt-in through autoScalingGroup (an encrypted topic needs a key policy for the Auto Scaling service-linked role)']]);
  if (useMixed) {
    acknowledge(cfnGroup, [
      [RULES.NAG_EBS_ENCRYPTED, 'volumes are encrypted in the launch template, which this mixed instances policy uses; the rule reads only a direct launch template'],
      [RULES.IMDSV2, 'IMDSv2 is required in the launch template, which this mixed instances policy uses; the rule reads only a direct launch template'],
    ]);
  }

  return { name, launchTemplate, autoScalingGroup, capacityProvider, securityGroup, instanceTypes: typeNames, architecture, maxCapacity };
}

/**
 * The subnets of the instances: at least one, none public. aws-cdk-lib's own error for a
 * selection the VPC cannot satisfy (e.g. an unknown subnet group) is rethrown with this path.
 */
function selectInstanceSubnets(scope: Construct, vpc: ec2.IVpc, selection: ec2.SubnetSelection): ec2.SelectedSubnets {
  let selected: ec2.SelectedSubnets;
  try {
    selected = vpc.selectSubnets(selection);
  } catch (e) {
    throw new ValidationError(scope, { property: 'vpcSubnets', value: describeSelection(selection), allowed: 'a selection of subnets the VPC has', hint: e instanceof Error ? e.message : String(e) });
  }
  if (selected.subnets.length === 0) {
    throw new ValidationError(scope, { property: 'vpcSubnets', value: describeSelection(selection), allowed: 'a selection of at least one private or isolated subnet' });
  }
  if (selected.hasPublic) {
    throw new ValidationError(scope, { property: 'vpcSubnets', value: selected.subnets.map((s) => s.node.path), allowed: 'private or isolated subnets only', hint: 'container instances get no public IP address' });
  }
  return selected;
}

/** A subnet selection for a message: subnets by path, the other fields as given. */
function describeSelection(selection: ec2.SubnetSelection): unknown {
  return { ...selection, subnets: selection.subnets?.map((s) => s.node.path) };
}

/** An encrypted gp3 EBS volume whose size comes from the AMI's snapshot (Bottlerocket's OS volume). */
class AmiSizedEncryptedVolume extends ec2.BlockDeviceVolume {
  constructor() {
    super({ encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true });
  }
}

/** The instance role, which can refuse the managed policies aws-cdk-lib attaches while it configures the group. */
class InstanceRole extends iam.Role {
  public refuseManagedPolicies = false;

  public override addManagedPolicy(policy: iam.IManagedPolicy): void {
    if (!this.refuseManagedPolicies) super.addManagedPolicy(policy);
  }
}
