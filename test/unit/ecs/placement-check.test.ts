import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility, TaskDemand } from '../../../lib/ecs';
import { PlacementCapacity, checkPlacement } from '../../../lib/ecs/placement-check';
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

  test('a task exactly the size of what the largest instance type offers fits: no error, no warning; one unit more is a ValidationError', () => {
    // GIVEN: m6g.large offers tasks 2048 CPU units and 8192 - 410 = 7782 MiB
    const exact = clusterWith([general(1)]);
    exact.cluster.addTaskDemand(demand(exact.service, { cpu: 2048, memoryMiB: 7782, count: 1 }));
    const moreCpu = clusterWith([general(1)]);
    moreCpu.cluster.addTaskDemand(demand(moreCpu.service, { cpu: 2049, memoryMiB: 7782, count: 1 }));
    const moreMemory = clusterWith([general(1)]);
    moreMemory.cluster.addTaskDemand(demand(moreMemory.service, { cpu: 2048, memoryMiB: 7783, count: 1 }));
    // THEN
    Annotations.fromStack(exact.stack).hasNoWarning('*', Match.anyValue());
    expect(thrownBy(() => Annotations.fromStack(moreCpu.stack))).toMatchObject({ message: expect.stringMatching(/^\[Platform\/Api\] task size: got "2049 CPU units, 7782 MiB"; allowed: at most 2048 CPU units and 7782 MiB/) });
    expect(thrownBy(() => Annotations.fromStack(moreMemory.stack))).toMatchObject({ message: expect.stringMatching(/^\[Platform\/Api\] task size: got "2048 CPU units, 7783 MiB"; allowed: at most 2048 CPU units and 7782 MiB/) });
  });

  test('exact fits at max capacity: 2 whole-instance tasks on 2 instances fit; a third is reported', () => {
    const fits = clusterWith([general(2)]);
    fits.cluster.addTaskDemand(demand(fits.service, { cpu: 2048, memoryMiB: 7782, count: 2 }));
    const over = clusterWith([general(2)]);
    over.cluster.addTaskDemand(demand(over.service, { cpu: 2048, memoryMiB: 7782, count: 3 }));
    Annotations.fromStack(fits.stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(over.stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^1 of 3 tasks of Platform/Api \\(2048 CPU, 7782 MiB\\) do not fit on 2 x m6g.large \\(General\\) at max capacity; short by 2048 CPU units / 7782 MiB\\.'));
  });

  test('mixed instance types: the one with the least CPU x memory is assumed, the first of equal ones', () => {
    // GIVEN: c6g.large offers 2048 CPU / 3891 MiB, m6g.large and m7g.large 2048 CPU / 7782 MiB each.
    // Tasks of 1024 CPU / 2048 MiB: 1 per c6g.large (memory), 2 per m6g.large.
    const warningOf = (...types: string[]): string[] => {
      const { stack, cluster, service } = clusterWith([general(2, ...types)]);
      cluster.addTaskDemand(demand(service, { count: 4 }));
      return Annotations.fromStack(stack).findWarning('/Platform/Cluster', Match.anyValue()).map((w) => String(w.entry.data).split(';')[0]!);
    };
    // THEN
    expect(warningOf('m6g.large', 'c6g.large')).toEqual(['2 of 4 tasks of Platform/Api (1024 CPU, 2048 MiB) do not fit on 2 x c6g.large (General) at max capacity']);
    expect(warningOf('c6g.large', 'm6g.large')).toEqual(['2 of 4 tasks of Platform/Api (1024 CPU, 2048 MiB) do not fit on 2 x c6g.large (General) at max capacity']);
    expect(warningOf('m6g.large', 'm7g.large')).toEqual([]);
    const { stack, cluster, service } = clusterWith([general(2, 'm7g.large', 'm6g.large')]);
    cluster.addTaskDemand(demand(service, { count: 5 }));
    Annotations.fromStack(stack).hasWarning('/Platform/Cluster', Match.stringLikeRegexp('^1 of 5 tasks of Platform/Api \\(1024 CPU, 2048 MiB\\) do not fit on 2 x m7g.large \\(General\\)'));
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
// beforeEach, not beforeAll: code run by a beforeAll hook counts for no test in Stryker's per-test
// coverage (npm run test:mutation), so every mutant it reaches would need the whole run.
describe('a cluster in one stack, services in others', () => {
  let app: App;
  let platform: Stack;
  let teams: Stack[];

  beforeEach(() => {
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

// checkPlacement on its own, on a plain construct: its warnings are read from the construct's
// metadata, each exactly as `cdk synth` prints it (the message, then its acknowledgement id).
describe('checkPlacement', () => {
  const SHORTFALL = 'Raise maxCapacity, use larger instance types or lower the desired count. [ack: cdk-containers:placement-shortfall]';
  function setup(): { cluster: Construct; api: Construct; worker: Construct; warnings: () => string[] } {
    const stack = new Stack(new App(), 'Platform');
    const cluster = new Construct(stack, 'Cluster');
    const warnings = (): string[] => cluster.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    return { cluster, api: new Construct(stack, 'Api'), worker: new Construct(stack, 'Worker'), warnings };
  }
  const capacity = (name: string, instanceTypes: string[], maxCapacity = 1): PlacementCapacity => ({ name, instanceTypes, maxCapacity });
  /** c6g.large offers tasks 2048 CPU units and 4096 - ceil(4096 x 5%) = 3891 MiB; m6g.xlarge 4096 and 16384 - 820 = 15564. */
  const SMALL = capacity('Small', ['c6g.large']);
  const BIG = capacity('Big', ['m6g.xlarge']);
  const task = (source: Construct, name: string, over: Partial<TaskDemand> = {}): TaskDemand =>
    ({ source, name, cpu: 1024, memoryMiB: 2048, count: 1, ...over });

  test('without EC2 capacity: one warning naming every demand with tasks to place; a capacityName is then not checked', () => {
    // GIVEN
    const { cluster, api, worker, warnings } = setup();
    // WHEN
    const messages = checkPlacement(cluster, [], [
      task(api, 'Platform/Api', { count: 2 }),
      task(worker, 'Platform/Worker', { capacityName: 'General' }),
      task(api, 'Platform/Idle', { count: 0 }),
    ]);
    // THEN
    expect(messages).toEqual([]);
    expect(warnings()).toEqual([
      'Tasks of Platform/Api, Platform/Worker ask for EC2 capacity, but this cluster has no ClusterCapacity.ec2 entry. [ack: cdk-containers:placement-no-ec2-capacity]',
    ]);
  });

  test('without EC2 capacity, demands of 0 tasks need nothing: no warning', () => {
    const { cluster, api, warnings } = setup();
    checkPlacement(cluster, [], [task(api, 'Platform/Idle', { count: 0 })]);
    expect(warnings()).toEqual([]);
  });

  test('a capacity no demand targets is not checked (no warning that its size is unknown); the targeted one is', () => {
    // GIVEN: 3 tasks of 1024 CPU on 1 x c6g.large (2048 CPU, 3891 MiB): 1 fits (memory), 2 do not
    const { cluster, api, warnings } = setup();
    // WHEN
    checkPlacement(cluster, [SMALL, capacity('Unknown', ['m8g.large'])], [task(api, 'Platform/Api', { count: 3, capacityName: 'Small' })]);
    // THEN
    expect(warnings()).toEqual([
      `2 of 3 tasks of Platform/Api (1024 CPU, 2048 MiB) do not fit on 1 x c6g.large (Small) at max capacity; short by 2048 CPU units / 4096 MiB. ${SHORTFALL}`,
    ]);
  });

  test('one demand for any capacity makes every capacity checked', () => {
    // GIVEN: 2 tasks of 1024 CPU / 1024 MiB, both fit the c6g.large
    const { cluster, api, worker, warnings } = setup();
    const small = { memoryMiB: 1024 };
    // WHEN
    checkPlacement(cluster, [SMALL, capacity('Unknown', ['m8g.large'])], [task(api, 'Platform/Api', { ...small, capacityName: 'Small' }), task(worker, 'Platform/Worker', small)]);
    // THEN
    expect(warnings()).toEqual([
      'Placement check skipped for EC2 capacity Unknown: the size of m8g.large is not known at synth. [ack: cdk-containers:placement-unknown-instance-type]',
    ]);
  });

  test('the check is skipped for a capacity with unknown types (all named) or a token maxCapacity', () => {
    const { cluster, api, warnings } = setup();
    checkPlacement(cluster, [capacity('Odd', ['m8g.large', 'c6g.large', 'x9.huge']), capacity('Scaled', ['m6g.large'], Token.asNumber({ Ref: 'Max' }))],
      [task(api, 'Platform/Api', { count: 1000 })]);
    expect(warnings()).toEqual([
      'Placement check skipped for EC2 capacity Odd: the size of m8g.large, x9.huge is not known at synth. [ack: cdk-containers:placement-unknown-instance-type]',
      'Placement check skipped for EC2 capacity Scaled: the size of maxCapacity is not known at synth. [ack: cdk-containers:placement-unknown-instance-type]',
    ]);
  });

  test('a task that fits only some of the capacities it may use is no error: it is placed there', () => {
    // GIVEN: 2048 CPU / 8000 MiB: more memory than c6g.large offers, within m6g.xlarge
    const { cluster, api, warnings } = setup();
    // WHEN / THEN
    expect(thrownBy(() => checkPlacement(cluster, [SMALL, BIG], [task(api, 'Platform/Api', { cpu: 2048, memoryMiB: 8000 })]))).toBeUndefined();
    expect(warnings()).toEqual([]);
  });

  test('a task larger than every capacity it may use: the error gives the largest of each', () => {
    const { cluster, api } = setup();
    const error = thrownBy(() => checkPlacement(cluster, [SMALL, BIG], [task(api, 'Platform/Api', { cpu: 8192 })]));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(new RegExp('^' + escape('[Platform/Api] task size: got "8192 CPU units, 2048 MiB"; allowed: at most '
      + '2048 CPU units and 3891 MiB (largest type of EC2 capacity Small) or 4096 CPU units and 15564 MiB (largest type of EC2 capacity Big). Hint: ')));
  });

  test('a task bound to a capacity is held to that capacity only', () => {
    // GIVEN: 2048 CPU / 8000 MiB would fit Big, but it asks for Small
    const { cluster, api } = setup();
    const error = thrownBy(() => checkPlacement(cluster, [SMALL, BIG], [task(api, 'Platform/Api', { cpu: 2048, memoryMiB: 8000, capacityName: 'Small' })]));
    expect((error as ValidationError).message).toMatch(/allowed: at most 2048 CPU units and 3891 MiB \(largest type of EC2 capacity Small\)\. Hint/);
  });

  test('a shortfall names the instances the tasks could use: their own capacity, or every capacity', () => {
    // GIVEN: instances c6g.large (Small: 2048 CPU, 3891 MiB) then m6g.xlarge (Big: 4096 CPU, 15564 MiB).
    // Both task groups are 1024 CPU / 2048 MiB, so the same size: by name, Platform/Small goes first.
    // Small (5 tasks, Small only): 1 fits on the c6g.large (memory), 4 are short.
    // Wide (10 tasks, anywhere): none on the c6g.large (1843 MiB left), 4 on the m6g.xlarge (CPU), 6 are short.
    const { cluster, api, worker, warnings } = setup();
    // WHEN
    checkPlacement(cluster, [SMALL, BIG], [task(api, 'Platform/Wide', { count: 10 }), task(worker, 'Platform/Small', { count: 5, capacityName: 'Small' })]);
    // THEN: one warning per task group, in the order the demands were given
    expect(warnings()).toEqual([
      `6 of 10 tasks of Platform/Wide (1024 CPU, 2048 MiB) do not fit on 1 x c6g.large (Small) + 1 x m6g.xlarge (Big) at max capacity; short by 6144 CPU units / 12288 MiB. ${SHORTFALL}`,
      `4 of 5 tasks of Platform/Small (1024 CPU, 2048 MiB) do not fit on 1 x c6g.large (Small) at max capacity; short by 4096 CPU units / 8192 MiB. ${SHORTFALL}`,
    ]);
  });

  test('an unknown capacityName lists every capacity of the cluster', () => {
    const { cluster, api } = setup();
    expect(() => checkPlacement(cluster, [SMALL, BIG], [task(api, 'Platform/Api', { capacityName: 'Gpu' })]))
      .toThrow(/^\[Platform\/Api\] capacityName: got "Gpu"; allowed: Small, Big\.$/);
  });
});

/** `text` as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
