// aws-cdk-lib's barrel loads a module on first use: the library's index stays as light as before.
import { Stack, Token, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2 } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { checkIntegerRange, isToken } from '../../private/validate';
import { checkWholeDuration } from './durations';

/*
 * The rules Elastic Load Balancing applies to what the ECS load balancers send it (ELB API
 * reference: CreateTargetGroup, CreateRule, RuleCondition, PathPatternConditionConfig,
 * HostHeaderConditionConfig; the Application Load Balancer quotas), checked at synth so the error
 * names the property. Shared by the per-service load balancer (service-load-balancer.ts), the
 * shared one (load-balancer.ts) and the network load balancer (network-load-balancer.ts).
 */

/** ALB health check timeout when none is given, for HTTP target groups (ELB API CreateTargetGroup). */
const DEFAULT_TIMEOUT_SECONDS = 5;
/** ALB success codes: one code, a list or a range, each from 200 to 499 (ELB API Matcher HttpCode). */
const HTTP_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/**
 * The ALB target group health check's rules (CFN AWS::ElasticLoadBalancingV2::TargetGroup, ELB API
 * CreateTargetGroup): aws-cdk-lib checks only some, at synth and without the property.
 *
 * @param p the property the health check was given as, e.g. `loadBalancer.healthCheck`
 */
