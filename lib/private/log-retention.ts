import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from './validate';

/** The retention values CloudWatch Logs accepts (Logs API, PutRetentionPolicy.retentionInDays), INFINITE aside. */
const RETENTION_DAYS = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v !== logs.RetentionDays.INFINITE);

/**
 * Refuses `logs.RetentionDays.INFINITE` for a log group the library creates: logs that never
 * expire cost money forever, and Control Tower asks for a finite retention. Any other number must
 * be one CloudWatch Logs accepts (JavaScript and the other languages can pass any number).
 *
 * @param what the logs, in words for the hint (e.g. "session logs")
 */
export function checkFiniteRetention(scope: IConstruct, property: string, retention: logs.RetentionDays, what: string): void {
  if (retention === logs.RetentionDays.INFINITE) {
    throw new ValidationError(scope, {
      property, value: 'INFINITE', allowed: 'a finite logs.RetentionDays value',
      hint: `${what} that never expire cost money forever; pick e.g. logs.RetentionDays.ONE_YEAR`,
    });
  }
  if (!isToken(retention) && !RETENTION_DAYS.includes(retention)) {
    throw new ValidationError(scope, { property, value: retention, allowed: `a logs.RetentionDays value: one of ${RETENTION_DAYS.join(', ')} days` });
  }
}
