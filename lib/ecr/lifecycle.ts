import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';

/** Options of the standard lifecycle policy. */
export interface StandardLifecycleOptions {
  /**
   * How long untagged images (failed or superseded pushes) are kept. Whole days, at least 1.
   * @default Duration.days(7)
   */
  readonly expireUntaggedAfter?: Duration;

  /**
   * How many tagged images to keep; older ones expire. A whole number, at least 1.
   * Keep enough to roll back: every image a running service or a rollback may need must be among them.
   * @default 100
   */
  readonly keepTaggedImages?: number;

  /**
   * More rules, evaluated before the standard ones (e.g. keep only 5 `pr-*` images). They may not select
   * untagged images or use `TagStatus.ANY`: the standard rules already cover those; use
   * `EcrLifecycle.custom` to write every rule yourself.
   * @default - none
   */
  readonly additionalRules?: ecr.LifecycleRule[];
}

/**
 * Which images a repository expires.
 */
export class EcrLifecycle {
  /**
   * Expire untagged images after a few days and keep the newest N tagged images, plus any extra rules.
   */
  public static standard(options: StandardLifecycleOptions = {}): EcrLifecycle {
    return new EcrLifecycle('standard', options.additionalRules ?? [], options);
  }

  /**
   * Exactly these rules, validated against ECR's constraints at synth: exactly one of
   * `maxImageCount` (a whole number, at least 1) and `maxImageAge` (whole days, at least 1);
   * tagged rules with a `tagPrefixList` or a `tagPatternList` (at most 4 `*` per pattern), not both;
   * unique `rulePriority` values of at least 1; at most one `TagStatus.ANY` rule, evaluated last.
   * A second untagged rule is warned about: the first one already selects every untagged image.
   */
  public static custom(rules: ecr.LifecycleRule[]): EcrLifecycle {
    return new EcrLifecycle('custom', rules, {});
  }

  /** No lifecycle policy: images accumulate (and cost storage) until deleted by hand. */
  public static none(): EcrLifecycle {
    return new EcrLifecycle('none', [], {});
  }

  private constructor(
    private readonly mode: 'standard' | 'custom' | 'none',
    private readonly rules: ecr.LifecycleRule[],
    private readonly options: StandardLifecycleOptions,
  ) {}

  /**
   * Validates the rules for the repository `scope` and returns them in evaluation order.
   * @internal
   */
  public _bind(scope: Construct): ecr.LifecycleRule[] {
    if (this.mode === 'none') {
      Annotations.of(scope).addWarningV2('cdk-containers:ecrNoLifecycle',
        'The repository has no lifecycle policy: every image pushed is stored (and billed) until deleted by hand.');
      return [];
    }
    if (this.mode === 'custom' && this.rules.length === 0) {
      throw new ValidationError(scope, {
        property: 'lifecycle',
        value: [],
        allowed: 'EcrLifecycle.custom with at least one rule',
        hint: 'use EcrLifecycle.none() to have no lifecycle policy.',
      });
    }

    const rules = [...this.rules];
    if (this.mode === 'standard') {
      for (const rule of rules) {
        const status = effectiveStatus(rule);
        if (status !== ecr.TagStatus.TAGGED) {
          throw new ValidationError(scope, {
            property: 'lifecycle.additionalRules',
            value: describeRule(rule),
            allowed: 'additional rules that select tagged images (tagPrefixList or tagPatternList)',
            hint: `the standard lifecycle already has rules for untagged and for all tagged images; a TagStatus.${status.toUpperCase()} rule would conflict. Use EcrLifecycle.custom([...]) to write every rule yourself.`,
          });
        }
      }
      const untagged = this.options.expireUntaggedAfter ?? Duration.days(7);
      const keep = this.options.keepTaggedImages ?? 100;
      checkDays(scope, 'lifecycle.expireUntaggedAfter', untagged);
      checkCount(scope, 'lifecycle.keepTaggedImages', keep);
      rules.push(
        { description: 'Expire untagged images', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: untagged },
        { description: 'Keep the newest tagged images', tagStatus: ecr.TagStatus.TAGGED, tagPatternList: ['*'], maxImageCount: keep },
      );
    }

    rules.forEach((rule) => validateRule(scope, rule));
    validateSet(scope, rules);
    return rules;
  }
}

