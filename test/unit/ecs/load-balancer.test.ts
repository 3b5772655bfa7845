import { App, Duration, Stack, Token, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsLoadBalancer, EcsLoadBalancerProps, EcsService, EcsTaskDefinition, LoadBalancedServiceOptions, ServiceDeployment } from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { CERT_ARN, NGINX_IMAGE, ServiceFixture, serviceFixture } from '../../support/ecs';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

// lib/ecs/load-balancer.ts: EcsLoadBalancer, one Application Load Balancer shared by several
// EcsServices (one listener rule and target group each), and fromApplicationListener.

const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/platform/0123abcd-0000-1111-2222-333344445555';
const LISTENER_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/0123456789abcdef';

/** A fixture with two services `Orders` and `Payments` (the fixture's task definition `App`, container `web` on 8080). */
function twoServices(region?: string): ServiceFixture & { orders: EcsService; payments: EcsService } {
  const f = serviceFixture(undefined, region);
  const orders = new EcsService(f.stack, 'Orders', { cluster: f.cluster, taskDefinition: f.app });
  const payments = new EcsService(f.stack, 'Payments', { cluster: f.cluster, taskDefinition: f.app });
  return { ...f, orders, payments };
}

describe('EcsLoadBalancer: two services on one internet-facing HTTPS load balancer', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    // GIVEN
    const f = twoServices();
    stack = f.stack;
    const certificate = acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN);
    // WHEN
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, internetFacing: true, certificates: [certificate] });
    lb.addService('Orders', { service: f.orders, priority: 10, hostHeaders: ['shop.example.com'], pathPatterns: ['/orders', '/orders/*'] });
    lb.addService('Payments', { service: f.payments, priority: 20, pathPatterns: ['/pay/*'], healthCheck: { path: '/healthz' } });
    template = Template.fromStack(f.stack);
  });

  test('one load balancer and one access log bucket for both services', () => {
    // THEN
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }]),
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^SharedAccessLogs') } },
      ]),
    });
  });

  test('the access log bucket is the secure bucket of the per-service load balancer', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        ObjectLockEnabled: true,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('HTTPS on 443 with the recommended TLS policy and a 404 default; HTTP 80 redirects to HTTPS', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: CERT_ARN }],
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not Found' } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' }) }],
    });
  });

  test('each service: its rule with its priority and conditions, forwarding to its own target group', () => {
    const rules = template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule');
    const byPriority = Object.fromEntries(Object.values(rules).map((r) => [r.Properties.Priority, r.Properties]));
    expect(Object.keys(byPriority).sort()).toEqual(['10', '20']);
    expect(byPriority[10].Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/orders', '/orders/*'] } },
    ]);
    expect(byPriority[20].Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/pay/*'] } }]);
    expect(byPriority[10].Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: expect.stringMatching(/^SharedOrdersTargetGroup/) } }]);
    expect(byPriority[20].Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: expect.stringMatching(/^SharedPaymentsTargetGroup/) } }]);
    expect(byPriority[10].ListenerArn).toEqual({ Ref: expect.stringMatching(/^SharedHttps/) });
  });

  test('target groups: HTTP to the container port, ip targets, the given or default health check', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/healthz',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/', Matcher: { HttpCode: '200-399' }, HealthCheckIntervalSeconds: 30,
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  test('each service registers its tasks with its target group, with the 60 s grace period', () => {
    for (const name of ['Orders', 'Payments']) {
      template.hasResourceProperties('AWS::ECS::Service', {
        LoadBalancers: [{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: Match.stringLikeRegexp(`^Shared${name}TargetGroup`) } }],
        HealthCheckGracePeriodSeconds: 60,
      });
    }
  });

  test('tasks accept the container port from the load balancer only', () => {
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toHaveLength(2); // one per service's group, none from anywhere
    for (const rule of ingress) {
      expect(rule).toMatchObject({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^SharedSecurityGroup/), 'GroupId'] } });
    }
  });

  test('no WAF association: the WAF finding is acknowledged on the load balancer, with its reason', () => {
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    const [lb] = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(JSON.stringify(lb.Metadata)).toMatch(/ALBWAFEnabled.*pass webAclArn/);
  });

  test('no custom resources, no Lambda, no warning', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('snapshot of the default setup', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsLoadBalancer: defaults and options', () => {
  test('internal by default: private subnets, HTTP 80 from the VPC only, 404 default action', () => {
    // GIVEN
    const f = twoServices();
    // WHEN
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, deletionProtection: false, accessLogs: false });
    const target = lb.addService('Orders', { service: f.orders, priority: 1, pathPatterns: ['/*'] });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal', Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }]),
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) })],
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Shared'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80, ToPort: 80 })],
    });
    t.resourceCountIs('AWS::S3::Bucket', 0);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    expect(target.listenerRule.node.path).toBe('Stack/Shared/Orders/Rule');
    expect(target.targetGroup.node.path).toBe('Stack/Shared/Orders/TargetGroup');
    expect(lb.accessLogsBucket).toBeUndefined();
  });

  test('internal with HTTPS: 443 and the redirect port open to the VPC', () => {
    const f = twoServices();
    new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false, certificates: [acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN)] });
    Template.fromStack(f.stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Shared'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 443 }), Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80 })],
    });
  });

  test('two certificates: the first on the listener, the second as a listener certificate (SNI)', () => {
    const f = twoServices();
    const other = 'arn:aws:acm:us-east-1:123456789012:certificate/99999999-2222-3333-4444-555555555555';
    new EcsLoadBalancer(f.stack, 'Shared', {
      vpc: f.vpc, accessLogs: false,
      certificates: [acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN), acm.Certificate.fromCertificateArn(f.stack, 'Other', other)],
    });
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Certificates: [{ CertificateArn: CERT_ARN }] });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerCertificate', { Certificates: [{ CertificateArn: other }] });
  });

  test('a web ACL: associated with the load balancer, and the WAF finding is not acknowledged', () => {
    // GIVEN
    const f = twoServices();
    // WHEN
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false, webAclArn: WEB_ACL });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { Ref: Match.stringLikeRegexp('^Shared') }, WebACLArn: WEB_ACL });
    expect(lb.webAclAssociation).toBeDefined();
    const [alb] = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(JSON.stringify(alb.Metadata ?? {})).not.toMatch(/ALBWAFEnabled/);
  });

  test('internet-facing without certificates: HTTP from anywhere, with a warning', () => {
    const f = twoServices();
    new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, internetFacing: true, accessLogs: false });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Shared', Match.stringLikeRegexp('internet-facing without a certificate'));
    Template.fromStack(f.stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Shared'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80 })],
    });
  });

  test('an access log bucket of the user is used, and no bucket is created', () => {
    const f = twoServices();
    const bucket = new s3.Bucket(f.stack, 'Logs');
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogsBucket: bucket });
    expect(lb.accessLogsBucket).toBe(bucket);
    Template.fromStack(f.stack).resourceCountIs('AWS::S3::Bucket', 1);
  });

  test('a token priority and token conditions pass unchecked', () => {
    const f = twoServices();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false });
    const priority = Token.asNumber({ Ref: 'Priority' });
    const path = Token.asString({ Ref: 'Path' });
    lb.addService('Orders', { service: f.orders, priority, pathPatterns: [path], hostHeaders: Token.asList({ Ref: 'Hosts' }) });
    // A token priority is not counted: another token (or the same one) is not a clash either.
    lb.addService('Payments', { service: f.payments, priority, pathPatterns: [path] });
    Template.fromStack(f.stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: { Ref: 'Priority' },
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: { Ref: 'Hosts' } } }, { Field: 'path-pattern', PathPatternConfig: { Values: [{ Ref: 'Path' }] } }],
    });
  });
});

describe('EcsLoadBalancer.fromApplicationListener: services on an imported listener', () => {
  let template: Template;
  let first: ReturnType<ReturnType<typeof EcsLoadBalancer.fromApplicationListener>['addService']>;
  let f: ReturnType<typeof twoServices>;
  let listener: elbv2.IApplicationListener;
  beforeAll(() => {
    // GIVEN
    f = twoServices();
    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(f.stack, 'AlbGroup', 'sg-0123456789abcdef0');
    listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(f.stack, 'Listener', { listenerArn: LISTENER_ARN, securityGroup });
    // WHEN
    const router = EcsLoadBalancer.fromApplicationListener(f.stack, 'Platform', listener);
    first = router.addService('Orders', { service: f.orders, priority: 100, hostHeaders: ['orders.example.com'] });
    template = Template.fromStack(f.stack);
  });

  test('a rule on the imported listener forwards to a new target group; no load balancer is created', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: LISTENER_ARN, Priority: 100,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['orders.example.com'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^PlatformOrdersTargetGroup') } }],
    });
    expect(first.listenerRule.node.path).toBe('Stack/Platform/Orders/Rule');
  });

  test('the tasks admit the imported listener\'s security group on the container port', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: 'sg-0123456789abcdef0' });
  });

  test('a second router on the same listener sees the priorities already taken', () => {
    const again = EcsLoadBalancer.fromApplicationListener(f.stack, 'Again', listener);
    expect((thrownBy(() => again.addService('Payments', { service: f.payments, priority: 100, pathPatterns: ['/pay'] })) as Error).message)
      .toMatch(/^\[Stack\/Again\] services\[Payments\]\.priority: got 100; allowed: a priority no other rule of the listener has: 100 is taken by service "Stack\/Orders"\. Hint: service "Stack\/Payments" and service "Stack\/Orders"/);
  });
});

describe('EcsLoadBalancer validation', () => {
  /** Builds an internal load balancer (no access logs unless `props` say) and adds `Orders` with `options`. */
  const attach = (options: Partial<LoadBalancedServiceOptions>, props: Partial<EcsLoadBalancerProps> = {}) => () => {
    const f = twoServices();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false, ...props });
    lb.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders/*'], ...options });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    ['the same priority for two services on one listener', () => {
      const f = twoServices();
      const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false });
      lb.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders/*'] });
      lb.addService('Payments', { service: f.payments, priority: 10, pathPatterns: ['/pay/*'] });
    }, /^\[Stack\/Shared\] services\[Payments\]\.priority: got 10; allowed: a priority no other rule of the listener has: 10 is taken by service "Stack\/Orders"\. Hint: service "Stack\/Payments" and service "Stack\/Orders" cannot share a priority/],
    ['priority 0', attach({ priority: 0 }), /^\[Stack\/Shared\] services\[Orders\]\.priority: got 0; allowed: a whole number from 1 to 50000\./],
    ['priority 50001', attach({ priority: 50001 }), /services\[Orders\]\.priority: got 50001; allowed: a whole number from 1 to 50000\./],
    ['priority 1.5', attach({ priority: 1.5 }), /services\[Orders\]\.priority: got 1\.5; allowed: a whole number from 1 to 50000\./],
    ['no condition', attach({ pathPatterns: undefined }), /^\[Stack\/Shared\] services\[Orders\]\.pathPatterns: got nothing; allowed: at least one host header or path pattern\. Hint: a rule needs a condition/],
    ['empty condition lists', attach({ pathPatterns: [], hostHeaders: [] }), /services\[Orders\]\.pathPatterns: got nothing; allowed: at least one host header or path pattern/],
    ['six condition values', attach({ hostHeaders: ['a.example.com', 'b.example.com'], pathPatterns: ['/a', '/b', '/c', '/d'] }),
      /services\[Orders\]\.pathPatterns: got "2 host headers and 4 path patterns"; allowed: at most 5 condition values per rule, host headers and path patterns together/],
    ['six host headers', attach({ pathPatterns: undefined, hostHeaders: ['a.io', 'b.io', 'c.io', 'd.io', 'e.io', 'f.io'] }),
      /services\[Orders\]\.hostHeaders: got "6 host headers and 0 path patterns"; allowed: at most 5 condition values/],
    ['six wildcards', attach({ pathPatterns: ['/a/*/*', '/b/*?', '/c/??'] }),
      /services\[Orders\]\.pathPatterns: got "6 wildcards"; allowed: at most 5 wildcards \("\*" or "\?"\) per rule/],
    ['a path pattern of 129 characters', attach({ pathPatterns: [`/${'a'.repeat(128)}`] }),
      /services\[Orders\]\.pathPatterns\[0\]: got "\/a{128}"; allowed: a path pattern of 1-128 characters: .*Hint: shorten it/],
    ['an empty path pattern', attach({ pathPatterns: [''] }), /services\[Orders\]\.pathPatterns\[0\]: got ""; allowed: a path pattern of 1-128 characters/],
    ['a space in a path pattern', attach({ pathPatterns: ['/ok', '/my orders'] }), /services\[Orders\]\.pathPatterns\[1\]: got "\/my orders"; allowed: a path pattern/],
    ['a query string in a path pattern', attach({ pathPatterns: ['/orders?id=1'] }), /services\[Orders\]\.pathPatterns\[0\]: got "\/orders\?id=1"/],
    ['a host header without a dot', attach({ hostHeaders: ['localhost'] }),
      /services\[Orders\]\.hostHeaders\[0\]: got "localhost"; allowed: a host name of 1-128 characters: letters, digits, "-", "." and the wildcards "\*" and "\?", with at least one "\." and only letters after the last one\./],
    ['a host header ending in digits', attach({ hostHeaders: ['api.example.123'] }), /hostHeaders\[0\]: got "api\.example\.123"/],
    ['a host header with a wildcard top-level domain', attach({ hostHeaders: ['example.*'] }), /hostHeaders\[0\]: got "example\.\*"/],
    ['a host header with an underscore', attach({ hostHeaders: ['my_api.example.com'] }), /hostHeaders\[0\]: got "my_api\.example\.com"/],
    ['a host header with a port', attach({ hostHeaders: ['api.example.com:8443'] }), /hostHeaders\[0\]: got "api\.example\.com:8443"/],
    ['a host header of 129 characters', attach({ hostHeaders: [`${'a'.repeat(125)}.com`] }), /hostHeaders\[0\]: got "a{125}\.com"/],
    ['a container port the container does not map', attach({ containerPort: 9090 }),
      /^\[Stack\/Shared\] services\[Orders\]\.containerPort: got 9090; allowed: a port container "web" maps with protocol tcp: 8080\./],
    ['an unknown container', attach({ containerName: 'api' }), /^\[Stack\/Shared\] services\[Orders\]\.containerName: got "api"; allowed: one of: web\./],
    ['a health check interval of 4 seconds', attach({ healthCheck: { interval: Duration.seconds(4) } }),
      /^\[Stack\/Shared\] services\[Orders\]\.healthCheck\.interval: got "4 seconds"; allowed: whole seconds from 5 to 300\./],
    ['a disabled health check', attach({ healthCheck: { enabled: false } }), /services\[Orders\]\.healthCheck\.enabled: got false; allowed: true or nothing\./],
    ['health check code 500', attach({ healthCheck: { healthyHttpCodes: '200-500' } }), /services\[Orders\]\.healthCheck\.healthyHttpCodes: got "200-500"/],
    ['a service in another VPC', () => {
      const f = twoServices();
      const other = new ec2.Vpc(f.stack, 'Other', { maxAzs: 2, natGateways: 1 });
      const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: other, accessLogs: false });
      lb.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders/*'] });
    }, /^\[Stack\/Shared\] services\[Orders\]\.service: got "Stack\/Orders"; allowed: a service whose cluster is in the load balancer's VPC \(Stack\/Other\)\./],
    ['an empty certificate list', () => {
      const f = twoServices();
      new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, certificates: [] });
    }, /^\[Stack\/Shared\] certificates: got \[\]; allowed: at least one certificate, or nothing for HTTP\./],
    ['internet-facing in a VPC without public subnets', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Closed', { maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new EcsLoadBalancer(stack, 'Shared', { vpc, internetFacing: true });
    }, /^\[Stack\/Shared\] internetFacing: got true; allowed: false in a VPC without public subnets\./],
    ['a VPC without private or isolated subnets', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Open', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      new EcsLoadBalancer(stack, 'Shared', { vpc });
    }, /^\[Stack\/Shared\] vpc: got "Stack\/Open"; allowed: a VPC with private \(with egress\) or isolated subnets\./],
    ['access logs without a concrete region', () => {
      const f = twoServices('');
      new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc });
    }, /^\[Stack\/Shared\] accessLogs: got true; allowed: a stack with a concrete region \(env: \{ region \}\)\. Hint: ALB access logs need the region/],
    ['an access log bucket with accessLogs: false', () => {
      const f = twoServices();
      new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false, accessLogsBucket: new s3.Bucket(f.stack, 'Logs') });
    }, /^\[Stack\/Shared\] accessLogsBucket: got "Stack\/Logs"; allowed: nothing with accessLogs: false\./],
    ['a KMS-encrypted access log bucket', () => {
      const f = twoServices();
      new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogsBucket: new s3.Bucket(f.stack, 'Logs', { encryptionKey: new kms.Key(f.stack, 'Key') }) });
    }, /^\[Stack\/Shared\] accessLogsBucket: got "Stack\/Logs"; allowed: a bucket with SSE-S3 encryption \(ALB cannot write to KMS-encrypted buckets\)\./],
    ['a web ACL ARN that is not one', attach({}, { webAclArn: 'arn:aws:waf::123456789012:webacl/abc' }),
      /^\[Stack\/Shared\] webAclArn: got "arn:aws:waf::123456789012:webacl\/abc"; allowed: a regional WAFv2 web ACL ARN/],
    ['a CloudFront (global) web ACL', attach({}, { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/0123abcd-0000-1111-2222-333344445555' }),
      /webAclArn: got .*global.*Hint: a web ACL of CloudFront \(global\) scope cannot protect a load balancer/],
    ['a web ACL of another region', attach({}, { webAclArn: WEB_ACL.replace('us-east-1', 'eu-west-1') }),
      /webAclArn: got .*; allowed: a web ACL in the load balancer's region \(us-east-1\)\. Hint: WAF associates/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  const passing: Array<[string, Partial<LoadBalancedServiceOptions>]> = [
    ['priorities 1 and 50000', { priority: 50000 }],
    ['five condition values with five wildcards', { hostHeaders: ['*.example.com', 'shop.example.org'], pathPatterns: ['/a/*', '/b/?', '/c/*/d?'] }],
    ['a path pattern of 128 characters with every allowed special character', { pathPatterns: [`/_-.$~"'@:+&*?${'a'.repeat(114)}`] }],
    ['a host header of 128 characters', { pathPatterns: undefined, hostHeaders: [`${'a'.repeat(124)}.com`] }],
    ['a host header with wildcards and hyphens', { pathPatterns: undefined, hostHeaders: ['api-?.eu.example.com'] }],
    ['only a host header', { pathPatterns: undefined, hostHeaders: ['Shop.Example.COM'] }],
    ['health check values at the edge of what ALB takes', { healthCheck: { interval: Duration.seconds(5), timeout: Duration.seconds(4), path: '/', healthyHttpCodes: '200,202-499', port: '65535' } }],
  ];

  test.each(passing)('%s: accepted and written as given', (_name, options) => {
    // GIVEN
    const f = twoServices();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false });
    // WHEN
    lb.addService('First', { service: f.payments, priority: 1, pathPatterns: ['/first'] });
    lb.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders/*'], ...options });
    // THEN
    const t = Template.fromStack(f.stack);
    const paths = 'pathPatterns' in options ? options.pathPatterns : ['/orders/*'];
    const expected = [
      ...(options.hostHeaders ? [{ Field: 'host-header', HostHeaderConfig: { Values: options.hostHeaders } }] : []),
      ...(paths ? [{ Field: 'path-pattern', PathPatternConfig: { Values: paths } }] : []),
    ];
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: options.priority ?? 10, Conditions: expected });
    if (options.healthCheck) {
      t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthCheckPath: '/', Matcher: { HttpCode: '200,202-499' }, HealthCheckPort: '65535',
      });
    }
  });

  test('the same priority on two different load balancers is fine', () => {
    const f = twoServices();
    const a = new EcsLoadBalancer(f.stack, 'A', { vpc: f.vpc, accessLogs: false });
    const b = new EcsLoadBalancer(f.stack, 'B', { vpc: f.vpc, accessLogs: false });
    a.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders'] });
    expect(() => b.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders'] })).not.toThrow();
  });

  test('one service behind two rules of the same load balancer (more than 5 routes)', () => {
    const f = twoServices();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false });
    lb.addService('OrdersA', { service: f.orders, priority: 10, pathPatterns: ['/a', '/b', '/c', '/d', '/e'] });
    lb.addService('OrdersB', { service: f.orders, priority: 11, pathPatterns: ['/f'] });
    Template.fromStack(f.stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
  });

  test('a task definition with a UDP-only container port is refused (ALB speaks TCP)', () => {
    const f = twoServices();
    const udp = new EcsTaskDefinition(f.stack, 'Dns', { containers: [{ name: 'dns', image: NGINX_IMAGE, user: '101', portMappings: [{ containerPort: 53, protocol: ecs.Protocol.UDP }] }] });
    const service = new EcsService(f.stack, 'DnsService', { cluster: f.cluster, taskDefinition: udp });
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc, accessLogs: false });
    expect((thrownBy(() => lb.addService('Dns', { service, priority: 1, pathPatterns: ['/'] })) as Error).message)
      .toMatch(/services\[Dns\]\.containerPort: got nothing; allowed: a port container "dns" maps with protocol tcp: none\./);
  });
});

describe('EcsLoadBalancer and the services\' deployments', () => {
  test('each attached service gets the default deployment alarms on its target group, watched with rollback', () => {
    // GIVEN
    const f = twoServices();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc });
    // WHEN
    const orders = lb.addService('Orders', { service: f.orders, priority: 10, pathPatterns: ['/orders/*'] });
    lb.addService('Payments', { service: f.payments, priority: 20, pathPatterns: ['/pay/*'] });
    const template = Template.fromStack(f.stack);
    // THEN
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(f.orders.deploymentAlarms.map((a) => a.node.path)).toEqual(['Stack/Shared/Orders/Target5xxAlarm', 'Stack/Shared/Orders/UnhealthyTargetsAlarm']);
    const groupName = Stack.of(orders.targetGroup).resolve(orders.targetGroup.targetGroupFullName);
    const unhealthy = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([id]) => id.startsWith('SharedOrdersUnhealthy'))![1];
    expect(JSON.stringify(unhealthy.Properties.Metrics)).toContain(JSON.stringify(groupName));
    const services = template.findResources('AWS::ECS::Service');
    const ordersService = Object.entries(services).find(([id]) => id.startsWith('Orders'))![1];
    expect(ordersService.Properties.DeploymentConfiguration.Alarms).toEqual({
      Enable: true, Rollback: true,
      AlarmNames: ['Stack/Shared/Orders/target-5xx', 'Stack/Shared/Orders/unhealthy-targets'],
    });
  });

  test('defaultAlarms: false and no alarms of its own is refused at synth; deploymentAlarms { rollback: false } is met by the shared target group\'s alarms', () => {
    const f = serviceFixture();
    const quiet = new EcsService(f.stack, 'Quiet', { cluster: f.cluster, taskDefinition: f.app, deploymentAlarms: { defaultAlarms: false, alarms: [] } });
    const failing = new EcsService(f.stack, 'Failing', { cluster: f.cluster, taskDefinition: f.app, deploymentAlarms: { rollback: false } });
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc });
    lb.addService('Quiet', { service: quiet, priority: 1, pathPatterns: ['/q/*'] });
    lb.addService('Failing', { service: failing, priority: 2, pathPatterns: ['/f/*'] });
    expect(() => Template.fromStack(f.stack)).toThrow(/\[Stack\/Quiet\] deploymentAlarms: got "no alarms, defaultAlarms false"/);
    expect(failing.deploymentAlarms).toHaveLength(2);
  });

  test('a blue/green, linear or canary service is refused: ECS refuses a listener that mixes forward with the 404 action', () => {
    const f = serviceFixture();
    const lb = new EcsLoadBalancer(f.stack, 'Shared', { vpc: f.vpc });
    const blueGreen = new EcsService(f.stack, 'BlueGreen', { cluster: f.cluster, taskDefinition: f.app, deployment: ServiceDeployment.blueGreen() });
    expect(() => lb.addService('BlueGreen', { service: blueGreen, priority: 1, pathPatterns: ['/c/*'] }))
      .toThrow(/\[Stack\/Shared\] services\[BlueGreen\]\.service: got "Stack\/BlueGreen \(BLUE_GREEN deployment\)"; allowed: a service with rolling deployments\. Hint: ECS blue\/green, linear and canary deployments refuse a listener whose rules mix forward with other actions/);
  });
});
