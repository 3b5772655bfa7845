import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

/** True when the value is a token that resolves only at deploy time: such values are not checked. */
export function isToken(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value);
}

/** Checks that a concrete number is an integer within [min, max]; tokens pass. */
export function checkIntegerRange(scope: IConstruct, property: string, value: number | undefined, min: number, max: number, hint?: string): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, { property, value, allowed: `a whole number from ${min} to ${max}`, hint });
  }
}
