import {
  Annotations, CfnResource, Duration, Stack, Token,
  aws_cloudwatch as cloudwatch, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, acknowledge, acknowledgeRolePolicies } from '../private/acknowledge';
import { checkIntegerRange, isToken } from '../private/validate';
import { DeploymentAlarmOptions, DeploymentHook, ServiceDeployment } from './deployment';
import { checkWholeDuration } from './private/durations';

/** What the deployment checks need to know about the service. */
export interface DeploymentContext {
  /** The deployment the user picked (or the default rolling one). */
  readonly deployment: ServiceDeployment;
  /** Whether the service has a load balancer. */
  readonly hasLoadBalancer: boolean;
  /** Whether the service offers ports through Service Connect (traffic ECS can shift). */
  readonly hasServiceConnectServices: boolean;
  /** Whether the user gave minHealthyPercent or maxHealthyPercent. */
  readonly setsHealthyPercents: boolean;
  /** The load balancer's listener ports (a test port must differ). */
  readonly listenerPorts: number[];
}

/** The longest bake time and step wait ECS takes, in minutes (ECS API DeploymentConfiguration, LinearConfiguration, CanaryConfiguration). */
const MAX_BAKE_MINUTES = 1440;
/** What the ECS deployment strategies need, and the `ServiceDeployment` factory that makes each. */
const FACTORY: Record<ecs.DeploymentStrategy, string> = {
  [ecs.DeploymentStrategy.ROLLING]: 'ServiceDeployment.rolling()',
  [ecs.DeploymentStrategy.BLUE_GREEN]: 'ServiceDeployment.blueGreen()',
  [ecs.DeploymentStrategy.LINEAR]: 'ServiceDeployment.linear()',
  [ecs.DeploymentStrategy.CANARY]: 'ServiceDeployment.canary()',
};

/**
 * The combinations ECS refuses, or that would do nothing, caught at synth with the property the
 * user wrote (aws-cdk-lib checks some of them, without the property, and some not at all).
 */
export function checkDeployment(owner: Construct, c: DeploymentContext): void {
  const d = c.deployment;
  const factory = FACTORY[d.strategy];
  if (d.runsTwoTaskSets && c.setsHealthyPercents) {
    throw new ValidationError(owner, {
      property: 'minHealthyPercent', value: `set, with ${factory}`, allowed: 'nothing: minHealthyPercent and maxHealthyPercent size the batches of rolling updates only',
      hint: 'blue/green, linear and canary deployments start a full set of new tasks beside the old; drop the healthy percents, or use ServiceDeployment.rolling()',
    });
  }
  const o = d.blueGreenOptions;
  checkWholeDuration(owner, 'deployment.bakeTime', o.bakeTime, 'minutes', 0, MAX_BAKE_MINUTES, { max: '24 hours' });
  const shift = d.trafficShift;
  if (shift) {
    checkWholeDuration(owner, 'deployment.stepBakeTime', shift.stepBakeTime, 'minutes', 0, MAX_BAKE_MINUTES, { max: '24 hours' });
    checkStepPercent(owner, d.strategy, shift.stepPercent);
  }
  if ((d.strategy === ecs.DeploymentStrategy.LINEAR || d.strategy === ecs.DeploymentStrategy.CANARY) && !c.hasLoadBalancer && !c.hasServiceConnectServices) {
    throw new ValidationError(owner, {
      property: 'deployment', value: factory, allowed: 'a linear or canary deployment of a service with a load balancer or Service Connect services: the traffic ECS shifts step by step',
      hint: 'add loadBalancer, or serviceConnect with services; or use ServiceDeployment.blueGreen() or rolling()',
    });
  }
  if (d.strategy === ecs.DeploymentStrategy.BLUE_GREEN && !c.hasLoadBalancer && !c.hasServiceConnectServices) {
    Annotations.of(owner).addWarningV2('cdk-containers:ecs-blue-green-no-traffic',
      'A blue/green deployment without a load balancer or Service Connect services: ECS starts the new tasks beside the old, but has no traffic to move, so the bake time and hooks are all it adds. Add loadBalancer, or use ServiceDeployment.rolling().');
  }
  if (o.testPort !== undefined) {
    if (!c.hasLoadBalancer) {
      throw new ValidationError(owner, { property: 'deployment.testPort', value: o.testPort, allowed: 'nothing without loadBalancer (the test listener is added to the service\'s load balancer)' });
    }
    checkIntegerRange(owner, 'deployment.testPort', o.testPort, 1, 65535);
    if (!isToken(o.testPort) && c.listenerPorts.includes(o.testPort)) {
      throw new ValidationError(owner, { property: 'deployment.testPort', value: o.testPort, allowed: `a port other than the load balancer's listener ports (${c.listenerPorts.join(', ')})` });
    }
  }
  if (o.infrastructureRole !== undefined && !c.hasLoadBalancer) {
    throw new ValidationError(owner, { property: 'deployment.infrastructureRole', value: o.infrastructureRole.node.path, allowed: 'nothing without loadBalancer (the role moves load balancer traffic)' });
  }
  (o.hooks ?? []).forEach((hook, i) => checkHook(owner, `deployment.hooks[${i}]`, hook));
}

