import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkIntegerRange, isToken } from '../private/validate';

/** Options of the standard lifecycle policy. */
export interface StandardLifecycleOptions {
  /**
   * How long untagged images (failed or superseded pushes) are kept. Whole days, 1 to 3650.
   * @default Duration.days(7)
   */
  readonly expireUntaggedAfter?: Duration;

  /**
   * How many tagged images to keep; older ones expire. 1 to 10,000.
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

  /** Exactly these rules, validated against ECR's constraints at synth. */
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
  const untagged = rules.filter((r) => effectiveStatus(r) === ecr.TagStatus.UNTAGGED);
  if (untagged.length > 1) {
    throw new ValidationError(scope, {
      property: 'lifecycle rules',
      value: `${untagged.length} rules with TagStatus.UNTAGGED`,
      allowed: 'at most one rule that selects untagged images',
    });
  }
}

function checkCount(scope: Construct, property: string, value: number): void {
  whenKnown(scope, property, value, (count) => checkIntegerRange(scope, property, count, 1, 10000));
}

function checkDays(scope: Construct, property: string, value: Duration): void {
  if (!value.isUnresolved()) {
    const days = value.toMilliseconds({ integral: false }) / 86_400_000;
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new ValidationError(scope, { property, value: value.toHumanString(), allowed: 'a whole number of days from 1 to 3650' });
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
    if (!Number.isInteger(known) || known < 1 || known > 3650) {
      throw new ValidationError(scope, { property, value: `${known} days`, allowed: 'a whole number of days from 1 to 3650' });
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
