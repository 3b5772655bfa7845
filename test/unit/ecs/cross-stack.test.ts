import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility } from '../../../lib/ecs';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

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
      const web = new EcsTaskDefinition(stack, 'Web', { containers: [{ name: 'web', image: IMAGE, portMappings: [{ containerPort: 8080 }] }] });
      new EcsService(stack, 'WebService', { cluster: cluster.cluster, taskDefinition: web });
      const worker = new EcsTaskDefinition(stack, 'Worker', {
        compatibility: TaskCompatibility.EC2, cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, containers: [{ name: 'worker', image: IMAGE }],
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
