import { App, CfnParameter, Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_scheduler as scheduler, aws_sqs as sqs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ClusterCapacity } from '../../../lib/ecs/capacity';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { EcsScheduledTask, EcsScheduledTaskProps } from '../../../lib/ecs/scheduled-task';
import { ServiceCapacity } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../../lib/network';
import { thrownBy } from '../../support/thrown';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const DAILY = scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)');

interface Fixture { stack: Stack; cluster: ecs.Cluster; app: EcsTaskDefinition }

function fixture(compatibility: TaskCompatibility = TaskCompatibility.FARGATE): Fixture {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'Report', { compatibility, containers: [{ name: 'report', image: IMAGE, command: ['report', '--daily'] }] });
  return { stack, cluster, app };
}


describe('EcsScheduledTask defaults', () => {
  let template: Template;
  let task: EcsScheduledTask;
  beforeAll(() => {
    // GIVEN
    const f = fixture();
    // WHEN
    task = new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY });
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
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsScheduledTask options', () => {
  test('rate, Spot, task count, disabled, description, dead-letter queue', () => {
    // GIVEN
    const f = fixture();
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

  test('EC2 capacity: spread across AZs then binpack on memory', () => {
    const f = fixture(TaskCompatibility.EC2);
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY, capacity: ServiceCapacity.ec2() });
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({
          LaunchType: 'EC2',
          PlacementStrategy: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
        }),
      }),
    });
  });

  test('EC2 on an EcsCluster uses the capacity provider of its EC2 capacity', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.ec2({ name: 'Batch' })] });
    const app = new EcsTaskDefinition(stack, 'Report', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'report', image: IMAGE }] });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const task = new EcsScheduledTask(stack, 'Nightly', { cluster: platform.cluster, taskDefinition: app, schedule: DAILY, capacity: ServiceCapacity.ec2(), taskCount: 2 });
    expect(spy).toHaveBeenCalledWith({ source: task, name: 'Stack/Nightly', cpu: 256, memoryMiB: 512, count: 2, capacityName: 'Batch' });
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({ CapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('PlatformBatch') }, Weight: 1 }] }),
      }),
    });
  });

  test('given subnets and security groups are used', () => {
    const f = fixture();
    const sg = new ec2.SecurityGroup(f.stack, 'Sg', { vpc: f.cluster.vpc });
    const task = new EcsScheduledTask(f.stack, 'Nightly', {
      cluster: f.cluster, taskDefinition: f.app, schedule: DAILY, securityGroups: [sg], vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
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

  test('on a network without NAT, the task runs in the isolated subnets', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    const cluster = new EcsCluster(stack, 'Cluster', { vpc: network.vpc });
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'job', image: IMAGE }] });
    // WHEN
    new EcsScheduledTask(stack, 'Nightly', { cluster: cluster.cluster, taskDefinition: app, schedule: DAILY });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ EcsParameters: Match.objectLike({ NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({
        Subnets: stack.resolve(network.vpc.isolatedSubnets.map((sn) => sn.subnetId)),
      }) } }) }),
    });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Nightly', Match.stringLikeRegexp('public subnets'));
  });

  test('a one-off date with at()', () => {
    const f = fixture();
    new EcsScheduledTask(f.stack, 'Once', { cluster: f.cluster, taskDefinition: f.app, schedule: scheduler.ScheduleExpression.at(new Date(Date.UTC(2030, 0, 1, 2, 0, 0))) });
    Template.fromStack(f.stack).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'at(2030-01-01T02:00:00)' });
  });
});

describe('EcsScheduledTask validation', () => {
  /** A scheduled task in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsScheduledTaskProps>, compatibility?: TaskCompatibility) => () => {
    const f = fixture(compatibility);
    new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY, ...over });
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
      const f = fixture();
      const retries = new CfnParameter(f.stack, 'Retries', { type: 'Number' });
      new EcsScheduledTask(f.stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: DAILY, retryAttempts: retries.valueAsNumber });
    }, /^\[Stack\/Nightly\] retryAttempts: got an unresolved token; allowed: a literal whole number from 0 to 185\. Hint: a literal number is required/],
    // capacity and subnets
    ['Fargate capacity for an EC2-only task definition', make({}, TaskCompatibility.EC2),
      /^\[Stack\/Nightly\] capacity: got "FARGATE"; allowed: EC2 capacity for a task definition with compatibility EC2\./],
    ['EC2 capacity for a Fargate-only task definition', make({ capacity: ServiceCapacity.ec2() }),
      /^\[Stack\/Nightly\] capacity: got "EC2"; allowed: Fargate capacity for a task definition with compatibility FARGATE\./],
    ['EC2 capacity on an EcsCluster without EC2 capacity', () => {
      const stack = new Stack(new App(), 'Stack');
      const platform = new EcsCluster(stack, 'Platform', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) });
      const app = new EcsTaskDefinition(stack, 'Report', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'report', image: IMAGE }] });
      new EcsScheduledTask(stack, 'Nightly', { cluster: platform.cluster, taskDefinition: app, schedule: DAILY, capacity: ServiceCapacity.ec2() });
    }, /^\[Stack\/Nightly\] capacity: got "EC2"; allowed: Fargate capacity: the cluster has no EC2 capacity\. Hint: add ClusterCapacity\.ec2\(\{\.\.\.\}\) to Stack\/Platform/],
    ['a VPC with only public subnets', () => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      const app = new EcsTaskDefinition(stack, 'Report', { containers: [{ name: 'report', image: IMAGE }] });
      new EcsScheduledTask(stack, 'Nightly', { cluster: new ecs.Cluster(stack, 'Cluster', { vpc }), taskDefinition: app, schedule: DAILY });
    }, /^\[Stack\/Nightly\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: tasks never default to public subnets/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('tokens are skipped and passed through', () => {
    // GIVEN
    const f = fixture();
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