/**
 * `deploymentAlarms` given, yet nothing to watch once the tree is finished (a shared load
 * balancer's target group, added after the service, counts).
 */
export function checkDeploymentAlarms(owner: IConstruct, options: DeploymentAlarmOptions, watched: cloudwatch.IAlarm[], given: boolean): string[] {
  if (!given || watched.length > 0) return [];
  const defaults = options.defaultAlarms ?? true;
  throw new ValidationError(owner, {
    property: 'deploymentAlarms', value: defaults ? 'no alarms, no load balancer' : 'no alarms, defaultAlarms false', allowed: 'at least one alarm to watch',
    hint: defaults
      ? 'pass deploymentAlarms.alarms: the default alarms watch a load balancer\'s target groups, and the service has none'
      : 'pass deploymentAlarms.alarms, or keep defaultAlarms',
  });
}

/** The deployment settings of the ECS service L2. */
export function deploymentProps(d: ServiceDeployment): Partial<ecs.BaseServiceOptions> {
  const circuitBreaker = d.circuitBreaker ? { enable: true, rollback: true } : undefined;
  if (!d.runsTwoTaskSets) return { circuitBreaker };
  const shift = d.trafficShift;
  const config = shift ? { stepPercent: shift.stepPercent, stepBakeTime: shift.stepBakeTime } : undefined;
  return {
    circuitBreaker,
    deploymentStrategy: d.strategy,
    // ECS needs a bake time for BLUE_GREEN (ECS API DeploymentConfiguration.bakeTimeInMinutes).
    bakeTime: d.blueGreenOptions.bakeTime ?? Duration.minutes(5),
    linearConfiguration: d.strategy === ecs.DeploymentStrategy.LINEAR ? config : undefined,
    canaryConfiguration: d.strategy === ecs.DeploymentStrategy.CANARY ? config : undefined,
  };
}

/**
 * The hooks' Lambda functions, invoked by ECS through one role of the service (construct id
 * `DeploymentHookRole` under the service) allowed to invoke those functions only.
 */
export function addDeploymentHooks(owner: Construct, service: ecs.BaseService, hooks: DeploymentHook[]): void {
  if (hooks.length === 0) return;
  const role = new iam.Role(owner, 'DeploymentHookRole', {
    assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
    description: 'Lets ECS invoke the deployment lifecycle hooks of one service',
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...new Set(hooks.map((h) => h.handler.functionArn))] }));
  acknowledgeRolePolicies(role, { inline: 'aws-cdk-lib writes the hook role\'s grant as a policy attached to this one role, created and deleted with it' });
  for (const hook of hooks) {
    service.addLifecycleHook({ bind: () => ({ targetArn: hook.handler.functionArn, role, lifecycleStages: hook.stages }) });
  }
}

/**
 * Deployment alarms with rollback: the user's, and the library's two (construct ids
 * `Target5xxAlarm` and `UnhealthyTargetsAlarm` under the service) on the target groups of the
 * service's own load balancer, when it has one. An alarm has no action of its own: ECS reads it.
 */
export function addDeploymentAlarms(owner: Construct, service: ecs.BaseService, options: DeploymentAlarmOptions, targetGroups: elbv2.ApplicationTargetGroup[]): cloudwatch.IAlarm[] {
  const alarms = [...options.alarms ?? []];
  if (targetGroups.length > 0 && (options.defaultAlarms ?? true)) {
    alarms.push(...defaultAlarms(owner, targetGroups));
  }
  watchAlarms(service, alarms, options);
  return alarms;
}