function effectiveStatus(rule: ecr.LifecycleRule): ecr.TagStatus {
  if (rule.tagStatus) return rule.tagStatus;
  return rule.tagPrefixList || rule.tagPatternList ? ecr.TagStatus.TAGGED : ecr.TagStatus.ANY;
}

function describeRule(rule: ecr.LifecycleRule): string {
  const parts = [rule.description ? `"${rule.description}"` : 'rule', `tagStatus ${effectiveStatus(rule)}`];
  if (rule.rulePriority !== undefined) parts.push(`priority ${rule.rulePriority}`);
  return parts.join(', ');
}

function validateRule(scope: Construct, rule: ecr.LifecycleRule): void {
  const what = describeRule(rule);
  const hasCount = rule.maxImageCount !== undefined;
  const hasAge = rule.maxImageAge !== undefined;
  if (hasCount === hasAge) {
    throw new ValidationError(scope, {
      property: 'lifecycle rule',
      value: `${what} with ${hasCount ? 'both maxImageCount and maxImageAge' : 'neither maxImageCount nor maxImageAge'}`,
      allowed: 'exactly one of maxImageCount and maxImageAge per rule',
    });
  }
  if (hasCount) checkCount(scope, 'lifecycle rule maxImageCount', rule.maxImageCount!);
  if (hasAge) checkDays(scope, 'lifecycle rule maxImageAge', rule.maxImageAge!);
  if (rule.tagPrefixList && rule.tagPatternList) {
    throw new ValidationError(scope, {
      property: 'lifecycle rule',
      value: `${what} with both tagPrefixList and tagPatternList`,
      allowed: 'either tagPrefixList or tagPatternList in one rule',
    });
  }
  const status = effectiveStatus(rule);
  const lists = [...(rule.tagPrefixList ?? []), ...(rule.tagPatternList ?? [])];
  if (status === ecr.TagStatus.TAGGED && lists.length === 0) {
    throw new ValidationError(scope, {
      property: 'lifecycle rule',
      value: `${what} without tagPrefixList or tagPatternList`,
      allowed: 'TagStatus.TAGGED rules with a non-empty tagPrefixList or tagPatternList (["*"] selects every tagged image)',
    });
  }
  if (status !== ecr.TagStatus.TAGGED && lists.length > 0) {
    throw new ValidationError(scope, {
      property: 'lifecycle rule',
      value: `${what} with tag lists`,
      allowed: 'tagPrefixList and tagPatternList only on TagStatus.TAGGED rules',
    });
  }
  for (const pattern of rule.tagPatternList ?? []) {
    if (isToken(pattern)) continue;
    if ((pattern.match(/\*/g) ?? []).length > 4) {
      throw new ValidationError(scope, {
        property: 'lifecycle rule tagPatternList',
        value: pattern,
        allowed: 'patterns with at most 4 "*" wildcards',
      });
    }
  }
  if (rule.rulePriority !== undefined) {
    whenKnown(scope, 'lifecycle rule rulePriority', rule.rulePriority, (priority) => {
      if (!Number.isInteger(priority) || priority < 1) {
        throw new ValidationError(scope, { property: 'lifecycle rule rulePriority', value: priority, allowed: 'a whole number of 1 or more' });
      }
    });
  }
}

