import {
  App, CfnParameter, Duration, Stack, TimeZone,
  aws_certificatemanager as acm, aws_cloudwatch as cloudwatch, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam, aws_kms as kms,
  aws_lambda as lambda, aws_s3 as s3, aws_scheduler as scheduler,
} from 'aws-cdk-lib';
import {
  ClusterCapacity, EcsCluster, EcsScheduledTask, EcsScheduledTaskProps, EcsService, EcsServiceProps, EcsTaskDefinition, EcsTaskDefinitionProps,
  ServiceCapacity, ServiceConnectNamespace, ServiceDeployment, ServiceLoadBalancerOptions, TaskCompatibility,
} from '../../../lib';
import { ValidationRow, error, typed, warning } from '../table';

const SERVICE = 'lib/ecs/service.ts';
const LOAD_BALANCER = 'lib/ecs/service-load-balancer.ts';
const SCHEDULED = 'lib/ecs/scheduled-task.ts';
const EXPRESSION = 'lib/ecs/private/schedule-expression.ts';
const PLACEMENT = 'lib/ecs/workload-placement.ts';
const DEPLOYMENT = 'lib/ecs/service-deployment.ts';
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** A VPC, a plain ECS cluster and a task definition whose container `web` maps port 8080 (named `http`). */
function fixture(stack: Stack, compatibility: TaskCompatibility = TaskCompatibility.FARGATE): { vpc: ec2.Vpc; cluster: ecs.Cluster; app: EcsTaskDefinition } {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'App', {
    compatibility,
    containers: [{ name: 'web', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), portMappings: [{ containerPort: 8080, name: 'http' }] }],
  });
  return { vpc, cluster, app };
}

/** A service `Web` in the fixture, with `over` applied. */
function service(stack: Stack, over: Partial<EcsServiceProps> = {}, compatibility?: TaskCompatibility): EcsService {
  const f = fixture(stack, compatibility);
  return new EcsService(stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...over });
}

const WINDOWS = { operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, cpu: 1024, memoryMiB: 2048 };

/** A service on an EcsCluster with Fargate and Fargate Spot, its task definition given `td` props. */
function onFargateCluster(stack: Stack, capacity: ServiceCapacity, td: Partial<EcsTaskDefinitionProps>): EcsService {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.fargate(), ClusterCapacity.fargateSpot()] });
  const app = new EcsTaskDefinition(stack, 'App', { ...td, containers: [{ name: 'web', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }] });
  return new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity });
}

/** A deployment hook's function (imported). */
function hook(stack: Stack): lambda.IFunction {
  return lambda.Function.fromFunctionArn(stack, 'Hook', 'arn:aws:lambda:us-east-1:123456789012:function:smoke');
}

/** A service behind a load balancer without access logs (the test stack has no region), with `lb` applied. */
function behindLoadBalancer(stack: Stack, lb: ServiceLoadBalancerOptions, over: Partial<EcsServiceProps> = {}): EcsService {
  return service(stack, { loadBalancer: { accessLogs: false, ...lb }, ...over });
}

/** A stack with a region in the same app: ALB access logs need one. */
function regional(stack: Stack): Stack {
  return new Stack(stack.node.root as App, 'Regional', { env: { region: 'us-east-1' } });
}

/** A service health-checked with `healthCheck`. */
function healthCheck(hc: elbv2.HealthCheck): (stack: Stack) => EcsService {
  return (stack) => behindLoadBalancer(stack, { healthCheck: hc });
}

/**
 * A service on an EcsCluster with the EC2 capacity `OnDemand` (aws-cdk-lib refuses an EC2 service on
 * a cluster without EC2 capacity), with `over` applied.
 */
function onEcsCluster(
  stack: Stack, over: Partial<EcsServiceProps>, compatibility: TaskCompatibility = TaskCompatibility.EC2,
  networkMode?: ecs.NetworkMode, cpuArchitecture?: ecs.CpuArchitecture, operatingSystemFamily?: ecs.OperatingSystemFamily,
): EcsService {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.ec2({ name: 'OnDemand' })] });
  const windows = operatingSystemFamily?.isWindows() ? { cpu: 1024, memoryMiB: 2048 } : {};
  const app = new EcsTaskDefinition(stack, 'App', {
    compatibility, networkMode, cpuArchitecture, operatingSystemFamily, ...windows,
    containers: [{ name: 'web', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }],
  });
  return new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2(), ...over });
}

/** Five placement strategy rules (one `spreadAcross` with three fields counts three). */
function placementRules(extra: number): ecs.PlacementStrategy[] {
  const five = [ecs.PlacementStrategy.spreadAcross('attribute:ecs.availability-zone', 'instanceId', 'attribute:ecs.instance-type'), ecs.PlacementStrategy.packedByMemory(), ecs.PlacementStrategy.packedByCpu()];
  return extra ? [...five, ecs.PlacementStrategy.randomly()] : five;
}

