import { CfnParameter, Duration, TimeZone, aws_ec2 as ec2, aws_ecs as ecs, aws_scheduler as scheduler, aws_sqs as sqs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { EcsScheduledTask, EcsScheduledTaskProps } from '../../../lib/ecs/scheduled-task';
import { ServiceCapacity } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { DAILY_SCHEDULE, scheduledTaskFixture } from '../../support/ecs';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

describe('EcsScheduledTask defaults', () => {
  let template: Template;
  let task: EcsScheduledTask;
  beforeAll(() => {
    // GIVEN
    const f = scheduledTaskFixture();
    // WHEN
    task = new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE });
    template = Template.fromStack(f.stack);
  });

  test('an EventBridge Scheduler schedule runs one task of the task definition in the cluster on Fargate', () => {
    // THEN
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Cluster'), 'Arn'] },
        EcsParameters: Match.objectLike({ TaskDefinitionArn: { Ref: Match.stringLikeRegexp('^Report') }, TaskCount: 1, LaunchType: 'FARGATE' }),
      }),
    });
  });

  test('private subnets, no public IP, an outbound-only security group', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({
          NetworkConfiguration: { AwsvpcConfiguration: {
            AssignPublicIp: 'DISABLED',
            Subnets: [{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPrivateSubnet2') }],
            SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlySecurityGroup'), 'GroupId'] }],
          } },
        }),
      }),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Scheduled ECS task: outbound only',
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('bounded retries; a role of its own that may run the task', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyRole'), 'Arn'] },
      }),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ecs:RunTask' })]) },
    });
  });

  test('construct tree: the schedule is the Resource child; nothing outside the construct', () => {
    expect(task.schedule.node.path).toBe('Stack/Nightly/Resource');
    expect(task.role.node.path).toBe('Stack/Nightly/Role');
    const roles = Object.keys(template.findResources('AWS::IAM::Role'));
    expect(roles.filter((id) => id.startsWith('SchedulerRole'))).toEqual([]);
  });

  test('no custom resources, no Lambda', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsScheduledTask options', () => {
  test('rate, Spot, task count, disabled, description, dead-letter queue', () => {
    // GIVEN
    const f = scheduledTaskFixture();
    const dlq = new sqs.Queue(f.stack, 'Dlq', { enforceSSL: true });
    // WHEN
    new EcsScheduledTask(f.stack, 'Hourly', {
      cluster: f.cluster, taskDefinition: f.app, schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      capacity: ServiceCapacity.fargateSpot(), taskCount: 3, enabled: false, description: 'hourly report', retryAttempts: 0, deadLetterQueue: dlq,
    });
    // THEN
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'DISABLED',
      Description: 'hourly report',
      Target: Match.objectLike({
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Dlq'), 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }),
        EcsParameters: Match.objectLike({ TaskCount: 3, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }),
      }),
    });
  });

  test('given subnets and security groups are used', () => {
    const f = scheduledTaskFixture();
    const sg = new ec2.SecurityGroup(f.stack, 'Sg', { vpc: f.cluster.vpc });
    const task = new EcsScheduledTask(f.stack, 'Nightly', {
      cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, securityGroups: [sg], vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    expect(task.securityGroup).toBeUndefined();
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ EcsParameters: Match.objectLike({ NetworkConfiguration: { AwsvpcConfiguration: {
        AssignPublicIp: 'DISABLED',
        Subnets: [{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPublicSubnet2') }],
        SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Sg'), 'GroupId'] }],
      } } }) }),
    });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Nightly', Match.stringLikeRegexp('public subnets but get no public IP'));
  });

  test('a one-off date with at()', () => {
    const f = scheduledTaskFixture();
    new EcsScheduledTask(f.stack, 'Once', { cluster: f.cluster, taskDefinition: f.app, schedule: scheduler.ScheduleExpression.at(new Date(Date.UTC(2030, 0, 1, 2, 0, 0))) });
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'at(2030-01-01T02:00:00)' });
  });
});

