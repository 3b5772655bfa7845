import { TimeZone, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** The longest time zone name EventBridge Scheduler takes (ScheduleExpressionTimezone, CFN AWS::Scheduler::Schedule). */
const MAX_TIME_ZONE_LENGTH = 50;

/** One field of a cron expression, as the EventBridge Scheduler user guide's table lists it. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names that stand for the values min, min + 1, ... (JAN-DEC, SUN-SAT). */
  readonly names?: readonly string[];
  /** Whether `/` (increments) is allowed. */
  readonly increments: boolean;
  /** Whether `?` is allowed (day-of-month and day-of-week). */
  readonly any: boolean;
  /** What the field accepts, for the error. */
  readonly allowed: string;
}

const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, increments: true, any: false, allowed: '0-59 with , - * /' },
  { name: 'hours', min: 0, max: 23, increments: true, any: false, allowed: '0-23 with , - * /' },
  { name: 'day-of-month', min: 1, max: 31, increments: true, any: true, allowed: '1-31 with , - * ? / L W (e.g. 15, L, 3W)' },
  { name: 'month', min: 1, max: 12, names: MONTHS, increments: true, any: false, allowed: '1-12 or JAN-DEC with , - * /' },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, increments: false, any: true, allowed: '1-7 or SUN-SAT with , - * ? L # (e.g. MON-FRI, 6L, 3#2)' },
  { name: 'year', min: 1970, max: 2199, increments: true, any: false, allowed: '1970-2199 with , - * /' },
];

/**
 * Checks an EventBridge Scheduler expression (EventBridge Scheduler user guide, "Schedule types"):
 * `rate(value unit)`, `cron(6 fields)` with each field's values and wildcards, or
 * `at(yyyy-mm-ddThh:mm:ss)` with a real date and time; and its time zone, when one is given.
 * Tokens are not checked.
 */
export function checkScheduleExpression(scope: IConstruct, expr: string, timeZone?: TimeZone): void {
  checkTimeZone(scope, timeZone);
  if (Token.isUnresolved(expr)) return;
  const rate = RATE.exec(expr);
  if (rate) return checkRate(scope, expr, Number(rate[1]), rate[2]!);
  const cron = CRON.exec(expr);
  if (cron) return checkCron(scope, expr, cron[1]!.trim().split(/\s+/));
  const at = AT.exec(expr);
  if (at) return checkAt(scope, expr, at.slice(1).map(Number));
  throw new ValidationError(scope, {
    property: 'schedule', value: expr,
    allowed: 'rate(N minute[s]|hour[s]|day[s]), cron(min hour day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)',
  });
}

function checkRate(scope: IConstruct, expr: string, n: number, unit: string): void {
  const singular = !unit.endsWith('s');
  if (n < 1 || (n === 1) !== singular) {
    throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'rate(1 unit) or rate(N units) with N > 1, e.g. rate(1 hour), rate(5 minutes)' });
  }
}

function checkCron(scope: IConstruct, expr: string, fields: string[]): void {
  if (fields.length !== 6) {
    throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'cron with 6 fields: minutes hours day-of-month month day-of-week year', hint: 'e.g. cron(0 3 * * ? *) for 03:00 every day' });
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'exactly one of day-of-month and day-of-week set to "?"', hint: 'e.g. cron(0 3 * * ? *)' });
  }
  FIELDS.forEach((field, i) => {
    if (!validCronField(field, fields[i]!)) {
      throw new ValidationError(scope, {
        property: 'schedule', value: expr, allowed: `a cron ${field.name} field of ${field.allowed}`,
        hint: `"${fields[i]}" is not a valid ${field.name} field`,
      });
    }
  });
}

function checkAt(scope: IConstruct, expr: string, parts: number[]): void {
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  // Date.UTC rolls 2025-02-30 over into March: a real date reads back the same.
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    && d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  if (!real) {
    throw new ValidationError(scope, { property: 'schedule', value: expr, allowed: 'at(yyyy-mm-ddThh:mm:ss) with a real date and a time from 00:00:00 to 23:59:59' });
  }
}

/** The time zone must be an IANA name (e.g. Europe/Paris) of at most 50 characters. */
function checkTimeZone(scope: IConstruct, timeZone: TimeZone | undefined): void {
  const name = timeZone?.timezoneName;
  if (name === undefined || Token.isUnresolved(name)) return;
  if (name.length < 1 || name.length > MAX_TIME_ZONE_LENGTH || !isKnownTimeZone(name)) {
    throw new ValidationError(scope, {
      property: 'schedule.timeZone', value: name, allowed: 'an IANA time zone name of at most 50 characters, e.g. Europe/Paris or America/New_York',
      hint: 'use a TimeZone constant (TimeZone.EUROPE_PARIS) rather than TimeZone.of(...)',
    });
  }
}

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Whether `text` is a valid cron field: `?` alone, or a comma-separated list of items. */
function validCronField(field: CronField, text: string): boolean {
  if (text === '?') return field.any;
  const items = text.split(',');
  // "#" (the nth weekday of the month) stands alone: "3#1,6#3" is two expressions.
  if (field.name === 'day-of-week' && text.includes('#')) return items.length === 1 && validNthWeekday(field, text);
  return items.every((item) => validCronItem(field, item));
}

function validCronItem(field: CronField, item: string): boolean {
  if (field.name === 'day-of-month' && /^(L|LW|L-\d+|\d+W)$/.test(item)) return item.startsWith('L') ? lastDayOffsetOk(item) : inRange(field, item.slice(0, -1));
  if (field.name === 'day-of-week' && /^(L|[0-9A-Za-z]+L)$/.test(item)) return item === 'L' || inRange(field, item.slice(0, -1));
  const [base, step, extra] = item.split('/');
  if (extra !== undefined) return false;
  if (step !== undefined && (!field.increments || !/^\d+$/.test(step) || Number(step) < 1)) return false;
  if (base === '*') return true;
  const range = base!.split('-');
  if (range.length > 2) return false;
  return range.every((v) => inRange(field, v));
}

/** `L-n`: n days before the last day of the month (at most 30). */
function lastDayOffsetOk(item: string): boolean {
  return !item.startsWith('L-') || Number(item.slice(2)) <= 30;
}

/** `d#n`: the nth (1-5) weekday d of the month. */
function validNthWeekday(field: CronField, text: string): boolean {
  const [day, nth] = text.split('#');
  return inRange(field, day!) && /^[1-5]$/.test(nth ?? '');
}

/** A single value of the field: a whole number in range, or one of its names. */
function inRange(field: CronField, value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) >= field.min && Number(value) <= field.max;
  return field.names?.includes(value.toUpperCase()) ?? false;
}