/** Has ECS watch the alarms during deployments (added to those it already watches). */
export function watchAlarms(service: ecs.BaseService, alarms: cloudwatch.IAlarm[], options: DeploymentAlarmOptions): void {
  if (alarms.length === 0) return;
  // The alarms exist before ECS is told to watch them (their names are literal, not references).
  const cfnService = service.node.defaultChild as CfnResource;
  alarms.filter((a): a is cloudwatch.Alarm => LITERAL_NAMES.has(a) && Stack.of(a) === Stack.of(service))
    .forEach((a) => cfnService.addResourceDependency(a.node.defaultChild as CfnResource));
  service.enableDeploymentAlarms(alarms.map((a) => LITERAL_NAMES.get(a) ?? a.alarmName), {
    behavior: (options.rollback ?? true) ? ecs.AlarmBehavior.ROLLBACK_ON_ALARM : ecs.AlarmBehavior.FAIL_ON_ALARM,
  });
}

/**
 * The library's two alarms on target groups that carry one service's traffic (summed over the
 * groups): 5xx responses above 5 % of requests, and any unhealthy target. Created in `owner`.
 */
export function defaultAlarms(owner: Construct, groups: elbv2.ApplicationTargetGroup[]): cloudwatch.Alarm[] {
  const minute = Duration.minutes(1);
  const each = (f: (g: elbv2.ApplicationTargetGroup) => cloudwatch.IMetric, prefix: string) =>
    Object.fromEntries(groups.map((g, i) => [`${prefix}${i}`, f(g)]));
  const sum = (prefix: string) => groups.map((_, i) => `${prefix}${i}`).join(' + ');
  const errors = each((g) => g.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: minute, statistic: 'Sum' }), 'e');
  const requests = each((g) => g.metrics.requestCount({ period: minute, statistic: 'Sum' }), 'r');
  const errorRate = new cloudwatch.MathExpression({
    expression: `IF((${sum('r')}) > 0, 100 * (${sum('e')}) / (${sum('r')}), 0)`,
    usingMetrics: { ...errors, ...requests },
    period: minute,
    label: 'Target 5xx responses, % of requests',
  });
  const unhealthy = new cloudwatch.MathExpression({
    expression: groups.length === 1 ? 'u0' : `MAX([${groups.map((_, i) => `u${i}`).join(', ')}])`,
    usingMetrics: each((g) => g.metrics.unhealthyHostCount({ period: minute, statistic: 'Maximum' }), 'u'),
    period: minute,
    label: 'Unhealthy targets',
  });
  const names = [alarmName(owner, 'target-5xx'), alarmName(owner, 'unhealthy-targets')];
  const alarms = [
    errorRate.createAlarm(owner, 'Target5xxAlarm', {
      alarmName: names[0],
      alarmDescription: 'Target 5xx responses above 5% of requests for 2 of 3 minutes: ECS rolls a deployment back',
      threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    unhealthy.createAlarm(owner, 'UnhealthyTargetsAlarm', {
      alarmName: names[1],
      alarmDescription: 'An unhealthy target for 2 minutes: ECS rolls a deployment back',
      threshold: 1, evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];
  alarms.forEach((alarm, i) => {
    if (names[i] !== undefined) LITERAL_NAMES.set(alarm, names[i]!);
  });
  for (const alarm of alarms) {
    acknowledge(alarm.node.defaultChild as CfnResource, [[RULES.ALARM_ACTION, 'ECS reads this alarm during deployments and rolls back when it fires; it needs no action of its own (add one with alarm.addAlarmAction to be paged)']]);
  }
  return alarms;
}

/**
 * A default alarm's name: the stack's name, the path of the construct that owns it within the
 * stack, and what it watches (255 characters at most, CloudWatch's limit). A literal name, so the
 * service names the alarm without referencing it (no dependency to cycle through) and people find
 * it by service; none in a stack whose name is a token.
 */
function alarmName(owner: IConstruct, what: string): string | undefined {
  const stack = Stack.of(owner);
  if (Token.isUnresolved(stack.stackName)) return undefined;
  const path = owner.node.path.slice(stack.node.path.length + 1);
  const name = `${stack.stackName}/${path}/${what}`;
  return name.length <= MAX_ALARM_NAME ? name : `${name.slice(0, MAX_ALARM_NAME - what.length - 10)}-${hash(name)}/${what}`;
}

/**
 * The literal names of the library's alarms: `alarm.alarmName` is a reference (Ref) within its own
 * stack even when the name is given, and a service naming its alarms by reference makes
 * aws-cdk-lib warn of a dependency cycle at every synth.
 */
const LITERAL_NAMES = new WeakMap<cloudwatch.IAlarm, string>();

/** CloudWatch's longest alarm name (API PutMetricAlarm AlarmName). */
const MAX_ALARM_NAME = 255;

/** Eight hex digits of a string's FNV-1a hash: keeps shortened names unique. */
function hash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The deployment controller in the finished template: an override to CODE_DEPLOY or EXTERNAL
 * (`addPropertyOverride`, or the L1's `deploymentController`) conflicts with the ECS deployment
 * features the library set, which ECS refuses at deploy time.
 */
export function checkDeploymentController(owner: Construct, service: ecs.BaseService): void {
  const cfn = service.node.defaultChild as ecs.CfnService;
  owner.node.addValidation({
    validate: () => {
      const stack = Stack.of(owner);
      const rendered = stack.resolve((cfn as unknown as { _toCloudFormation(): object })._toCloudFormation()) as { Resources: Record<string, { Properties?: ServiceProperties }> };
      const props: ServiceProperties = Object.values(rendered.Resources)[0]?.Properties ?? {};
      const type = props.DeploymentController?.Type;
      if (type === undefined || Token.isUnresolved(type) || type === 'ECS') return [];
      const config = props.DeploymentConfiguration ?? {};
      const features = [
        config.DeploymentCircuitBreaker?.Enable === true ? 'the deployment circuit breaker' : undefined,
        config.Strategy !== undefined && config.Strategy !== 'ROLLING' ? `the ${config.Strategy} deployment strategy` : undefined,
        config.Alarms?.Enable === true ? 'deployment alarms' : undefined,
        (config.LifecycleHooks ?? []).length > 0 ? 'lifecycle hooks' : undefined,
      ].filter((f): f is string => f !== undefined);
      if (features.length === 0) return [];
      throw new ValidationError(owner, {
        property: 'DeploymentController', value: type, allowed: `ECS, for ${features.join(', ')}`,
        hint: type === 'CODE_DEPLOY'
          ? 'ECS runs blue/green deployments itself: use deployment: ServiceDeployment.blueGreen() instead of CodeDeploy; or ServiceDeployment.rolling({ circuitBreaker: false }) with deploymentAlarms left out, to hand deployments to CodeDeploy'
          : 'an external controller deploys task sets itself: use ServiceDeployment.rolling({ circuitBreaker: false }) and leave deploymentAlarms out',
      });
    },
  });
}

interface ServiceProperties {
  readonly DeploymentController?: { readonly Type?: string };
  readonly DeploymentConfiguration?: {
    readonly DeploymentCircuitBreaker?: { readonly Enable?: boolean };
    readonly Strategy?: string;
    readonly Alarms?: { readonly Enable?: boolean };
    readonly LifecycleHooks?: unknown[];
  };
}

/** The peak number of tasks a deployment runs: two full sets for every strategy but rolling. */
export function deploymentPeak(d: ServiceDeployment, count: number): number {
  return d.runsTwoTaskSets ? count * 2 : count;
}

function checkHook(owner: IConstruct, property: string, hook: DeploymentHook): void {
  if (hook.stages.length === 0) {
    throw new ValidationError(owner, { property: `${property}.stages`, value: [], allowed: 'at least one ecs.DeploymentLifecycleStage' });
  }
  const dup = hook.stages.find((s, i) => hook.stages.indexOf(s) !== i);
  if (dup !== undefined) {
    throw new ValidationError(owner, { property: `${property}.stages`, value: hook.stages, allowed: `each stage once (${dup} is repeated)` });
  }
}

/** Linear steps 3-100 %, canary steps 0.1-100 %, in steps of 0.1 (ECS API LinearConfiguration, CanaryConfiguration stepPercent). */
function checkStepPercent(owner: IConstruct, strategy: ecs.DeploymentStrategy, percent: number | undefined): void {
  if (percent === undefined || isToken(percent)) return;
  const min = strategy === ecs.DeploymentStrategy.LINEAR ? 3 : 0.1;
  const tenths = Math.round(percent * 10);
  if (!Number.isFinite(percent) || percent < min || percent > 100 || Math.abs(percent * 10 - tenths) > 1e-9) {
    throw new ValidationError(owner, { property: 'deployment.stepPercent', value: percent, allowed: `a percent from ${min} to 100 in steps of 0.1 for a ${strategy.toLowerCase()} deployment` });
  }
}
