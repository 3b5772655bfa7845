import {
  Annotations, CfnResource, Duration, Stack, Token, RemovalPolicy,
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, WildcardGrant, acknowledge, acknowledgeOpenIngress, acknowledgeRolePolicies, ignoreCfnLint } from '../private/acknowledge';
import { privateSubnets } from '../private/subnets';
import { checkIntegerRange, isToken } from '../private/validate';
import { BlueGreenDeploymentOptions } from './deployment';

/** An Application Load Balancer in front of the service. */
export interface ServiceLoadBalancerOptions {
  /**
   * Reachable from the internet (in public subnets: the VPC must have some). Without a certificate that means plain HTTP
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
   * Target group health check. ALB rules, checked at synth: `interval` 5-300 whole seconds and
   * longer than `timeout` (2-120 seconds, 5 when not given); `healthyThresholdCount` and
   * `unhealthyThresholdCount` 2-10; `path` 1-1024 characters starting with `/`; `healthyHttpCodes`
   * 200-499, as `200`, `200,202` or `200-299`; `port` `traffic-port` or 1-65535; `protocol` HTTP
   * or HTTPS. ECS targets are
   * always health-checked (no `enabled: false`) over HTTP/1 (no `healthyGrpcCodes`).
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
   * The bucket for access logs (must use SSE-S3, not KMS: ALB cannot write to KMS buckets; not with
   * `accessLogs: false`).
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

/**
 * The load balancer of one `EcsService` (construct id `LoadBalancer` under the service): an
 * Application Load Balancer with its listener(s), the target group that registers the service's
 * tasks, and the access log bucket. Internal: `EcsService` creates it for `loadBalancer` and
 * exposes its parts; warnings and errors are reported on the service (`owner`).
 */
export class ServiceLoadBalancer extends Construct {
  /** The load balancer. */
  public readonly alb: elbv2.ApplicationLoadBalancer;
  /** The target group of the service's tasks. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The access log bucket created here, or the one given; undefined without access logs. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The second target group of a blue/green, linear or canary deployment. */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The listener rule whose weights ECS shifts in a blue/green, linear or canary deployment. */
  public readonly productionListenerRule?: elbv2.ApplicationListenerRule;
  /** The test listener's rule, with `testPort`. */
  public readonly testListenerRule?: elbv2.ApplicationListenerRule;

