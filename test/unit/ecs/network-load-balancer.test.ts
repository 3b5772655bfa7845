import { App, Stack, Token, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsNetworkLoadBalancer, EcsNetworkLoadBalancerProps, EcsService, EcsTaskDefinition, NetworkServiceOptions, ServiceDeployment } from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { CERT_ARN, NGINX_IMAGE, ServiceFixture, serviceFixture } from '../../support/ecs';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

// lib/ecs/network-load-balancer.ts: EcsNetworkLoadBalancer, a Network Load Balancer with one
// listener per ECS service (TCP, TLS, UDP, TCP_UDP).

interface NlbFixture extends ServiceFixture {
  /** `Broker`: the fixture's task definition (container `web`, TCP 8080). */
  readonly broker: EcsService;
  /** `Dns`: container `dns` mapping 53 over UDP and TCP, and 8081 over TCP (health). */
  readonly dns: EcsService;
  readonly certificate: acm.ICertificate;
}

function nlbFixture(region?: string): NlbFixture {
  const f = serviceFixture(undefined, region);
  const broker = new EcsService(f.stack, 'Broker', { cluster: f.cluster, taskDefinition: f.app });
  const dnsTask = new EcsTaskDefinition(f.stack, 'DnsTask', {
    containers: [{
      name: 'dns', image: NGINX_IMAGE, user: '101',
      portMappings: [{ containerPort: 53, protocol: ecs.Protocol.UDP }, { containerPort: 53, protocol: ecs.Protocol.TCP }, { containerPort: 8081 }],
    }],
  });
  const dns = new EcsService(f.stack, 'Dns', { cluster: f.cluster, taskDefinition: dnsTask });
  return { ...f, broker, dns, certificate: acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN) };
}

describe('EcsNetworkLoadBalancer: TCP, TLS and UDP services on one internal load balancer', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    // GIVEN
    const f = nlbFixture();
    stack = f.stack;
    // WHEN
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc });
    nlb.addService('Tcp', { service: f.broker, port: 1883 });
    nlb.addService('Tls', { service: f.broker, port: 8883, protocol: elbv2.Protocol.TLS, certificate: f.certificate });
    nlb.addService('Udp', { service: f.dns, port: 53, protocol: elbv2.Protocol.UDP, healthCheckPort: 8081 });
    template = Template.fromStack(f.stack);
  });

  test('internal, in private subnets, cross-zone, deletion protection, access logs, its own security group', () => {
    // THEN
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'network', Scheme: 'internal',
      Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }]),
      SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^NlbSecurityGroup'), 'GroupId'] }],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^NlbAccessLogs') } },
      ]),
    });
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ ObjectLockEnabled: true }), DeletionPolicy: 'Retain' });
  });

  test('TCP: a TCP listener to a TCP target group on the container port, health-checked over TCP', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 1883, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^NlbTcpTargetGroup') } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080, Protocol: 'TCP', TargetType: 'ip', HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port',
    });
  });

  test('TLS: terminated with the certificate and the recommended policy, forwarded as TCP', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 8883, Protocol: 'TLS', Certificates: [{ CertificateArn: CERT_ARN }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^NlbTlsTargetGroup') } }],
    });
    const tls = Object.entries(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).find(([id]) => id.startsWith('NlbTlsTargetGroup'))!;
    expect(tls[1].Properties).toMatchObject({ Protocol: 'TCP', Port: 8080 });
  });

  test('UDP: a UDP listener and target group, health-checked over TCP on the given port', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 53, Protocol: 'UDP' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 53, Protocol: 'UDP', HealthCheckProtocol: 'TCP', HealthCheckPort: '8081',
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [{ ContainerName: 'dns', ContainerPort: 53, TargetGroupArn: { Ref: Match.stringLikeRegexp('^NlbUdpTargetGroup') } }],
    });
  });

  test('the load balancer admits each listener port from the VPC, and sends only to the tasks', () => {
    const [group] = Object.values(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Stack/Nlb') } }));
    expect(group.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 1883, ToPort: 1883 }),
      expect.objectContaining({ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 8883, ToPort: 8883 }),
      expect.objectContaining({ CidrIp: '10.0.0.0/16', IpProtocol: 'udp', FromPort: 53, ToPort: 53 }),
    ]);
    // No allow-all egress: only rules to the tasks' groups.
    expect(JSON.stringify(group.Properties.SecurityGroupEgress ?? [])).not.toMatch(/0\.0\.0\.0\/0/);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { IpProtocol: 'udp', FromPort: 53, DestinationSecurityGroupId: Match.anyValue() });
  });

  test('the tasks admit the load balancer only: container ports, and the health check port', () => {
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    const fromNlb = { 'Fn::GetAtt': [expect.stringMatching(/^NlbSecurityGroup/), 'GroupId'] };
    expect(ingress).toEqual(expect.arrayContaining([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 8080, SourceSecurityGroupId: fromNlb }),
      expect.objectContaining({ IpProtocol: 'udp', FromPort: 53, SourceSecurityGroupId: fromNlb }),
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 8081, SourceSecurityGroupId: fromNlb }),
    ]));
    expect(ingress.every((r) => r.SourceSecurityGroupId !== undefined)).toBe(true);
  });

  test('the certificate finding is acknowledged on the TCP and UDP listeners only, with the reason', () => {
    const listeners = template.findResources('AWS::ElasticLoadBalancingV2::Listener');
    const acked = Object.values(listeners).filter((l) => JSON.stringify(l.Metadata ?? {}).includes('ELBv2ACMCertificateRequired')).map((l) => l.Properties.Protocol).sort();
    expect(acked).toEqual(['TCP', 'UDP']);
    expect(JSON.stringify(Object.values(listeners).map((l) => l.Metadata))).toMatch(/passes the connection through without terminating TLS/);
  });

  test('no custom resources, no warning', () => {
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('snapshot of the setup', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsNetworkLoadBalancer: options', () => {
  test('TCP_UDP: one listener for both, the tasks admit both transports; health checks on the traffic port', () => {
    // GIVEN
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
    // WHEN
    nlb.addService('Dns', { service: f.dns, port: 53, protocol: elbv2.Protocol.TCP_UDP });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 53, Protocol: 'TCP_UDP' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 53, Protocol: 'TCP_UDP', HealthCheckPort: 'traffic-port' });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: 'tcp', FromPort: 53 });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: 'udp', FromPort: 53 });
    t.resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('internet-facing: public subnets, listener ports open to anywhere, open TCP ports acknowledged', () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, internetFacing: true, deletionProtection: false });
    nlb.addService('Tls', { service: f.broker, port: 443, protocol: elbv2.Protocol.TLS, certificate: f.certificate });
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing', Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }]),
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    const [group] = Object.values(t.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Stack/Nlb') } }));
    expect(group.Properties.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 })]);
    expect(JSON.stringify(group.Metadata)).toMatch(/AwsSolutions-EC23/);
  });

  test('internet-facing UDP stays reported: the open-ingress acknowledgement covers TCP ports only', () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, internetFacing: true });
    nlb.addService('Udp', { service: f.dns, port: 53, protocol: elbv2.Protocol.UDP, healthCheckPort: 8081 });
    const [group] = Object.values(Template.fromStack(f.stack).findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Stack/Nlb') } }));
    expect(JSON.stringify(group.Metadata ?? {})).not.toMatch(/AwsSolutions-EC23/);
  });

  test('the listener is returned, under the service id', () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
    const listener = nlb.addService('Tcp', { service: f.broker, port: 1883 });
    expect(listener.node.path).toBe('Stack/Nlb/Tcp/Listener');
    expect(nlb.securityGroup.node.path).toBe('Stack/Nlb/SecurityGroup');
  });

  test('token ports pass unchecked', () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
    const port = Token.asNumber({ Ref: 'Port' });
    nlb.addService('A', { service: f.broker, port });
    expect(() => nlb.addService('B', { service: f.broker, port })).not.toThrow();
  });
});

