import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;

/** Checks an EventBridge Scheduler expression: `rate(...)`, `cron(6 fields)` or `at(yyyy-mm-ddThh:mm:ss)`. */
export function checkScheduleExpression(scope: IConstruct, expr: string): void {
  if (Token.isUnresolved(expr)) return;
  const allowed = 'rate(N minute[s]|hour[s]|day[s]), cron(min hour day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)';
  const rate = RATE.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    const singular = !rate[2]!.endsWith('s');
    if (n < 1 || (n === 1) !== singular) {
      throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'rate(1 unit) or rate(N units) with N > 1, e.g. rate(1 hour), rate(5 minutes)' });
    }
    return;
  }
  const cron = CRON.exec(expr);
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) {
      throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'cron with 6 fields: minutes hours day-of-month month day-of-week year', hint: 'e.g. cron(0 3 * * ? *) for 03:00 every day' });
    }
    if ((fields[2] === '?') === (fields[4] === '?')) {
      throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'exactly one of day-of-month and day-of-week set to "?"', hint: 'e.g. cron(0 3 * * ? *)' });
    }
    return;
  }
  if (AT.test(expr)) return;
  throw new ValidationError(scope, { property: 'schedule', value: expr, allowed });
}
