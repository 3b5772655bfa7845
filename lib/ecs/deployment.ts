import { Duration, aws_cloudwatch as cloudwatch, aws_ecs as ecs, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';

/** A Lambda function ECS calls at stages of a blue/green, linear or canary deployment. */
export interface DeploymentHook {
  /**
   * The function. ECS invokes it (through a role the service creates, allowed to invoke this
   * function only) and waits for its answer: `SUCCEEDED`, `FAILED` (rolls back) or `IN_PROGRESS`.
   */
  readonly handler: lambda.IFunction;
  /** The stages it runs at (at least one, each once). */
  readonly stages: ecs.DeploymentLifecycleStage[];
}

/** A rolling update: tasks of the new revision replace the old in batches. */
export interface RollingDeploymentOptions {
  /**
   * Stop a deployment whose tasks keep failing to start, and roll back to the last completed one
   * (ECS supports the circuit breaker for rolling and blue/green deployments of its own controller).
   * @default true
   */
  readonly circuitBreaker?: boolean;
}

/** A blue/green deployment through ECS's native deployments (deployment controller ECS). */
export interface BlueGreenDeploymentOptions extends RollingDeploymentOptions {
  /**
   * How long both revisions keep running after production traffic has moved to the new one, so
   * an alarm can still roll back instantly (whole minutes, 0-1440).
   * @default Duration.minutes(5)
   */
  readonly bakeTime?: Duration;
  /**
   * Lambda functions run at deployment stages (at most 10 hooks; a stage may appear in several).
   * @default - none
   */
  readonly hooks?: DeploymentHook[];
  /**
   * A test listener on this port of the service's load balancer: during the test traffic stages
   * it sends requests to the new revision before production traffic moves. Open to the VPC only,
   * even on an internet-facing load balancer. Needs `loadBalancer`; 1-65535, not the listener
   * ports (80, and 443 with a certificate).
   * @default - no test listener
   */
  readonly testPort?: number;
  /**
   * The role ECS uses to move traffic between the target groups.
   * @default - a new role allowed to modify this service's listener rules and register targets
   * in its two target groups only (Describe calls, which take no resource, on `*`)
   */
  readonly infrastructureRole?: iam.IRole;
}

/** Linear or canary traffic shifting. */
export interface TrafficShiftDeploymentOptions extends BlueGreenDeploymentOptions {
  /**
   * Percent of production traffic moved per step: linear 3-100, canary 0.1-100, in steps of 0.1.
   * @default 10 for linear, 5 for canary
   */
  readonly stepPercent?: number;
  /**
   * Wait between steps (whole minutes, 0-1440).
   * @default - 6 minutes for linear, 10 for canary (the ECS defaults)
   */
  readonly stepBakeTime?: Duration;
}

/** Alarms that stop a deployment and roll it back when they fire. */
export interface DeploymentAlarmOptions {
  /**
   * Alarms of your own to watch (in the service's account and region).
   * @default - none
   */
  readonly alarms?: cloudwatch.IAlarm[];
  /**
   * With a load balancer: also watch the library's two alarms on the service's target group(s):
   * target 5xx responses above 5% of requests for 2 of 3 minutes, and an unhealthy target for
   * 2 minutes. Without a load balancer there is nothing to alarm on and this is ignored.
   * @default true
   */
  readonly defaultAlarms?: boolean;
  /**
   * Roll back when an alarm fires (otherwise the deployment only fails).
   * @default true
   */
  readonly rollback?: boolean;
}

/** How ECS replaces the service's tasks when the task definition or its settings change. */
export class ServiceDeployment {
  /** Rolling update with the deployment circuit breaker (and rollback): the default. */
  public static rolling(options: RollingDeploymentOptions = {}): ServiceDeployment {
    return new ServiceDeployment(ecs.DeploymentStrategy.ROLLING, options.circuitBreaker ?? true, {});
  }

  /**
   * Blue/green: a full set of new tasks (green) starts beside the old (blue); traffic moves at
   * once after the test stages, then both run for the bake time. Needs room for both sets.
   */
  public static blueGreen(options: BlueGreenDeploymentOptions = {}): ServiceDeployment {
    return new ServiceDeployment(ecs.DeploymentStrategy.BLUE_GREEN, options.circuitBreaker ?? true, options);
  }

  /** Linear: a full set of new tasks starts, then production traffic moves in equal steps. */
  public static linear(options: TrafficShiftDeploymentOptions = {}): ServiceDeployment {
    return new ServiceDeployment(ecs.DeploymentStrategy.LINEAR, options.circuitBreaker ?? true, options, options);
  }

  /** Canary: a full set of new tasks starts, a small share of traffic moves first, then the rest. */
  public static canary(options: TrafficShiftDeploymentOptions = {}): ServiceDeployment {
    return new ServiceDeployment(ecs.DeploymentStrategy.CANARY, options.circuitBreaker ?? true, options, options);
  }

  private constructor(
    /** The ECS deployment strategy. */
    public readonly strategy: ecs.DeploymentStrategy,
    /** Whether the circuit breaker (with rollback) is on. */
    public readonly circuitBreaker: boolean,
    /** The blue/green options (empty for rolling). */
    public readonly blueGreenOptions: BlueGreenDeploymentOptions,
    /** The traffic-shift options of linear and canary. */
    public readonly trafficShift?: TrafficShiftDeploymentOptions,
  ) {}

  /** Whether two full sets of tasks run during a deployment (every strategy but rolling). */
  public get runsTwoTaskSets(): boolean {
    return this.strategy !== ecs.DeploymentStrategy.ROLLING;
  }
}
