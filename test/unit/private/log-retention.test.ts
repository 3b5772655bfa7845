import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EcsCluster, EcsClusterProps } from '../../../lib/ecs/cluster';
import { checkFiniteRetention } from '../../../lib/private/log-retention';
import { EcsTaskDefinition } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { webContainer } from '../../support/ecs';
import { newStack } from '../../support/stack';
import { thrownBy } from '../../support/thrown';

describe('checkFiniteRetention', () => {
  test.each([logs.RetentionDays.ONE_DAY, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.TEN_YEARS])('accepts %s days', (retention) => {
    expect(() => checkFiniteRetention(new Construct(newStack(), 'Logs'), 'logRetention', retention, 'logs')).not.toThrow();
  });

  test('refuses INFINITE, naming the property and, in the hint, what the logs are', () => {
    const error = thrownBy(() => checkFiniteRetention(new Construct(newStack(), 'Cluster'), 'executeCommandLogRetention', logs.RetentionDays.INFINITE, 'session logs'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ constructPath: 'Stack/Cluster', property: 'executeCommandLogRetention', value: 'INFINITE', allowed: 'a finite logs.RetentionDays value' });
    expect((error as ValidationError).message).toBe(
      '[Stack/Cluster] executeCommandLogRetention: got "INFINITE"; allowed: a finite logs.RetentionDays value. '
      + 'Hint: session logs that never expire cost money forever; pick e.g. logs.RetentionDays.ONE_YEAR');
  });
});

describe('log retention of the log groups the library creates', () => {
  /** Builds a task definition in `stack` and synthesizes, so checks on the finished tree run too. */
  const make = (props: ConstructorParameters<typeof EcsTaskDefinition>[2]) => (stack: Stack) => {
    new EcsTaskDefinition(stack, 'App', props);
    Template.fromStack(stack);
  };
  /** An EcsCluster with the given props. */
  const cluster = (props: EcsClusterProps) => (stack: Stack) => {
    new EcsCluster(stack, 'Cluster', props);
  };

  const cases: Array<[string, (stack: Stack) => void, RegExp]> = [
    // EcsTaskDefinition's container logs
    ['log retention "never expire"', make({ logRetention: logs.RetentionDays.INFINITE, containers: [webContainer()] }),
      /^\[Stack\/App\] logRetention: got "INFINITE"; allowed: a finite logs\.RetentionDays value\. Hint: logs that never expire cost money forever/],
    // EcsCluster's ECS Exec session logs
    ['Exec logs kept forever', cluster({ enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.INFINITE }), /^\[Stack\/Cluster\] executeCommandLogRetention: got "INFINITE"; allowed: a finite logs.RetentionDays value/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const error = thrownBy(() => build(stack));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});