  /**
   * @param owner the service: the load balancer's parent, and where errors and warnings are reported
   * @param service the wrapped ECS service whose tasks are registered as targets
   * @param containers the task definition's containers, to find the one that receives traffic
   * @param vpc the cluster's VPC
   * @param blueGreen for a blue/green, linear or canary deployment: the second target group, the
   *                  production (and test) listener rule and the role ECS moves traffic with
   */
  constructor(owner: Construct, service: ecs.BaseService, containers: ecs.ContainerDefinition[], vpc: ec2.IVpc, o: ServiceLoadBalancerOptions, blueGreen?: BlueGreenDeploymentOptions) {
    super(owner, 'LoadBalancer');
    const target = containers.find((c) => (o.containerName ? c.containerName === o.containerName : c.portMappings.length > 0));
    if (!target) {
      throw new ValidationError(owner, {
        property: 'loadBalancer.containerName', value: o.containerName,
        allowed: o.containerName ? `one of: ${containers.map((c) => c.containerName).join(', ')}` : 'a task definition with a container that has a port mapping',
        hint: 'add portMappings to the container that serves traffic',
      });
    }
    const containerPort = o.containerPort ?? target.portMappings[0]?.containerPort;
    if (containerPort === undefined || (!isToken(containerPort) && !target.portMappings.some((p) => p.containerPort === containerPort))) {
      throw new ValidationError(owner, {
        property: 'loadBalancer.containerPort', value: containerPort,
        allowed: `a port mapped by container "${target.containerName}": ${target.portMappings.map((p) => p.containerPort).join(', ') || 'none'}`,
      });
    }
    const internetFacing = o.internetFacing ?? false;
    if (internetFacing && vpc.publicSubnets.length === 0) {
      throw new ValidationError(owner, {
        property: 'loadBalancer.internetFacing', value: true, allowed: 'false in a VPC without public subnets',
        hint: 'an internet-facing load balancer needs public subnets; add them to the VPC, or keep the load balancer internal',
      });
    }
    checkHealthCheck(owner, o.healthCheck);
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Resource', {
      vpc,
      internetFacing,
      vpcSubnets: internetFacing ? { subnetType: ec2.SubnetType.PUBLIC } : privateSubnets(owner, vpc, 'an internal load balancer never defaults to public subnets; use PlatformNetwork'),
      dropInvalidHeaderFields: true,
      deletionProtection: o.deletionProtection ?? true,
    });
    let bucket: s3.IBucket | undefined;
    if (o.accessLogs === false && o.accessLogsBucket) {
      throw new ValidationError(owner, {
        property: 'loadBalancer.accessLogsBucket', value: o.accessLogsBucket.node.path, allowed: 'nothing with accessLogs: false',
        hint: 'drop accessLogsBucket, or drop accessLogs: false to write the logs to it',
      });
    }
    if (o.accessLogs ?? true) {
      if (Token.isUnresolved(Stack.of(owner).region)) {
        throw new ValidationError(owner, {
          property: 'loadBalancer.accessLogs', value: true, allowed: 'a stack with a concrete region (env: { region })',
          hint: 'ALB access logs need the region to name the log delivery principal; set the stack env, or accessLogs: false',
        });
      }
      if (o.accessLogsBucket?.encryptionKey) {
        throw new ValidationError(owner, { property: 'loadBalancer.accessLogsBucket', value: o.accessLogsBucket.node.path, allowed: 'a bucket with SSE-S3 encryption (ALB cannot write to KMS-encrypted buckets)' });
      }
      bucket = o.accessLogsBucket ?? new s3.Bucket(this, 'AccessLogs', {
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
        const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
        // Object Lock on (without a default retention: the 90-day expiry still applies) and object
        // events to EventBridge, natively (aws-cdk-lib's eventBridgeEnabled would add a custom resource).
        cfnBucket.objectLockEnabled = true;
        cfnBucket.objectLockConfiguration = { objectLockEnabled: 'Enabled' };
        cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
        acknowledge(cfnBucket, [
          [RULES.BUCKET_LOGS, 'this bucket receives ALB access logs; logging access to it would need another bucket, and so on'],
          [RULES.BUCKET_REPLICATION, 'access logs are diagnostic data kept 90 days; replicate them with your own bucket (accessLogsBucket) if required'],
          [RULES.BUCKET_KMS, 'ALB access logs support only SSE-S3 encryption, not KMS (Elastic Load Balancing user guide)'],
        ]);
      }
    }
    const https = o.certificate !== undefined;
    if (internetFacing && !https) {
      Annotations.of(owner).addWarningV2('cdk-containers:ecs-service-public-http',
        'The load balancer is internet-facing without a certificate: traffic is plain HTTP over the internet. Pass loadBalancer.certificate.');
    }
    const listener = https
      ? alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [o.certificate!], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, open: internetFacing })
      : alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: internetFacing });
    acknowledge(alb.node.defaultChild as CfnResource, [[RULES.ALB_WAF, 'AWS WAF is opt-in (a web ACL costs per month): associate one with service.loadBalancer']]);
    if (internetFacing) {
      const group = alb.connections.securityGroups[0] as ec2.SecurityGroup;
      acknowledgeOpenIngress(group, https ? [443, 80] : [80],
        'an internet-facing load balancer accepts its listener ports from anywhere by definition; tasks accept traffic only from it');
    }
    if (https) {
      const redirect = alb.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS, open: internetFacing });
      acknowledge(redirect.node.defaultChild as CfnResource, [[RULES.LISTENER_CERT, 'this HTTP listener only redirects to the HTTPS listener, which has the certificate']]);
    }
    if (!internetFacing) {
      const fromVpc = ec2.Peer.ipv4(literalVpcCidr(vpc));
      alb.connections.allowFrom(fromVpc, ec2.Port.tcp(https ? 443 : 80), 'from the VPC');
      if (https) alb.connections.allowFrom(fromVpc, ec2.Port.tcp(80), 'from the VPC (redirect to HTTPS)');
    }
    const targetOptions = {
      vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      healthCheck: o.healthCheck ?? { path: '/', healthyHttpCodes: '200-399', interval: Duration.seconds(30) },
      deregistrationDelay: Duration.seconds(30),
    };
    const loadBalancerTarget = { containerName: target.containerName, containerPort };
    let targetGroup: elbv2.ApplicationTargetGroup;
    if (!blueGreen) {
      targetGroup = listener.addTargets('Targets', { ...targetOptions, targets: [service.loadBalancerTarget(loadBalancerTarget)] });
    } else {
      // The same construct id as addTargets gives its group: moving a service from rolling to
      // blue/green keeps its target group (no replacement of the load balancer's targets).
      const targetType = service.taskDefinition.networkMode === ecs.NetworkMode.AWS_VPC ? elbv2.TargetType.IP : elbv2.TargetType.INSTANCE;
      targetGroup = new elbv2.ApplicationTargetGroup(listener, 'TargetsGroup', { ...targetOptions, targetType });
      const alternate = new elbv2.ApplicationTargetGroup(listener, 'AlternateTargetsGroup', { ...targetOptions, targetType });
      // ECS moves traffic by rewriting the weights of a listener RULE; the listener's default
      // action forwards too (ECS refuses listeners that mix forward and other actions).
      listener.addTargetGroups('Targets', { targetGroups: [targetGroup] });
      const rule = (l: elbv2.IApplicationListener, id: string) => new elbv2.ApplicationListenerRule(l, id, {
        listener: l, priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
        action: elbv2.ListenerAction.weightedForward([{ targetGroup, weight: 100 }, { targetGroup: alternate, weight: 0 }]),
      });
      const production = rule(listener, 'ProductionRule');
      const listeners: elbv2.ApplicationListener[] = [listener];
      const rules = [production];
      let testRule: elbv2.ApplicationListenerRule | undefined;
      if (blueGreen.testPort !== undefined) {
        const testListener = alb.addListener('Test', https
          ? { port: blueGreen.testPort, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [o.certificate!], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, open: false, defaultTargetGroups: [targetGroup] }
          : { port: blueGreen.testPort, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultTargetGroups: [targetGroup] });
        alb.connections.allowFrom(ec2.Peer.ipv4(literalVpcCidr(vpc)), ec2.Port.tcp(blueGreen.testPort), 'from the VPC (test traffic of blue/green deployments)');
        testRule = rule(testListener, 'TestRule');
        listeners.push(testListener);
        rules.push(testRule);
      }
      const role = blueGreen.infrastructureRole ?? trafficRole(this, [targetGroup, alternate], listeners, rules);
      targetGroup.addTarget(service.loadBalancerTarget({
        ...loadBalancerTarget,
        alternateTarget: new ecs.AlternateTarget('AlternateTarget', {
          alternateTargetGroup: alternate,
          productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(production),
          testListener: testRule ? ecs.ListenerRuleConfiguration.applicationListenerRule(testRule) : undefined,
          role,
        }),
      }));
      // ECS checks at CreateService that the alternate group is behind a listener: wait for the rules.
      rules.forEach((r) => service.node.addDependency(r));
      this.alternateTargetGroup = alternate;
      this.productionListenerRule = production;
      this.testListenerRule = testRule;
    }
    // The ECS L2 makes the service depend on the target group it already references (Ref), which
    // cfn-lint reports as W3005 (redundant DependsOn). Harmless; acknowledged here with that reason.
    ignoreCfnLint(service.node.defaultChild as CfnResource, 'W3005',
      'aws-cdk-lib\'s ECS service depends on the target group it also references (Ref): redundant, harmless');
    this.alb = alb;
    this.targetGroup = targetGroup;
    this.accessLogsBucket = bucket;
  }
}

