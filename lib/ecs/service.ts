import { Annotations, Duration, Token, aws_cloudwatch as cloudwatch, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { WildcardGrant, acknowledgeRolePolicies } from '../private/acknowledge';
import { checkStackLimits } from '../private/stack-limits';
import { checkIntegerAtLeast, checkIntegerRange, isToken } from '../private/validate';
import { Ec2PurchaseOption } from './capacity';
import { EcsCluster } from './cluster';
import { checkWholeDuration } from './private/durations';
import { DeploymentAlarmOptions, ServiceDeployment } from './deployment';
import { ServiceCapacity, ServiceCapacityKind } from './service-capacity';
import { ServiceConnectOptions, serviceConnectConfiguration } from './service-connect';
import {
  addDeploymentAlarms, addDeploymentHooks, checkDeployment, checkDeploymentAlarms, checkDeploymentController, defaultAlarms, deploymentPeak, deploymentProps, watchAlarms,
} from './service-deployment';
import { ServiceLoadBalancer, ServiceLoadBalancerOptions } from './service-load-balancer';
import { EcsTaskDefinition } from './task-definition';
import { EcsWorkloadProps } from './workload';
import { defaultPlacementStrategies, placeWorkload, reportTaskDemand } from './workload-placement';

/** Target-tracking autoscaling of the task count. */
export interface ServiceAutoScalingOptions {
  /**
   * The fewest tasks (a whole number from 0 to 5000, at most maxCapacity). Equal to maxCapacity
   * is legal but leaves nothing to scale: a warning is added.
   * @default - the service's desiredCount
   */
  readonly minCapacity?: number;
  /** The most tasks (a whole number from 1 to 5000). */
  readonly maxCapacity: number;
  /**
   * Keep average CPU utilization at this percent (above 0, at most 100; fractions such as 55.5 are fine).
   * @default 70 when no other target is given, otherwise no CPU target
   */
  readonly targetCpuPercent?: number;
  /**
   * Keep average memory utilization at this percent (above 0, at most 100; fractions are fine).
   * @default - no memory target
   */
  readonly targetMemoryPercent?: number;
  /**
   * Keep requests per task per minute at this value (above 0, fractions are fine; needs `loadBalancer`).
   * @default - no request target
   */
  readonly targetRequestsPerTask?: number;
}

/** Who moves the service to a new image: CloudFormation, or a CI job outside it. */
export enum ImageDeploys {
  /**
   * The service runs the task definition revision its stack registered: a new image is a template
   * change (`cdk diff` shows it) that CloudFormation rolls out. One source of truth, no drift.
   */
  CLOUDFORMATION = 'CLOUDFORMATION',
  /**
   * The service runs the newest ACTIVE revision of the task definition's family when it is
   * deployed: CI registers a revision with the new image and updates the service
   * (`aws ecs update-service`), with no stack deploy. A stack deploy then leaves the running
   * revision alone, and a change the stack makes to the task definition reaches the service only
   * at its next deployment. Grant the CI role with `grantImageDeploy`.
   */
  OUTSIDE_CLOUDFORMATION = 'OUTSIDE_CLOUDFORMATION',
}

/** Properties of an {@link EcsService}. */
export interface EcsServiceProps extends EcsWorkloadProps {
  /**
   * How many copies of the task to keep running (0-5000; with `autoScaling`, at most its maxCapacity).
   * @default 2 - one task per AZ over two AZs, so one failure does not take the service down; with
   * `autoScaling`, 2 moved into its range (its minCapacity when above 2, its maxCapacity when below)
   */
  readonly desiredCount?: number;
  /**
   * How ECS deploys a new revision: rolling (with the circuit breaker), blue/green, linear or
   * canary. Blue/green, linear and canary run two full sets of tasks during a deployment (the EC2
   * placement check counts both); linear and canary need `loadBalancer` or Service Connect services.
   * @default ServiceDeployment.rolling() - the circuit breaker rolls back a deployment whose tasks fail to start
   */
  readonly deployment?: ServiceDeployment;
  /**
   * CloudWatch alarms that stop a deployment (of any strategy) and roll it back.
   * @default - with `loadBalancer`, the library's target 5xx and unhealthy-target alarms with
   * rollback; without, none
   */
  readonly deploymentAlarms?: DeploymentAlarmOptions;
  /**
   * Minimum healthy percent during rolling deployments (0-100; not with blue/green, linear or canary).
   * @default 100 - never fewer than desiredCount tasks while deploying
   */
  readonly minHealthyPercent?: number;
  /**
   * Maximum percent during rolling deployments (a whole number of at least 100, above minHealthyPercent;
   * ECS sets no upper bound).
   * @default 200
   */
  readonly maxHealthyPercent?: number;
  /**
   * Placement strategies for EC2 capacity (at most 5 rules; rejected on Fargate, which places tasks itself).
   * @default - spread across availability zones, then binpack on memory
   */
  readonly placementStrategies?: ecs.PlacementStrategy[];
  /**
   * Put an Application Load Balancer in front of the service.
   * @default - no load balancer
   */
  readonly loadBalancer?: ServiceLoadBalancerOptions;
  /**
   * Target-tracking autoscaling.
   * @default - a fixed desiredCount
   */
  readonly autoScaling?: ServiceAutoScalingOptions;
  /**
   * Join a Service Connect namespace: publish the task definition's named ports as endpoints
   * (`services`), or, without `services`, only call the namespace's endpoints by name. The namespace is
   * `serviceConnect.cloudMapNamespace`, else the cluster's (`EcsClusterProps.serviceConnectNamespace`, or an
   * `ecs.Cluster`'s `defaultCloudMapNamespace`); none at all is a ValidationError. Port mapping names,
   * discovery and DNS names, ports and timeouts are checked at synth.
   * @default - no Service Connect
   */
  readonly serviceConnect?: ServiceConnectOptions;
  /**
   * Allow `aws ecs execute-command` into running tasks.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Grace period before load balancer health checks count after a task starts (whole seconds,
   * 0 to 2147483647).
   * @default - 60 seconds with a load balancer, none otherwise
   */
  readonly healthCheckGracePeriod?: Duration;
  /**
   * Who deploys new images: CloudFormation (the image tag is in the template) or a CI job that
   * registers task definition revisions and updates the service itself.
   * @default ImageDeploys.CLOUDFORMATION
   */
  readonly imageDeploys?: ImageDeploys;
  /**
   * The service name: 1-255 letters, digits, hyphens and underscores, unique in the cluster.
   * @default - generated by CloudFormation
   */
  readonly serviceName?: string;
}

/**
 * Keeps `desiredCount` copies of a task (an instance of a task definition within a cluster)
 * running, on Fargate, Fargate Spot or EC2.
 *
 * Defaults: rolling deployments with the circuit breaker and rollback (blue/green, linear and
 * canary through `deployment`), deployment alarms on the load balancer's targets, 100% minimum / 200% maximum healthy,
 * private subnets, no public IP; on EC2 spread across AZs then binpack on memory. Optional
 * Application Load Balancer (internal unless asked; HTTPS with a certificate; access logs;
 * invalid headers dropped), target-tracking autoscaling and Service Connect.
 */
export class EcsService extends Construct {
  /** The wrapped service (`ecs.FargateService` or `ecs.Ec2Service`). */
  public readonly service: ecs.BaseService;
  /** The task definition it runs. */
  public readonly taskDefinition: EcsTaskDefinition;
  /** Where the tasks run. */
  public readonly capacity: ServiceCapacity;
  /** The load balancer, when `loadBalancer` was given. */
  public readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  /** The target group, when `loadBalancer` was given. */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;
  /** The second target group of a blue/green, linear or canary deployment behind `loadBalancer`. */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The listener rule whose weights ECS shifts, for blue/green, linear or canary behind `loadBalancer`. */
  public readonly productionListenerRule?: elbv2.ApplicationListenerRule;
  /** How the service deploys. */
  public readonly deployment: ServiceDeployment;
  /** The alarms that roll a deployment back (the user's and the library's defaults). */
  public readonly deploymentAlarms: cloudwatch.IAlarm[];
  /** The access log bucket this construct created, if any. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The autoscaling target, when `autoScaling` was given. */
  public readonly scalableTaskCount?: ecs.ScalableTaskCount;
  /** The `EcsCluster` that owns `cluster`, when there is one. */
  public readonly ecsCluster?: EcsCluster;
  /** The `EcsCluster` EC2 capacity entry the tasks run on, when there is one. */
  public readonly capacityName?: string;

  private readonly alarmOptions: DeploymentAlarmOptions;

  constructor(scope: Construct, id: string, props: EcsServiceProps) {
    super(scope, id);
    checkStackLimits(this);
    const td = props.taskDefinition;
    this.taskDefinition = td;
    const desiredCount = props.desiredCount ?? defaultDesiredCount(props.autoScaling);
    const minHealthy = props.minHealthyPercent ?? 100;
    const maxHealthy = props.maxHealthyPercent ?? 200;

    const placement = placeWorkload(this, props);
    this.capacity = placement.capacity;
    this.deployment = props.deployment ?? ServiceDeployment.rolling();
    this.validate(props, desiredCount, minHealthy, maxHealthy);
    const strategies = placement.strategies;
    this.ecsCluster = placement.owner;
    this.capacityName = placement.capacityName;

    const base = {
      cluster: props.cluster,
      taskDefinition: td.taskDefinition,
      desiredCount,
      serviceName: props.serviceName,
      // Written for every strategy (aws-cdk-lib would otherwise write its own 50 % and warn);
      // blue/green, linear and canary deployments start a full new set whatever they say.
      minHealthyPercent: minHealthy,
      maxHealthyPercent: maxHealthy,
      ...deploymentProps(this.deployment),
      taskDefinitionRevision: props.imageDeploys === ImageDeploys.OUTSIDE_CLOUDFORMATION ? ecs.TaskDefinitionRevision.LATEST : undefined,
      capacityProviderStrategies: strategies.length ? strategies : undefined,
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      serviceConnectConfiguration: serviceConnectConfiguration(this, props.serviceConnect, td, props.cluster, placement.owner?.serviceConnectNamespace),
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? (props.loadBalancer ? Duration.seconds(60) : undefined),
    };
    const { awsvpc, vpcSubnets } = placement;
    if (this.capacity.isFargate) {
      this.service = new ecs.FargateService(this, 'Resource', {
        ...base, assignPublicIp: false, vpcSubnets, securityGroups: props.securityGroups,
      });
    } else {
      this.service = new ecs.Ec2Service(this, 'Resource', {
        ...base,
        vpcSubnets: awsvpc ? vpcSubnets : undefined,
        securityGroups: awsvpc ? props.securityGroups : undefined,
        placementStrategies: props.placementStrategies ?? defaultPlacementStrategies(),
      });
    }

    if (!isToken(desiredCount) && desiredCount === 1) {
      const ec2Entry = this.capacityName === undefined ? undefined : this.ecsCluster?.capacities.find((c) => c.name === this.capacityName);
      if (this.capacity.kind === ServiceCapacityKind.FARGATE_SPOT) {
        Annotations.of(this).addWarningV2('cdk-containers:ecs-service-spot-single-task',
          'desiredCount 1 on Fargate Spot only: a Spot interruption stops the whole service for minutes. Use desiredCount >= 2 or ServiceCapacity.fargateMix().');
      } else if (ec2Entry?.ec2Options?.purchaseOption === Ec2PurchaseOption.SPOT) {
        Annotations.of(this).addWarningV2('cdk-containers:ecs-service-spot-single-task',
          `desiredCount 1 on the Spot-only EC2 capacity "${ec2Entry.name}": a Spot interruption stops the whole service until a new instance starts. Use desiredCount >= 2, or an On-Demand capacity (ServiceCapacity.ec2({ capacityName })).`);
      }
    }

    const blueGreen = this.deployment.runsTwoTaskSets ? this.deployment.blueGreenOptions : undefined;
    if (props.loadBalancer) {
      const lb = new ServiceLoadBalancer(this, this.service, td.containers, props.cluster.vpc, props.loadBalancer, blueGreen);
      this.loadBalancer = lb.alb;
      this.targetGroup = lb.targetGroup;
      this.alternateTargetGroup = lb.alternateTargetGroup;
      this.productionListenerRule = lb.productionListenerRule;
      this.accessLogsBucket = lb.accessLogsBucket;
    }
    addDeploymentHooks(this, this.service, blueGreen?.hooks ?? []);
    const groups = [this.targetGroup, this.alternateTargetGroup].filter((g): g is elbv2.ApplicationTargetGroup => g !== undefined);
    this.alarmOptions = props.deploymentAlarms ?? {};
    this.deploymentAlarms = addDeploymentAlarms(this, this.service, this.alarmOptions, groups);
    checkDeploymentController(this, this.service);
    this.node.addValidation({ validate: () => checkDeploymentAlarms(this, this.alarmOptions, this.deploymentAlarms, props.deploymentAlarms !== undefined) });
    if (props.autoScaling) {
      this.scalableTaskCount = this.addAutoScaling(props.autoScaling, desiredCount);
    }
    // Autoscaling may run up to its maximum, and blue/green, linear and canary deployments run
    // two full sets of tasks: the placement check counts the peak.
    const max = props.autoScaling?.maxCapacity;
    const count = max !== undefined && !isToken(max) && !isToken(desiredCount) ? Math.max(max, desiredCount) : desiredCount;
    reportTaskDemand(this, placement, td, isToken(count) ? count : deploymentPeak(this.deployment, count),
      this.deployment.runsTwoTaskSets ? 'both revisions run during a deployment' : undefined);
  }

  /**
   * Lets `grantee` (a CI role) deploy images to this service outside CloudFormation: register and
   * describe task definition revisions (ECS's RegisterTaskDefinition takes no resource), pass the
   * task's roles to ECS tasks only, and describe and update this one service. Meant for
   * `imageDeploys: ImageDeploys.OUTSIDE_CLOUDFORMATION`.
   */
  public grantImageDeploy(grantee: iam.IGrantable): iam.Grant {
    const td = this.taskDefinition.taskDefinition;
    const register = iam.Grant.addToPrincipal({
      grantee, actions: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'], resourceArns: ['*'],
    });
    const roles = [td.taskRole, td.executionRole].filter((r): r is iam.IRole => r !== undefined);
    const pass = iam.Grant.addToPrincipal({
      grantee, actions: ['iam:PassRole'], resourceArns: roles.map((r) => r.roleArn),
      conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    const update = iam.Grant.addToPrincipal({
      grantee, actions: ['ecs:UpdateService', 'ecs:DescribeServices'], resourceArns: [this.service.serviceArn],
    });
    if (grantee.grantPrincipal instanceof iam.Role) acknowledgeRolePolicies(grantee.grantPrincipal, { wildcards: [TASK_DEFINITION_GRANT] });
    return register.combine(pass).combine(update);
  }

  /**
   * A shared load balancer's target group now sends this service traffic: its default deployment
   * alarms (unless `deploymentAlarms.defaultAlarms` is false) watch it too, created in `scope`.
   * @internal
   */
  public _watchTargetGroup(scope: Construct, targetGroup: elbv2.ApplicationTargetGroup): void {
    if (this.alarmOptions.defaultAlarms === false) return;
    const alarms = defaultAlarms(scope, [targetGroup]);
    watchAlarms(this.service, alarms, this.alarmOptions);
    this.deploymentAlarms.push(...alarms);
  }

  private validate(props: EcsServiceProps, desiredCount: number, minHealthy: number, maxHealthy: number): void {
    this.checkPlacementStrategies(props.placementStrategies);
    checkServiceName(this, props.serviceName);
    // The autoscaling bounds first: the default desiredCount follows them, so an error on the
    // bounds must name what the user wrote, not the default derived from it.
    const as = props.autoScaling;
    if (as) {
      checkIntegerRange(this, 'autoScaling.maxCapacity', as.maxCapacity, 1, 5000);
      checkIntegerRange(this, 'autoScaling.minCapacity', as.minCapacity, 0, 5000);
    }
    checkIntegerRange(this, 'desiredCount', desiredCount, 0, 5000, 'ECS allows up to 5000 tasks per service');
    checkIntegerRange(this, 'minHealthyPercent', minHealthy, 0, 100);
    checkIntegerAtLeast(this, 'maxHealthyPercent', maxHealthy, 100);
    if (!isToken(minHealthy) && !isToken(maxHealthy) && maxHealthy <= minHealthy) {
      throw new ValidationError(this, {
        property: 'maxHealthyPercent', value: maxHealthy, allowed: `more than minHealthyPercent (${minHealthy})`,
        hint: 'with max <= min, ECS can neither start a new task nor stop an old one, so deployments hang',
      });
    }
    if (as) this.checkAutoScaling(as, desiredCount, props.loadBalancer !== undefined);
    checkWholeDuration(this, 'healthCheckGracePeriod', props.healthCheckGracePeriod, 'seconds', 0, MAX_GRACE_PERIOD_SECONDS);
    checkDeployment(this, {
      deployment: this.deployment,
      hasLoadBalancer: props.loadBalancer !== undefined,
      hasServiceConnectServices: (props.serviceConnect?.services ?? []).length > 0,
      setsHealthyPercents: props.minHealthyPercent !== undefined || props.maxHealthyPercent !== undefined,
      listenerPorts: props.loadBalancer?.certificate ? [443, 80] : [80],
    });
  }

  /** Placement strategies: EC2 only, at most 5 rules (ECS API CreateService placementStrategy). */
  private checkPlacementStrategies(strategies: ecs.PlacementStrategy[] | undefined): void {
    if (!strategies?.length) return;
    if (this.capacity.isFargate) {
      throw new ValidationError(this, { property: 'placementStrategies', value: `${strategies.length} strategies`, allowed: 'nothing on Fargate (Fargate places tasks itself)' });
    }
    // One PlacementStrategy can hold several rules (spreadAcross with several fields).
    const rules = strategies.reduce((n, st) => n + st.toJson().length, 0);
    if (rules > MAX_PLACEMENT_RULES) {
      throw new ValidationError(this, { property: 'placementStrategies', value: `${rules} rules`, allowed: `at most ${MAX_PLACEMENT_RULES} placement strategy rules per service` });
    }
  }

  private checkAutoScaling(as: ServiceAutoScalingOptions, desiredCount: number, hasLoadBalancer: boolean): void {
    const min = as.minCapacity ?? desiredCount;
    if (!isToken(desiredCount) && !isToken(as.maxCapacity) && desiredCount > as.maxCapacity) {
      throw new ValidationError(this, { property: 'desiredCount', value: desiredCount, allowed: `at most autoScaling.maxCapacity (${as.maxCapacity})` });
    }
    if (!isToken(min) && !isToken(as.maxCapacity) && as.maxCapacity < min) {
      throw new ValidationError(this, { property: 'autoScaling.maxCapacity', value: as.maxCapacity, allowed: `at least minCapacity (${min})` });
    }
    if (!isToken(min) && !isToken(as.maxCapacity) && as.maxCapacity === min) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-autoscaling-fixed-size',
        `autoScaling.minCapacity equals maxCapacity (${min}): autoscaling can never change the task count. Lower minCapacity, raise maxCapacity, or drop autoScaling for a fixed desiredCount.`);
    }
    // Target tracking takes any number (TargetValue is a double): 55.5 % is a valid target.
    checkPositiveNumber(this, 'autoScaling.targetCpuPercent', as.targetCpuPercent, 100);
    checkPositiveNumber(this, 'autoScaling.targetMemoryPercent', as.targetMemoryPercent, 100);
    checkPositiveNumber(this, 'autoScaling.targetRequestsPerTask', as.targetRequestsPerTask);
    if (as.targetRequestsPerTask !== undefined && !hasLoadBalancer) {
      throw new ValidationError(this, { property: 'autoScaling.targetRequestsPerTask', value: as.targetRequestsPerTask, allowed: 'nothing without `loadBalancer`', hint: 'request counts come from the load balancer; add `loadBalancer` or scale on CPU/memory' });
    }
  }

  private addAutoScaling(o: ServiceAutoScalingOptions, desiredCount: number): ecs.ScalableTaskCount {
    const scaling = this.service.autoScaleTaskCount({ minCapacity: o.minCapacity ?? desiredCount, maxCapacity: o.maxCapacity });
    const noTarget = o.targetCpuPercent === undefined && o.targetMemoryPercent === undefined && o.targetRequestsPerTask === undefined;
    const cpu = o.targetCpuPercent ?? (noTarget ? 70 : undefined);
    if (cpu !== undefined) scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: cpu });
    if (o.targetMemoryPercent !== undefined) scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: o.targetMemoryPercent });
    if (o.targetRequestsPerTask !== undefined && this.targetGroup) {
      scaling.scaleOnRequestCount('Requests', { requestsPerTarget: o.targetRequestsPerTask, targetGroup: this.targetGroup });
    }
    return scaling;
  }
}

