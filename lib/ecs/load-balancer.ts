import {
  Annotations, CfnResource, Stack, Token,
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3, aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, acknowledge } from '../private/acknowledge';
import { checkIntegerRange, isToken } from '../private/validate';
import { MAX_RULE_PRIORITY, checkHealthCheck, checkRuleConditions, checkWebAclArn, trafficTarget } from './private/load-balancer-checks';
import { accessLogsBucket, listenerAccess, loadBalancerSubnets, serviceTargetGroupProps } from './private/load-balancer-resources';
import type { EcsService } from './service';

/** How one {@link EcsService} is attached to a shared load balancer: which requests reach it, and where. */
export interface LoadBalancedServiceOptions {
  /** The service whose tasks receive the requests. */
  readonly service: EcsService;
  /**
   * The listener rule's priority: a whole number from 1 to 50000 (ELB API CreateRule), unique on the
   * listener; lower numbers are evaluated first.
   */
  readonly priority: number;
  /**
   * Host names the rule matches (any one of them): 1-128 characters of letters, digits, `-`, `.` and
   * the wildcards `*` and `?`, with at least one `.` and only letters after the last one (ELB API
   * HostHeaderConditionConfig); case-insensitive. At most 5 host headers and path patterns together.
   * @default - any host (give pathPatterns then)
   */
  readonly hostHeaders?: string[];
  /**
   * URL paths the rule matches (any one of them): 1-128 characters of letters, digits,
   * `_ - . $ / ~ " ' @ : + &` and the wildcards `*` and `?` (ELB API PathPatternConditionConfig);
   * case-sensitive, compared with the path only (not the query string). A rule needs at least one
   * host header or path pattern, and takes at most 5 values (and 5 wildcards) in all.
   * @default - any path (give hostHeaders then)
   */
  readonly pathPatterns?: string[];
  /**
   * The container that receives traffic.
   * @default - the first container with a port mapping
   */
  readonly containerName?: string;
  /**
   * The container port (TCP) that receives traffic.
   * @default - that container's first TCP port mapping
   */
  readonly containerPort?: number;
  /**
   * Target group health check, with the same rules as `EcsService` `loadBalancer.healthCheck`:
   * `interval` 5-300 whole seconds and longer than `timeout` (2-120, 5 when not given), thresholds
   * 2-10, `path` 1-1024 characters starting with `/`, `healthyHttpCodes` 200-499, `port`
   * `traffic-port` or 1-65535, protocol HTTP or HTTPS; never disabled.
   * @default - HTTP GET `/` expecting 200-399 every 30 seconds
   */
  readonly healthCheck?: elbv2.HealthCheck;
}

/**
 * What {@link IEcsLoadBalancer.addService} created for one service: its target group, and the
 * listener rule (not the listener's default action) that forwards to it, so a later deployment
 * feature (blue/green) can use the rule as the production rule.
 */
export interface LoadBalancedServiceTarget {
  /** The target group that registers the service's tasks. */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The listener rule that forwards the matching requests to the target group. */
  readonly listenerRule: elbv2.ApplicationListenerRule;
}

/**
 * A listener that ECS services can be attached to: an {@link EcsLoadBalancer}, or an existing
 * Application Load Balancer listener ({@link EcsLoadBalancer.fromApplicationListener}).
 */
export interface IEcsLoadBalancer extends IConstruct {
  /**
   * Routes the requests that match `hostHeaders` / `pathPatterns` to the service's tasks: a target
   * group (HTTP, to the container port, 30 s deregistration delay) and a listener rule forwarding to
   * it, both under a construct `id`. The tasks' security group admits the load balancer on the
   * container port. Rules checked at synth: see {@link LoadBalancedServiceOptions}; the priority
   * must be free on the listener.
   *
   * @param id the construct id of the service's target group (`TargetGroup`) and rule (`Rule`)
   */
  addService(id: string, options: LoadBalancedServiceOptions): LoadBalancedServiceTarget;
}

/** Properties of an {@link EcsLoadBalancer}. */
export interface EcsLoadBalancerProps {
  /** The VPC of the load balancer: the VPC of the services' clusters. */
  readonly vpc: ec2.IVpc;
  /**
   * Reachable from the internet (in public subnets: the VPC must have some). Without certificates
   * that means plain HTTP on the internet: a warning is added.
   * @default false - internal, in private subnets, reachable from the VPC only
   */
  readonly internetFacing?: boolean;
  /**
   * Serve HTTPS on 443 with these certificates (the first is the default, the others are chosen by
   * SNI; TLS 1.2+ policy `SslPolicy.RECOMMENDED_TLS`) and redirect HTTP 80 to HTTPS.
   * @default - HTTP on port 80
   */
  readonly certificates?: acm.ICertificate[];
  /**
   * Write access logs to S3 (a new bucket: SSE-S3, TLS only, public access blocked, retained,
   * objects expire after 90 days). Needs a stack with a concrete region.
   * @default true
   */
  readonly accessLogs?: boolean;
  /**
   * The bucket for access logs (SSE-S3, not KMS: ALB cannot write to KMS buckets; not with
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
  /**
   * Associate this AWS WAF web ACL (a regional WAFv2 web ACL ARN in the stack's region) with the
   * load balancer (`AWS::WAFv2::WebACLAssociation`).
   * @default - no web ACL (the WAF finding of the compliance packs is acknowledged: WAF is opt-in)
   */
  readonly webAclArn?: string;
}