/** The Describe calls ECS makes while it moves traffic; Elastic Load Balancing's Describe actions take no resource. */
const LOAD_BALANCER_DESCRIBE_GRANT: WildcardGrant = {
  actions: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
  reason: 'ECS reads the listeners, rules and target health while it moves traffic; Elastic Load Balancing Describe actions support only Resource "*" (Service Authorization Reference)',
};

/**
 * The role ECS moves a blue/green deployment's traffic with: what the AWS managed policy
 * AmazonECSInfrastructureRolePolicyForLoadBalancers allows, narrowed to this service's two
 * target groups, its listeners and their rules.
 */
function trafficRole(scope: Construct, groups: elbv2.ApplicationTargetGroup[], listeners: elbv2.ApplicationListener[], rules: elbv2.ApplicationListenerRule[]): iam.Role {
  const role = new iam.Role(scope, 'DeploymentRole', {
    assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
    description: 'Lets ECS move traffic between the blue and green target groups of one service',
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: LOAD_BALANCER_DESCRIBE_GRANT.actions, resources: ['*'] }));
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
    resources: groups.map((g) => g.targetGroupArn),
  }));
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyRule'],
    resources: [...listeners.map((l) => l.listenerArn), ...rules.map((r) => r.listenerRuleArn)],
  }));
  acknowledgeRolePolicies(role, {
    inline: 'aws-cdk-lib writes the deployment role\'s grants as a policy attached to this one role, created and deleted with it',
    wildcards: [LOAD_BALANCER_DESCRIBE_GRANT],
  });
  return role;
}

/** ALB health check timeout when none is given, for HTTP target groups (ELB API CreateTargetGroup). */
const DEFAULT_TIMEOUT_SECONDS = 5;
/** ALB success codes: one code, a list or a range, each from 200 to 499 (ELB API Matcher HttpCode). */
const HTTP_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/**
 * The target group health check's rules (CFN AWS::ElasticLoadBalancingV2::TargetGroup, ELB API
 * CreateTargetGroup): aws-cdk-lib checks only some, at synth and without the property.
 */
