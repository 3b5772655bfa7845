import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility, TaskDemand } from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { NGINX_IMAGE } from '../../support/ecs';
import { thrownBy } from '../../support/thrown';

// lib/ecs/placement-check.ts: the synth-time placement check EcsCluster runs (node.addValidation)
// over the task demands of its services and scheduled tasks.

describe('EcsCluster placement check', () => {
  function clusterWith(capacity: ClusterCapacity[]): { stack: Stack; cluster: EcsCluster; service: Construct } {
    const stack = new Stack(new App(), 'Platform');
    const cluster = new EcsCluster(stack, 'Cluster', { capacity });
    const service = new Construct(stack, 'Api');
    return { stack, cluster, service };
  }
  const general = (maxCapacity: number, ...types: string[]): ClusterCapacity =>
    ClusterCapacity.ec2({ name: 'General', maxCapacity, instanceTypes: (types.length ? types : ['m6g.large']).map((t) => new ec2.InstanceType(t)) });
  const demand = (source: Construct, over: Partial<TaskDemand> = {}): TaskDemand =>
    ({ source, name: 'Platform/Api', cpu: 1024, memoryMiB: 2048, count: 8, ...over });

  test('warns naming the service, task size and shortfall when tasks do not all fit at max capacity', () => {
    // GIVEN: 3 x m6g.large hold 2 tasks each (CPU-bound): 6 of 8 fit
    const { stack, cluster, service } = clusterWith([general(3)]);
    // WHEN
    cluster.addTaskDemand(demand(service));
    // THEN
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster',
      '2 of 8 tasks of Platform/Api (1024 CPU, 2048 MiB) do not fit on 3 x m6g.large (General) at max capacity; short by 2048 CPU units / 4096 MiB. ' +
      'Raise maxCapacity, use larger instance types or lower the desired count. [ack: cdk-containers:placement-shortfall]');
  });

  test('no warning when everything fits', () => {
    const { stack, cluster, service } = clusterWith([general(4)]);
    cluster.addTaskDemand(demand(service));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('demands add up across services', () => {
    const { stack, cluster, service } = clusterWith([general(4)]);
    cluster.addTaskDemand(demand(service, { count: 6 }));
    cluster.addTaskDemand(demand(service, { name: 'Platform/Worker', count: 4, capacityName: 'General' }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^2 of 4 tasks of Platform/Worker'));
  });

  test('a single task larger than every instance type is a ValidationError naming the service', () => {
    // GIVEN: a 16 GiB task; m6g.large offers tasks 7782 MiB
    const { stack, cluster, service } = clusterWith([general(3)]);
    cluster.addTaskDemand(demand(service, { memoryMiB: 16384, count: 1 }));
    // WHEN
    const error = thrownBy(() => Annotations.fromStack(stack));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /\[Platform\/Api\] task size: got "1024 CPU units, 16384 MiB"; allowed: at most 2048 CPU units and 7782 MiB \(largest type of EC2 capacity General\)/);
  });

  test('mixed instance types: the largest decides whether a task can ever fit, the smallest is assumed at max capacity', () => {
    const { stack, cluster, service } = clusterWith([general(2, 'm6g.large', 'm6g.xlarge')]);
    cluster.addTaskDemand(demand(service, { cpu: 4096, memoryMiB: 8192, count: 1 }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^1 of 1 tasks of Platform/Api \\(4096 CPU, 8192 MiB\\) do not fit on 2 x m6g.large \\(General\\)'));
  });

  test('tokens in the desired count (or size) are skipped', () => {
    const { stack, cluster, service } = clusterWith([general(1)]);
    cluster.addTaskDemand(demand(service, { count: Token.asNumber({ Ref: 'DesiredCount' }) }));
    cluster.addTaskDemand(demand(service, { memoryMiB: Token.asNumber({ Ref: 'Memory' }), count: 100 }));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a demand for an unknown capacity is a ValidationError', () => {
    const { stack, cluster, service } = clusterWith([general(1)]);
    cluster.addTaskDemand(demand(service, { capacityName: 'Gpu' }));
    expect(() => Annotations.fromStack(stack)).toThrow(/\[Platform\/Api\] capacityName: got "Gpu"; allowed: General/);
  });

  test('an unknown capacity is a ValidationError even when the demand\'s count is a token', () => {
    const { stack, cluster, service } = clusterWith([general(1)]);
    cluster.addTaskDemand(demand(service, { capacityName: 'Gpu', count: Token.asNumber({ Ref: 'DesiredCount' }) }));
    expect(() => Annotations.fromStack(stack)).toThrow(/\[Platform\/Api\] capacityName: got "Gpu"; allowed: General/);
  });

  test('a cluster with no EC2 capacity warns that EC2 demands have nowhere to go', () => {
    const { stack, cluster, service } = clusterWith([ClusterCapacity.fargate()]);
    cluster.addTaskDemand(demand(service));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('has no ClusterCapacity.ec2 entry'));
  });

  test('instance types of unknown size skip the check with a warning', () => {
    const { stack, cluster, service } = clusterWith([ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('m8g.large')] })]);
    cluster.addTaskDemand(demand(service, { count: 1000 }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('Placement check skipped for EC2 capacity Ec2: the size of m8g.large'));
  });

});

describe('the placement check through EcsService', () => {
  test('EC2 tasks larger than every instance of the EcsCluster (placement check at synth) is a ValidationError', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('t3.small')], maxCapacity: 2 })] });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, cpu: 4096, memoryMiB: 8192, containers: [{ name: 'web', image: NGINX_IMAGE }] });
    // WHEN
    const error = thrownBy(() => {
      new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2() });
      Template.fromStack(stack);
    });
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /^\[Stack\/Web\] task size: got "4096 CPU units, 8192 MiB"; allowed: at most 2048 CPU units and 1945 MiB \(largest type of EC2 capacity Ec2\)\. Hint: .*use a larger instance type or a smaller task/);
  });
});

