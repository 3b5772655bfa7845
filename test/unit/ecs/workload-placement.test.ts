import { App, Stack, aws_autoscaling as autoscaling, aws_ec2 as ec2, aws_ecs as ecs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ClusterCapacity } from '../../../lib/ecs/capacity';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { EcsScheduledTask, EcsScheduledTaskProps } from '../../../lib/ecs/scheduled-task';
import { EcsService, EcsServiceProps, ServiceCapacity } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../../lib/network';
import { DAILY_SCHEDULE, NGINX_IMAGE, scheduledTaskFixture, serviceFixture } from '../../support/ecs';
import { thrownBy } from '../../support/thrown';

// lib/ecs/workload-placement.ts: what EcsService and EcsScheduledTask share once the cluster is known:
// the capacity checked against the task definition's compatibility, resolved against an EcsCluster,
// a plain ecs.Cluster or an imported one, the default EC2 placement strategies, the task demand
// reported to the EcsCluster's placement check, and the tasks' default subnets.

describe('EcsService: capacity resolved against the cluster', () => {
  test('EC2 on an EcsCluster: its capacity provider, spread across AZs then binpack on memory; demand reported', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', {
      vpc, capacity: [ClusterCapacity.ec2({ name: 'General', instanceTypes: [new ec2.InstanceType('m7g.large')], maxCapacity: 4 })],
    });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, cpuArchitecture: ecs.CpuArchitecture.ARM64, cpu: 512, memoryMiB: 1024, containers: [{ name: 'web', image: NGINX_IMAGE }] });
    // WHEN
    const svc = new EcsService(stack, 'Web', {
      cluster: platform.cluster, taskDefinition: app, desiredCount: 3,
      capacity: ServiceCapacity.ec2({ capacityName: 'General' }),
      autoScaling: { maxCapacity: 6 },
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      PlacementStrategies: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
      CapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('PlatformGeneral') }, Weight: 1 }],
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
    expect(svc.service).toBeInstanceOf(ecs.Ec2Service);
    expect(svc.ecsCluster).toBe(platform);
    expect(svc.capacityName).toBe('General');
    expect(spy).toHaveBeenCalledWith({ source: svc, name: 'Stack/Web', cpu: 512, memoryMiB: 1024, count: 6, capacityName: 'General' });
  });

  test('Fargate on an EcsCluster reports no EC2 demand', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: NGINX_IMAGE }] });
    new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app });
    expect(spy).not.toHaveBeenCalled();
  });

  test('EC2 custom placement strategies and an imported cluster', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Imported', { clusterName: 'shared', vpc });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'web', image: NGINX_IMAGE }] });
    new EcsService(stack, 'Web', { cluster, taskDefinition: app, capacity: ServiceCapacity.ec2(), placementStrategies: [ecs.PlacementStrategy.packedByCpu()] });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      Cluster: 'shared', LaunchType: 'EC2', PlacementStrategies: [{ Type: 'binpack', Field: 'CPU' }],
    });
  });

  test('on a plain ecs.Cluster, only a capacity provider strategy turns on its Fargate capacity providers', () => {
    // GIVEN
    const onDemand = serviceFixture();
    const spot = serviceFixture();
    // WHEN
    new EcsService(onDemand.stack, 'Web', { cluster: onDemand.cluster, taskDefinition: onDemand.app });
    new EcsService(spot.stack, 'Web', { cluster: spot.cluster, taskDefinition: spot.app, capacity: ServiceCapacity.fargateSpot(), desiredCount: 2 });
    // THEN
    Template.fromStack(onDemand.stack).resourceCountIs('AWS::ECS::ClusterCapacityProviderAssociations', 0);
    Template.fromStack(onDemand.stack).hasResourceProperties('AWS::ECS::Service', { LaunchType: 'FARGATE', CapacityProviderStrategy: Match.absent() });
    Template.fromStack(spot.stack).hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  });
});

