import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecsSharedLoadBalancer, EcsSharedLoadBalancer } from '../../examples/ecs-shared-load-balancer';
import { synthExample } from '../support/examples';
import { resourceTypes } from '../support/template';

describe('examples/ecs-shared-load-balancer (the README (shared load balancers) examples)', () => {
  let template: Template;
  let stack: Stack;
  let built: EcsSharedLoadBalancer;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Platform', ecsSharedLoadBalancer, { env: { region: 'eu-west-1' } }));
  });

  test('one ALB for the three web services, one NLB for the broker; one access log bucket each', () => {
    // THEN
    template.resourceCountIs('AWS::ECS::Service', 4);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'application', Scheme: 'internet-facing' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: 'internal' });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 3);
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(built.routes.map((r) => r.listenerRule.node.path)).toEqual(['Platform/Web/Shop/Rule', 'Platform/Web/Orders/Rule', 'Platform/Web/Payments/Rule']);
  });

  test('the rules route by host and path, in priority order', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 10, Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }, { Field: 'path-pattern', PathPatternConfig: { Values: ['/orders', '/orders/*'] } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 100, Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }] });
  });

  test('the broker: TLS on 8883 at the load balancer, TCP 1883 to the tasks', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 8883, Protocol: 'TLS' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 1883, Protocol: 'TCP' });
  });

  test('no custom resources and no warnings', () => {
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
