import {
  Duration, Stack, Token,
  aws_ec2 as ec2, aws_ecs as ecs, aws_iam as iam, aws_scheduler as scheduler, aws_scheduler_targets as targets, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { checkIntegerRange } from '../private/validate';
import { RULES, acknowledge } from '../private/acknowledge';
import { resolveCapacity } from '../private/ecs-task-capacity';
import { taskSubnets } from '../private/subnets';
import { ServiceCapacity } from './service';
import { EcsTaskDefinition } from './task-definition';

/** Properties of an {@link EcsScheduledTask}. */
export interface EcsScheduledTaskProps {
  /** The cluster to run the task in (an `EcsCluster`'s `cluster`, or any `ecs.ICluster`). */
  readonly cluster: ecs.ICluster;
  /** The application to run. */
  readonly taskDefinition: EcsTaskDefinition;
  /**
   * When to run: `ScheduleExpression.cron({...})`, `.rate(Duration.hours(1))`, `.at(date)` or a
   * raw `.expression('cron(0 3 * * ? *)')` (checked at synth unless it is a token).
   */
  readonly schedule: scheduler.ScheduleExpression;
  /**
   * Where the task runs. Must match the task definition's compatibility.
   * @default ServiceCapacity.fargate()
   */
  readonly capacity?: ServiceCapacity;
  /**
   * How many copies each run starts (1-10).
   * @default 1
   */
  readonly taskCount?: number;
  /**
   * Subnets for the task (public ones get a warning: tasks never get a public IP).
   * @default - private subnets with egress, else isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups for the task.
   * @default - a new security group with outbound access only
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Whether the schedule is on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * A description of the schedule.
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

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;

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
    const capacity = props.capacity ?? ServiceCapacity.fargate();
    const td = props.taskDefinition;
    validateScheduleExpression(this, props.schedule.expressionString);
    checkIntegerRange(this, 'taskCount', props.taskCount, 1, 10, 'one RunTask call starts at most 10 tasks');
    if (props.retryAttempts !== undefined && Token.isUnresolved(props.retryAttempts)) {
      // aws-cdk-lib's scheduler target compares the count at synth and would throw a bare Error for a token.
      throw new ValidationError(this, {
        property: 'retryAttempts', value: props.retryAttempts, allowed: 'a literal whole number from 0 to 185',
        hint: 'a literal number is required because aws-cdk-lib checks the retry count at synth, where a token reads as a negative number',
      });
    }
    checkIntegerRange(this, 'retryAttempts', props.retryAttempts, 0, 185);
    if (capacity.isFargate && !td.isFargateCompatible) {
      throw new ValidationError(this, { property: 'capacity', value: capacity.kind, allowed: `EC2 capacity for a task definition with compatibility ${td.compatibility}` });
    }
    if (!capacity.isFargate && !td.isEc2Compatible) {
      throw new ValidationError(this, { property: 'capacity', value: capacity.kind, allowed: `Fargate capacity for a task definition with compatibility ${td.compatibility}` });
    }

    const { strategies, owner, capacityName } = resolveCapacity(this, capacity, props.cluster);
    // Runs on an EcsCluster's EC2 capacity count in its placement check, like a service's tasks.
    if (owner && !capacity.isFargate) {
      owner.addTaskDemand({ source: this, name: this.node.path, cpu: td.cpu, memoryMiB: td.memoryMiB, count: props.taskCount ?? 1, capacityName });
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler run the scheduled ECS task',
    });
    acknowledge(this.role, [[RULES.NIST_INLINE_POLICY, 'the role holds only the ecs:RunTask and iam:PassRole grants for this task definition']]);
    const awsvpc = td.networkMode === ecs.NetworkMode.AWS_VPC;
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
    const vpcSubnets = taskSubnets(this, props.cluster.vpc, props.vpcSubnets, awsvpc);
    const target = capacity.isFargate
      ? new targets.EcsRunFargateTask(props.cluster, { ...common, assignPublicIp: false, vpcSubnets, securityGroups })
      : new targets.EcsRunEc2Task(props.cluster, {
        ...common,
        vpcSubnets: awsvpc ? vpcSubnets : undefined,
        securityGroups: awsvpc ? securityGroups : undefined,
        placementStrategies: [ecs.PlacementStrategy.spreadAcross('attribute:ecs.availability-zone'), ecs.PlacementStrategy.packedByMemory()],
      });

    this.schedule = new scheduler.Schedule(this, 'Resource', {
      schedule: props.schedule,
      target,
      enabled: props.enabled ?? true,
      description: props.description,
    });
  }
}

/** Checks an EventBridge Scheduler expression: `rate(...)`, `cron(6 fields)` or `at(yyyy-mm-ddThh:mm:ss)`. */
function validateScheduleExpression(scope: Construct, expr: string): void {
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