describe('EcsService: compatibility, capacity and subnet validation', () => {
  /** A service in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsServiceProps>, compatibility?: TaskCompatibility, region?: string) => () => {
    const f = serviceFixture(compatibility, region);
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...over });
  };
  /** A service of an EC2-only task definition on an `EcsCluster` with the given capacity. */
  const onEcsCluster = (capacity: ClusterCapacity[], serviceCapacity: ServiceCapacity, compatibility = TaskCompatibility.EC2) => () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc, capacity });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility, containers: [{ name: 'web', image: NGINX_IMAGE }] });
    new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity: serviceCapacity });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    // capacity and compatibility
    ['Fargate capacity for an EC2-only task definition', make({}, TaskCompatibility.EC2),
      /^\[Stack\/Web\] capacity: got "FARGATE"; allowed: EC2 capacity for a task definition with compatibility EC2\. Hint: use ServiceCapacity\.ec2\(\)/],
    ['EC2 capacity for a Fargate-only task definition', make({ capacity: ServiceCapacity.ec2() }),
      /^\[Stack\/Web\] capacity: got "EC2"; allowed: Fargate capacity for a task definition with compatibility FARGATE\. Hint: use a Fargate capacity/],
    ['EC2 on an EcsCluster without EC2 capacity', onEcsCluster([ClusterCapacity.fargate()], ServiceCapacity.ec2()),
      /^\[Stack\/Web\] capacity: got "EC2"; allowed: Fargate capacity: the cluster has no EC2 capacity\. Hint: add ClusterCapacity\.ec2\(\{\.\.\.\}\) to Stack\/Platform/],
    ['EC2 on an EcsCluster naming an unknown capacity', onEcsCluster([ClusterCapacity.ec2({ name: 'General' })], ServiceCapacity.ec2({ capacityName: 'Gpu' })),
      /^\[Stack\/Web\] capacity\.capacityName: got "Gpu"; allowed: one of the cluster's EC2 capacities: General\./],
    ['Fargate Spot on an EcsCluster with only EC2 capacity', onEcsCluster([ClusterCapacity.ec2()], ServiceCapacity.fargateSpot(), TaskCompatibility.FARGATE),
      /^\[Stack\/Web\] capacity: got "FARGATE_SPOT"; allowed: EC2 capacity or on-demand Fargate on a cluster without Fargate capacity providers\. Hint: add ClusterCapacity\.fargate\(\)\/fargateSpot\(\) to Stack\/Platform/],
    // subnets
    ['a VPC with only public subnets (not a CloudFormation failure)', () => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: NGINX_IMAGE }] });
      new EcsService(stack, 'Web', { cluster, taskDefinition: app });
    }, /^\[Stack\/Web\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: tasks never default to public subnets/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});

describe('EC2 tasks on a plain ecs.Cluster need EC2 capacity on it', () => {
  const setup = () => {
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, cpu: 256, memoryMiB: 512, containers: [{ name: 'web', image: NGINX_IMAGE }] });
    return { stack, vpc, cluster, app };
  };
  const NO_CAPACITY = /^\[Stack\/(Web|Nightly)\] capacity: got "EC2 on Stack\/Cluster, which has no EC2 capacity"; allowed: ServiceCapacity\.ec2\(\) on a cluster with EC2 capacity, or Fargate\. Hint: add an AsgCapacityProvider/;

  test('a service: the library\'s ValidationError at synth, not aws-cdk-lib\'s bare message', () => {
    const { stack, cluster, app } = setup();
    new EcsService(stack, 'Web', { cluster, taskDefinition: app, capacity: ServiceCapacity.ec2() });
    const error = thrownBy(() => Template.fromStack(stack));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(NO_CAPACITY);
  });

  test('a scheduled task: the same error (RunTask would leave the task unplaced)', () => {
    const { stack, cluster, app } = setup();
    new EcsScheduledTask(stack, 'Nightly', { cluster, taskDefinition: app, schedule: DAILY_SCHEDULE, capacity: ServiceCapacity.ec2() });
    const error = thrownBy(() => Template.fromStack(stack));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(NO_CAPACITY);
  });

  test('capacity added after the service is counted (checked once the tree is finished)', () => {
    const { stack, vpc, cluster, app } = setup();
    new EcsService(stack, 'Web', { cluster, taskDefinition: app, capacity: ServiceCapacity.ec2() });
    const asg = new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc, instanceType: new ec2.InstanceType('m7i.large'), machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
    });
    cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(stack, 'Provider', { autoScalingGroup: asg }));
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', { LaunchType: 'EC2' });
  });
});

