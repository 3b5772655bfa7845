import {
  Annotations, CfnResource, Duration, Stack, Token, RemovalPolicy,
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { checkIntegerRange, isToken } from '../private/validate';
import { RULES, acknowledge } from '../private/acknowledge';
import { resolveCapacity } from '../private/ecs-task-capacity';
import { privateSubnets, taskSubnets } from '../private/subnets';
import { Ec2PurchaseOption } from './capacity';
import type { EcsCluster } from './cluster';
import { EcsTaskDefinition } from './task-definition';

/** The kinds of capacity a service (or scheduled task) can run on. */
export enum CapacityKind {
  /** AWS Fargate (on-demand). */
  FARGATE = 'FARGATE',
  /** Fargate Spot only. */
  FARGATE_SPOT = 'FARGATE_SPOT',
  /** A weighted mix of Fargate and Fargate Spot. */
  FARGATE_MIX = 'FARGATE_MIX',
  /** EC2 container instances. */
  EC2 = 'EC2',
}

/** Options for {@link ServiceCapacity.fargateMix}. */
export interface FargateMixOptions {
  /**
   * Tasks always placed on on-demand Fargate before weights apply.
   * @default 1
   */
  readonly fargateBase?: number;
  /**
   * Relative weight of on-demand Fargate.
   * @default 1
   */
  readonly fargateWeight?: number;
  /**
   * Relative weight of Fargate Spot.
   * @default 3
   */
  readonly spotWeight?: number;
}

/** Options for {@link ServiceCapacity.ec2}. */
export interface Ec2CapacityOptions {
  /**
   * The ECS capacity provider to use (an `AsgCapacityProvider`'s `capacityProviderName`).
   * @default - on an `EcsCluster`: the capacity provider of the `capacityName` entry (or of its first
   * EC2 capacity), so managed scaling adds instances for pending tasks; elsewhere: the EC2 launch type
   */
  readonly capacityProviderName?: string;
  /**
   * The `name` of the `ClusterCapacity.ec2` entry the tasks run on, when the cluster is an
   * `EcsCluster`: the service uses that entry's capacity provider, and the cluster's synth-time
   * placement check packs these tasks on that entry.
   * @default - the `EcsCluster`'s first EC2 capacity
   */
  readonly capacityName?: string;
}

/**
 * Where a service's (or a scheduled task's) tasks run: Fargate, Fargate Spot, a mix, or EC2.
 * Fargate Spot and the mix need the cluster's FARGATE and FARGATE_SPOT capacity providers
 * (an `EcsCluster` with Fargate capacity, or `ecs.Cluster` with `enableFargateCapacityProviders`).
 */
export class ServiceCapacity {
  /** On-demand Fargate (launch type FARGATE). */
  public static fargate(): ServiceCapacity {
    return new ServiceCapacity(CapacityKind.FARGATE, [], undefined);
  }

  /** Fargate Spot only: up to 70% cheaper, tasks can be stopped with two minutes' notice. */
  public static fargateSpot(): ServiceCapacity {
    return new ServiceCapacity(CapacityKind.FARGATE_SPOT, [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], undefined);
  }

  /** A mix: `fargateBase` tasks on on-demand Fargate, the rest split by weight. */
  public static fargateMix(options: FargateMixOptions = {}): ServiceCapacity {
    return new ServiceCapacity(CapacityKind.FARGATE_MIX, [
      { capacityProvider: 'FARGATE', base: options.fargateBase ?? 1, weight: options.fargateWeight ?? 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: options.spotWeight ?? 3 },
    ], undefined);
  }

  /** EC2 container instances, optionally through a capacity provider. */
  public static ec2(options: Ec2CapacityOptions = {}): ServiceCapacity {
    const strategies = options.capacityProviderName ? [{ capacityProvider: options.capacityProviderName, weight: 1 }] : [];
    return new ServiceCapacity(CapacityKind.EC2, strategies, options.capacityName);
  }

  private constructor(
    /** The kind of capacity. */
    public readonly kind: CapacityKind,
    /** The capacity provider strategy (empty: use the launch type). */
    public readonly strategies: ecs.CapacityProviderStrategy[],
    /** The `EcsCluster` capacity entry name, for EC2. */
    public readonly capacityName: string | undefined,
  ) {}

  /** True for the Fargate kinds. */
  public get isFargate(): boolean {
    return this.kind !== CapacityKind.EC2;
  }
}

/** An Application Load Balancer in front of the service. */
export interface ServiceLoadBalancerOptions {
  /**
   * Reachable from the internet (in public subnets). Without a certificate that means plain HTTP
   * on the internet: a warning is added.
   * @default false - internal, in private subnets, reachable from the VPC only
   */
  readonly internetFacing?: boolean;
  /**
   * Serve HTTPS on 443 with this certificate (TLS 1.2+ policy) and redirect HTTP 80 to HTTPS.
   * @default - HTTP on port 80
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The container that receives traffic.
   * @default - the first container with a port mapping
   */
  readonly containerName?: string;
  /**
   * The container port that receives traffic.
   * @default - that container's first port mapping
   */
  readonly containerPort?: number;
  /**
   * Target group health check.
   * @default - HTTP GET `/` expecting 200-399 every 30 seconds
   */
  readonly healthCheck?: elbv2.HealthCheck;
  /**
   * Write access logs to S3 (a new bucket: SSE-S3, TLS only, public access blocked, retained,
   * objects expire after 90 days). Needs a stack with a concrete region.
   * @default true
   */
  readonly accessLogs?: boolean;
  /**
   * The bucket for access logs (must use SSE-S3, not KMS: ALB cannot write to KMS buckets).
   * @default - a new bucket
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Deletion protection (the Control Tower rule elbv2_deletion_protection_enabled_check asks for it).
   * Turn it off (and deploy) before deleting the stack or replacing the load balancer.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** Target-tracking autoscaling of the task count. */
export interface ServiceAutoScalingOptions {
  /**
   * The fewest tasks.
   * @default - the service's desiredCount
   */
  readonly minCapacity?: number;
  /** The most tasks. */
  readonly maxCapacity: number;
  /**
   * Keep average CPU utilization at this percent (1-100).
   * @default 70 when no other target is given, otherwise no CPU target
   */
  readonly targetCpuPercent?: number;
  /**
   * Keep average memory utilization at this percent (1-100).
   * @default - no memory target
   */
  readonly targetMemoryPercent?: number;
  /**
   * Keep requests per task per minute at this value (needs `loadBalancer`).
   * @default - no request target
   */
  readonly targetRequestsPerTask?: number;
}

/** Properties of an {@link EcsService}. */
export interface EcsServiceProps {
  /**
   * The cluster to run in. Pass `EcsCluster.cluster` for the library's cluster: the service then
   * reports its EC2 demand to that `EcsCluster` for the placement check. Imported clusters work too.
   */
  readonly cluster: ecs.ICluster;
  /** The application to run. */
  readonly taskDefinition: EcsTaskDefinition;
  /**
   * How many copies of the task to keep running.
   * @default 2 - one task per AZ over two AZs, so one failure does not take the service down
   */
  readonly desiredCount?: number;
  /**
   * Where the tasks run. Must match the task definition's compatibility.
   * @default ServiceCapacity.fargate()
   */
  readonly capacity?: ServiceCapacity;
  /**
   * Subnets for the tasks (public ones get a warning: tasks never get a public IP).
   * @default - private subnets with egress, else isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups for the tasks.
   * @default - a new security group (all outbound, inbound only from the load balancer if any)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * Minimum healthy percent during deployments (0-100).
   * @default 100 - never fewer than desiredCount tasks while deploying
   */
  readonly minHealthyPercent?: number;
  /**
   * Maximum percent during deployments (100-400, above minHealthyPercent).
   * @default 200
   */
  readonly maxHealthyPercent?: number;
  /**
   * Placement strategies for EC2 capacity (ignored by Fargate, rejected there).
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
   * Service Connect configuration, passed through to ECS (needs a Cloud Map namespace on the cluster or here).
   * @default - no Service Connect
   */
  readonly serviceConnect?: ecs.ServiceConnectProps;
  /**
   * Allow `aws ecs execute-command` into running tasks.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Grace period before load balancer health checks count after a task starts.
   * @default - 60 seconds with a load balancer, none otherwise
   */
  readonly healthCheckGracePeriod?: Duration;
  /**
   * The service name.
   * @default - generated by CloudFormation
   */
  readonly serviceName?: string;
}

const SPREAD_AZ = 'attribute:ecs.availability-zone';

/**
 * Keeps `desiredCount` copies of a task (an instance of a task definition within a cluster)
 * running, on Fargate, Fargate Spot or EC2.
 *
 * Defaults: deployment circuit breaker with rollback, 100% minimum / 200% maximum healthy,
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
  /** The access log bucket this construct created, if any. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The autoscaling target, when `autoScaling` was given. */
  public readonly scalableTaskCount?: ecs.ScalableTaskCount;
  /** The `EcsCluster` that owns `cluster`, when there is one. */
  public readonly ecsCluster?: EcsCluster;
  /** The `EcsCluster` EC2 capacity entry the tasks run on, when there is one. */
  public readonly capacityName?: string;

  constructor(scope: Construct, id: string, props: EcsServiceProps) {
    super(scope, id);
    checkStackLimits(this);
    const td = props.taskDefinition;
    this.taskDefinition = td;
    this.capacity = props.capacity ?? ServiceCapacity.fargate();
    const desiredCount = props.desiredCount ?? 2;
    const minHealthy = props.minHealthyPercent ?? 100;
    const maxHealthy = props.maxHealthyPercent ?? 200;

    this.validate(props, desiredCount, minHealthy, maxHealthy);
    const resolved = resolveCapacity(this, this.capacity, props.cluster);
    const strategies = resolved.strategies;
    this.ecsCluster = resolved.owner;
    this.capacityName = resolved.capacityName;

    const base = {
      cluster: props.cluster,
      taskDefinition: td.taskDefinition,
      desiredCount,
      serviceName: props.serviceName,
      minHealthyPercent: minHealthy,
      maxHealthyPercent: maxHealthy,
      circuitBreaker: { enable: true, rollback: true },
      capacityProviderStrategies: strategies.length ? strategies : undefined,
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      serviceConnectConfiguration: props.serviceConnect,
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? (props.loadBalancer ? Duration.seconds(60) : undefined),
    };
    const awsvpc = td.networkMode === ecs.NetworkMode.AWS_VPC;
    const vpcSubnets = taskSubnets(this, props.cluster.vpc, props.vpcSubnets, awsvpc);
    if (this.capacity.isFargate) {
      this.service = new ecs.FargateService(this, 'Resource', {
        ...base, assignPublicIp: false, vpcSubnets, securityGroups: props.securityGroups,
      });
    } else {
      this.service = new ecs.Ec2Service(this, 'Resource', {
        ...base,
        vpcSubnets: awsvpc ? vpcSubnets : undefined,
        securityGroups: awsvpc ? props.securityGroups : undefined,
        placementStrategies: props.placementStrategies ?? [
          ecs.PlacementStrategy.spreadAcross(SPREAD_AZ),
          ecs.PlacementStrategy.packedByMemory(),
        ],
      });
    }

    if (!isToken(desiredCount) && desiredCount === 1) {
      const ec2Entry = this.capacityName === undefined ? undefined : this.ecsCluster?.capacities.find((c) => c.name === this.capacityName);
      if (this.capacity.kind === CapacityKind.FARGATE_SPOT) {
        Annotations.of(this).addWarningV2('cdk-containers:ecs-service-spot-single-task',
          'desiredCount 1 on Fargate Spot only: a Spot interruption stops the whole service for minutes. Use desiredCount >= 2 or ServiceCapacity.fargateMix().');
      } else if (ec2Entry?.ec2Options?.purchaseOption === Ec2PurchaseOption.SPOT) {
        Annotations.of(this).addWarningV2('cdk-containers:ecs-service-spot-single-task',
          `desiredCount 1 on the Spot-only EC2 capacity "${ec2Entry.name}": a Spot interruption stops the whole service until a new instance starts. Use desiredCount >= 2, or an On-Demand capacity (ServiceCapacity.ec2({ capacityName })).`);
      }
    }

    if (props.loadBalancer) {
      const lb = this.addLoadBalancer(props, props.loadBalancer);
      this.loadBalancer = lb.alb;
      this.targetGroup = lb.targetGroup;
      this.accessLogsBucket = lb.bucket;
    }
    if (props.autoScaling) {
      this.scalableTaskCount = this.addAutoScaling(props.autoScaling, desiredCount);
    }
    this.reportDemand(props, desiredCount);
  }

  private validate(props: EcsServiceProps, desiredCount: number, minHealthy: number, maxHealthy: number): void {
    const td = props.taskDefinition;
    if (this.capacity.isFargate && !td.isFargateCompatible) {
      throw new ValidationError(this, {
        property: 'capacity', value: this.capacity.kind, allowed: `EC2 capacity for a task definition with compatibility ${td.compatibility}`,
        hint: 'use ServiceCapacity.ec2(), or give the task definition TaskCompatibility.FARGATE or EC2_AND_FARGATE',
      });
    }
    if (!this.capacity.isFargate && !td.isEc2Compatible) {
      throw new ValidationError(this, {
        property: 'capacity', value: this.capacity.kind, allowed: `Fargate capacity for a task definition with compatibility ${td.compatibility}`,
        hint: 'use a Fargate capacity, or give the task definition TaskCompatibility.EC2 or EC2_AND_FARGATE',
      });
    }
    if (this.capacity.isFargate && props.placementStrategies) {
      throw new ValidationError(this, { property: 'placementStrategies', value: `${props.placementStrategies.length} strategies`, allowed: 'nothing on Fargate (Fargate places tasks itself)' });
    }
    checkIntegerRange(this, 'desiredCount', desiredCount, 0, 5000, 'ECS allows up to 5000 tasks per service');
    checkIntegerRange(this, 'minHealthyPercent', minHealthy, 0, 100);
    checkIntegerRange(this, 'maxHealthyPercent', maxHealthy, 100, 400);
    if (!isToken(minHealthy) && !isToken(maxHealthy) && maxHealthy <= minHealthy) {
      throw new ValidationError(this, {
        property: 'maxHealthyPercent', value: maxHealthy, allowed: `more than minHealthyPercent (${minHealthy})`,
        hint: 'with max <= min, ECS can neither start a new task nor stop an old one, so deployments hang',
      });
    }
    for (const s of this.capacity.strategies) {
      checkIntegerRange(this, `capacity.${s.capacityProvider}.weight`, s.weight, 0, 1000);
      checkIntegerRange(this, `capacity.${s.capacityProvider}.base`, s.base, 0, 100000);
    }
    if (this.capacity.strategies.length && this.capacity.strategies.every((s) => !isToken(s.weight) && (s.weight ?? 0) === 0)) {
      throw new ValidationError(this, { property: 'capacity', value: this.capacity.strategies.map((s) => s.weight), allowed: 'at least one weight above 0' });
    }
    const as = props.autoScaling;
    if (as) {
      const min = as.minCapacity ?? desiredCount;
      checkIntegerRange(this, 'autoScaling.minCapacity', min, 0, 5000);
      checkIntegerRange(this, 'autoScaling.maxCapacity', as.maxCapacity, 1, 5000);
      if (!isToken(desiredCount) && !isToken(as.maxCapacity) && desiredCount > as.maxCapacity) {
        throw new ValidationError(this, { property: 'desiredCount', value: desiredCount, allowed: `at most autoScaling.maxCapacity (${as.maxCapacity})` });
      }
      if (!isToken(min) && !isToken(as.maxCapacity) && as.maxCapacity < min) {
        throw new ValidationError(this, { property: 'autoScaling.maxCapacity', value: as.maxCapacity, allowed: `at least minCapacity (${min})` });
      }
      checkIntegerRange(this, 'autoScaling.targetCpuPercent', as.targetCpuPercent, 1, 100);
      checkIntegerRange(this, 'autoScaling.targetMemoryPercent', as.targetMemoryPercent, 1, 100);
      checkIntegerRange(this, 'autoScaling.targetRequestsPerTask', as.targetRequestsPerTask, 1, 1_000_000);
      if (as.targetRequestsPerTask !== undefined && !props.loadBalancer) {
        throw new ValidationError(this, { property: 'autoScaling.targetRequestsPerTask', value: as.targetRequestsPerTask, allowed: 'nothing without `loadBalancer`', hint: 'request counts come from the load balancer; add `loadBalancer` or scale on CPU/memory' });
      }
    }
  }

  private addLoadBalancer(props: EcsServiceProps, o: ServiceLoadBalancerOptions) {
    const td = this.taskDefinition;
    const target = td.containers.find((c) => (o.containerName ? c.containerName === o.containerName : c.portMappings.length > 0));
    if (!target) {
      throw new ValidationError(this, {
        property: 'loadBalancer.containerName', value: o.containerName,
        allowed: o.containerName ? `one of: ${td.containers.map((c) => c.containerName).join(', ')}` : 'a task definition with a container that has a port mapping',
        hint: 'add portMappings to the container that serves traffic',
      });
    }
    const containerPort = o.containerPort ?? target.portMappings[0]?.containerPort;
    if (containerPort === undefined || (!isToken(containerPort) && !target.portMappings.some((p) => p.containerPort === containerPort))) {
      throw new ValidationError(this, {
        property: 'loadBalancer.containerPort', value: containerPort,
        allowed: `a port mapped by container "${target.containerName}": ${target.portMappings.map((p) => p.containerPort).join(', ') || 'none'}`,
      });
    }
    const internetFacing = o.internetFacing ?? false;
    const scope = new Construct(this, 'LoadBalancer');
    const vpc = props.cluster.vpc;
    const alb = new elbv2.ApplicationLoadBalancer(scope, 'Resource', {
      vpc,
      internetFacing,
      vpcSubnets: internetFacing ? { subnetType: ec2.SubnetType.PUBLIC } : privateSubnets(this, vpc, 'an internal load balancer never defaults to public subnets; use PlatformNetwork'),
      dropInvalidHeaderFields: true,
      deletionProtection: o.deletionProtection ?? true,
    });
    let bucket: s3.IBucket | undefined;
    if (o.accessLogs ?? true) {
      if (Token.isUnresolved(Stack.of(this).region)) {
        throw new ValidationError(this, {
          property: 'loadBalancer.accessLogs', value: true, allowed: 'a stack with a concrete region (env: { region })',
          hint: 'ALB access logs need the region to name the log delivery principal; set the stack env, or accessLogs: false',
        });
      }
      if (o.accessLogsBucket?.encryptionKey) {
        throw new ValidationError(this, { property: 'loadBalancer.accessLogsBucket', value: o.accessLogsBucket.node.path, allowed: 'a bucket with SSE-S3 encryption (ALB cannot write to KMS-encrypted buckets)' });
      }
      bucket = o.accessLogsBucket ?? new s3.Bucket(scope, 'AccessLogs', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(30) }],
      });
      alb.logAccessLogs(bucket);
      if (!o.accessLogsBucket) {
        acknowledge(bucket, [
          [RULES.NAG_BUCKET_LOGS, 'this bucket receives ALB access logs; logging access to it would need another bucket, and so on'],
          [RULES.NIST_BUCKET_LOGS, 'this bucket receives ALB access logs; logging access to it would need another bucket, and so on'],
          [RULES.NIST_BUCKET_REPLICATION, 'access logs are diagnostic data kept 90 days; replicate them with your own bucket (accessLogsBucket) if required'],
          [RULES.NIST_BUCKET_KMS, 'ALB access logs support only SSE-S3 encryption, not KMS (Elastic Load Balancing user guide)'],
        ]);
      }
    }
    const https = o.certificate !== undefined;
    if (internetFacing && !https) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-service-public-http',
        'The load balancer is internet-facing without a certificate: traffic is plain HTTP over the internet. Pass loadBalancer.certificate.');
    }
    const listener = https
      ? alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [o.certificate!], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, open: internetFacing })
      : alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: internetFacing });
    acknowledge(alb, [[RULES.NIST_ALB_WAF, 'AWS WAF is opt-in (a web ACL costs per month): associate one with service.loadBalancer']]);
    if (internetFacing) {
      acknowledge(alb, [[RULES.NAG_OPEN_SG, 'an internet-facing load balancer accepts its listener ports from anywhere by definition; tasks accept traffic only from it']]);
    }
    if (https) {
      const redirect = alb.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS, open: internetFacing });
      acknowledge(redirect, [[RULES.NIST_LISTENER_CERT, 'this HTTP listener only redirects to the HTTPS listener, which has the certificate']]);
    }
    if (!internetFacing) {
      alb.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(https ? 443 : 80), 'from the VPC');
      if (https) alb.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80), 'from the VPC (redirect to HTTPS)');
    }
    const targetGroup = listener.addTargets('Targets', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: target.containerName, containerPort })],
      healthCheck: o.healthCheck ?? { path: '/', healthyHttpCodes: '200-399', interval: Duration.seconds(30) },
      deregistrationDelay: Duration.seconds(30),
    });
    // The ECS L2 makes the service depend on the target group it already references (Ref), which
    // cfn-lint reports as W3005 (redundant DependsOn). Harmless; acknowledged here with that reason.
    const cfnService = this.service.node.defaultChild as CfnResource;
    cfnService.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
    return { alb, targetGroup, bucket };
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

  private reportDemand(props: EcsServiceProps, desiredCount: number): void {
    if (!this.ecsCluster || this.capacity.isFargate) return;
    const td = this.taskDefinition;
    const max = props.autoScaling?.maxCapacity;
    const count = max !== undefined && !isToken(max) && !isToken(desiredCount) ? Math.max(max, desiredCount) : desiredCount;
    this.ecsCluster.addTaskDemand({
      source: this,
      name: this.node.path,
      cpu: td.cpu,
      memoryMiB: td.memoryMiB,
      count,
      capacityName: this.capacityName,
    });
  }
}
