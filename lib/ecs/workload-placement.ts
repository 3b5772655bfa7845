import { Token, aws_ec2 as ec2, aws_ecs as ecs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { taskSubnets } from '../private/subnets';
import { checkIntegerRange, isToken } from '../private/validate';
import { Ec2CapacityResources } from './capacity';
import { EcsCluster } from './cluster';
import { isArm64 } from './private/runtime-platform';
import { ServiceCapacity, ServiceCapacityKind } from './service-capacity';
import { EcsTaskDefinition } from './task-definition';
import { EcsWorkloadProps } from './workload';

/**
 * Where the tasks of a service or scheduled task run, once the cluster is known: the part of
 * `EcsService` and `EcsScheduledTask` that turns their shared {@link EcsWorkloadProps} into what
 * the aws-cdk-lib service or scheduler target takes.
 */
export interface WorkloadPlacement {
  /** The capacity asked for (the default: on-demand Fargate). */
  readonly capacity: ServiceCapacity;
  /** The `EcsCluster` that owns the cluster, if any (see `EcsCluster.ownerOf`). */
  readonly owner?: EcsCluster;
  /** The capacity provider strategy (empty: use the launch type). */
  readonly strategies: ecs.CapacityProviderStrategy[];
  /** The `EcsCluster` EC2 capacity entry, for EC2 on an `EcsCluster`. */
  readonly capacityName?: string;
  /** True when the task definition uses the `awsvpc` network mode (subnets and security groups apply). */
  readonly awsvpc: boolean;
  /** The tasks' subnets: the given ones, else the VPC's private or isolated subnets. */
  readonly vpcSubnets: ec2.SubnetSelection;
}

/** Placement strategies on EC2 capacity when none are given: spread across AZs, then binpack on memory. */
export function defaultPlacementStrategies(): ecs.PlacementStrategy[] {
  return [ecs.PlacementStrategy.spreadAcross('attribute:ecs.availability-zone'), ecs.PlacementStrategy.packedByMemory()];
}

/**
 * Resolves the shared props of a service or scheduled task (`scope`): checks the capacity against
 * the task definition's compatibility, resolves it against the cluster and picks the subnets.
 *
 * - On an `EcsCluster`, EC2 uses the capacity provider of the named (or first) EC2 capacity, so
 *   managed scaling adds instances for pending tasks; no EC2 capacity, or an unknown name, is a
 *   ValidationError. Fargate Spot or a mix needs Fargate capacity on the cluster.
 * - On a plain `ecs.Cluster` of this app, Fargate strategies enable its FARGATE/FARGATE_SPOT providers.
 * - Imported clusters are taken as they are.
 */
export function placeWorkload(scope: Construct, props: EcsWorkloadProps): WorkloadPlacement {
  const capacity = props.capacity ?? ServiceCapacity.fargate();
  checkCapacityStrategies(scope, capacity);
  checkCompatibility(scope, capacity, props.taskDefinition);
  const resolved = resolveCapacity(scope, capacity, props.cluster, props.taskDefinition);
  if (!capacity.isFargate && !resolved.owner) checkClusterHasEc2Capacity(scope, props.cluster);
  const awsvpc = props.taskDefinition.networkMode === ecs.NetworkMode.AWS_VPC;
  if (!awsvpc) checkNoNetworkConfiguration(scope, props);
  const vpcSubnets = taskSubnets(scope, props.cluster.vpc, props.vpcSubnets, awsvpc);
  return { capacity, ...resolved, awsvpc, vpcSubnets };
}

/**
 * EC2 tasks on a cluster that is not an `EcsCluster` need EC2 capacity on it. Capacity can be added
 * after the service (`addAsgCapacityProvider`), so this is checked once the tree is finished, and
 * before aws-cdk-lib's own check on the service, which names no value and no fix.
 */
function checkClusterHasEc2Capacity(scope: Construct, cluster: ecs.ICluster): void {
  scope.node.addValidation({
    validate: () => {
      if (!cluster.hasEc2Capacity) {
        throw new ValidationError(scope, {
          property: 'capacity', value: `EC2 on ${cluster.node.path}, which has no EC2 capacity`,
          allowed: 'ServiceCapacity.ec2() on a cluster with EC2 capacity, or Fargate',
          hint: 'add an AsgCapacityProvider to the cluster (addAsgCapacityProvider), use an EcsCluster with ClusterCapacity.ec2(), or run the tasks on ServiceCapacity.fargate()',
        });
      }
      return [];
    },
  });
}

/** The capacity provider strategy of `capacity` on `cluster`, and the `EcsCluster` that owns it. */
function resolveCapacity(scope: Construct, capacity: ServiceCapacity, cluster: ecs.ICluster, td: EcsTaskDefinition): Pick<WorkloadPlacement, 'owner' | 'strategies' | 'capacityName'> {
  const owner = EcsCluster.ownerOf(cluster);
  if (!owner) {
    const needsFargateProviders = capacity.strategies.some((s) => s.capacityProvider === 'FARGATE' || s.capacityProvider === 'FARGATE_SPOT');
    if (needsFargateProviders && cluster instanceof ecs.Cluster) cluster.enableFargateCapacityProviders();
    return { strategies: capacity.strategies, capacityName: capacity.capacityName };
  }
  if (capacity.isFargate) {
    if (capacity.strategies.length && !owner.capacities.some((c) => c.isFargate)) {
      throw new ValidationError(scope, {
        property: 'capacity', value: capacity.kind, allowed: 'EC2 capacity or on-demand Fargate on a cluster without Fargate capacity providers',
        hint: `add ClusterCapacity.fargate()/fargateSpot() to ${owner.node.path}`,
      });
    }
    return { owner, strategies: capacity.strategies };
  }
  const ec2Capacities = owner.ec2Capacities;
  const names = ec2Capacities.map((e) => e.name);
  if (names.length === 0) {
    throw new ValidationError(scope, {
      property: 'capacity', value: capacity.kind, allowed: 'Fargate capacity: the cluster has no EC2 capacity',
      hint: `add ClusterCapacity.ec2({...}) to ${owner.node.path}`,
    });
  }
  const name = capacity.capacityName ?? names[0]!;
  const entry = ec2Capacities.find((e) => e.name === name);
  if (!entry) {
    throw new ValidationError(scope, { property: 'capacity.capacityName', value: name, allowed: `one of the cluster's EC2 capacities: ${names.join(', ')}` });
  }
  checkInstancesRunTask(scope, td, entry, ec2Capacities);
  const strategies = capacity.strategies.length
    ? capacity.strategies
    : [{ capacityProvider: entry.capacityProvider.capacityProviderName, weight: 1 }];
  return { owner, strategies, capacityName: name };
}

/**
 * Reports `count` tasks of the workload to its `EcsCluster`'s placement check, when the tasks run
 * on that cluster's EC2 capacity (Fargate and other clusters have nothing to check).
 */
export function reportTaskDemand(source: Construct, placement: WorkloadPlacement, taskDefinition: EcsTaskDefinition, count: number, why?: string): void {
  if (!placement.owner || placement.capacity.isFargate) return;
  placement.owner.addTaskDemand({
    source,
    name: why ? `${source.node.path} (${why})` : source.node.path,
    cpu: taskDefinition.cpu,
    memoryMiB: taskDefinition.memoryMiB,
    count,
    capacityName: placement.capacityName,
  });
}

/**
 * The EC2 capacity's instances must be able to run the task's images: every AMI the library
 * launches (Amazon Linux 2023, Bottlerocket) is Linux, and an image runs on one CPU architecture
 * (ECS would leave the tasks pending forever, or the containers would fail with "exec format error").
 */
function checkInstancesRunTask(scope: Construct, td: EcsTaskDefinition, entry: Ec2CapacityResources, all: readonly Ec2CapacityResources[]): void {
  if (td.operatingSystemFamily.isWindows()) {
    throw new ValidationError(scope, {
      property: 'capacity', value: `EC2 capacity ${entry.name}`, allowed: 'Fargate capacity for a Windows task definition',
      hint: 'the cluster\'s EC2 capacities run Linux AMIs (Amazon Linux 2023 or Bottlerocket); run Windows tasks on ServiceCapacity.fargate()',
    });
  }
  const wanted = isArm64(td.cpuArchitecture) ? ec2.InstanceArchitecture.ARM_64 : ec2.InstanceArchitecture.X86_64;
  if (entry.architecture !== wanted) {
    const matching = all.filter((e) => e.architecture === wanted).map((e) => e.name);
    throw new ValidationError(scope, {
      property: 'capacity', value: `EC2 capacity ${entry.name} (${entry.architecture}: ${entry.instanceTypes.join(', ')})`,
      allowed: `EC2 capacity of the task definition's architecture (${td.cpuArchitecture._cpuArchitecture})`,
      hint: matching.length
        ? `use ServiceCapacity.ec2({ capacityName: '${matching[0]}' }), or set the task definition's cpuArchitecture if its images are built for ${entry.architecture}`
        : `set the task definition's cpuArchitecture to ${isArm64(td.cpuArchitecture) ? 'X86_64' : 'ARM64'} if its images are built for ${entry.architecture}, or add EC2 capacity of the other architecture`,
    });
  }
}

/** ECS capacity provider names (API ecs CreateCapacityProvider.name). */
const CAPACITY_PROVIDER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The capacity provider strategy: weights 0-1000, bases 0-100000, at least one weight above 0
 * (CFN AWS::ECS::Service CapacityProviderStrategyItem, AWS::Scheduler::Schedule
 * CapacityProviderStrategyItem); errors name the `ServiceCapacity` option the user wrote.
 */
function checkCapacityStrategies(scope: Construct, capacity: ServiceCapacity): void {
  const strategies = capacity.strategies;
  for (const st of strategies) {
    checkIntegerRange(scope, capacityOption(capacity, st.capacityProvider, 'weight'), st.weight, 0, 1000);
    checkIntegerRange(scope, capacityOption(capacity, st.capacityProvider, 'base'), st.base, 0, 100000);
  }
  if (strategies.length && strategies.every((st) => !isToken(st.weight) && (st.weight ?? 0) === 0)) {
    const allowed = capacity.kind === ServiceCapacityKind.FARGATE_MIX ? 'fargateWeight or spotWeight above 0' : 'at least one weight above 0';
    throw new ValidationError(scope, { property: 'capacity', value: strategies.map((st) => st.weight), allowed });
  }
  if (capacity.kind !== ServiceCapacityKind.EC2) return;
  for (const st of strategies) {
    const name = st.capacityProvider;
    if (Token.isUnresolved(name)) continue;
    if (!CAPACITY_PROVIDER_NAME.test(name) || name === 'FARGATE' || name === 'FARGATE_SPOT') {
      throw new ValidationError(scope, {
        property: 'capacity.capacityProviderName', value: name,
        allowed: 'the name of an EC2 capacity provider: 1-255 letters, digits, hyphens and underscores, not FARGATE or FARGATE_SPOT',
        hint: 'for Fargate use ServiceCapacity.fargate(), fargateSpot() or fargateMix()',
      });
    }
  }
}

/** The option of `ServiceCapacity` that set a strategy field, as the user wrote it. */
function capacityOption(capacity: ServiceCapacity, provider: string, field: 'weight' | 'base'): string {
  if (capacity.kind === ServiceCapacityKind.FARGATE_MIX) {
    if (provider === 'FARGATE') return field === 'base' ? 'capacity.fargateBase' : 'capacity.fargateWeight';
    if (field === 'weight') return 'capacity.spotWeight';
  }
  return `capacity.${provider}.${field}`;
}

/**
 * Subnets and security groups belong to a task's own network interface (awsvpc): for bridge, host
 * or none networking ECS has nowhere to put them, so they would be dropped without a word.
 */
function checkNoNetworkConfiguration(scope: Construct, props: EcsWorkloadProps): void {
  for (const [property, value] of [['vpcSubnets', props.vpcSubnets], ['securityGroups', props.securityGroups]] as const) {
    if (value === undefined) continue;
    throw new ValidationError(scope, {
      property, value: property === 'securityGroups' ? `${props.securityGroups!.length} security groups` : 'a subnet selection',
      allowed: `nothing for a task definition with ${props.taskDefinition.networkMode} networking (subnets and security groups apply to awsvpc only)`,
      hint: 'the tasks use their container instance\'s network: give the instances\' security group the rules instead, or use ecs.NetworkMode.AWS_VPC',
    });
  }
}

/** Fargate Spot runs Linux tasks on X86_64 only (ECS developer guide, "AWS Fargate capacity providers"). */
function checkFargateSpot(scope: Construct, capacity: ServiceCapacity, td: EcsTaskDefinition): void {
  const spot = capacity.strategies.some((s) => s.capacityProvider === 'FARGATE_SPOT' && ((s.weight ?? 0) > 0 || (s.base ?? 0) > 0));
  if (!spot) return;
  const problem = td.operatingSystemFamily.isWindows() ? 'Windows' : isArm64(td.cpuArchitecture) ? 'ARM64' : undefined;
  if (!problem) return;
  throw new ValidationError(scope, {
    property: 'capacity', value: capacity.kind, allowed: `capacity without Fargate Spot for a${problem === 'ARM64' ? 'n ARM64' : ' Windows'} task definition (Fargate Spot runs Linux X86_64 tasks only)`,
    hint: problem === 'ARM64'
      ? 'use ServiceCapacity.fargate() (Graviton on-demand is about 20% cheaper than x86), or build the images for X86_64 to use Spot'
      : 'use ServiceCapacity.fargate() for Windows tasks',
  });
}

/** Fargate capacity needs a Fargate-compatible task definition, EC2 capacity an EC2-compatible one. */
function checkCompatibility(scope: Construct, capacity: ServiceCapacity, td: EcsTaskDefinition): void {
  checkFargateSpot(scope, capacity, td);
  if (capacity.isFargate && !td.isFargateCompatible) {
    throw new ValidationError(scope, {
      property: 'capacity', value: capacity.kind, allowed: `EC2 capacity for a task definition with compatibility ${td.compatibility}`,
      hint: 'use ServiceCapacity.ec2(), or give the task definition TaskCompatibility.FARGATE or EC2_AND_FARGATE',
    });
  }
  if (!capacity.isFargate && !td.isEc2Compatible) {
    throw new ValidationError(scope, {
      property: 'capacity', value: capacity.kind, allowed: `Fargate capacity for a task definition with compatibility ${td.compatibility}`,
      hint: 'use a Fargate capacity, or give the task definition TaskCompatibility.EC2 or EC2_AND_FARGATE',
    });
  }
}