// The README's advice past ~55 services per stack: the cluster in one stack, services in others.
describe('a cluster in one stack, services in others', () => {
  let app: App;
  let platform: Stack;
  let teams: Stack[];

  beforeAll(() => {
    // GIVEN
    app = new App();
    platform = new Stack(app, 'Platform');
    const cluster = new EcsCluster(platform, 'Cluster', {
      capacity: [ClusterCapacity.fargate(), ClusterCapacity.ec2({ name: 'General', instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')], maxCapacity: 1 })],
    });
    // WHEN
    teams = ['Payments', 'Search'].map((team) => {
      const stack = new Stack(app, team);
      const web = new EcsTaskDefinition(stack, 'Web', { containers: [{ name: 'web', image: NGINX_IMAGE, portMappings: [{ containerPort: 8080 }] }] });
      new EcsService(stack, 'WebService', { cluster: cluster.cluster, taskDefinition: web });
      const worker = new EcsTaskDefinition(stack, 'Worker', {
        compatibility: TaskCompatibility.EC2, cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, containers: [{ name: 'worker', image: NGINX_IMAGE }],
      });
      new EcsService(stack, 'WorkerService', { cluster: cluster.cluster, taskDefinition: worker, capacity: ServiceCapacity.ec2(), desiredCount: 2 });
      return stack;
    });
  });

  test('each service stack holds only its own resources and imports the cluster from the platform stack', () => {
    for (const stack of teams) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::ECS::Cluster', 0);
      template.resourceCountIs('AWS::EC2::VPC', 0);
      template.resourceCountIs('AWS::ECS::Service', 2);
      template.hasResourceProperties('AWS::ECS::Service', { Cluster: { 'Fn::ImportValue': Match.stringLikeRegexp('^Platform:ExportsOutputRefCluster') } });
      expect(stack.dependencies).toContain(platform);
    }
    Template.fromStack(platform).resourceCountIs('AWS::ECS::Service', 0);
  });

  test('the EC2 service uses the platform\'s capacity provider across the stack boundary', () => {
    Template.fromStack(teams[0]!).hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: { 'Fn::ImportValue': Match.stringLikeRegexp('^Platform:ExportsOutputRefClusterGeneralCapacityProvider') }, Weight: 1 }],
    });
  });

  test('the placement check counts the services of every stack: the second team\'s 2 tasks find no room on the one instance', () => {
    // THEN: Payments' 2 x 1024 CPU units fill the m7g.large (2048); Search's 2 are left over
    const warnings = Annotations.fromStack(platform).findWarning('/Platform/Cluster', Match.stringLikeRegexp('do not fit'));
    expect(warnings.map((w) => String(w.entry.data).split(';')[0])).toEqual([
      '2 of 2 tasks of Search/WorkerService (1024 CPU, 2048 MiB) do not fit on 1 x m7g.large (General) at max capacity',
    ]);
  });
});
