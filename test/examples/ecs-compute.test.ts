import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecsCompute, EcsCompute } from '../../examples/ecs-compute';
import { synthExample } from '../support/examples';

describe('the README (Networks and ECS clusters) examples', () => {
  let stack: Stack;
  let built: EcsCompute;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Compute', ecsCompute));
  });

  test('synthesize: 3 VPCs, 3 clusters, 3 Auto Scaling groups, 13 VPC endpoints (11 + the default S3 gateways)', () => {
    // THEN
    template.resourceCountIs('AWS::EC2::VPC', 3);
    template.resourceCountIs('AWS::ECS::Cluster', 3);
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 3);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 13);
    expect(built.ec2Cluster.ec2Capacities.map((c) => c.name)).toEqual(['General', 'Spot', 'Legacy']);
    expect(built.defaultCluster.network).toBeDefined();
  });

  test('the placement demand fits (6 tasks on 6 x m7g.large) and nothing warns but the unknown type', () => {
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('*', Match.stringLikeRegexp('do not fit'));
    annotations.hasWarning('/Compute/Isolated/Cluster/Legacy', Match.stringLikeRegexp('Cannot tell the architecture of m5dn.large'));
  });
});
