import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecsApps, EcsApps } from '../../examples/ecs-apps';
import { synthExample } from '../support/examples';
import { resourceTypes } from '../support/template';

describe('examples/ecs-apps (the README (ECS applications) examples)', () => {
  let template: Template;
  let stack: Stack;
  let apps: EcsApps;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built: apps, template } = synthExample('Shop', ecsApps, { env: { region: 'eu-west-1' } }));
  });

  test('synthesizes the four task definitions, two services and one schedule', () => {
    // THEN
    template.resourceCountIs('AWS::ECS::TaskDefinition', 4);
    template.resourceCountIs('AWS::ECS::Service', 2);
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
  });

  test('the web application: two containers, their ports and data volumes', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'tmp' }, { Name: 'cache' }],
      ContainerDefinitions: [
        Match.objectLike({ Name: 'web', User: '101', ReadonlyRootFilesystem: true, PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }] }),
        Match.objectLike({ Name: 'otel', Essential: false, PortMappings: [{ ContainerPort: 4317, Protocol: 'tcp' }] }),
      ],
    });
  });

  test('the worker reports its demand to the cluster and runs on its EC2 capacity provider', () => {
    expect(apps.worker.ecsCluster).toBe(apps.cluster);
    expect(apps.worker.capacityName).toBe('Workers');
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('ClusterWorkers') }, Weight: 1 }],
    });
  });

  test('the one-off migration command is a stack output', () => {
    template.hasOutput('MigrateCommand', { Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^aws ecs run-task --cluster ')])] } });
  });

  test('no custom resources and no warnings', () => {
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
