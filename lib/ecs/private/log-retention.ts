import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';

/**
 * Refuses `logs.RetentionDays.INFINITE` for a log group the library creates: logs that never
 * expire cost money forever, and Control Tower asks for a finite retention.
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
}