describe('EcsScheduledTask validation', () => {
  /** A scheduled task in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsScheduledTaskProps>, compatibility?: TaskCompatibility) => () => {
    const f = scheduledTaskFixture(compatibility);
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, ...over });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    // counts
    ['task count 0', make({ taskCount: 0 }),
      /^\[Stack\/Nightly\] taskCount: got 0; allowed: a whole number from 1 to 10\. Hint: one RunTask call starts at most 10 tasks/],
    ['task count 11', make({ taskCount: 11 }),
      /^\[Stack\/Nightly\] taskCount: got 11; allowed: a whole number from 1 to 10\. Hint: one RunTask call starts at most 10 tasks/],
    ['retry attempts above 185', make({ retryAttempts: 200 }),
      /^\[Stack\/Nightly\] retryAttempts: got 200; allowed: a whole number from 0 to 185\./],
    ['negative retry attempts', make({ retryAttempts: -1 }),
      /^\[Stack\/Nightly\] retryAttempts: got -1; allowed: a whole number from 0 to 185\./],
    ['retry attempts from a token (aws-cdk-lib checks them at synth)', () => {
      const f = scheduledTaskFixture();
      const retries = new CfnParameter(f.stack, 'Retries', { type: 'Number' });
      new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY_SCHEDULE, retryAttempts: retries.valueAsNumber });
    }, /^\[Stack\/Nightly\] retryAttempts: got an unresolved token; allowed: a literal whole number from 0 to 185\. Hint: a literal number is required/],
    // the expression's field values, the time zone and the description
    ['minute 60', make({ schedule: scheduler.ScheduleExpression.expression('cron(60 3 * * ? *)') }),
      /^\[Stack\/Nightly\] schedule: got "cron\(60 3 \* \* \? \*\)"; allowed: a cron minutes field of 0-59 with , - \* \/\. Hint: "60" is not a valid minutes field/],
    ['month 13', make({ schedule: scheduler.ScheduleExpression.expression('cron(0 3 1 13 ? *)') }),
      /^\[Stack\/Nightly\] schedule: got .*; allowed: a cron month field of 1-12 or JAN-DEC/],
    ['day-of-week 8', make({ schedule: scheduler.ScheduleExpression.expression('cron(0 3 ? * 8 *)') }),
      /allowed: a cron day-of-week field of 1-7 or SUN-SAT/],
    ['two # expressions in day-of-week', make({ schedule: scheduler.ScheduleExpression.expression('cron(0 3 ? * 3#1,6#3 *)') }),
      /allowed: a cron day-of-week field/],
    ['year 2200', make({ schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? 2200)') }),
      /allowed: a cron year field of 1970-2199/],
    ['February 30', make({ schedule: scheduler.ScheduleExpression.expression('at(2030-02-30T03:00:00)') }),
      /^\[Stack\/Nightly\] schedule: got "at\(2030-02-30T03:00:00\)"; allowed: at\(yyyy-mm-ddThh:mm:ss\) with a real date/],
    ['an unknown time zone', make({ schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)', TimeZone.of('Mars/Olympus_Mons')) }),
      /^\[Stack\/Nightly\] schedule\.timeZone: got "Mars\/Olympus_Mons"; allowed: an IANA time zone name of at most 50 characters/],
    ['a description of 513 characters', make({ description: 'd'.repeat(513) }),
      /^\[Stack\/Nightly\] description: got "513 characters"; allowed: at most 512 characters\./],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test.each([
    'cron(59 23 L * ? 2199)', 'cron(0/15 0-23 LW JAN-DEC ? 1970)', 'cron(0 3 15W * ? *)', 'cron(0 3 ? * 6L *)', 'cron(0 3 ? * 3#5 *)',
    'cron(*/5 * ? * MON-FRI *)', 'rate(1 minute)', 'at(2028-02-29T23:59:59)',
  ])('%s is accepted', (expr) => {
    expect(thrownBy(make({ schedule: scheduler.ScheduleExpression.expression(expr, TimeZone.of('Etc/GMT+12')) }))).toBeUndefined();
  });

  test('tokens are skipped and passed through', () => {
    // GIVEN
    const f = scheduledTaskFixture();
    const expr = new CfnParameter(f.stack, 'Expr');
    const count = new CfnParameter(f.stack, 'Count', { type: 'Number' });
    // WHEN
    new EcsScheduledTask(f.stack, 'Nightly', {
      cluster: f.cluster, taskDefinition: f.app, schedule: scheduler.ScheduleExpression.expression(expr.valueAsString), taskCount: count.valueAsNumber,
    });
    // THEN
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: { Ref: 'Expr' },
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({ TaskCount: { Ref: 'Count' } }),
      }),
    });
  });
});

describe(SAME_IDENTITIES, () => {
  test('EcsScheduledTask: schedule, task count, retries', () => {
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37');
    expectSameIdentities(
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'job', image }] });
        new EcsScheduledTask(s, 'Nightly', { cluster: cluster.cluster, taskDefinition: task, schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)') });
      },
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'job', image }] });
        new EcsScheduledTask(s, 'Nightly', {
          cluster: cluster.cluster, taskDefinition: task, schedule: scheduler.ScheduleExpression.expression('cron(30 4 * * ? *)'), taskCount: 3, retryAttempts: 1,
        });
      },
      ['AWS::Scheduler::Schedule'],
    );
  });
});
