import { Annotations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, acknowledge } from '../private/acknowledge';
import { privateSubnets } from '../private/subnets';
import { hardenedLaunchTemplateProps, encryptedGp3Volume } from '../private/launch-template';
import { checkIntegerRange, checkSizeOrder, isToken } from '../private/validate';
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
const MAX_INSTANCES = 5000;

/**
 * The EC2 instance families, from cfn-lint's EC2 instance type enums of every Region (cfn-lint
 * 1.x, read on 2026-11-29): a family missing here is a typo, or newer than this list (then set
 * `architecture`, which is how the library is told about types it does not know).
 */
const INSTANCE_FAMILIES = new Set((
  'a1 c1 c3 c4 c5 c5a c5ad c5d c5n c6a c6g c6gd c6gn c6i c6id c6in c7a c7g c7gd c7gn c7i c7i-flex ' +
  'c8a c8g c8gb c8gd c8gn c8i c8i-flex c8id cc1 cc2 cg1 cr1 d2 d3 d3en dl1 dl2q f1 f2 g2 g3 g3s ' +
  'g4ad g4dn g5 g5g g6 g6e g6f g7e gr6 gr6f h1 hi1 hpc6a hpc6id hpc7a hpc7g hpc8a hs1 i2 i3 i3en ' +
  'i4g i4i i7i i7ie i8g i8ge im4gn inf1 inf2 is4gen m1 m2 m3 m4 m5 m5a m5ad m5d m5dn m5n m5zn m6a ' +
  'm6g m6gd m6i m6id m6idn m6in m7a m7g m7gd m7i m7i-flex m8a m8azn m8g m8gb m8gd m8gn m8i ' +
  'm8i-flex m8id mac-m4 mac-m4max mac-m4pro mac1 mac2 mac2-m1ultra mac2-m2 mac2-m2pro p2 p3 p3dn ' +
  'p4d p4de p5 p5e p5en p6-b200 p6-b300 p6e-gb200 r3 r4 r5 r5a r5ad r5b r5d r5dn r5n r6a r6g r6gd ' +
  'r6i r6id r6idn r6in r7a r7g r7gd r7i r7iz r8a r8g r8gb r8gd r8gn r8i r8i-flex r8id t1 t2 t3 t3a ' +
  't4g trn1 trn1n trn2 u-12tb1 u-18tb1 u-24tb1 u-3tb1 u-6tb1 u-9tb1 u7i-12tb u7i-6tb u7i-8tb ' +
  'u7ib-12tb u7in-16tb u7in-24tb u7in-32tb u7inh-32tb vt1 x1 x1e x2gd x2idn x2iedn x2iezn x8aedz ' +
  'x8g x8i z1d').split(' '));

/** An instance type's shape: a lower-case family, a dot, and one of EC2's sizes. */
const INSTANCE_TYPE_SHAPE = /^([a-z][a-z0-9-]*)\.(nano|micro|small|medium|large|xlarge|[1-9]\d*xlarge|metal|metal-[1-9]\d*xl)$/;

/**
 * Refuses instance type names EC2 has no such type for: a malformed name (always), or a family
 * EC2 does not have (unless `architecture` is given, for families newer than the list). Tokens pass.
 */
function checkInstanceTypeNames(scope: Construct, typeNames: string[], architectureGiven: boolean): void {
  if (typeNames.length < 1 || typeNames.length > MAX_INSTANCE_TYPES || new Set(typeNames).size !== typeNames.length) {
    throw new ValidationError(scope, { property: 'instanceTypes', value: typeNames, allowed: `1 to ${MAX_INSTANCE_TYPES} distinct instance types` });
  }
  for (const name of typeNames) {
    if (isToken(name)) continue;
    const family = INSTANCE_TYPE_SHAPE.exec(name)?.[1];
    if (family === undefined) {
      throw new ValidationError(scope, {
        property: 'instanceTypes', value: name, allowed: 'an EC2 instance type: a lower-case family, a dot and a size (e.g. m7g.large, c6i.2xlarge, m5.metal)',
      });
    }
    if (!architectureGiven && !INSTANCE_FAMILIES.has(family)) {
      throw new ValidationError(scope, {
        property: 'instanceTypes', value: name, allowed: 'an instance type of an EC2 instance family (e.g. m7g, c7i, r6i, t3)',
        hint: `EC2 has no family "${family}" in the library's list; if it is newer than the list, set architecture to use it`,
      });
    }
  }
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
  const maxCapacity = options.maxCapacity ?? 4;
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
  const role = new iam.Role(scope, 'InstanceRole', {
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
  cluster.addAsgCapacityProvider(capacityProvider);
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

  acknowledge(role, [
    [RULES.NAG_WILDCARD, 'the ECS agent\'s grants from aws-cdk-lib: ecs:DiscoverPollEndpoint and ecr:GetAuthorizationToken support no resource-level permissions; ecs:Poll is conditioned on this cluster'],
    [RULES.NAG_WILDCARD_ECS_SUBMIT, 'the ECS agent reports task and container state with ecs:Submit*, scoped to this cluster'],
    [RULES.NIST_INLINE_POLICY, 'aws-cdk-lib attaches the ECS agent\'s least-privilege grants to this one instance role'],
  ]);
  acknowledge(autoScalingGroup, [[RULES.NAG_ASG_NOTIFICATIONS,
    'ECS managed scaling drives this group; its scaling activity is in the Auto Scaling activity history and EventBridge. SNS notifications are opt-in through autoScalingGroup (an encrypted topic needs a key policy for the Auto Scaling service-linked role)']]);
  if (useMixed) {
    acknowledge(autoScalingGroup, [
      [RULES.NAG_EBS_ENCRYPTED, 'volumes are encrypted in the launch template, which this mixed instances policy uses; the rule reads only a direct launch template'],
      [RULES.NIST_IMDSV2, 'IMDSv2 is required in the launch template, which this mixed instances policy uses; the rule reads only a direct launch template'],
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
