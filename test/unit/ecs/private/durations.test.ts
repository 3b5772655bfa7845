import { CfnParameter, Duration } from 'aws-cdk-lib';
import { checkWholeDuration } from '../../../../lib/ecs/private/durations';
import { newStack } from '../../../support/stack';

const message = (build: () => unknown): string => {
  try {
    build();
  } catch (e) {
    return (e as Error).message;
  }
  return 'nothing thrown';
};

describe('checkWholeDuration', () => {
  test('returns the amount in the unit; nothing for no value or a token', () => {
    const stack = newStack();
    expect(checkWholeDuration(stack, 'x', Duration.minutes(2), 'seconds', 0, 300)).toBe(120);
    expect(checkWholeDuration(stack, 'x', Duration.hours(1), 'minutes', 0, 1440)).toBe(60);
    expect(checkWholeDuration(stack, 'x', undefined, 'seconds', 0, 1)).toBeUndefined();
    const token = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
    expect(checkWholeDuration(stack, 'x', Duration.seconds(token), 'seconds', 5, 5)).toBeUndefined();
  });

  test('both bounds are inclusive', () => {
    const stack = newStack();
    expect(checkWholeDuration(stack, 'x', Duration.seconds(5), 'seconds', 5, 300)).toBe(5);
    expect(checkWholeDuration(stack, 'x', Duration.seconds(300), 'seconds', 5, 300)).toBe(300);
    expect(message(() => checkWholeDuration(stack, 'x', Duration.seconds(4), 'seconds', 5, 300))).toBe('[Stack] x: got "4 seconds"; allowed: whole seconds from 5 to 300.');
    expect(message(() => checkWholeDuration(stack, 'x', Duration.seconds(301), 'seconds', 5, 300))).toBe('[Stack] x: got "5 minutes 1 second"; allowed: whole seconds from 5 to 300.');
  });

  test('a fraction of the unit is refused; the labels explain the bounds', () => {
    const stack = newStack();
    expect(message(() => checkWholeDuration(stack, 'bake', Duration.seconds(90), 'minutes', 0, 1440, { max: '24 hours' })))
      .toBe('[Stack] bake: got "1 minute 30 seconds"; allowed: whole minutes from 0 to 1440 (24 hours).');
    expect(message(() => checkWholeDuration(stack, 'idle', Duration.millis(1500), 'seconds', 0, 10, { min: '0 (no timeout)' })))
      .toBe('[Stack] idle: got "1 second 500 millis"; allowed: whole seconds from 0 (no timeout) to 10.');
  });
});