function validateSet(scope: Construct, rules: ecr.LifecycleRule[]): void {
  const seen = new Map<number, ecr.LifecycleRule>();
  for (const rule of rules) {
    if (rule.rulePriority === undefined || isToken(rule.rulePriority)) continue;
    const other = seen.get(rule.rulePriority);
    if (other) {
      throw new ValidationError(scope, {
        property: 'lifecycle rule rulePriority',
        value: `${rule.rulePriority} on both ${describeRule(other)} and ${describeRule(rule)}`,
        allowed: 'a different priority for every rule',
      });
    }
    seen.set(rule.rulePriority, rule);
  }
  const any = rules.filter((r) => effectiveStatus(r) === ecr.TagStatus.ANY);
  if (any.length > 1) {
    throw new ValidationError(scope, {
      property: 'lifecycle rules',
      value: `${any.length} rules with TagStatus.ANY`,
      allowed: 'at most one TagStatus.ANY rule',
    });
  }
  if (any.length === 1 && any[0].rulePriority !== undefined) {
    const highest = Math.max(...rules.filter((r) => r.rulePriority !== undefined && !isToken(r.rulePriority)).map((r) => r.rulePriority!));
    if (any[0].rulePriority < highest) {
      throw new ValidationError(scope, {
        property: 'lifecycle rules',
        value: `${describeRule(any[0])} below priority ${highest}`,
        allowed: 'the TagStatus.ANY rule with the highest rulePriority (it is evaluated last)',
      });
    }
  }
  if (any.length === 1 && any[0].rulePriority !== undefined && rules.some((r) => r.rulePriority === undefined)) {
    // aws-cdk-lib numbers unprioritized rules after the highest priority, which would put them after the ANY rule.
    throw new ValidationError(scope, {
      property: 'lifecycle rule rulePriority',
      value: `${describeRule(any[0])} with rules that have no rulePriority`,
      allowed: 'a rulePriority on every rule when the TagStatus.ANY rule has one, or none on the TagStatus.ANY rule',
      hint: 'remove rulePriority from the TagStatus.ANY rule: it is then numbered last.',
    });
  }
  const untagged = rules.filter((r) => effectiveStatus(r) === ecr.TagStatus.UNTAGGED);
  if (untagged.length > 1) {
    // Legal for ECR, but an image that matches a rule's tag status is never expired by a later rule.
    Annotations.of(scope).addWarningV2('cdk-containers:ecrShadowedUntaggedRule',
      `${untagged.length} lifecycle rules select untagged images: only the one evaluated first can expire them. Merge them into one rule.`);
  }
}

/** ECR's countNumber: a positive integer (a 32-bit one; ECR documents no other maximum). */
const MAX_COUNT = 2_147_483_647;

function checkCount(scope: Construct, property: string, value: number): void {
  whenKnown(scope, property, value, (count) => {
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
      throw new ValidationError(scope, { property, value: count, allowed: `a whole number, at least 1 (at most ${MAX_COUNT})` });
    }
  });
}

function checkDays(scope: Construct, property: string, value: Duration): void {
  if (!value.isUnresolved()) {
    const days = value.toMilliseconds({ integral: false }) / 86_400_000;
    if (!Number.isInteger(days) || days < 1 || days > MAX_COUNT) {
      throw new ValidationError(scope, { property, value: value.toHumanString(), allowed: 'a whole number of days, at least 1' });
    }
    return;
  }
  // A token amount: only Duration.days(token) renders as whole days in the policy text.
  let days: number | undefined;
  try {
    days = value.toDays();
  } catch {
    throw new ValidationError(scope, { property, value: 'a token amount of a unit other than days', allowed: 'Duration.days(n)', hint: 'ECR counts image age in whole days' });
  }
  whenKnown(scope, property, days, (known) => {
    if (!Number.isInteger(known) || known < 1 || known > MAX_COUNT) {
      throw new ValidationError(scope, { property, value: `${known} days`, allowed: 'a whole number of days, at least 1' });
    }
  });
}

/**
 * Checks a number now, or, when it is a token, once the tree is finished: a token that resolves at
 * synth (`Lazy`) is checked after resolution; one that resolves only at deploy (a `CfnParameter`,
 * an attribute) cannot work, since ECR's lifecycle policy is a JSON text built at synth.
 */
function whenKnown(scope: Construct, property: string, value: number, check: (known: number) => void): void {
  if (!Token.isUnresolved(value)) {
    check(value);
    return;
  }
  scope.node.addValidation({
    validate: () => {
      const resolved: unknown = Stack.of(scope).resolve(value);
      if (typeof resolved !== 'number') {
        throw new ValidationError(scope, {
          property, value: 'a token that resolves only at deploy time', allowed: 'a number known at synth (a literal, or a Lazy value)',
          hint: 'the lifecycle policy is a JSON text written at synth, where a CloudFormation parameter or attribute cannot be placed',
        });
      }
      check(resolved);
      return [];
    },
  });
}