/**
 * One Application Load Balancer that many `EcsService`s share, each behind a listener rule that
 * matches its host names or paths ({@link addService}): one load balancer (and one access log
 * bucket) instead of one per service.
 *
 * Defaults: internal, in private subnets; HTTPS on 443 with `SslPolicy.RECOMMENDED_TLS` and HTTP 80
 * redirected when certificates are given, HTTP 80 otherwise; invalid header fields dropped; deletion
 * protection; access logs; requests that match no rule get a fixed 404 (the listener's default
 * action). The listener is reachable from the VPC's CIDR (internal) or from anywhere
 * (internet-facing); tasks accept traffic only from the load balancer.
 */
export class EcsLoadBalancer extends Construct implements IEcsLoadBalancer {
  /**
   * Attaches services to an existing Application Load Balancer listener (imported with
   * `elbv2.ApplicationListener.fromApplicationListenerAttributes` or built elsewhere): the returned
   * object's `addService` adds target groups and listener rules to that listener, with the same
   * rules as {@link EcsLoadBalancer.addService}. The listener's security group (given when importing
   * it) is what the tasks admit. Priorities are checked against the other rules this library adds to
   * the same listener object, not against rules it cannot see.
   *
   * @param scope the parent of the construct that holds the services' target groups and rules
   * @param id its construct id
   * @param listener the listener to add rules to (HTTP or HTTPS)
   */
  public static fromApplicationListener(scope: Construct, id: string, listener: elbv2.IApplicationListener): IEcsLoadBalancer {
    return new ImportedEcsLoadBalancer(scope, id, listener);
  }

  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The listener the services' rules are added to: HTTPS 443 with certificates, HTTP 80 without. */
  public readonly listener: elbv2.ApplicationListener;
  /** The access log bucket created here, or the one given; undefined without access logs. */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The web ACL association, when `webAclArn` was given. */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;

  private readonly vpc: ec2.IVpc;

  constructor(scope: Construct, id: string, props: EcsLoadBalancerProps) {
    super(scope, id);
    const vpc = props.vpc;
    this.vpc = vpc;
    const internetFacing = props.internetFacing ?? false;
    const vpcSubnets = loadBalancerSubnets(this, 'internetFacing', vpc, internetFacing);
    const certificates = props.certificates;
    if (certificates !== undefined && !isToken(certificates) && certificates.length === 0) {
      throw new ValidationError(this, { property: 'certificates', value: [], allowed: 'at least one certificate, or nothing for HTTP', hint: 'drop certificates for an HTTP listener' });
    }
    checkWebAclArn(this, 'webAclArn', props.webAclArn);
    const https = certificates !== undefined;
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Resource', {
      vpc,
      internetFacing,
      vpcSubnets,
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection ?? true,
    });
    this.loadBalancer = alb;
    this.accessLogsBucket = accessLogsBucket(this, this, alb, { prefix: '', accessLogs: props.accessLogs, bucket: props.accessLogsBucket, kind: 'ALB' });
    if (internetFacing && !https) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-load-balancer-public-http',
        'The load balancer is internet-facing without a certificate: traffic is plain HTTP over the internet. Pass certificates.');
    }
    // Requests no service's rule matches: a plain 404, never one service picked as a catch-all.
    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' });
    this.listener = https
      ? alb.addListener('Https', {
        port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, open: internetFacing, defaultAction: notFound,
      })
      : alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: internetFacing, defaultAction: notFound });
    const cfnAlb = alb.node.defaultChild as CfnResource;
    if (props.webAclArn !== undefined) {
      this.webAclAssociation = new wafv2.CfnWebACLAssociation(this, 'WebAcl', { resourceArn: alb.loadBalancerArn, webAclArn: props.webAclArn });
    } else {
      acknowledge(cfnAlb, [[RULES.ALB_WAF, 'AWS WAF is opt-in (a web ACL costs per month): pass webAclArn to associate one']]);
    }
    listenerAccess(alb, vpc, internetFacing, https);
  }

  /**
   * Routes the requests that match `hostHeaders` / `pathPatterns` to the service's tasks: a target
   * group and a listener rule on {@link listener}, under a construct `id`. The service's cluster must
   * be in this load balancer's VPC. See {@link IEcsLoadBalancer.addService}.
   *
   * @param id the construct id of the service's target group (`TargetGroup`) and rule (`Rule`)
   */
  public addService(id: string, options: LoadBalancedServiceOptions): LoadBalancedServiceTarget {
    const vpc = options.service.service.cluster.vpc;
    if (vpc !== this.vpc && !sameVpc(vpc, this.vpc)) {
      throw new ValidationError(this, {
        property: `services[${id}].service`, value: options.service.node.path, allowed: `a service whose cluster is in the load balancer's VPC (${this.vpc.node.path})`,
        hint: 'the load balancer reaches tasks in its own VPC only; create it with the cluster\'s VPC',
      });
    }
    return attachService(this, this.listener, id, options);
  }
}