export function checkHealthCheck(owner: IConstruct, p: string, hc: elbv2.HealthCheck | undefined): void {
  if (!hc) return;
  if (hc.enabled === false) {
    throw new ValidationError(owner, { property: `${p}.enabled`, value: false, allowed: 'true or nothing', hint: 'ALB always health-checks ip and instance targets (ECS tasks); it cannot be turned off' });
  }
  if (hc.healthyGrpcCodes !== undefined) {
    throw new ValidationError(owner, { property: `${p}.healthyGrpcCodes`, value: hc.healthyGrpcCodes, allowed: 'nothing: the target group speaks HTTP/1', hint: 'use healthyHttpCodes' });
  }
  if (hc.protocol !== undefined && hc.protocol !== elbv2.Protocol.HTTP && hc.protocol !== elbv2.Protocol.HTTPS) {
    throw new ValidationError(owner, { property: `${p}.protocol`, value: hc.protocol, allowed: 'HTTP or HTTPS (an Application Load Balancer health-checks over HTTP)' });
  }
  const interval = checkWholeDuration(owner, `${p}.interval`, hc.interval, 'seconds', 5, 300);
  const timeout = checkWholeDuration(owner, `${p}.timeout`, hc.timeout, 'seconds', 2, 120);
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

/** The container and port a load balancer sends traffic to. */
export interface TrafficTarget {
  /** The container that receives traffic. */
  readonly container: ecs.ContainerDefinition;
  /** Its port that receives traffic (may be a token). */
  readonly containerPort: number;
}

/**
 * The container that receives a load balancer's traffic: the one named, else the first with a port
 * mapping; and its port: the one given, which it must map (with `protocol` when given), else its
 * first port mapping (of that protocol).
 *
 * @param p the property prefix for errors, e.g. `loadBalancer` (`loadBalancer.containerName`)
 */
export function trafficTarget(owner: IConstruct, p: string, containers: ecs.ContainerDefinition[],
  containerName: string | undefined, containerPort: number | undefined, protocol?: ecs.Protocol): TrafficTarget {
  const target = containers.find((c) => (containerName ? c.containerName === containerName : c.portMappings.length > 0));
  if (!target) {
    throw new ValidationError(owner, {
      property: `${p}.containerName`, value: containerName,
      allowed: containerName ? `one of: ${containers.map((c) => c.containerName).join(', ')}` : 'a task definition with a container that has a port mapping',
      hint: 'add portMappings to the container that serves traffic',
    });
  }
  const ofProtocol = (pm: ecs.PortMapping): boolean => protocol === undefined || (pm.protocol ?? ecs.Protocol.TCP) === protocol;
  const port = containerPort ?? target.portMappings.find(ofProtocol)?.containerPort;
  if (port === undefined || (!isToken(port) && !target.portMappings.some((pm) => pm.containerPort === port && ofProtocol(pm)))) {
    const mapped = target.portMappings.filter(ofProtocol).map((pm) => pm.containerPort).join(', ') || 'none';
    throw new ValidationError(owner, {
      property: `${p}.containerPort`, value: port,
      allowed: protocol === undefined
        ? `a port mapped by container "${target.containerName}": ${mapped}`
        : `a port container "${target.containerName}" maps with protocol ${protocol}: ${mapped}`,
      hint: protocol === ecs.Protocol.UDP ? 'map the port with protocol: ecs.Protocol.UDP in the container\'s portMappings' : undefined,
    });
  }
  return { container: target, containerPort: port };
}

/** Listener rule priorities (ELB API CreateRule Priority: 1 to 50000). */
export const MAX_RULE_PRIORITY = 50_000;
/** Condition values per rule, all conditions together (Application Load Balancer quotas: "Condition values per rule", 5, not adjustable). */
export const MAX_CONDITION_VALUES = 5;
/** Wildcards (`*`, `?`) per rule, all conditions together (Application Load Balancer quotas: "Condition wildcards per rule", 5). */
export const MAX_CONDITION_WILDCARDS = 5;
/**
 * A path pattern: 1-128 characters of A-Z, a-z, 0-9, `_ - . $ / ~ " ' @ : + &` and the wildcards
 * `*` and `?`; case-sensitive (ELB API PathPatternConditionConfig Values and RuleCondition Values).
 */
const PATH_PATTERN = /^[A-Za-z0-9_\-.$/~"'@:+&*?]{1,128}$/;
/**
 * A host name: 1-128 characters of A-Z, a-z, 0-9, `-`, `.` and the wildcards `*` and `?`, with at
 * least one `.` and only letters after the last one (ELB API HostHeaderConditionConfig Values and
 * RuleCondition Values); case-insensitive.
 */
const HOST_HEADER = /^[A-Za-z0-9\-.*?]{1,128}$/;
const HOST_TLD = /\.[A-Za-z]+$/;

/**
 * The conditions of one listener rule: at least one host header or path pattern, at most
 * {@link MAX_CONDITION_VALUES} values and {@link MAX_CONDITION_WILDCARDS} wildcards in all, each
 * value in its condition's grammar. Token values (and token lists) are not checked.
 *
 * @param p the property prefix for errors, e.g. `services[Orders]`
 */
export function checkRuleConditions(owner: IConstruct, p: string, hostHeaders: string[] | undefined, pathPatterns: string[] | undefined): void {
  // A token list (Token.asList) stands for values known only at deploy time: neither counted nor read.
  const hosts = hostHeaders === undefined || isToken(hostHeaders) ? [] : hostHeaders;
  const paths = pathPatterns === undefined || isToken(pathPatterns) ? [] : pathPatterns;
  const listToken = isToken(hostHeaders) || isToken(pathPatterns);
  if (!listToken && hosts.length === 0 && paths.length === 0) {
    throw new ValidationError(owner, {
      property: `${p}.pathPatterns`, value: undefined, allowed: 'at least one host header or path pattern',
      hint: 'a rule needs a condition; requests that match no rule get the listener\'s default action (a 404)',
    });
  }
  if (!listToken && hosts.length + paths.length > MAX_CONDITION_VALUES) {
    throw new ValidationError(owner, {
      property: `${p}.${paths.length > 0 ? 'pathPatterns' : 'hostHeaders'}`, value: `${hosts.length} host headers and ${paths.length} path patterns`,
      allowed: `at most ${MAX_CONDITION_VALUES} condition values per rule, host headers and path patterns together (Application Load Balancer quota)`,
      hint: 'split the routes over two addService calls of the same service, or use a shorter wildcard pattern',
    });
  }
  hosts.forEach((h, i) => {
    if (isToken(h) || (HOST_HEADER.test(h) && HOST_TLD.test(h))) return;
    throw new ValidationError(owner, {
      property: `${p}.hostHeaders[${i}]`, value: h,
      allowed: 'a host name of 1-128 characters: letters, digits, "-", "." and the wildcards "*" and "?", with at least one "." and only letters after the last one',
    });
  });
  paths.forEach((path, i) => {
    if (isToken(path) || PATH_PATTERN.test(path)) return;
    throw new ValidationError(owner, {
      property: `${p}.pathPatterns[${i}]`, value: path,
      allowed: 'a path pattern of 1-128 characters: letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards "*" and "?"',
      hint: path.length > 128 ? 'shorten it, e.g. with a "*" wildcard' : undefined,
    });
  });
  const literal = [...hosts, ...paths].filter((v) => !isToken(v));
  const wildcards = literal.reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
  if (!listToken && wildcards > MAX_CONDITION_WILDCARDS) {
    throw new ValidationError(owner, {
      property: `${p}.pathPatterns`, value: `${wildcards} wildcards`,
      allowed: `at most ${MAX_CONDITION_WILDCARDS} wildcards ("*" or "?") per rule, host headers and path patterns together (Application Load Balancer quota)`,
    });
  }
}

/** A WAFv2 web ACL ARN of regional scope (WAFv2 API, WebACL ARN: `arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>`). */
const REGIONAL_WEB_ACL = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):\d{12}:regional\/webacl\/[A-Za-z0-9_-]{1,128}\/[a-f0-9-]+$/;

/**
 * A web ACL an Application Load Balancer can use: a regional WAFv2 web ACL (CloudFront's global
 * ones cannot be associated with a load balancer) in the load balancer's region. Tokens pass.
 */
export function checkWebAclArn(owner: IConstruct, property: string, arn: string | undefined): void {
  if (arn === undefined || Token.isUnresolved(arn)) return;
  const m = REGIONAL_WEB_ACL.exec(arn);
  if (!m) {
    throw new ValidationError(owner, {
      property, value: arn, allowed: 'a regional WAFv2 web ACL ARN: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>',
      hint: arn.includes(':global/') ? 'a web ACL of CloudFront (global) scope cannot protect a load balancer; create one with scope REGIONAL' : undefined,
    });
  }
  const region = Stack.of(owner).region;
  if (!Token.isUnresolved(region) && m[1] !== region) {
    throw new ValidationError(owner, { property, value: arn, allowed: `a web ACL in the load balancer's region (${region})`, hint: 'WAF associates a web ACL only with resources in its own region' });
  }
}