/** Registering a task definition revision, which ECS authorizes on no resource. */
const TASK_DEFINITION_GRANT: WildcardGrant = {
  actions: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'],
  reason: 'deploys images outside CloudFormation (EcsService.grantImageDeploy); ECS RegisterTaskDefinition and DescribeTaskDefinition support only Resource "*" (Service Authorization Reference)',
};

/** The most placement strategy rules ECS takes per service (ECS API CreateService placementStrategy). */
const MAX_PLACEMENT_RULES = 5;
/** The longest health check grace period ECS takes (ECS API CreateService healthCheckGracePeriodSeconds). */
const MAX_GRACE_PERIOD_SECONDS = 2_147_483_647;
/** Service names: up to 255 letters, digits, hyphens and underscores (ECS API CreateService serviceName). */
const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** Capacity provider names: up to 255 letters, digits, hyphens and underscores (ECS API CreateCapacityProvider name). */

/**
 * The desiredCount when none is given: 2 (one task per AZ over two AZs), moved into the
 * autoscaling range the user gave, so the default never contradicts the user's own values.
 */
function defaultDesiredCount(as: ServiceAutoScalingOptions | undefined): number {
  let n = 2;
  if (as?.minCapacity !== undefined && !isToken(as.minCapacity) && as.minCapacity > n) n = as.minCapacity;
  if (as !== undefined && !isToken(as.maxCapacity) && as.maxCapacity < n) n = as.maxCapacity;
  return n;
}

function checkServiceName(scope: Construct, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name) || SERVICE_NAME.test(name)) return;
  throw new ValidationError(scope, { property: 'serviceName', value: name, allowed: '1-255 letters, digits, hyphens and underscores' });
}

/** A concrete number above 0 (fractions allowed) and, when `max` is given, at most `max`; tokens pass. */
function checkPositiveNumber(scope: Construct, property: string, value: number | undefined, max?: number): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isFinite(value) || value <= 0 || (max !== undefined && value > max)) {
    throw new ValidationError(scope, { property, value, allowed: max === undefined ? 'a number above 0' : `a number above 0 and at most ${max}` });
  }
}
