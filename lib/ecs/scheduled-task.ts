import {
  Duration, Stack, Token,
  aws_ec2 as ec2, aws_iam as iam, aws_scheduler as scheduler, aws_scheduler_targets as targets, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { checkIntegerRange } from '../private/validate';
import { acknowledgeRolePolicies } from '../private/acknowledge';
import { checkScheduleExpression } from './private/schedule-expression';
import { EcsWorkloadProps } from './workload';
import { defaultPlacementStrategies, placeWorkload, reportTaskDemand } from './workload-placement';

/** Properties of an {@link EcsScheduledTask}. */
export interface EcsScheduledTaskProps extends EcsWorkloadProps {
  /**
   * When to run: `ScheduleExpression.cron({...})`, `.rate(Duration.hours(1))`, `.at(date)` or a
   * raw `.expression('cron(0 3 * * ? *)')`. Checked at synth unless it is a token: `rate(value unit)`
   * with a whole value of at least 1 (singular unit for 1); `cron(...)` with six fields (minutes
   * 0-59, hours 0-23, day-of-month 1-31 with L and W, month 1-12 or JAN-DEC, day-of-week 1-7 or
   * SUN-SAT with L and #, year 1970-2199) and exactly one of day-of-month and day-of-week set to `?`;
   * `at(yyyy-mm-ddThh:mm:ss)` with a real date. A time zone must be an IANA name (at most 50 characters).
   */
  readonly schedule: scheduler.ScheduleExpression;
  /**
   * How many copies each run starts (1-10).
   * @default 1
   */
  readonly taskCount?: number;
  /**
   * Whether the schedule is on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * A description of the schedule (at most 512 characters).
   * @default - none
   */
  readonly description?: string;
  /**
   * How many times EventBridge Scheduler retries a failed RunTask call (0-185).
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * A queue for runs that could not be started after the retries.
   * @default - none
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * Runs a task definition on a schedule with EventBridge Scheduler (native `AWS::Scheduler::Schedule`,
 * no Lambda): each run starts `taskCount` tasks (instances of the task definition within the
 * cluster) in private subnets without a public IP, on Fargate by default.
 *
 * On EC2 capacity of an `EcsCluster`, the run's tasks are reported to the cluster's placement
 * check (`addTaskDemand`) like a service's.
 *
 * For one-off runs, see {@link EcsTaskDefinition.runTaskCommand} (an `aws ecs run-task` command
 * for a stack output) or a `ScheduleExpression.at(date)` schedule.
 */
export class EcsScheduledTask extends Construct {
  /** The wrapped schedule. */
  public readonly schedule: scheduler.Schedule;
  /** The role EventBridge Scheduler assumes to call `ecs:RunTask`. */
  public readonly role: iam.IRole;
  /** The security group created for the task, when `securityGroups` was not given. */
  public readonly securityGroup?: ec2.ISecurityGroup;

  constructor(scope: Construct, id: string, props: EcsScheduledTaskProps) {
    super(scope, id);
    checkStackLimits(this);
    const td = props.taskDefinition;
    checkScheduleExpression(this, props.schedule.expressionString, props.schedule.timeZone);
    checkDescription(this, props.description);
    checkIntegerRange(this, 'taskCount', props.taskCount, 1, 10, 'one RunTask call starts at most 10 tasks');
    if (props.retryAttempts !== undefined && Token.isUnresolved(props.retryAttempts)) {
      // aws-cdk-lib's scheduler target compares the count at synth and would throw a bare Error for a token.
      throw new ValidationError(this, {
        property: 'retryAttempts', value: props.retryAttempts, allowed: 'a literal whole number from 0 to 185',
        hint: 'a literal number is required because aws-cdk-lib checks the retry count at synth, where a token reads as a negative number',
      });
    }
    checkIntegerRange(this, 'retryAttempts', props.retryAttempts, 0, 185);
    const placement = placeWorkload(this, props);
    const { capacity, strategies, awsvpc, vpcSubnets } = placement;
    // Runs on an EcsCluster's EC2 capacity count in its placement check, like a service's tasks.
    reportTaskDemand(this, placement, td, props.taskCount ?? 1);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler run the scheduled ECS task',
    });
    acknowledgeRolePolicies(this.role, { inline: 'aws-cdk-lib writes the scheduler role\'s grants (ecs:RunTask, iam:PassRole) as a policy attached to this one role, created and deleted with it' });
    let securityGroups = props.securityGroups;
    if (awsvpc && !securityGroups) {
      this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
        vpc: props.cluster.vpc, allowAllOutbound: true, description: 'Scheduled ECS task: outbound only',
      });
      securityGroups = [this.securityGroup];
    }
    const common = {
      taskDefinition: td.taskDefinition,
      taskCount: props.taskCount ?? 1,
      role: this.role,
      retryAttempts: props.retryAttempts ?? 3,
      maxEventAge: Duration.hours(1),
      deadLetterQueue: props.deadLetterQueue,
      capacityProviderStrategies: strategies.length ? strategies : undefined,
      enableEcsManagedTags: true,
    };
    const target = capacity.isFargate
      ? new targets.EcsRunFargateTask(props.cluster, { ...common, assignPublicIp: false, vpcSubnets, securityGroups })
      : new targets.EcsRunEc2Task(props.cluster, {
        ...common,
        vpcSubnets: awsvpc ? vpcSubnets : undefined,
        securityGroups: awsvpc ? securityGroups : undefined,
        placementStrategies: defaultPlacementStrategies(),
      });

    this.schedule = new scheduler.Schedule(this, 'Resource', {
      schedule: props.schedule,
      target,
      enabled: props.enabled ?? true,
      description: props.description,
    });
  }
}

/** The longest schedule description EventBridge Scheduler takes (CFN AWS::Scheduler::Schedule Description). */
const MAX_DESCRIPTION_LENGTH = 512;

function checkDescription(scope: Construct, description: string | undefined): void {
  if (description === undefined || Token.isUnresolved(description) || description.length <= MAX_DESCRIPTION_LENGTH) return;
  throw new ValidationError(scope, { property: 'description', value: `${description.length} characters`, allowed: `at most ${MAX_DESCRIPTION_LENGTH} characters` });
}
