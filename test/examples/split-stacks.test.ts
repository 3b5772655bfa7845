import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { splitStacks } from '../../examples/split-stacks';

describe('the README (Performance) split across stacks', () => {
  test('one platform stack with the cluster, one stack per team with its service', () => {
    // GIVEN / WHEN
    const [platform, ...teams] = splitStacks(new App());
    // THEN
    Template.fromStack(platform!).resourceCountIs('AWS::ECS::Cluster', 1);
    expect(teams.map((s) => s.stackName)).toEqual(['PaymentsServices', 'SearchServices', 'CatalogServices']);
    for (const stack of teams) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::ECS::Cluster', 0);
      template.resourceCountIs('AWS::ECS::Service', 1);
      template.hasResourceProperties('AWS::ECS::Service', { Cluster: { 'Fn::ImportValue': Match.stringLikeRegexp('^Platform:') } });
    }
  });
});
