import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecsServiceConnect, EcsServiceConnect } from '../../examples/ecs-service-connect';
import { synthExample } from '../support/examples';
import { resourceTypes } from '../support/template';

describe('examples/ecs-service-connect (the README (Service Connect) examples)', () => {
  let template: Template;
  let stack: Stack;
  let built: EcsServiceConnect;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Shop', ecsServiceConnect, { env: { region: 'eu-west-1' } }));
  });

  test('the cluster creates the HTTP namespace "shop" and makes it its Service Connect default', () => {
    // THEN
    template.resourceCountIs('AWS::ServiceDiscovery::HttpNamespace', 1);
    template.hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'shop' });
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ServiceConnectDefaults: { Namespace: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClusterDefaultServiceDiscoveryNamespace'), 'Arn'] } },
    });
    expect(built.orders.ecsCluster).toBe(built.cluster);
  });

  test('orders publishes http://orders:80; storefront is a client only; reports joins "analytics"', () => {
    const namespace = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClusterDefaultServiceDiscoveryNamespace'), 'Arn'] };
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({
        Enabled: true, Namespace: namespace,
        Services: [{ PortName: 'http', DiscoveryName: 'orders', ClientAliases: [{ DnsName: 'orders', Port: 80 }], Timeout: { PerRequestTimeoutSeconds: 15 } }],
      }),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({ Enabled: true, Namespace: namespace, Services: Match.absent() }),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({ Enabled: true, Namespace: 'analytics', Services: Match.absent() }),
    });
    template.resourceCountIs('AWS::ECS::Service', 3);
  });

  test('no custom resources and no warnings', () => {
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
