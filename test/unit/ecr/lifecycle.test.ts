import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EcrLifecycle, EcrRepository, ValidationError } from '../../../lib';

function build(lifecycle: EcrLifecycle): Stack {
  const stack = new Stack(new App(), 'Stack');
  new EcrRepository(stack, 'Images', { lifecycle });
  return stack;
}

describe('EcrLifecycle', () => {
  test('custom rules are rendered exactly, in priority order', () => {
    // GIVEN / WHEN
    const stack = build(EcrLifecycle.custom([
      { rulePriority: 10, tagPrefixList: ['release-'], maxImageCount: 50 },
      { rulePriority: 20, tagStatus: ecr.TagStatus.ANY, maxImageAge: Duration.days(365) },
    ]));

    // THEN
    const repo = Object.values(Template.fromStack(stack).findResources('AWS::ECR::Repository'))[0];
    const rules = JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
    expect(rules.map((r: { rulePriority: number; selection: { tagStatus: string } }) => [r.rulePriority, r.selection.tagStatus])).toEqual([[10, 'tagged'], [20, 'any']]);
  });

  test('none() has no lifecycle policy and warns that images accumulate', () => {
    const stack = build(EcrLifecycle.none());
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { LifecyclePolicy: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/Stack/Images', Match.stringLikeRegexp('no lifecycle policy'));
  });

  const bad: Array<[string, EcrLifecycle, RegExp]> = [
    ['untagged additional rule (conflicts with the standard untagged rule)',
      EcrLifecycle.standard({ additionalRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 1 }] }),
      /\[Stack\/Images\] lifecycle.additionalRules: got "rule, tagStatus untagged"; allowed: additional rules that select tagged images.*Hint: .*EcrLifecycle.custom/],
    ['ANY additional rule', EcrLifecycle.standard({ additionalRules: [{ maxImageCount: 3 }] }), /additionalRules: got "rule, tagStatus any"/],
    ['zero tagged images kept', EcrLifecycle.standard({ keepTaggedImages: 0 }), /lifecycle.keepTaggedImages: got 0; allowed: a whole number from 1 to 10000/],
    ['fractional expiry', EcrLifecycle.standard({ expireUntaggedAfter: Duration.hours(36) }), /lifecycle.expireUntaggedAfter: got "1 day 12 hours"; allowed: a whole number of days from 1 to 3650/],
    ['empty custom rules', EcrLifecycle.custom([]), /lifecycle: got \[\]; allowed: EcrLifecycle.custom with at least one rule/],
    ['both count and age', EcrLifecycle.custom([{ tagPrefixList: ['a'], maxImageCount: 1, maxImageAge: Duration.days(1) }]),
      /lifecycle rule: got "rule, tagStatus tagged with both maxImageCount and maxImageAge"; allowed: exactly one of maxImageCount and maxImageAge/],
    ['neither count nor age', EcrLifecycle.custom([{ tagPrefixList: ['a'] }]), /with neither maxImageCount nor maxImageAge/],
    ['prefix and pattern together', EcrLifecycle.custom([{ tagPrefixList: ['a'], tagPatternList: ['b*'], maxImageCount: 1 }]), /with both tagPrefixList and tagPatternList"; allowed: either/],
    ['tagged without lists', EcrLifecycle.custom([{ tagStatus: ecr.TagStatus.TAGGED, maxImageCount: 1 }]), /without tagPrefixList or tagPatternList/],
    ['lists on an untagged rule', EcrLifecycle.custom([{ tagStatus: ecr.TagStatus.UNTAGGED, tagPrefixList: ['a'], maxImageCount: 1 }]), /with tag lists"; allowed: tagPrefixList and tagPatternList only on TagStatus.TAGGED/],
    ['five wildcards', EcrLifecycle.custom([{ tagPatternList: ['*a*b*c*d*'], maxImageCount: 1 }]), /tagPatternList: got "\*a\*b\*c\*d\*"; allowed: patterns with at most 4/],
    ['duplicate priorities', EcrLifecycle.custom([
      { rulePriority: 1, tagPrefixList: ['a'], maxImageCount: 1 },
      { rulePriority: 1, tagPrefixList: ['b'], maxImageCount: 2 },
    ]), /rulePriority: got "1 on both rule, tagStatus tagged, priority 1 and rule, tagStatus tagged, priority 1"; allowed: a different priority/],
    ['ANY rule not last', EcrLifecycle.custom([
      { rulePriority: 1, maxImageCount: 10 },
      { rulePriority: 2, tagPrefixList: ['b'], maxImageCount: 2 },
    ]), /lifecycle rules: got "rule, tagStatus any, priority 1 below priority 2"; allowed: the TagStatus.ANY rule with the highest rulePriority/],
    ['two ANY rules', EcrLifecycle.custom([{ maxImageCount: 10 }, { maxImageAge: Duration.days(3) }]), /got "2 rules with TagStatus.ANY"; allowed: at most one/],
    ['two untagged rules', EcrLifecycle.custom([
      { tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 },
      { tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(3) },
    ]), /got "2 rules with TagStatus.UNTAGGED"/],
    ['priority zero', EcrLifecycle.custom([{ rulePriority: 0, tagPrefixList: ['a'], maxImageCount: 1 }]), /rulePriority: got 0; allowed: a whole number of 1 or more/],
  ];

  test.each(bad)('%s is a ValidationError', (_name, lifecycle, message) => {
    expect(() => build(lifecycle)).toThrow(ValidationError);
    expect(() => build(lifecycle)).toThrow(message);
  });
});
