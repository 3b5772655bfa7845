import { App, CfnResource, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { EcrRepository } from '../../../lib';
import { checkStackLimits, countStackResources } from '../../../lib/private/stack-limits';

function stackWith(resources: number, context: Record<string, unknown> = {}): Stack {
  const stack = new Stack(new App({ context }), 'Big');
  const group = new Construct(stack, 'Group');
  for (let i = 0; i < resources; i++) new CfnWaitConditionHandle(group, `R${i}`);
  return stack;
}

const WARNING = /resources in one template.*CloudFormation's limit of 500.*other stacks/;

describe('checkStackLimits', () => {
  test('warns from 80% of the 500-resource limit, naming the count and the fix', () => {
    // GIVEN 400 resources
    const stack = stackWith(400);
    // WHEN
    checkStackLimits(stack.node.findChild('Group'));
    // THEN
    Annotations.fromStack(stack).hasWarning('/Big', Match.stringLikeRegexp("400 resources in one template, 80% of CloudFormation's limit of 500"));
  });

  test('stays quiet below 80%', () => {
    const stack = stackWith(399);
    checkStackLimits(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(WARNING.source));
  });

  test('registers once per stack however many constructs call it', () => {
    const stack = stackWith(450);
    checkStackLimits(stack);
    checkStackLimits(stack.node.findChild('Group'));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING.source));
    expect(warnings).toHaveLength(1);
  });

  test('follows the @aws-cdk/core:stackResourceLimit context (0 turns it off)', () => {
    const stack = stackWith(450, { '@aws-cdk/core:stackResourceLimit': 0 });
    checkStackLimits(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('resources in one template'));
  });

  test('counts only the stack\'s own resources', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    new CfnWaitConditionHandle(a, 'One');
    const b = new Stack(app, 'B');
    new CfnWaitConditionHandle(b, 'Two');
    new CfnWaitConditionHandle(b, 'Three');
    expect(countStackResources(a)).toBe(1);
    expect(countStackResources(b)).toBe(2);
  });
});

describe('the library\'s constructs register the check', () => {
  test('a stack with 3 EcrRepository constructs and 417 other resources warns, registered by the repositories', () => {
    // GIVEN: 420 resources, none of them checked directly
    const stack = new Stack(new App(), 'Stack');
    for (let i = 0; i < 3; i++) new EcrRepository(stack, `Repo${i}`);
    for (let i = 0; i < 417; i++) new CfnResource(stack, `Filler${i}`, { type: 'AWS::SNS::Topic' });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack', Match.stringLikeRegexp('420 resources in one template, 84% of CloudFormation'));
  });
});