describe('EcsNetworkLoadBalancer validation', () => {
  const attach = (options: (f: NlbFixture) => Partial<NetworkServiceOptions>, props: Partial<EcsNetworkLoadBalancerProps> = {}) => () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false, ...props });
    nlb.addService('Svc', { service: f.broker, port: 1883, ...options(f) });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    ['the same port twice', () => {
      const f = nlbFixture();
      const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
      nlb.addService('Tcp', { service: f.broker, port: 53 });
      nlb.addService('Udp', { service: f.dns, port: 53, protocol: elbv2.Protocol.UDP, healthCheckPort: 8081 });
    }, /^\[Stack\/Nlb\] services\[Udp\]\.port: got 53; allowed: a port no other listener of the load balancer has: 53 is taken by service "Stack\/Broker"\. Hint: .*use protocol TCP_UDP/],
    ['port 0', attach(() => ({ port: 0 })), /^\[Stack\/Nlb\] services\[Svc\]\.port: got 0; allowed: a whole number from 1 to 65535\./],
    ['port 65536', attach(() => ({ port: 65536 })), /services\[Svc\]\.port: got 65536; allowed: a whole number from 1 to 65535\./],
    ['TLS without a certificate', attach(() => ({ protocol: elbv2.Protocol.TLS })),
      /^\[Stack\/Nlb\] services\[Svc\]\.certificate: got nothing; allowed: a certificate with protocol TLS\. Hint: .*use TCP to pass TLS through/],
    ['a certificate on a TCP listener', attach((f) => ({ certificate: f.certificate })),
      /services\[Svc\]\.certificate: got "arn:aws:acm:.*"; allowed: nothing with protocol TCP \(a certificate only with TLS\)\./],
    ['HTTP', attach(() => ({ protocol: elbv2.Protocol.HTTP })),
      /services\[Svc\]\.protocol: got "HTTP"; allowed: TCP, TLS, UDP or TCP_UDP\. Hint: HTTP and HTTPS services belong behind an EcsLoadBalancer/],
    ['UDP to a container without a UDP port mapping', attach(() => ({ protocol: elbv2.Protocol.UDP, healthCheckPort: 8080 })),
      /^\[Stack\/Nlb\] services\[Svc\]\.containerPort: got nothing; allowed: a port container "web" maps with protocol udp: none\. Hint: map the port with protocol: ecs\.Protocol\.UDP/],
    ['UDP to a container port mapped over TCP only', attach((f) => ({ service: f.dns, protocol: elbv2.Protocol.UDP, containerPort: 8081, healthCheckPort: 8081 })),
      /services\[Svc\]\.containerPort: got 8081; allowed: a port container "dns" maps with protocol udp: 53\./],
    ['UDP without a health check port', attach((f) => ({ service: f.dns, protocol: elbv2.Protocol.UDP })),
      /services\[Svc\]\.healthCheckPort: got nothing; allowed: a TCP port of the task with protocol UDP\. Hint: UDP cannot be health-checked/],
    ['a health check port the task does not map over TCP', attach((f) => ({ service: f.dns, protocol: elbv2.Protocol.UDP, healthCheckPort: 9999 })),
      /services\[Svc\]\.healthCheckPort: got 9999; allowed: a port a container of the task maps with protocol TCP\./],
    ['a health check port out of range', attach(() => ({ healthCheckPort: 70000 })), /services\[Svc\]\.healthCheckPort: got 70000; allowed: a whole number from 1 to 65535\./],
    ['TCP_UDP to a port mapped over UDP only', () => {
      const f = nlbFixture();
      const udpOnly = new EcsTaskDefinition(f.stack, 'UdpOnly', { containers: [{ name: 'syslog', image: NGINX_IMAGE, user: '101', portMappings: [{ containerPort: 514, protocol: ecs.Protocol.UDP }] }] });
      const service = new EcsService(f.stack, 'Syslog', { cluster: f.cluster, taskDefinition: udpOnly });
      new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false }).addService('Svc', { service, port: 514, protocol: elbv2.Protocol.TCP_UDP });
    }, /services\[Svc\]\.containerPort: got 514; allowed: a port container "syslog" maps with protocol tcp: none\./],
    ['a TCP port the container does not map', attach(() => ({ containerPort: 9090 })), /services\[Svc\]\.containerPort: got 9090; allowed: a port container "web" maps with protocol tcp: 8080\./],
    ['a service in another VPC', () => {
      const f = nlbFixture();
      const other = new ec2.Vpc(f.stack, 'Other', { maxAzs: 2, natGateways: 1 });
      new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: other, accessLogs: false }).addService('Svc', { service: f.broker, port: 1883 });
    }, /services\[Svc\]\.service: got "Stack\/Broker"; allowed: a service whose cluster is in the load balancer's VPC \(Stack\/Other\)\./],
    ['internet-facing without public subnets', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Closed', { maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new EcsNetworkLoadBalancer(stack, 'Nlb', { vpc, internetFacing: true });
    }, /^\[Stack\/Nlb\] internetFacing: got true; allowed: false in a VPC without public subnets\./],
    ['access logs without a concrete region', () => {
      const f = nlbFixture('');
      new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc });
    }, /^\[Stack\/Nlb\] accessLogs: got true; allowed: a stack with a concrete region \(env: \{ region \}\)\. Hint: NLB access logs need the region/],
    ['an access log bucket with accessLogs: false', () => {
      const f = nlbFixture();
      new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false, accessLogsBucket: new s3.Bucket(f.stack, 'Logs') });
    }, /^\[Stack\/Nlb\] accessLogsBucket: got "Stack\/Logs"; allowed: nothing with accessLogs: false\./],
    ['a KMS-encrypted access log bucket', () => {
      const f = nlbFixture();
      new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogsBucket: new s3.Bucket(f.stack, 'Logs', { encryptionKey: new kms.Key(f.stack, 'Key') }) });
    }, /^\[Stack\/Nlb\] accessLogsBucket: got "Stack\/Logs"; allowed: a bucket with SSE-S3 encryption \(NLB delivery to SSE-KMS needs a key policy/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('ports 1 and 65535, and a TLS listener with a certificate, are accepted', () => {
    const f = nlbFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
    nlb.addService('Low', { service: f.broker, port: 1 });
    nlb.addService('High', { service: f.broker, port: 65535, protocol: elbv2.Protocol.TLS, certificate: f.certificate });
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 1, Protocol: 'TCP' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 65535, Protocol: 'TLS' });
  });
});

describe('EcsNetworkLoadBalancer and the services\' deployments', () => {
  test('a blue/green service is refused with a hint', () => {
    const f = serviceFixture();
    const nlb = new EcsNetworkLoadBalancer(f.stack, 'Nlb', { vpc: f.vpc, accessLogs: false });
    const service = new EcsService(f.stack, 'Broker', { cluster: f.cluster, taskDefinition: f.app, deployment: ServiceDeployment.blueGreen() });
    expect(() => nlb.addService('Broker', { service, port: 1883, containerPort: 8080 }))
      .toThrow(/\[Stack\/Nlb\] services\[Broker\]\.service: got "Stack\/Broker \(BLUE_GREEN deployment\)"; allowed: a service with rolling deployments/);
  });
});
