import {
  Annotations, CfnResource,
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RULES, WildcardGrant, acknowledge, acknowledgeRolePolicies, ignoreCfnLint } from '../private/acknowledge';
import { BlueGreenDeploymentOptions } from './deployment';
import { checkHealthCheck, trafficTarget } from './private/load-balancer-checks';
import { accessLogsBucket, listenerAccess, literalVpcCidr, loadBalancerSubnets, serviceTargetGroupProps } from './private/load-balancer-resources';

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
    const { container: target, containerPort } = trafficTarget(owner, 'loadBalancer', containers, o.containerName, o.containerPort);
    const internetFacing = o.internetFacing ?? false;
    const vpcSubnets = loadBalancerSubnets(owner, 'loadBalancer.internetFacing', vpc, internetFacing);
    checkHealthCheck(owner, 'loadBalancer.healthCheck', o.healthCheck);
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Resource', {
      vpc,
      internetFacing,
      vpcSubnets,
      dropInvalidHeaderFields: true,
      deletionProtection: o.deletionProtection ?? true,
    });
    const bucket = accessLogsBucket(owner, this, alb, { prefix: 'loadBalancer.', accessLogs: o.accessLogs, bucket: o.accessLogsBucket, kind: 'ALB' });
    const https = o.certificate !== undefined;
    if (internetFacing && !https) {
      Annotations.of(owner).addWarningV2('cdk-containers:ecs-service-public-http',
        'The load balancer is internet-facing without a certificate: traffic is plain HTTP over the internet. Pass loadBalancer.certificate.');
    }
    const listener = https
      ? alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [o.certificate!], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, open: internetFacing })
      : alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: internetFacing });
    acknowledge(alb.node.defaultChild as CfnResource, [[RULES.ALB_WAF, 'AWS WAF is opt-in (a web ACL costs per month): associate one with service.loadBalancer']]);
    listenerAccess(alb, vpc, internetFacing, https);
    const targetOptions = serviceTargetGroupProps(vpc, containerPort, o.healthCheck);
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