describe('EcsScheduledTask: capacity resolved against the cluster, and subnets', () => {
  test('EC2 capacity: spread across AZs then binpack on memory', () => {
    const f = scheduledTaskFixture(TaskCompatibility.EC2);
    f.cluster.addCapacity('Instances', { instanceType: new ec2.InstanceType('m7i.large') });
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, capacity: ServiceCapacity.ec2() });
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({
          LaunchType: 'EC2',
          PlacementStrategy: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
        }),
      }),
    });
  });

  test('EC2 on an EcsCluster uses the capacity provider of its EC2 capacity', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.ec2({ name: 'Batch' })] });
    const app = new EcsTaskDefinition(stack, 'Report', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'report', image: NGINX_IMAGE }] });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const task = new EcsScheduledTask(stack, 'Nightly', { cluster: platform.cluster, taskDefinition: app, schedule: DAILY_SCHEDULE, capacity: ServiceCapacity.ec2(), taskCount: 2 });
    expect(spy).toHaveBeenCalledWith({ source: task, name: 'Stack/Nightly', cpu: 256, memoryMiB: 512, count: 2, capacityName: 'Batch' });
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({ CapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('PlatformBatch') }, Weight: 1 }] }),
      }),
    });
  });

  test('on a network without NAT, the task runs in the isolated subnets', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    const cluster = new EcsCluster(stack, 'Cluster', { vpc: network.vpc });
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'job', image: NGINX_IMAGE }] });
    // WHEN
    new EcsScheduledTask(stack, 'Nightly', { cluster: cluster.cluster, taskDefinition: app, schedule: DAILY_SCHEDULE });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ EcsParameters: Match.objectLike({ NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({
        Subnets: stack.resolve(network.vpc.isolatedSubnets.map((sn) => sn.subnetId)),
      }) } }) }),
    });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Nightly', Match.stringLikeRegexp('public subnets'));
  });
});