function checkHealthCheck(owner: Construct, hc: elbv2.HealthCheck | undefined): void {
  if (!hc) return;
  const p = 'loadBalancer.healthCheck';
  if (hc.enabled === false) {
    throw new ValidationError(owner, { property: `${p}.enabled`, value: false, allowed: 'true or nothing', hint: 'ALB always health-checks ip and instance targets (ECS tasks); it cannot be turned off' });
  }
  if (hc.healthyGrpcCodes !== undefined) {
    throw new ValidationError(owner, { property: `${p}.healthyGrpcCodes`, value: hc.healthyGrpcCodes, allowed: 'nothing: the target group speaks HTTP/1', hint: 'use healthyHttpCodes' });
  }
  if (hc.protocol !== undefined && hc.protocol !== elbv2.Protocol.HTTP && hc.protocol !== elbv2.Protocol.HTTPS) {
    throw new ValidationError(owner, { property: `${p}.protocol`, value: hc.protocol, allowed: 'HTTP or HTTPS (an Application Load Balancer health-checks over HTTP)' });
  }
  const interval = wholeSeconds(owner, `${p}.interval`, hc.interval, 5, 300);
  const timeout = wholeSeconds(owner, `${p}.timeout`, hc.timeout, 2, 120);
  const effectiveTimeout = hc.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : timeout;
  if (interval !== undefined && effectiveTimeout !== undefined && interval <= effectiveTimeout) {
    throw new ValidationError(owner, {
      property: `${p}.interval`, value: `${interval} seconds`, allowed: `more than the timeout (${effectiveTimeout} seconds${hc.timeout === undefined ? ', the default' : ''})`,
      hint: hc.timeout === undefined ? 'give a shorter healthCheck.timeout too' : undefined,
    });
  }
  checkIntegerRange(owner, `${p}.healthyThresholdCount`, hc.healthyThresholdCount, 2, 10);
  checkIntegerRange(owner, `${p}.unhealthyThresholdCount`, hc.unhealthyThresholdCount, 2, 10);
  if (hc.path !== undefined && !Token.isUnresolved(hc.path) && (!hc.path.startsWith('/') || hc.path.length > 1024)) {
    throw new ValidationError(owner, { property: `${p}.path`, value: hc.path, allowed: 'a path of 1-1024 characters starting with "/"' });
  }
  const codes = hc.healthyHttpCodes;
  if (codes !== undefined && !Token.isUnresolved(codes) && !validHttpCodes(codes)) {
    throw new ValidationError(owner, { property: `${p}.healthyHttpCodes`, value: codes, allowed: 'HTTP codes from 200 to 499: one code, a list or a range, e.g. "200", "200,302" or "200-399"' });
  }
  const port = hc.port;
  if (port !== undefined && !Token.isUnresolved(port) && port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw new ValidationError(owner, { property: `${p}.port`, value: port, allowed: '"traffic-port" or a port from 1 to 65535' });
  }
}

function validHttpCodes(codes: string): boolean {
  if (!HTTP_CODES.test(codes)) return false;
  return codes.split(/[,-]/).every((c) => Number(c) >= 200 && Number(c) <= 499)
    && codes.split(',').every((r) => { const [a, b] = r.split('-'); return b === undefined || Number(a) <= Number(b); });
}

/** A duration in whole seconds within [min, max]; undefined for no value or a token. */
function wholeSeconds(owner: Construct, property: string, d: Duration | undefined, min: number, max: number): number | undefined {
  if (d === undefined || d.isUnresolved()) return undefined;
  const seconds = d.toMilliseconds() / 1000;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new ValidationError(owner, { property, value: d.toHumanString(), allowed: `whole seconds from ${min} to ${max}` });
  }
  return seconds;
}

/**
 * The VPC's primary CIDR block as written in the template: the literal block when the app knows it
 * (a VPC defined with a CIDR, or looked up), so that rules and tools reading the security group
 * see an address range rather than a reference; the VPC's `CidrBlock` attribute otherwise (an
 * IPAM-allocated VPC, say).
 */
function literalVpcCidr(vpc: ec2.IVpc): string {
  if (!Token.isUnresolved(vpc.vpcCidrBlock)) return vpc.vpcCidrBlock;
  const cidrBlock = vpc instanceof ec2.Vpc ? (vpc.node.defaultChild as ec2.CfnVPC).cidrBlock : undefined;
  return cidrBlock !== undefined && !Token.isUnresolved(cidrBlock) ? cidrBlock : vpc.vpcCidrBlock;
}
