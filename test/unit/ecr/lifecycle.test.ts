import { App, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EcrLifecycle, EcrRepository, ValidationError } from '../../../lib';
import { thrownBy } from '../../support/thrown';

function build(lifecycle: EcrLifecycle): Stack {
  const stack = new Stack(new App(), 'Stack');
  new EcrRepository(stack, 'Images', { lifecycle });
  return stack;
}

/** The rendered lifecycle rules of the stack's only repository. */
function renderedRules(stack: Stack): Array<{ rulePriority: number; selection: Record<string, unknown> }> {
  const repo = Object.values(Template.fromStack(stack).findResources('AWS::ECR::Repository'))[0];
  return JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
}


describe('EcrLifecycle', () => {
  test('custom rules are rendered exactly, in priority order', () => {
    // GIVEN / WHEN
    const stack = build(EcrLifecycle.custom([
      { rulePriority: 10, tagPrefixList: ['release-'], maxImageCount: 50 },
      { rulePriority: 20, tagStatus: ecr.TagStatus.ANY, maxImageAge: Duration.days(365) },
    ]));

    // THEN
    expect(renderedRules(stack).map((r) => [r.rulePriority, r.selection.tagStatus])).toEqual([[10, 'tagged'], [20, 'any']]);
  });

  test('none() has no lifecycle policy and warns that images accumulate', () => {
    const stack = build(EcrLifecycle.none());
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { LifecyclePolicy: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/Stack/Images', Match.stringLikeRegexp('no lifecycle policy'));
  });

  const bad: Array<[string, EcrLifecycle, RegExp]> = [
    ['untagged additional rule (conflicts with the standard untagged rule)',
      EcrLifecycle.standard({ additionalRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 1 }] }),
      /^\[Stack\/Images\] lifecycle\.additionalRules: got "rule, tagStatus untagged"; allowed: additional rules that select tagged images \(tagPrefixList or tagPatternList\)\. Hint: .*TagStatus\.UNTAGGED rule would conflict\. Use EcrLifecycle\.custom/],
    ['ANY additional rule', EcrLifecycle.standard({ additionalRules: [{ maxImageCount: 3 }] }),
      /^\[Stack\/Images\] lifecycle\.additionalRules: got "rule, tagStatus any"; allowed: additional rules that select tagged images \(tagPrefixList or tagPatternList\)\. Hint: .*TagStatus\.ANY rule would conflict/],
    ['zero tagged images kept', EcrLifecycle.standard({ keepTaggedImages: 0 }),
      /^\[Stack\/Images\] lifecycle\.keepTaggedImages: got 0; allowed: a whole number, at least 1 \(at most 2147483647\)\./],
    ['more tagged images kept than a 32-bit count', EcrLifecycle.standard({ keepTaggedImages: 2_147_483_648 }),
      /^\[Stack\/Images\] lifecycle\.keepTaggedImages: got 2147483648; allowed: a whole number, at least 1 \(at most 2147483647\)\./],
    ['fractional expiry', EcrLifecycle.standard({ expireUntaggedAfter: Duration.hours(36) }),
      /^\[Stack\/Images\] lifecycle\.expireUntaggedAfter: got "1 day 12 hours"; allowed: a whole number of days, at least 1\./],
    ['expiry of zero days', EcrLifecycle.standard({ expireUntaggedAfter: Duration.days(0) }),
      /^\[Stack\/Images\] lifecycle\.expireUntaggedAfter: got "0 days"; allowed: a whole number of days, at least 1\./],
    ['empty custom rules', EcrLifecycle.custom([]),
      /^\[Stack\/Images\] lifecycle: got \[\]; allowed: EcrLifecycle\.custom with at least one rule\. Hint: use EcrLifecycle\.none\(\)/],
    ['both count and age', EcrLifecycle.custom([{ tagPrefixList: ['a'], maxImageCount: 1, maxImageAge: Duration.days(1) }]),
      /^\[Stack\/Images\] lifecycle rule: got "rule, tagStatus tagged with both maxImageCount and maxImageAge"; allowed: exactly one of maxImageCount and maxImageAge per rule\./],
    ['neither count nor age', EcrLifecycle.custom([{ tagPrefixList: ['a'] }]),
      /^\[Stack\/Images\] lifecycle rule: got "rule, tagStatus tagged with neither maxImageCount nor maxImageAge"; allowed: exactly one of maxImageCount and maxImageAge per rule\./],
    ['custom count of zero', EcrLifecycle.custom([{ tagPrefixList: ['a'], maxImageCount: 0 }]),
      /^\[Stack\/Images\] lifecycle rule maxImageCount: got 0; allowed: a whole number, at least 1 \(at most 2147483647\)\./],
    ['custom age of zero days', EcrLifecycle.custom([{ tagPrefixList: ['a'], maxImageAge: Duration.days(0) }]),
      /^\[Stack\/Images\] lifecycle rule maxImageAge: got "0 days"; allowed: a whole number of days, at least 1\./],
    ['prefix and pattern together', EcrLifecycle.custom([{ tagPrefixList: ['a'], tagPatternList: ['b*'], maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule: got "rule, tagStatus tagged with both tagPrefixList and tagPatternList"; allowed: either tagPrefixList or tagPatternList in one rule\./],
    ['tagged without lists', EcrLifecycle.custom([{ tagStatus: ecr.TagStatus.TAGGED, maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule: got "rule, tagStatus tagged without tagPrefixList or tagPatternList"; allowed: TagStatus\.TAGGED rules with a non-empty tagPrefixList or tagPatternList \(\["\*"\] selects every tagged image\)\./],
    ['lists on an untagged rule', EcrLifecycle.custom([{ tagStatus: ecr.TagStatus.UNTAGGED, tagPrefixList: ['a'], maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule: got "rule, tagStatus untagged with tag lists"; allowed: tagPrefixList and tagPatternList only on TagStatus\.TAGGED rules\./],
    ['five wildcards', EcrLifecycle.custom([{ tagPatternList: ['*a*b*c*d*'], maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule tagPatternList: got "\*a\*b\*c\*d\*"; allowed: patterns with at most 4 "\*" wildcards\./],
    ['duplicate priorities', EcrLifecycle.custom([
      { rulePriority: 1, tagPrefixList: ['a'], maxImageCount: 1 },
      { rulePriority: 1, tagPrefixList: ['b'], maxImageCount: 2 },
    ]), /^\[Stack\/Images\] lifecycle rule rulePriority: got "1 on both rule, tagStatus tagged, priority 1 and rule, tagStatus tagged, priority 1"; allowed: a different priority for every rule\./],
    ['ANY rule not last', EcrLifecycle.custom([
      { rulePriority: 1, maxImageCount: 10 },
      { rulePriority: 2, tagPrefixList: ['b'], maxImageCount: 2 },
    ]), /^\[Stack\/Images\] lifecycle rules: got "rule, tagStatus any, priority 1 below priority 2"; allowed: the TagStatus\.ANY rule with the highest rulePriority \(it is evaluated last\)\./],
    ['two ANY rules', EcrLifecycle.custom([{ maxImageCount: 10 }, { maxImageAge: Duration.days(3) }]),
      /^\[Stack\/Images\] lifecycle rules: got "2 rules with TagStatus\.ANY"; allowed: at most one TagStatus\.ANY rule\./],
    ['a prioritized ANY rule with unprioritized rules', EcrLifecycle.custom([
      { rulePriority: 9, maxImageCount: 10 },
      { tagPrefixList: ['b'], maxImageCount: 2 },
    ]), /^\[Stack\/Images\] lifecycle rule rulePriority: got "rule, tagStatus any, priority 9 with rules that have no rulePriority"; allowed: a rulePriority on every rule when the TagStatus\.ANY rule has one.*Hint: remove rulePriority from the TagStatus\.ANY rule/],
    ['priority zero', EcrLifecycle.custom([{ rulePriority: 0, tagPrefixList: ['a'], maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule rulePriority: got 0; allowed: a whole number of 1 or more\./],
    ['fractional priority', EcrLifecycle.custom([{ rulePriority: 1.5, tagPrefixList: ['a'], maxImageCount: 1 }]),
      /^\[Stack\/Images\] lifecycle rule rulePriority: got 1\.5; allowed: a whole number of 1 or more\./],
    ['a described rule is named by its description', EcrLifecycle.custom([{ description: 'Old PRs', tagPrefixList: ['pr-'] }]),
      /^\[Stack\/Images\] lifecycle rule: got "\\"Old PRs\\", tagStatus tagged with neither maxImageCount nor maxImageAge"; allowed: exactly one of maxImageCount and maxImageAge/],
  ];

  test.each(bad)('%s is a ValidationError', (_name, lifecycle, message) => {
    // WHEN
    const error = thrownBy(() => build(lifecycle));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('tokens are not rejected: numbers resolved at synth pass through to the policy', () => {
    // GIVEN
    const keep = Lazy.number({ produce: () => 30 });
    const days = Lazy.number({ produce: () => 14 });
    // WHEN
    const standard = build(EcrLifecycle.standard({ keepTaggedImages: keep, expireUntaggedAfter: Duration.days(days) }));
    const custom = build(EcrLifecycle.custom([
      { rulePriority: Lazy.number({ produce: () => 5 }), tagPrefixList: ['pr-'], maxImageCount: Lazy.number({ produce: () => 7 }) },
    ]));
    // THEN
    expect(renderedRules(standard).map((r) => [r.selection.tagStatus, r.selection.countNumber])).toEqual([['untagged', 14], ['tagged', 30]]);
    expect(renderedRules(custom)).toEqual([expect.objectContaining({ rulePriority: 5, selection: expect.objectContaining({ tagPrefixList: ['pr-'], countNumber: 7 }) })]);
  });

  test('a second untagged rule is legal but warned about: the first one selects every untagged image', () => {
    const stack = build(EcrLifecycle.custom([
      { tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 },
      { tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(3) },
    ]));
    expect(renderedRules(stack)).toHaveLength(2);
    Annotations.fromStack(stack).hasWarning('/Stack/Images', Match.stringLikeRegexp('2 lifecycle rules select untagged images.*ecrShadowedUntaggedRule'));
  });

  test('counts and ages have no upper limit below a 32-bit number', () => {
    const stack = build(EcrLifecycle.standard({ keepTaggedImages: 20_000, expireUntaggedAfter: Duration.days(36_500) }));
    expect(renderedRules(stack).map((r) => r.selection.countNumber)).toEqual([36_500, 20_000]);
  });

  test('tokens resolved at synth are checked after resolution', () => {
    const stack = build(EcrLifecycle.standard({ keepTaggedImages: Lazy.number({ produce: () => 0 }) }));
    const error = thrownBy(() => Template.fromStack(stack));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^\[Stack\/Images\] lifecycle\.keepTaggedImages: got 0; allowed: a whole number, at least 1/);
  });

  test.each([
    ['keepTaggedImages', (n: number) => EcrLifecycle.standard({ keepTaggedImages: n }), 'lifecycle.keepTaggedImages'],
    ['expireUntaggedAfter', (n: number) => EcrLifecycle.standard({ expireUntaggedAfter: Duration.days(n) }), 'lifecycle.expireUntaggedAfter'],
    ['maxImageCount', (n: number) => EcrLifecycle.custom([{ tagPrefixList: ['pr-'], maxImageCount: n }]), 'lifecycle rule maxImageCount'],
    ['rulePriority', (n: number) => EcrLifecycle.custom([{ rulePriority: n, tagPrefixList: ['pr-'], maxImageCount: 5 }]), 'lifecycle rule rulePriority'],
  ])('a deploy-time token (CfnParameter) in %s is a ValidationError: the policy text is written at synth', (_name, lifecycle, property) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    new EcrRepository(stack, 'Images', { lifecycle: lifecycle(n) });
    // WHEN
    const error = thrownBy(() => Template.fromStack(stack));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(new RegExp(
      `^\\[Stack/Images\\] ${property.replace(/\./g, '\\.')}: got "a token that resolves only at deploy time"; allowed: a number known at synth`));
  });
});