/** An existing listener that services are attached to (see {@link EcsLoadBalancer.fromApplicationListener}). */
class ImportedEcsLoadBalancer extends Construct implements IEcsLoadBalancer {
  constructor(scope: Construct, id: string, private readonly listener: elbv2.IApplicationListener) {
    super(scope, id);
  }

  public addService(id: string, options: LoadBalancedServiceOptions): LoadBalancedServiceTarget {
    return attachService(this, this.listener, id, options);
  }
}

/** Two VPC objects for the same VPC: the same construct, or the same literal VPC id. */
function sameVpc(a: ec2.IVpc, b: ec2.IVpc): boolean {
  if (Token.isUnresolved(a.vpcId) || Token.isUnresolved(b.vpcId)) {
    // Both defined in the app: different constructs are different VPCs. A token id of an imported
    // VPC cannot be compared: trusted.
    return !(a instanceof ec2.Vpc && b instanceof ec2.Vpc);
  }
  return a.vpcId === b.vpcId;
}

/**
 * The priorities taken on each listener, per app: which service holds each. Keyed by the listener's
 * ARN as its stack resolves it (a literal ARN is the same listener in every stack that imports it).
 */
const PRIORITIES = new WeakMap<IConstruct, Map<string, Map<number, string>>>();

function prioritiesOf(listener: elbv2.IApplicationListener): Map<number, string> {
  const root = listener.node.root;
  const perApp = PRIORITIES.get(root) ?? new Map<string, Map<number, string>>();
  PRIORITIES.set(root, perApp);
  const arn = listener.listenerArn;
  const stack = Stack.of(listener);
  const key = Token.isUnresolved(arn) ? `${stack.node.path} ${JSON.stringify(stack.resolve(arn))}` : arn;
  const taken = perApp.get(key) ?? new Map<number, string>();
  perApp.set(key, taken);
  return taken;
}

/** The work of `addService`, for a listener built here or imported. Errors are reported on `router`. */
function attachService(router: Construct, listener: elbv2.IApplicationListener, id: string, o: LoadBalancedServiceOptions): LoadBalancedServiceTarget {
  const p = `services[${id}]`;
  const service = o.service;
  if (service.deployment.runsTwoTaskSets) {
    throw new ValidationError(router, {
      property: `${p}.service`, value: `${service.node.path} (${service.deployment.strategy} deployment)`,
      allowed: 'a service with rolling deployments',
      hint: 'ECS blue/green, linear and canary deployments refuse a listener whose rules mix forward with other actions, and a shared load balancer answers unmatched requests with a fixed 404; give the service its own load balancer (EcsServiceProps.loadBalancer), or use ServiceDeployment.rolling()',
    });
  }
  checkIntegerRange(router, `${p}.priority`, o.priority, 1, MAX_RULE_PRIORITY, 'listener rule priorities run from 1 (evaluated first) to 50000');
  checkRuleConditions(router, p, o.hostHeaders, o.pathPatterns);
  checkHealthCheck(router, `${p}.healthCheck`, o.healthCheck);
  const { container, containerPort } = trafficTarget(router, p, service.taskDefinition.containers, o.containerName, o.containerPort, ecs.Protocol.TCP);
  const taken = prioritiesOf(listener);
  if (!isToken(o.priority)) {
    const holder = taken.get(o.priority);
    if (holder !== undefined) {
      throw new ValidationError(router, {
        property: `${p}.priority`, value: o.priority,
        allowed: `a priority no other rule of the listener has: ${o.priority} is taken by service "${holder}"`,
        hint: `service "${service.node.path}" and service "${holder}" cannot share a priority; give one of them another`,
      });
    }
    taken.set(o.priority, service.node.path);
  }
  const scope = new Construct(router, id);
  const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', {
    ...serviceTargetGroupProps(service.service.cluster.vpc, containerPort, o.healthCheck),
    targets: [service.service.loadBalancerTarget({ containerName: container.containerName, containerPort })],
  });
  const conditions: elbv2.ListenerCondition[] = [];
  if (o.hostHeaders?.length || isToken(o.hostHeaders)) conditions.push(elbv2.ListenerCondition.hostHeaders(o.hostHeaders!));
  if (o.pathPatterns?.length || isToken(o.pathPatterns)) conditions.push(elbv2.ListenerCondition.pathPatterns(o.pathPatterns!));
  const listenerRule = new elbv2.ApplicationListenerRule(scope, 'Rule', {
    listener,
    priority: o.priority,
    conditions,
    action: elbv2.ListenerAction.forward([targetGroup]),
  });
  service._watchTargetGroup(scope, targetGroup);
  return { targetGroup, listenerRule };
}