/** A scheduled task `Nightly` running the fixture's task definition, with `over` applied. */
function scheduled(stack: Stack, over: Partial<EcsScheduledTaskProps> = {}): EcsScheduledTask {
  const f = fixture(stack);
  return new EcsScheduledTask(stack, 'Nightly', { cluster: f.cluster, taskDefinition: f.app, schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)'), ...over });
}

/** A scheduled task on the expression `expr`. */
function onSchedule(expr: string, timeZone?: TimeZone): (stack: Stack) => EcsScheduledTask {
  return (stack) => scheduled(stack, { schedule: scheduler.ScheduleExpression.expression(expr, timeZone) });
}

/** A cron row: the field's bad and edge expressions. */
function cronRow(field: string, rule: string, bad: string, edge: string): ValidationRow {
  return error({
    type: 'EcsScheduledTaskProps', property: `schedule.cron.${field}`, rule, source: 'guide: EventBridge Scheduler, Schedule types (cron-based schedules)',
    where: EXPRESSION, errorProperty: 'schedule', bad: onSchedule(bad), edge: onSchedule(edge),
  });
}

/** The validation table's rows for this area (see ../table.ts). */
export const rows: ValidationRow[] = [
  // Ec2ServiceCapacityOptions
  error({
    type: 'Ec2ServiceCapacityOptions', property: 'capacityName', rule: "on an EcsCluster: the name of one of the cluster's ClusterCapacity.ec2 entries",
    source: 'library', where: PLACEMENT,
    bad: (s) => onEcsCluster(s, { capacity: ServiceCapacity.ec2({ capacityName: 'Spot' }) }),
    edge: (s) => onEcsCluster(s, { capacity: ServiceCapacity.ec2({ capacityName: 'OnDemand' }) }),
  }),
  error({
    type: 'Ec2ServiceCapacityOptions', property: 'capacityProviderName', rule: 'an EC2 capacity provider name: 1-255 letters, digits, hyphens and underscores, not FARGATE or FARGATE_SPOT',
    source: 'API ecs CreateCapacityProvider', where: PLACEMENT,
    bad: (s) => service(s, { capacity: ServiceCapacity.ec2({ capacityProviderName: 'FARGATE' }) }, TaskCompatibility.EC2),
    edge: (s) => onEcsCluster(s, { capacity: ServiceCapacity.ec2({ capacityProviderName: `P_${'a-'.repeat(126)}z` }) }),
  }),
  error({
    type: 'Ec2ServiceCapacityOptions', property: 'capacityProviderName', rule: 'letters, digits, hyphens and underscores only',
    source: 'API ecs CreateCapacityProvider', where: PLACEMENT,
    bad: (s) => service(s, { capacity: ServiceCapacity.ec2({ capacityProviderName: 'my.provider' }) }, TaskCompatibility.EC2),
    edge: (s) => onEcsCluster(s, { capacity: ServiceCapacity.ec2({ capacityProviderName: 'my_provider-1' }) }),
  }),

  // EcsScheduledTaskProps
  ...typed('EcsScheduledTaskProps', 'an SQS queue (sqs.IQueue); the role is granted sqs:SendMessage on it', 'deadLetterQueue'),
  error({
    type: 'EcsScheduledTaskProps', property: 'description', rule: 'at most 512 characters', source: 'CFN AWS::Scheduler::Schedule',
    where: SCHEDULED, bad: (s) => scheduled(s, { description: 'd'.repeat(513) }), edge: (s) => scheduled(s, { description: 'd'.repeat(512) }),
  }),
  ...typed('EcsScheduledTaskProps', 'a boolean (State ENABLED or DISABLED)', 'enabled'),
  error({
    type: 'EcsScheduledTaskProps', property: 'retryAttempts', rule: 'a whole number from 0 to 185', source: 'CFN AWS::Scheduler::Schedule',
    where: SCHEDULED, bad: (s) => scheduled(s, { retryAttempts: 186 }), edge: (s) => scheduled(s, { retryAttempts: 185 }),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'retryAttempts', rule: 'from 0: no negative count', source: 'CFN AWS::Scheduler::Schedule',
    where: SCHEDULED, bad: (s) => scheduled(s, { retryAttempts: -1 }), edge: (s) => scheduled(s, { retryAttempts: 0 }),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'retryAttempts', rule: 'a literal number: aws-cdk-lib compares the count at synth, where a token reads as a negative number',
    source: 'library', where: SCHEDULED,
    bad: (s) => scheduled(s, { retryAttempts: new CfnParameter(s, 'Retries', { type: 'Number' }).valueAsNumber }),
    edge: (s) => scheduled(s, { retryAttempts: 3 }),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.rate', rule: 'rate(value unit): a whole value of at least 1, unit minute(s), hour(s) or day(s)',
    source: 'guide: EventBridge Scheduler, Schedule types (rate-based schedules)', where: EXPRESSION, errorProperty: 'schedule',
    bad: onSchedule('rate(0 minutes)'), edge: onSchedule('rate(1 minute)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.rate', rule: 'a singular unit for 1, a plural one above', source: 'guide: EventBridge Scheduler, Schedule types (rate-based schedules)',
    where: EXPRESSION, errorProperty: 'schedule', bad: onSchedule('rate(1 minutes)'), edge: onSchedule('rate(2 minutes)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.rate', rule: 'units minute, hour and day only', source: 'guide: EventBridge Scheduler, Schedule types (rate-based schedules)',
    where: EXPRESSION, errorProperty: 'schedule', bad: onSchedule('rate(2 weeks)'), edge: onSchedule('rate(14 days)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.cron', rule: 'six fields: minutes hours day-of-month month day-of-week year',
    source: 'guide: EventBridge Scheduler, Schedule types (cron-based schedules)', where: EXPRESSION, errorProperty: 'schedule',
    bad: onSchedule('cron(0 3 * * ?)'), edge: onSchedule('cron(0 3 * * ? *)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.cron', rule: 'exactly one of day-of-month and day-of-week is ?',
    source: 'guide: EventBridge Scheduler, Schedule types (cron-based schedules)', where: EXPRESSION, errorProperty: 'schedule',
    bad: onSchedule('cron(0 3 * * * *)'), edge: onSchedule('cron(0 3 ? * * *)'),
  }),
  cronRow('minutes', 'minutes 0-59 with , - * /', 'cron(60 3 * * ? *)', 'cron(59 3 * * ? *)'),
  cronRow('minutes', 'increments: a whole step of at least 1', 'cron(0/0 3 * * ? *)', 'cron(0/1 3 * * ? *)'),
  cronRow('hours', 'hours 0-23 with , - * /', 'cron(0 24 * * ? *)', 'cron(0 0-23 * * ? *)'),
  cronRow('day-of-month', 'day-of-month 1-31 with , - * ? / L W', 'cron(0 3 32 * ? *)', 'cron(0 3 31 * ? *)'),
  cronRow('day-of-month', 'day-of-month 1-31: no day 0', 'cron(0 3 0 * ? *)', 'cron(0 3 1 * ? *)'),
  cronRow('day-of-month', 'W after a day from 1 to 31, or LW', 'cron(0 3 32W * ? *)', 'cron(0 3 LW * ? *)'),
  cronRow('month', 'month 1-12 or JAN-DEC with , - * /', 'cron(0 3 1 13 ? *)', 'cron(0 3 1 DEC ? *)'),
  cronRow('day-of-week', 'day-of-week 1-7 or SUN-SAT with , - * ? L #', 'cron(0 3 ? * 8 *)', 'cron(0 3 ? * 7 *)'),
  cronRow('day-of-week', 'no / in day-of-week', 'cron(0 3 ? * 1/2 *)', 'cron(0 3 ? * MON-FRI *)'),
  cronRow('day-of-week', '# (the nth weekday, n 1-5) in a single expression', 'cron(0 3 ? * 3#1,6#3 *)', 'cron(0 3 ? * 6#5 *)'),
  cronRow('day-of-week', 'L after a day from 1 to 7 (the last such weekday)', 'cron(0 3 ? * 8L *)', 'cron(0 3 ? * 6L *)'),
  cronRow('year', 'year 1970-2199 with , - * /', 'cron(0 3 * * ? 2200)', 'cron(0 3 * * ? 1970-2199)'),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.at', rule: 'at(yyyy-mm-ddThh:mm:ss) with a real date and time',
    source: 'guide: EventBridge Scheduler, Schedule types (one-time schedules)', where: EXPRESSION, errorProperty: 'schedule',
    bad: onSchedule('at(2030-02-29T03:00:00)'), edge: onSchedule('at(2028-02-29T23:59:59)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.at', rule: 'a time from 00:00:00 to 23:59:59',
    source: 'guide: EventBridge Scheduler, Schedule types (one-time schedules)', where: EXPRESSION, errorProperty: 'schedule',
    bad: onSchedule('at(2030-01-01T24:00:00)'), edge: onSchedule('at(2030-01-01T00:00:00)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule', rule: 'rate(...), cron(...) or at(...)', source: 'CFN AWS::Scheduler::Schedule',
    where: EXPRESSION, bad: onSchedule('every day at 3'), edge: onSchedule('at(2030-01-01T03:00:00)'),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'schedule.timeZone', rule: 'an IANA time zone name of at most 50 characters', source: 'CFN AWS::Scheduler::Schedule',
    where: EXPRESSION, bad: onSchedule('cron(0 3 * * ? *)', TimeZone.of('Mars/Olympus_Mons')), edge: onSchedule('cron(0 3 * * ? *)', TimeZone.of('Etc/GMT+12')),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'taskCount', rule: 'a whole number from 1 to 10', source: 'CFN AWS::Scheduler::Schedule',
    where: SCHEDULED, bad: (s) => scheduled(s, { taskCount: 11 }), edge: (s) => scheduled(s, { taskCount: 10 }),
  }),
  error({
    type: 'EcsScheduledTaskProps', property: 'taskCount', rule: 'at least 1', source: 'CFN AWS::Scheduler::Schedule',
    where: SCHEDULED, bad: (s) => scheduled(s, { taskCount: 0 }), edge: (s) => scheduled(s, { taskCount: 1 }),
  }),

  // EcsServiceProps
  error({
    type: 'EcsServiceProps', property: 'autoScaling', rule: 'a request-count target needs a load balancer', source: 'API application-autoscaling PredefinedMetricSpecification',
    where: SERVICE, errorProperty: 'targetRequestsPerTask',
    bad: (s) => service(s, { autoScaling: { maxCapacity: 4, targetRequestsPerTask: 100 } }),
    edge: (s) => behindLoadBalancer(s, {}, { autoScaling: { maxCapacity: 4, targetRequestsPerTask: 100 } }),
  }),
  error({
    type: 'EcsServiceProps', property: 'desiredCount', rule: 'a whole number from 0 to 5000 (tasks per service)', source: 'guide: Amazon ECS service quotas',
    where: SERVICE, bad: (s) => service(s, { desiredCount: 5001 }), edge: (s) => service(s, { desiredCount: 5000 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'desiredCount', rule: 'at least 0', source: 'guide: Amazon ECS service quotas',
    where: SERVICE, bad: (s) => service(s, { desiredCount: -1 }), edge: (s) => service(s, { desiredCount: 0 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'desiredCount', rule: 'at most autoScaling.maxCapacity (the default, 2, follows the autoscaling range)',
    source: 'API application-autoscaling RegisterScalableTarget', where: SERVICE,
    bad: (s) => service(s, { desiredCount: 5, autoScaling: { minCapacity: 1, maxCapacity: 4 } }),
    edge: (s) => service(s, { desiredCount: 4, autoScaling: { minCapacity: 1, maxCapacity: 4 } }),
  }),
  ...typed('EcsServiceProps', 'a boolean', 'enableExecuteCommand'),
  error({
    type: 'EcsServiceProps', property: 'healthCheckGracePeriod', rule: 'whole seconds from 0 to 2147483647', source: 'API ecs CreateService',
    where: SERVICE, bad: (s) => service(s, { healthCheckGracePeriod: Duration.seconds(2_147_483_648) }), edge: (s) => service(s, { healthCheckGracePeriod: Duration.seconds(2_147_483_647) }),
  }),
  error({
    type: 'EcsServiceProps', property: 'healthCheckGracePeriod', rule: 'whole seconds (the API takes an integer)', source: 'API ecs CreateService',
    where: SERVICE, bad: (s) => service(s, { healthCheckGracePeriod: Duration.millis(1500) }), edge: (s) => service(s, { healthCheckGracePeriod: Duration.millis(2000) }),
  }),
  error({
    type: 'EcsServiceProps', property: 'loadBalancer', rule: 'a container with a port mapping to send traffic to', source: 'API ecs CreateService',
    where: LOAD_BALANCER, errorProperty: 'loadBalancer.containerName',
    bad: (s) => {
      const f = fixture(s);
      const worker = new EcsTaskDefinition(s, 'Worker', { containers: [{ name: 'worker', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }] });
      return new EcsService(s, 'Web', { cluster: f.cluster, taskDefinition: worker, loadBalancer: { accessLogs: false } });
    },
    edge: (s) => behindLoadBalancer(s, {}),
  }),
  error({
    type: 'EcsServiceProps', property: 'maxHealthyPercent', rule: 'a whole number (no upper bound in the API)', source: 'API ecs DeploymentConfiguration',
    where: SERVICE, bad: (s) => service(s, { maxHealthyPercent: 250.5 }), edge: (s) => service(s, { maxHealthyPercent: 1000 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'maxHealthyPercent', rule: 'at least 100', source: 'API ecs DeploymentConfiguration',
    where: SERVICE, bad: (s) => service(s, { minHealthyPercent: 0, maxHealthyPercent: 99 }), edge: (s) => service(s, { minHealthyPercent: 0, maxHealthyPercent: 100 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'maxHealthyPercent', rule: 'more than minHealthyPercent, or deployments hang', source: 'API ecs DeploymentConfiguration',
    where: SERVICE, bad: (s) => service(s, { minHealthyPercent: 100, maxHealthyPercent: 100 }), edge: (s) => service(s, { minHealthyPercent: 99, maxHealthyPercent: 100 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'minHealthyPercent', rule: 'a whole number from 0 to 100', source: 'API ecs DeploymentConfiguration',
    where: SERVICE, bad: (s) => service(s, { minHealthyPercent: 101 }), edge: (s) => service(s, { minHealthyPercent: 100 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'minHealthyPercent', rule: 'at least 0', source: 'API ecs DeploymentConfiguration',
    where: SERVICE, bad: (s) => service(s, { minHealthyPercent: -1 }), edge: (s) => service(s, { minHealthyPercent: 0 }),
  }),
  error({
    type: 'EcsServiceProps', property: 'placementStrategies', rule: 'EC2 capacity only (Fargate places tasks itself)', source: 'API ecs CreateService',
    where: SERVICE,
    bad: (s) => service(s, { placementStrategies: [ecs.PlacementStrategy.packedByMemory()] }),
    edge: (s) => onEcsCluster(s, { placementStrategies: [ecs.PlacementStrategy.packedByMemory()] }),
  }),
  error({
    type: 'EcsServiceProps', property: 'placementStrategies[]', rule: 'at most 5 strategy rules per service', source: 'API ecs CreateService',
    where: SERVICE, errorProperty: 'placementStrategies',
    bad: (s) => onEcsCluster(s, { placementStrategies: placementRules(1) }),
    edge: (s) => onEcsCluster(s, { placementStrategies: placementRules(0) }),
  }),
  error({
    type: 'EcsServiceProps', property: 'serviceConnect.cloudMapNamespace', rule: 'a Cloud Map namespace, here or as the cluster default', source: 'API ecs ServiceConnectConfiguration',
    where: 'lib/ecs/service-connect.ts',
    bad: (s) => service(s, { serviceConnect: { services: [{ portMappingName: 'http' }] } }),
    edge: (s) => service(s, { serviceConnect: { cloudMapNamespace: ServiceConnectNamespace.fromName('internal'), services: [{ portMappingName: 'http' }] } }),
  }),
  error({
    type: 'EcsServiceProps', property: 'serviceConnect.services[].portMappingName', rule: 'the name of a port mapping of the task definition', source: 'API ecs ServiceConnectService',
    where: 'lib/ecs/service-connect.ts', errorProperty: 'portMappingName',
    bad: (s) => service(s, { serviceConnect: { cloudMapNamespace: ServiceConnectNamespace.fromName('internal'), services: [{ portMappingName: 'web' }] } }),
    edge: (s) => service(s, { serviceConnect: { cloudMapNamespace: ServiceConnectNamespace.fromName('internal'), services: [{ portMappingName: 'http' }] } }),
  }),
  error({
    type: 'EcsServiceProps', property: 'serviceName', rule: 'letters, digits, hyphens and underscores', source: 'API ecs CreateService',
    where: SERVICE, bad: (s) => service(s, { serviceName: 'web.api' }), edge: (s) => service(s, { serviceName: 'Web_api-1' }),
  }),
  error({
    type: 'EcsServiceProps', property: 'serviceName', rule: '1-255 characters', source: 'API ecs CreateService',
    where: SERVICE, bad: (s) => service(s, { serviceName: 'a'.repeat(256) }), edge: (s) => service(s, { serviceName: 'a'.repeat(255) }),
  }),

  // EcsWorkloadProps
  error({
    type: 'EcsWorkloadProps', property: 'capacity', rule: "Fargate capacity needs a Fargate-compatible task definition, EC2 capacity an EC2-compatible one",
    source: 'API ecs CreateService', where: PLACEMENT,
    bad: (s) => onEcsCluster(s, {}, TaskCompatibility.FARGATE),
    edge: (s) => onEcsCluster(s, {}, TaskCompatibility.EC2_AND_FARGATE),
  }),
  ...typed('EcsWorkloadProps', 'an ecs.ICluster (imported clusters too)', 'cluster'),
  error({
    type: 'EcsWorkloadProps', property: 'securityGroups', rule: 'only for awsvpc task definitions (bridge, host and none tasks have no network interface of their own)',
    source: 'API ecs NetworkConfiguration', where: PLACEMENT,
    bad: (s) => onEcsCluster(s, { securityGroups: [] }, TaskCompatibility.EC2, ecs.NetworkMode.BRIDGE),
    edge: (s) => onEcsCluster(s, { securityGroups: [] }),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'vpcSubnets (network mode)', rule: 'only for awsvpc task definitions', source: 'API ecs NetworkConfiguration', where: PLACEMENT, errorProperty: 'vpcSubnets',
    bad: (s) => onEcsCluster(s, { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }, TaskCompatibility.EC2, ecs.NetworkMode.BRIDGE),
    edge: (s) => onEcsCluster(s, { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (Fargate Spot)', rule: 'Fargate Spot (or a mix with a Spot weight) runs Linux X86_64 task definitions only', source: 'guide: AWS Fargate capacity providers', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => onFargateCluster(s, ServiceCapacity.fargateMix(), { cpuArchitecture: ecs.CpuArchitecture.ARM64 }),
    edge: (s) => onFargateCluster(s, ServiceCapacity.fargateMix({ spotWeight: 0 }), { cpuArchitecture: ecs.CpuArchitecture.ARM64 }),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (Windows on Spot)', rule: 'no Windows task definitions on Fargate Spot', source: 'guide: AWS Fargate capacity providers', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => onFargateCluster(s, ServiceCapacity.fargateSpot(), WINDOWS),
    edge: (s) => onFargateCluster(s, ServiceCapacity.fargate(), WINDOWS),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (architecture)', rule: "an EcsCluster's EC2 capacity of the task definition's cpuArchitecture", source: 'guide: Amazon ECS task definitions for 64-bit ARM workloads', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => onEcsCluster(s, {}, TaskCompatibility.EC2, undefined, ecs.CpuArchitecture.ARM64),
    edge: (s) => onEcsCluster(s, {}, TaskCompatibility.EC2, undefined, ecs.CpuArchitecture.X86_64),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (Windows on EC2)', rule: "no Windows task definitions on an EcsCluster's (Linux) EC2 capacity", source: 'guide: Amazon ECS-optimized Windows AMIs', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => onEcsCluster(s, {}, TaskCompatibility.EC2_AND_FARGATE, undefined, undefined, WINDOWS.operatingSystemFamily),
    edge: (s) => onEcsCluster(s, {}, TaskCompatibility.EC2_AND_FARGATE),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (EC2 on a plain cluster)', rule: 'EC2 tasks on a plain ecs.Cluster need EC2 capacity on it by the end of synth (capacity added after the service counts)',
    source: 'guide: Amazon ECS capacity providers for EC2 workloads', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => service(s, { capacity: ServiceCapacity.ec2() }, TaskCompatibility.EC2),
    edge: (s) => {
      const svc = service(s, { capacity: ServiceCapacity.ec2() }, TaskCompatibility.EC2);
      (svc.service.cluster as ecs.Cluster).addCapacity('Instances', { instanceType: new ec2.InstanceType('m7i.large') });
      return svc;
    },
  }),
  error({
    type: 'EcsWorkloadProps', property: 'capacity (scheduled weights)', rule: 'scheduled tasks: weights 0 to 1000 and bases 0 to 100000, as for services', source: 'CFN AWS::Scheduler::Schedule CapacityProviderStrategyItem', where: PLACEMENT, errorProperty: 'capacity.spotWeight',
    bad: (s) => scheduled(s, { capacity: ServiceCapacity.fargateMix({ spotWeight: 1001 }) }),
    edge: (s) => scheduled(s, { capacity: ServiceCapacity.fargateMix({ spotWeight: 1000 }) }),
  }),
  error({
    type: 'EcsWorkloadProps', property: 'taskDefinition', rule: 'compatible with the capacity (an EC2-only task definition cannot run on Fargate)',
    source: 'API ecs CreateService', where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => service(s, {}, TaskCompatibility.EC2),
    edge: (s) => service(s, {}, TaskCompatibility.EC2_AND_FARGATE),
  }),
  warning({
    type: 'EcsWorkloadProps', property: 'vpcSubnets', rule: 'public subnets work only with a public IP, which the tasks never get: warned',
    source: 'library', where: 'lib/private/subnets.ts', warningId: 'cdk-containers:tasks-in-public-subnets',
    bad: (s) => service(s, { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
    edge: (s) => service(s, { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }),
  }),

  // FargateMixOptions
  error({
    type: 'FargateMixOptions', property: 'fargateBase', rule: 'a whole number from 0 to 100000', source: 'CFN AWS::ECS::Service',
    where: PLACEMENT, bad: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateBase: 100_001 }) }), edge: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateBase: 100_000 }) }),
  }),
  error({
    type: 'FargateMixOptions', property: 'fargateBase', rule: 'at least 0', source: 'CFN AWS::ECS::Service',
    where: PLACEMENT, bad: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateBase: -1 }) }), edge: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateBase: 0 }) }),
  }),
  error({
    type: 'FargateMixOptions', property: 'fargateWeight', rule: 'a whole number from 0 to 1000', source: 'CFN AWS::ECS::Service',
    where: PLACEMENT, bad: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateWeight: 1001 }) }), edge: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateWeight: 1000 }) }),
  }),
  error({
    type: 'FargateMixOptions', property: 'spotWeight', rule: 'a whole number from 0 to 1000', source: 'CFN AWS::ECS::Service',
    where: PLACEMENT, bad: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ spotWeight: 1001 }) }), edge: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ spotWeight: 1000 }) }),
  }),
  error({
    type: 'FargateMixOptions', property: 'spotWeight', rule: 'fargateWeight or spotWeight above 0', source: 'API ecs CapacityProviderStrategyItem',
    where: PLACEMENT, errorProperty: 'capacity',
    bad: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateWeight: 0, spotWeight: 0 }) }),
    edge: (s) => service(s, { capacity: ServiceCapacity.fargateMix({ fargateWeight: 0, spotWeight: 1 }) }),
  }),

  // ServiceAutoScalingOptions
  error({
    type: 'ServiceAutoScalingOptions', property: 'maxCapacity', rule: 'a whole number from 1 to 5000 (the default desiredCount follows it)', source: 'guide: Amazon ECS service quotas',
    where: SERVICE, bad: (s) => service(s, { autoScaling: { maxCapacity: 0 } }), edge: (s) => service(s, { autoScaling: { maxCapacity: 1 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'maxCapacity', rule: 'at most 5000 tasks per service', source: 'guide: Amazon ECS service quotas',
    where: SERVICE, bad: (s) => service(s, { autoScaling: { maxCapacity: 5001 } }), edge: (s) => service(s, { autoScaling: { maxCapacity: 5000 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'minCapacity', rule: 'a whole number from 0 to 5000', source: 'API application-autoscaling RegisterScalableTarget',
    where: SERVICE, bad: (s) => service(s, { desiredCount: 1, autoScaling: { minCapacity: -1, maxCapacity: 4 } }), edge: (s) => service(s, { desiredCount: 1, autoScaling: { minCapacity: 0, maxCapacity: 4 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'minCapacity', rule: 'at most maxCapacity', source: 'API application-autoscaling RegisterScalableTarget',
    where: SERVICE, errorProperty: 'maxCapacity',
    bad: (s) => service(s, { desiredCount: 3, autoScaling: { minCapacity: 4, maxCapacity: 3 } }), edge: (s) => service(s, { desiredCount: 3, autoScaling: { minCapacity: 3, maxCapacity: 3 } }),
  }),
  warning({
    type: 'ServiceAutoScalingOptions', property: 'minCapacity', rule: 'equal to maxCapacity is legal but leaves nothing to scale: warned',
    source: 'library', where: SERVICE, warningId: 'cdk-containers:ecs-autoscaling-fixed-size',
    bad: (s) => service(s, { desiredCount: 3, autoScaling: { minCapacity: 3, maxCapacity: 3 } }), edge: (s) => service(s, { desiredCount: 3, autoScaling: { minCapacity: 2, maxCapacity: 3 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'targetCpuPercent', rule: 'a number above 0 and at most 100 (fractions allowed)', source: 'API application-autoscaling TargetTrackingScalingPolicyConfiguration',
    where: SERVICE, bad: (s) => service(s, { autoScaling: { maxCapacity: 4, targetCpuPercent: 0 } }), edge: (s) => service(s, { autoScaling: { maxCapacity: 4, targetCpuPercent: 55.5 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'targetCpuPercent', rule: 'at most 100', source: 'library',
    where: SERVICE, bad: (s) => service(s, { autoScaling: { maxCapacity: 4, targetCpuPercent: 100.5 } }), edge: (s) => service(s, { autoScaling: { maxCapacity: 4, targetCpuPercent: 100 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'targetMemoryPercent', rule: 'a number above 0 and at most 100 (fractions allowed)', source: 'API application-autoscaling TargetTrackingScalingPolicyConfiguration',
    where: SERVICE, bad: (s) => service(s, { autoScaling: { maxCapacity: 4, targetMemoryPercent: 101 } }), edge: (s) => service(s, { autoScaling: { maxCapacity: 4, targetMemoryPercent: 99.9 } }),
  }),
  error({
    type: 'ServiceAutoScalingOptions', property: 'targetRequestsPerTask', rule: 'a number above 0 (fractions allowed)', source: 'API application-autoscaling TargetTrackingScalingPolicyConfiguration',
    where: SERVICE,
    bad: (s) => behindLoadBalancer(s, {}, { autoScaling: { maxCapacity: 4, targetRequestsPerTask: 0 } }),
    edge: (s) => behindLoadBalancer(s, {}, { autoScaling: { maxCapacity: 4, targetRequestsPerTask: 0.5 } }),
  }),

  // ServiceLoadBalancerOptions
  error({
    type: 'ServiceLoadBalancerOptions', property: 'accessLogs', rule: 'a stack with a concrete region (the log delivery principal is per region)', source: 'guide: Access logs for your Application Load Balancer',
    where: LOAD_BALANCER, bad: (s) => service(s, { loadBalancer: {} }), edge: (s) => service(regional(s), { loadBalancer: { accessLogs: true } }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'accessLogsBucket', rule: 'SSE-S3 encryption: ALB cannot write to KMS-encrypted buckets', source: 'guide: Access logs for your Application Load Balancer',
    where: LOAD_BALANCER,
    bad: (s) => { const r = regional(s); return service(r, { loadBalancer: { accessLogsBucket: new s3.Bucket(r, 'Logs', { encryptionKey: new kms.Key(r, 'Key') }) } }); },
    edge: (s) => { const r = regional(s); return service(r, { loadBalancer: { accessLogsBucket: new s3.Bucket(r, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED }) } }); },
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'accessLogsBucket', rule: 'nothing with accessLogs: false (it would be ignored)', source: 'library',
    where: LOAD_BALANCER,
    bad: (s) => behindLoadBalancer(s, { accessLogsBucket: new s3.Bucket(s, 'Logs') }),
    edge: (s) => { const r = regional(s); return service(r, { loadBalancer: { accessLogs: true, accessLogsBucket: new s3.Bucket(r, 'Logs') } }); },
  }),
  ...typed('ServiceLoadBalancerOptions', 'an acm.ICertificate (HTTPS on 443 with the TLS 1.2+ policy)', 'certificate'),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'containerName', rule: 'a container of the task definition', source: 'API ecs LoadBalancer',
    where: LOAD_BALANCER, bad: (s) => behindLoadBalancer(s, { containerName: 'api' }), edge: (s) => behindLoadBalancer(s, { containerName: 'web' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'containerPort', rule: "a port mapped by that container", source: 'API ecs LoadBalancer',
    where: LOAD_BALANCER, bad: (s) => behindLoadBalancer(s, { containerPort: 8081 }), edge: (s) => behindLoadBalancer(s, { containerPort: 8080 }),
  }),
  ...typed('ServiceLoadBalancerOptions', 'a boolean', 'deletionProtection'),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.enabled', rule: 'always on for ip and instance targets', source: 'API elasticloadbalancingv2 CreateTargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ enabled: false }), edge: healthCheck({ enabled: true }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.healthyGrpcCodes', rule: 'only for gRPC target groups (this one speaks HTTP/1)', source: 'API elasticloadbalancingv2 Matcher',
    where: LOAD_BALANCER, bad: healthCheck({ healthyGrpcCodes: '0' }), edge: healthCheck({ healthyHttpCodes: '200' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.healthyHttpCodes', rule: 'codes 200-499: one, a list or a range', source: 'API elasticloadbalancingv2 Matcher',
    where: LOAD_BALANCER, bad: healthCheck({ healthyHttpCodes: '200-500' }), edge: healthCheck({ healthyHttpCodes: '200,202-499' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.healthyHttpCodes', rule: 'from 200', source: 'API elasticloadbalancingv2 Matcher',
    where: LOAD_BALANCER, bad: healthCheck({ healthyHttpCodes: '199' }), edge: healthCheck({ healthyHttpCodes: '200' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.healthyThresholdCount', rule: 'a whole number from 2 to 10', source: 'CFN AWS::ElasticLoadBalancingV2::TargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ healthyThresholdCount: 1 }), edge: healthCheck({ healthyThresholdCount: 2 }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.interval', rule: 'whole seconds from 5 to 300', source: 'CFN AWS::ElasticLoadBalancingV2::TargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ interval: Duration.seconds(301) }), edge: healthCheck({ interval: Duration.seconds(300) }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.interval', rule: 'longer than the timeout (5 seconds when not given)', source: 'API elasticloadbalancingv2 CreateTargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ interval: Duration.seconds(5) }), edge: healthCheck({ interval: Duration.seconds(5), timeout: Duration.seconds(4) }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.path', rule: 'starts with /', source: 'API elasticloadbalancingv2 CreateTargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ path: 'healthz' }), edge: healthCheck({ path: '/' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.path', rule: '1-1024 characters', source: 'CFN AWS::ElasticLoadBalancingV2::TargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ path: `/${'a'.repeat(1024)}` }), edge: healthCheck({ path: `/${'a'.repeat(1023)}` }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.port', rule: 'traffic-port or 1-65535', source: 'API elasticloadbalancingv2 CreateTargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ port: '65536' }), edge: healthCheck({ port: '65535' }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.protocol', rule: 'HTTP or HTTPS for an Application Load Balancer', source: 'API elasticloadbalancingv2 CreateTargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ protocol: elbv2.Protocol.TCP }), edge: healthCheck({ protocol: elbv2.Protocol.HTTPS }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.timeout', rule: 'whole seconds from 2 to 120', source: 'CFN AWS::ElasticLoadBalancingV2::TargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ timeout: Duration.seconds(1) }), edge: healthCheck({ timeout: Duration.seconds(2) }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'healthCheck.unhealthyThresholdCount', rule: 'a whole number from 2 to 10', source: 'CFN AWS::ElasticLoadBalancingV2::TargetGroup',
    where: LOAD_BALANCER, bad: healthCheck({ unhealthyThresholdCount: 11 }), edge: healthCheck({ unhealthyThresholdCount: 10 }),
  }),
  error({
    type: 'ServiceLoadBalancerOptions', property: 'internetFacing', rule: 'internet-facing needs public subnets in the VPC', source: 'API elasticloadbalancingv2 CreateLoadBalancer',
    where: LOAD_BALANCER,
    bad: (s) => {
      const f = fixture(s);
      const vpc = new ec2.Vpc(s, 'Closed', { maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      return new EcsService(s, 'Web', { cluster: new ecs.Cluster(s, 'ClosedCluster', { vpc }), taskDefinition: f.app, loadBalancer: { accessLogs: false, internetFacing: true } });
    },
    edge: (s) => behindLoadBalancer(s, { internetFacing: true, certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) }),
  }),
  warning({
    type: 'ServiceLoadBalancerOptions', property: 'internetFacing', rule: 'internet-facing without a certificate is plain HTTP over the internet: warned',
    source: 'library', where: LOAD_BALANCER, warningId: 'cdk-containers:ecs-service-public-http',
    bad: (s) => behindLoadBalancer(s, { internetFacing: true }),
    edge: (s) => behindLoadBalancer(s, { internetFacing: true, certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) }),
  }),
  // Deployments (lib/ecs/service-deployment.ts)
  error({
    type: 'BlueGreenDeploymentOptions', property: 'bakeTime', rule: 'whole minutes from 0 to 1440', source: 'API ecs DeploymentConfiguration',
    where: DEPLOYMENT, errorProperty: 'deployment.bakeTime',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ bakeTime: Duration.seconds(90) }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ bakeTime: Duration.minutes(1440) }) }),
  }),
  error({
    type: 'TrafficShiftDeploymentOptions', property: 'stepPercent (linear)', rule: '3 to 100 in steps of 0.1', source: 'API ecs LinearConfiguration',
    where: DEPLOYMENT, errorProperty: 'deployment.stepPercent',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.linear({ stepPercent: 2.9 }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.linear({ stepPercent: 3 }) }),
  }),
  error({
    type: 'TrafficShiftDeploymentOptions', property: 'stepPercent (canary)', rule: '0.1 to 100 in steps of 0.1', source: 'API ecs CanaryConfiguration',
    where: DEPLOYMENT, errorProperty: 'deployment.stepPercent',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.canary({ stepPercent: 0.05 }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.canary({ stepPercent: 0.1 }) }),
  }),
  error({
    type: 'TrafficShiftDeploymentOptions', property: 'stepBakeTime', rule: 'whole minutes from 0 to 1440', source: 'API ecs LinearConfiguration, CanaryConfiguration',
    where: DEPLOYMENT, errorProperty: 'deployment.stepBakeTime',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.linear({ stepBakeTime: Duration.seconds(30) }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.linear({ stepBakeTime: Duration.minutes(0) }) }),
  }),
  error({
    type: 'EcsServiceProps', property: 'deployment (linear, canary)', rule: 'a load balancer or Service Connect services: the traffic ECS shifts', source: 'ECS developer guide, linear and canary deployments',
    where: DEPLOYMENT, errorProperty: 'deployment',
    bad: (s) => service(s, { deployment: ServiceDeployment.canary() }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.canary() }),
  }),
  error({
    type: 'EcsServiceProps', property: 'minHealthyPercent (blue/green, linear, canary)', rule: 'not set: the healthy percents size rolling batches only', source: 'API ecs DeploymentConfiguration',
    where: DEPLOYMENT, errorProperty: 'minHealthyPercent',
    bad: (s) => behindLoadBalancer(s, {}, { minHealthyPercent: 50, deployment: ServiceDeployment.blueGreen() }),
    edge: (s) => behindLoadBalancer(s, {}, { minHealthyPercent: 50, deployment: ServiceDeployment.rolling() }),
  }),
  error({
    type: 'BlueGreenDeploymentOptions', property: 'testPort', rule: 'with loadBalancer; 1-65535, not a listener port', source: 'API elbv2 CreateListener',
    where: DEPLOYMENT, errorProperty: 'deployment.testPort',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ testPort: 80 }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ testPort: 65535 }) }),
  }),
  error({
    type: 'BlueGreenDeploymentOptions', property: 'infrastructureRole', rule: 'with loadBalancer only', source: 'API ecs AdvancedConfiguration',
    where: DEPLOYMENT, errorProperty: 'deployment.infrastructureRole',
    bad: (s) => service(s, { deployment: ServiceDeployment.blueGreen({ infrastructureRole: iam.Role.fromRoleArn(s, 'Traffic', 'arn:aws:iam::123456789012:role/traffic') }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ infrastructureRole: iam.Role.fromRoleArn(s, 'Traffic', 'arn:aws:iam::123456789012:role/traffic') }) }),
  }),
  error({
    type: 'DeploymentHook', property: 'stages', rule: 'at least one, each once', source: 'API ecs DeploymentLifecycleHook',
    where: DEPLOYMENT, errorProperty: 'deployment.hooks[0].stages',
    bad: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ hooks: [{ handler: hook(s), stages: [] }] }) }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen({ hooks: [{ handler: hook(s), stages: [ecs.DeploymentLifecycleStage.PRE_SCALE_UP] }] }) }),
  }),
  error({
    type: 'EcsServiceProps', property: 'deploymentAlarms', rule: 'at least one alarm to watch (yours, or the defaults behind a load balancer)', source: 'API ecs DeploymentAlarms',
    where: DEPLOYMENT,
    bad: (s) => service(s, { deploymentAlarms: {} }),
    edge: (s) => service(s, { deploymentAlarms: { alarms: [cloudwatch.Alarm.fromAlarmName(s, 'Queue', 'queue-depth')] } }),
  }),
  error({
    type: 'EcsServiceProps', property: 'deployment (a DeploymentController override)', rule: 'ECS while the circuit breaker, a blue/green strategy, alarms or hooks are on', source: 'API ecs DeploymentConfiguration',
    where: DEPLOYMENT, errorProperty: 'DeploymentController',
    bad: (s) => (service(s).service.node.defaultChild as ecs.CfnService).addPropertyOverride('DeploymentController', { Type: 'CODE_DEPLOY' }),
    edge: (s) => (service(s, { deployment: ServiceDeployment.rolling({ circuitBreaker: false }) }).service.node.defaultChild as ecs.CfnService).addPropertyOverride('DeploymentController', { Type: 'CODE_DEPLOY' }),
  }),
  warning({
    type: 'EcsServiceProps', property: 'deployment (blue/green)', rule: 'without a load balancer or Service Connect services there is no traffic to move: warned',
    source: 'ECS developer guide, blue/green deployments', where: DEPLOYMENT, warningId: 'cdk-containers:ecs-blue-green-no-traffic',
    bad: (s) => service(s, { deployment: ServiceDeployment.blueGreen() }),
    edge: (s) => behindLoadBalancer(s, {}, { deployment: ServiceDeployment.blueGreen() }),
  }),
];
