import { App, CfnParameter, Stack, aws_scheduler as scheduler } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EcsScheduledTask, EcsScheduledTaskProps } from '../../../../lib/ecs/scheduled-task';
import { TaskCompatibility } from '../../../../lib/ecs/task-definition';
import { checkScheduleExpression } from '../../../../lib/ecs/private/schedule-expression';
import { ValidationError } from '../../../../lib/errors';
import { DAILY_SCHEDULE, scheduledTaskFixture } from '../../../support/ecs';
import { thrownBy } from '../../../support/thrown';

describe('checkScheduleExpression', () => {
  const scope = (): Construct => new Construct(new Stack(new App(), 'Stack'), 'Nightly');

  test.each([
    'rate(1 minute)', 'rate(5 minutes)', 'rate(1 hour)', 'rate(12 hours)', 'rate(1 day)', 'rate(7 days)',
    'cron(0 3 * * ? *)', 'cron(15 10 ? * MON-FRI *)', 'cron(0/5 8-17 ? * 2-6 2030)', 'cron( 0 3 1 * ? * )',
    'at(2030-01-01T02:00:00)',
  ])('accepts %s', (expr) => {
    expect(() => checkScheduleExpression(scope(), expr)).not.toThrow();
  });

  test('skips an unresolved token', () => {
    const stack = new Stack(new App(), 'Stack');
    const expr = new CfnParameter(stack, 'Expr').valueAsString;
    expect(() => checkScheduleExpression(new Construct(stack, 'Nightly'), expr)).not.toThrow();
  });

  test.each<[string, RegExp]>([
    ['rate(2 day)', /^\[Stack\/Nightly\] schedule: got "rate\(2 day\)"; allowed: rate\(1 unit\) or rate\(N units\) with N > 1/],
    ['rate(1 minutes)', /^\[Stack\/Nightly\] schedule: got "rate\(1 minutes\)"; allowed: rate\(1 unit\) or rate\(N units\)/],
    ['rate(5 weeks)', /^\[Stack\/Nightly\] schedule: got "rate\(5 weeks\)"; allowed: rate\(N minute\[s\]\|hour\[s\]\|day\[s\]\), cron\(/],
    ['cron(0 3 * * ? * *)', /^\[Stack\/Nightly\] schedule: got "cron\(0 3 \* \* \? \* \*\)"; allowed: cron with 6 fields/],
    ['cron(0 3 1 * MON *)', /^\[Stack\/Nightly\] schedule: got "cron\(0 3 1 \* MON \*\)"; allowed: exactly one of day-of-month and day-of-week set to "\?"/],
    ['at(2030-01-01 02:00:00)', /^\[Stack\/Nightly\] schedule: got "at\(2030-01-01 02:00:00\)"; allowed: rate\(/],
    ['', /^\[Stack\/Nightly\] schedule: got ""; allowed: rate\(/],
  ])('refuses %j with a ValidationError on the scope', (expr, message) => {
    const error = thrownBy(() => checkScheduleExpression(scope(), expr));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ constructPath: 'Stack/Nightly', property: 'schedule', value: expr });
    expect((error as ValidationError).message).toMatch(message);
  });
});

describe('EcsScheduledTask schedule expressions', () => {
  /** A scheduled task in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsScheduledTaskProps>, compatibility?: TaskCompatibility) => () => {
    const f = scheduledTaskFixture(compatibility);
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, ...over });
  };
  const expression = (text: string) => make({ schedule: scheduler.ScheduleExpression.expression(text) });
  const ANY_EXPRESSION = 'rate\\(N minute\\[s\\]\\|hour\\[s\\]\\|day\\[s\\]\\), cron\\(min hour day-of-month month day-of-week year\\) or at\\(yyyy-mm-ddThh:mm:ss\\)';

  const cases: Array<[string, () => void, RegExp]> = [
    // schedule expressions
    ['cron with 5 fields', expression('cron(0 3 * * ?)'),
      /^\[Stack\/Nightly\] schedule: got "cron\(0 3 \* \* \?\)"; allowed: cron with 6 fields: minutes hours day-of-month month day-of-week year\. Hint: e\.g\. cron\(0 3 \* \* \? \*\)/],
    ['cron with both day fields set', expression('cron(0 3 * * MON *)'),
      /^\[Stack\/Nightly\] schedule: got "cron\(0 3 \* \* MON \*\)"; allowed: exactly one of day-of-month and day-of-week set to "\?"\. Hint: e\.g\. cron\(0 3 \* \* \? \*\)/],
    ['cron with both day fields "?"', expression('cron(0 3 ? * ? *)'),
      /^\[Stack\/Nightly\] schedule: got "cron\(0 3 \? \* \? \*\)"; allowed: exactly one of day-of-month and day-of-week set to "\?"\./],
    ['rate with the wrong plural', expression('rate(1 hours)'),
      /^\[Stack\/Nightly\] schedule: got "rate\(1 hours\)"; allowed: rate\(1 unit\) or rate\(N units\) with N > 1, e\.g\. rate\(1 hour\), rate\(5 minutes\)\./],
    ['rate with the wrong singular', expression('rate(5 minute)'),
      /^\[Stack\/Nightly\] schedule: got "rate\(5 minute\)"; allowed: rate\(1 unit\) or rate\(N units\) with N > 1/],
    ['rate of zero', expression('rate(0 minutes)'),
      /^\[Stack\/Nightly\] schedule: got "rate\(0 minutes\)"; allowed: rate\(1 unit\) or rate\(N units\) with N > 1/],
    ['unknown expression', expression('every day'),
      new RegExp(`^\\[Stack/Nightly\\] schedule: got "every day"; allowed: ${ANY_EXPRESSION}\\.$`)],
    ['at() without a time', expression('at(2030-01-01)'),
      new RegExp(`^\\[Stack/Nightly\\] schedule: got "at\\(2030-01-01\\)"; allowed: ${ANY_EXPRESSION}\\.$`)],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});
