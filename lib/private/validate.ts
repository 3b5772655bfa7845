import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

/** True when the value is a token that resolves only at deploy time: such values are not checked. */
export function isToken(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value);
}

/** True for a JSON object (not null, not an array): what a parsed template or manifest value holds fields in. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that a concrete number is an integer within [min, max]; tokens pass. */
export function checkIntegerRange(scope: IConstruct, property: string, value: number | undefined, min: number, max: number, hint?: string): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, { property, value, allowed: `a whole number from ${min} to ${max}`, hint });
  }
}

/** Checks that `value`, when given and not a token, is a whole number of at least `min` (no upper bound). */
export function checkIntegerAtLeast(scope: IConstruct, property: string, value: number | undefined, min: number, hint?: string): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(scope, { property, value, allowed: `a whole number of at least ${min}`, hint });
  }
}

/** One bound of a size range: the property that holds it and its value (which may be a token). */
export interface SizeBound {
  /** The property, e.g. `minSize`. */
  readonly property: string;
  /** The value. */
  readonly value: number;
}

/**
 * Checks that `min <= max` and that `desired`, when given, lies in `[min, max]`; comparisons with a
 * token are skipped. Throws on the min property (`at most <max property> (<max>)`), or on the
 * desired property (`from <min property> (<min>) to <max property> (<max>)`, a token bound shown
 * as "a token").
 */
export function checkSizeOrder(scope: IConstruct, min: SizeBound, desired: SizeBound | undefined, max: SizeBound): void {
  if (!isToken(min.value) && !isToken(max.value) && min.value > max.value) {
    throw new ValidationError(scope, { property: min.property, value: min.value, allowed: `at most ${max.property} (${max.value})` });
  }
  if (desired === undefined || isToken(desired.value)) return;
  if ((!isToken(min.value) && desired.value < min.value) || (!isToken(max.value) && desired.value > max.value)) {
    const shown = (n: number): string => (isToken(n) ? 'a token' : String(n));
    throw new ValidationError(scope, {
      property: desired.property,
      value: desired.value,
      allowed: `from ${min.property} (${shown(min.value)}) to ${max.property} (${shown(max.value)})`,
    });
  }
}
