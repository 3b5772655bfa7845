import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  MAX_CONDITION_VALUES, MAX_CONDITION_WILDCARDS, MAX_RULE_PRIORITY, checkHealthCheck, checkRuleConditions, checkWebAclArn, trafficTarget,
} from '../../../../lib/ecs/private/load-balancer-checks';
import { newStack } from '../../../support/stack';
import { thrownBy } from '../../../support/thrown';

// lib/ecs/private/load-balancer-checks.ts: the ELB rules shared by the per-service, shared and
// network load balancers (the constructs' tests run them through the constructs; these pin the
// grammars, the quotas and the property prefixes).

const msg = (f: () => void): string | undefined => (thrownBy(f) as Error | undefined)?.message;

test('the quotas and ranges are those of the ELB API and the ALB quotas page', () => {
  expect([MAX_RULE_PRIORITY, MAX_CONDITION_VALUES, MAX_CONDITION_WILDCARDS]).toEqual([50_000, 5, 5]);
});

test('health check: messages carry the given property prefix', () => {
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', { interval: Duration.seconds(301) }))).toBe('[Stack] x.healthCheck.interval: got "5 minutes 1 second"; allowed: whole seconds from 5 to 300.');
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', { healthyHttpCodes: '399-200' }))).toMatch(/x\.healthCheck\.healthyHttpCodes: got "399-200"/);
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', { healthyGrpcCodes: '0' }))).toMatch(/x\.healthCheck\.healthyGrpcCodes/);
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', { timeout: Duration.seconds(10), interval: Duration.seconds(10) }))).toMatch(/more than the timeout \(10 seconds\)\.$/);
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', undefined))).toBeUndefined();
  expect(msg(() => checkHealthCheck(newStack(), 'x.healthCheck', { path: Token.asString({ Ref: 'P' }), port: 'traffic-port' }))).toBeUndefined();
});

describe('rule conditions', () => {
  const check = (hosts?: string[], paths?: string[]) => msg(() => checkRuleConditions(newStack(), 'r', hosts, paths));

  test('path patterns: 1-128 characters of the allowed set', () => {
    expect(check(undefined, ['/api/v1/*', '/a?c', `/${'x'.repeat(127)}`])).toBeUndefined();
    expect(check(undefined, ['/_-.$~"\'@:+&'])).toBeUndefined();
    for (const bad of ['', `/${'x'.repeat(128)}`, '/a b', '/a#b', '/a%20b', '/a=b', '/ä', '/a\\b']) {
      expect([bad, check(undefined, [bad])]).toEqual([bad, expect.stringMatching(/^\[Stack\] r\.pathPatterns\[0\]: got /)]);
    }
  });

  test('host headers: at least one dot, letters only after the last, no other characters', () => {
    expect(check(['example.com', '*.example.com', 'a-b.c?.io', 'EXAMPLE.COM'])).toBeUndefined();
    for (const bad of ['example', 'example.', 'example.c0m', 'exa_mple.com', 'example.com:80', 'example.*', '', `${'a'.repeat(125)}.com`]) {
      expect([bad, check([bad])]).toEqual([bad, expect.stringMatching(/^\[Stack\] r\.hostHeaders\[0\]: got /)]);
    }
    expect(check([`${'a'.repeat(124)}.com`])).toBeUndefined();
  });

  test('at least one value; at most 5 values and 5 wildcards in all', () => {
    expect(check()).toMatch(/r\.pathPatterns: got nothing; allowed: at least one host header or path pattern/);
    expect(check(['a.io', 'b.io'], ['/a', '/b', '/c'])).toBeUndefined();
    expect(check(['a.io', 'b.io', 'c.io'], ['/a', '/b', '/c'])).toMatch(/r\.pathPatterns: got "3 host headers and 3 path patterns"/);
    expect(check(['*.a.io', '*.b.io'], ['/*', '/?', '/*'])).toBeUndefined();
    expect(check(['*.a.io', '*.b.io'], ['/*', '/?', '/**'])).toMatch(/got "6 wildcards"/);
  });

  test('tokens are neither read nor counted', () => {
    const list = Token.asList({ Ref: 'Hosts' });
    expect(check(list)).toBeUndefined();
    expect(check(undefined, [Token.asString({ Ref: 'P' }), '/a'])).toBeUndefined();
    expect(check(list, ['/1', '/2', '/3', '/4', '/5'])).toBeUndefined();
  });
});

test('web ACL ARN: regional WAFv2, in the stack\'s region when it is known', () => {
  const arn = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/0123abcd-0000-1111-2222-333344445555';
  const inRegion = (region?: string) => new Stack(undefined, 'Stack', region ? { env: { region } } : {});
  expect(msg(() => checkWebAclArn(inRegion('eu-west-1'), 'w', arn))).toBeUndefined();
  expect(msg(() => checkWebAclArn(inRegion(), 'w', arn))).toBeUndefined();
  expect(msg(() => checkWebAclArn(inRegion('eu-west-1'), 'w', arn.replace('aws:', 'aws-us-gov:')))).toBeUndefined();
  expect(msg(() => checkWebAclArn(inRegion('us-east-1'), 'w', arn))).toMatch(/^\[Stack\] w: got .*; allowed: a web ACL in the load balancer's region \(us-east-1\)/);
  expect(msg(() => checkWebAclArn(inRegion(), 'w', arn.replace('regional', 'global')))).toMatch(/Hint: a web ACL of CloudFront \(global\) scope/);
  expect(msg(() => checkWebAclArn(inRegion(), 'w', 'web'))).toMatch(/allowed: a regional WAFv2 web ACL ARN/);
  expect(msg(() => checkWebAclArn(inRegion(), 'w', Token.asString({ Ref: 'Acl' })))).toBeUndefined();
  expect(msg(() => checkWebAclArn(inRegion(), 'w', undefined))).toBeUndefined();
});

test('traffic target: the named or first mapped container; the given or first port of the protocol', () => {
  const stack = newStack();
  const td = new ecs.FargateTaskDefinition(stack, 'Td');
  const image = ecs.ContainerImage.fromRegistry('nginx');
  td.addContainer('sidecar', { image });
  const dns = td.addContainer('dns', { image, portMappings: [{ containerPort: 53, protocol: ecs.Protocol.UDP }, { containerPort: 8081 }] });
  const all = td.node.children.filter((c): c is ecs.ContainerDefinition => c instanceof ecs.ContainerDefinition);
  expect(trafficTarget(stack, 'p', all, undefined, undefined)).toEqual({ container: dns, containerPort: 53 });
  expect(trafficTarget(stack, 'p', all, undefined, undefined, ecs.Protocol.TCP)).toEqual({ container: dns, containerPort: 8081 });
  expect(trafficTarget(stack, 'p', all, 'dns', 53, ecs.Protocol.UDP).containerPort).toBe(53);
  expect(msg(() => trafficTarget(stack, 'p', all, 'dns', 53, ecs.Protocol.TCP))).toBe('[Stack] p.containerPort: got 53; allowed: a port container "dns" maps with protocol tcp: 8081.');
  expect(msg(() => trafficTarget(stack, 'p', all, 'sidecar', undefined))).toBe('[Stack] p.containerPort: got nothing; allowed: a port mapped by container "sidecar": none.');
  expect(msg(() => trafficTarget(stack, 'p', all, 'nope', undefined))).toMatch(/^\[Stack\] p\.containerName: got "nope"; allowed: one of: sidecar, dns\./);
  expect(trafficTarget(stack, 'p', all, 'dns', Token.asNumber({ Ref: 'Port' })).container).toBe(dns);
});
