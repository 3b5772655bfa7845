import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecsDeployments, EcsDeployments } from '../../examples/ecs-deployments';
import { synthExample } from '../support/examples';

describe('examples/ecs-deployments (the README (ECS deployments) examples)', () => {
  let template: Template;
  let stack: Stack;
  let built: EcsDeployments;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Deployments', ecsDeployments, { env: { region: 'eu-west-1' } }));
  });

  test('each service deploys with its strategy', () => {
    // THEN
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ Strategy: 'CANARY', BakeTimeInMinutes: 10, CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 15 } }),
    });
    template.hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: Match.objectLike({ Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 30 }) });
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 25, StepBakeTimeInMinutes: 5 } }),
    });
  });

  test('the canary\'s smoke test runs after test traffic; its test listener is on 8443', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        LifecycleHooks: [Match.objectLike({ LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], HookTargetArn: Match.anyValue() })],
      }),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 8443, Protocol: 'HTTPS' });
    expect(built.checkout.alternateTargetGroup).toBeDefined();
  });

  test('every service rolls back on the default alarms; search also on the team\'s alarm', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ Strategy: 'LINEAR', Alarms: { Enable: true, Rollback: true, AlarmNames: Match.arrayWith(['search-p99-latency']) } }),
    });
    expect(built.search.deploymentAlarms).toHaveLength(3);
  });

  test('synthesizes without warnings', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});