describe('EcsScheduledTask: compatibility, capacity and subnet validation', () => {
  /** A scheduled task in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsScheduledTaskProps>, compatibility?: TaskCompatibility) => () => {
    const f = scheduledTaskFixture(compatibility);
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, ...over });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    // capacity and subnets
    ['Fargate capacity for an EC2-only task definition', make({}, TaskCompatibility.EC2),
      /^\[Stack\/Nightly\] capacity: got "FARGATE"; allowed: EC2 capacity for a task definition with compatibility EC2\./],
    ['EC2 capacity for a Fargate-only task definition', make({ capacity: ServiceCapacity.ec2() }),
      /^\[Stack\/Nightly\] capacity: got "EC2"; allowed: Fargate capacity for a task definition with compatibility FARGATE\./],
    ['EC2 capacity on an EcsCluster without EC2 capacity', () => {
      const stack = new Stack(new App(), 'Stack');
      const platform = new EcsCluster(stack, 'Platform', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) });
      const app = new EcsTaskDefinition(stack, 'Report', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'report', image: NGINX_IMAGE }] });
      new EcsScheduledTask(stack, 'Nightly', { cluster: platform.cluster, taskDefinition: app, schedule: DAILY_SCHEDULE, capacity: ServiceCapacity.ec2() });
    }, /^\[Stack\/Nightly\] capacity: got "EC2"; allowed: Fargate capacity: the cluster has no EC2 capacity\. Hint: add ClusterCapacity\.ec2\(\{\.\.\.\}\) to Stack\/Platform/],
    ['a VPC with only public subnets', () => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      const app = new EcsTaskDefinition(stack, 'Report', { containers: [{ name: 'report', image: NGINX_IMAGE }] });
      new EcsScheduledTask(stack, 'Nightly', { cluster: new ecs.Cluster(stack, 'Cluster', { vpc }), taskDefinition: app, schedule: DAILY_SCHEDULE });
    }, /^\[Stack\/Nightly\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: tasks never default to public subnets/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});

describe('capacity x CPU architecture x operating system', () => {
  const platform = (stack: Stack): EcsCluster => new EcsCluster(stack, 'Platform', {
    vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }),
    capacity: [
      ClusterCapacity.fargate(), ClusterCapacity.fargateSpot(),
      ClusterCapacity.ec2({ name: 'Graviton', instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')] }),
      ClusterCapacity.ec2({ name: 'Intel', instanceTypes: [new ec2.InstanceType('m6i.large'), new ec2.InstanceType('m7i.large')] }),
    ],
  });
  const task = (stack: Stack, props: Partial<ConstructorParameters<typeof EcsTaskDefinition>[2]> = {}): EcsTaskDefinition =>
    new EcsTaskDefinition(stack, 'App', { cpu: 1024, memoryMiB: 2048, containers: [{ name: 'web', image: NGINX_IMAGE }], ...props });
  const failure = (build: (stack: Stack, cluster: EcsCluster) => unknown): ValidationError => {
    const stack = new Stack(new App(), 'Stack');
    const e = thrownBy(() => build(stack, platform(stack)));
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  };

  test.each([
    ['ARM64 on Fargate Spot', { cpuArchitecture: ecs.CpuArchitecture.ARM64 }, ServiceCapacity.fargateSpot(), /ARM64 task definition \(Fargate Spot runs Linux X86_64 tasks only\)/],
    ['ARM64 (made with CpuArchitecture.of) on a mix', { cpuArchitecture: ecs.CpuArchitecture.of('ARM64') }, ServiceCapacity.fargateMix(), /ARM64 task definition/],
    ['Windows on Fargate Spot', { operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE }, ServiceCapacity.fargateSpot(), /Windows task definition/],
  ])('%s is refused for services and scheduled tasks', (_, props, capacity, allowed) => {
    const e = failure((stack, cluster) => new EcsService(stack, 'Web', { cluster: cluster.cluster, taskDefinition: task(stack, props), capacity }));
    expect(e.property).toBe('capacity');
    expect(e.allowed).toMatch(allowed);
    expect(e.message).toMatch(/^\[Stack\/Web\]/);
    const scheduled = failure((stack, cluster) => new EcsScheduledTask(stack, 'Job', { cluster: cluster.cluster, taskDefinition: task(stack, props), capacity, schedule: DAILY_SCHEDULE }));
    expect(scheduled.allowed).toMatch(allowed);
  });

  test('ARM64 on on-demand Fargate, and on a mix whose Spot weight is 0, synthesize', () => {
    const stack = new Stack(new App(), 'Stack');
    const cluster = platform(stack);
    const td = task(stack, { cpuArchitecture: ecs.CpuArchitecture.ARM64 });
    new EcsService(stack, 'A', { cluster: cluster.cluster, taskDefinition: td });
    new EcsService(stack, 'B', { cluster: cluster.cluster, taskDefinition: td, capacity: ServiceCapacity.fargateMix({ spotWeight: 0 }) });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::ECS::Service'))).toHaveLength(2);
  });

  test('an x86_64 task on Graviton EC2 capacity is an error that names the capacity of the right architecture', () => {
    const e = failure((stack, cluster) => new EcsService(stack, 'Worker', {
      cluster: cluster.cluster, taskDefinition: task(stack, { compatibility: TaskCompatibility.EC2 }), capacity: ServiceCapacity.ec2({ capacityName: 'Graviton' }),
    }));
    expect(e.property).toBe('capacity');
    expect(e.value).toBe('EC2 capacity Graviton (arm64: m7g.large, m6g.large)');
    expect(e.message).toContain("use ServiceCapacity.ec2({ capacityName: 'Intel' })");
  });

  test('an ARM64 task on x86 EC2 capacity is an error; on Graviton capacity it synthesizes', () => {
    const ec2Arm = { compatibility: TaskCompatibility.EC2, cpuArchitecture: ecs.CpuArchitecture.ARM64 };
    const e = failure((stack, cluster) => new EcsService(stack, 'Worker', { cluster: cluster.cluster, taskDefinition: task(stack, ec2Arm), capacity: ServiceCapacity.ec2({ capacityName: 'Intel' }) }));
    expect(e.allowed).toBe("EC2 capacity of the task definition's architecture (ARM64)");
    const stack = new Stack(new App(), 'Stack');
    const cluster = platform(stack);
    new EcsService(stack, 'Worker', { cluster: cluster.cluster, taskDefinition: task(stack, ec2Arm), capacity: ServiceCapacity.ec2({ capacityName: 'Graviton' }) });
    Template.fromStack(stack).resourceCountIs('AWS::ECS::Service', 1);
  });

  test('a Windows task on the cluster\'s (Linux) EC2 capacity is an error', () => {
    const e = failure((stack, cluster) => new EcsService(stack, 'Worker', {
      cluster: cluster.cluster,
      taskDefinition: task(stack, { compatibility: TaskCompatibility.EC2_AND_FARGATE, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE }),
      capacity: ServiceCapacity.ec2({ capacityName: 'Intel' }),
    }));
    expect(e.allowed).toBe('Fargate capacity for a Windows task definition');
  });
});
