import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';

/** How a bound reads in the message, when its number alone does not say enough (`0 (no timeout)`, `1440 (24 hours)`). */
export interface DurationBoundLabels {
  /** Replaces the lower bound in the message. */
  readonly min?: string;
  /** Said after the upper bound, in parentheses. */
  readonly max?: string;
}

/**
 * A duration AWS takes as a whole number of `unit` within [min, max] (ECS and ELB count seconds or
 * minutes, never fractions): its value in that unit, or undefined for no value or a token.
 */
export function checkWholeDuration(
  scope: IConstruct, property: string, d: Duration | undefined, unit: 'seconds' | 'minutes', min: number, max: number, labels: DurationBoundLabels = {},
): number | undefined {
  if (d === undefined || d.isUnresolved()) return undefined;
  const amount = d.toMilliseconds() / (unit === 'seconds' ? 1000 : 60_000);
  if (!Number.isInteger(amount) || amount < min || amount > max) {
    throw new ValidationError(scope, {
      property, value: d.toHumanString(), allowed: `whole ${unit} from ${labels.min ?? min} to ${max}${labels.max ? ` (${labels.max})` : ''}`,
    });
  }
  return amount;
}
