import { App, CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../../../lib/errors';
import { checkIntegerAtLeast, checkIntegerRange, checkSizeOrder, isToken, isRecord } from '../../../lib/private/validate';
import { thrownBy } from '../../support/thrown';

const scope = (): Construct => new Construct(new Stack(new App(), 'Stack'), 'Thing');

describe('isToken', () => {
  test('true for unresolved strings, numbers and lists; false for literals and other values', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(isToken(new CfnParameter(stack, 'S').valueAsString)).toBe(true);
    expect(isToken(new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber)).toBe(true);
    expect(isToken(new CfnParameter(stack, 'L', { type: 'CommaDelimitedList' }).valueAsList)).toBe(true);
    expect(isToken(Lazy.number({ produce: () => 3 }))).toBe(true);
    expect(isToken(Token.asString({ Ref: 'X' }))).toBe(true);
    for (const literal of ['text', '', 42, 0, -1.5, ['a', 'b'], [], undefined, null, {}, true]) expect(isToken(literal)).toBe(false);
  });

  test('false for a resolvable object: only tokens encoded in a string, number or list stand for a value that is checked', () => {
    // GIVEN: an IResolvable, which CDK counts as unresolved, but which no number or string property holds
    const resolvable = Lazy.any({ produce: () => 3 });
    expect(Token.isUnresolved(resolvable)).toBe(true);
    // THEN
    expect(isToken(resolvable)).toBe(false);
  });
});

describe('checkIntegerAtLeast', () => {
  test('whole numbers from the minimum up, with no upper bound; undefined and tokens pass', () => {
    const stack = new Stack(new App(), 'Stack');
    for (const value of [100, 101, 400, 1_000_000, undefined, new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber]) {
      expect(() => checkIntegerAtLeast(scope(), 'maxHealthyPercent', value, 100)).not.toThrow();
    }
  });

  test.each([99, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('%p is refused with the property, the value and the rule', (value) => {
    const error = thrownBy(() => checkIntegerAtLeast(scope(), 'maxHealthyPercent', value, 100, 'a hint'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^\[Stack\/Thing\] maxHealthyPercent: got .*; allowed: a whole number of at least 100\. Hint: a hint$/);
  });
});

describe('checkIntegerRange', () => {
  test('whole numbers within the bounds, both included, pass; so does undefined', () => {
    for (const value of [0, 1, 50, 100, undefined]) expect(() => checkIntegerRange(scope(), 'size', value, 0, 100)).not.toThrow();
  });

  test.each<[number, string]>([
    [-1, 'below the minimum'],
    [101, 'above the maximum'],
    [1.5, 'a fraction'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('%s (%s) is a ValidationError naming the property, the value and the range', (value) => {
    const error = thrownBy(() => checkIntegerRange(scope(), 'maxSize', value, 0, 100));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ constructPath: 'Stack/Thing', property: 'maxSize', value, allowed: 'a whole number from 0 to 100' });
    expect((error as ValidationError).message).toBe(`[Stack/Thing] maxSize: got ${value}; allowed: a whole number from 0 to 100.`);
  });

  test('the hint, when given, ends the message', () => {
    expect(() => checkIntegerRange(scope(), 'desiredCount', 5001, 0, 5000, 'ECS allows up to 5000 tasks per service'))
      .toThrow('[Stack/Thing] desiredCount: got 5001; allowed: a whole number from 0 to 5000. Hint: ECS allows up to 5000 tasks per service');
  });

  test('tokens are skipped, whatever they resolve to', () => {
    const stack = new Stack(new App(), 'Stack');
    const parameter = new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber;
    const lazy = Lazy.number({ produce: () => -5 });
    expect(() => checkIntegerRange(new Construct(stack, 'Thing'), 'count', parameter, 1, 10)).not.toThrow();
    expect(() => checkIntegerRange(new Construct(stack, 'Other'), 'count', lazy, 1, 10)).not.toThrow();
  });
});

describe('checkSizeOrder', () => {
  const bound = (property: string, value: number) => ({ property, value });

  test('min <= desired <= max passes, equal bounds too; desired may be left out', () => {
    expect(() => checkSizeOrder(scope(), bound('minSize', 1), bound('desiredSize', 2), bound('maxSize', 3))).not.toThrow();
    expect(() => checkSizeOrder(scope(), bound('minSize', 2), bound('desiredSize', 2), bound('maxSize', 2))).not.toThrow();
    expect(() => checkSizeOrder(scope(), bound('minSize', 0), undefined, bound('maxSize', 0))).not.toThrow();
  });

  test('min above max is reported on the min property', () => {
    const error = thrownBy(() => checkSizeOrder(scope(), bound('minSize', 5), undefined, bound('maxSize', 3)));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('[Stack/Thing] minSize: got 5; allowed: at most maxSize (3).');
  });

  test('desired outside [min, max] is reported on the desired property', () => {
    expect(() => checkSizeOrder(scope(), bound('minSize', 2), bound('desiredSize', 1), bound('maxSize', 4)))
      .toThrow('[Stack/Thing] desiredSize: got 1; allowed: from minSize (2) to maxSize (4).');
    expect(() => checkSizeOrder(scope(), bound('minCapacity', 0), bound('desiredCapacity', 9), bound('maxCapacity', 4)))
      .toThrow('[Stack/Thing] desiredCapacity: got 9; allowed: from minCapacity (0) to maxCapacity (4).');
  });

  test('comparisons with a token are skipped; a token bound is shown as "a token"', () => {
    const stack = new Stack(new App(), 'Stack');
    const max = new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber;
    const desired = new CfnParameter(stack, 'Desired', { type: 'Number' }).valueAsNumber;
    const thing = new Construct(stack, 'Thing');
    expect(() => checkSizeOrder(thing, bound('minSize', 9), bound('desiredSize', 10), bound('maxSize', max))).not.toThrow();
    expect(() => checkSizeOrder(thing, bound('minSize', 9), bound('desiredSize', desired), bound('maxSize', 3))).toThrow(/minSize: got 9; allowed: at most maxSize \(3\)/);
    expect(() => checkSizeOrder(thing, bound('minSize', 0), bound('desiredSize', desired), bound('maxSize', 3))).not.toThrow();
    expect(() => checkSizeOrder(thing, bound('minSize', 2), bound('desiredSize', 1), bound('maxSize', max)))
      .toThrow('[Stack/Thing] desiredSize: got 1; allowed: from minSize (2) to maxSize (a token).');
  });
});

describe('isRecord', () => {
  test.each([[{}, true], [{ a: 1 }, true], [null, false], [[], false], ['x', false], [1, false], [undefined, false]])('%j -> %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});
