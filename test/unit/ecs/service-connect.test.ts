import { App, CfnParameter, Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  EcsCluster, EcsService, EcsTaskDefinition, ServiceConnectNamespace, ServiceConnectNamespaceKind, ServiceConnectOptions, ServiceConnectService,
} from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { NGINX_IMAGE } from '../../support/ecs';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

// lib/ecs/service-connect.ts: ServiceConnectNamespace (on EcsCluster and in a service's options) and the
// Service Connect configuration of an EcsService, tested through EcsCluster and EcsService.

const NAMESPACE_ARN = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdefgh12345678';

/** A stack with a VPC and the task definition `Api`: container `api` with port 8080 named `api` (HTTP) and 9090 named `admin` (no appProtocol, so TCP). */
function apiFixture(): { stack: Stack; vpc: ec2.Vpc; api: EcsTaskDefinition } {
  const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const api = new EcsTaskDefinition(stack, 'Api', {
    containers: [{
      name: 'api', image: NGINX_IMAGE, user: '101',
      portMappings: [
        { containerPort: 8080, name: 'api', appProtocol: ecs.AppProtocol.http },
        { containerPort: 9090, name: 'admin' },
      ],
    }],
  });
  return { stack, vpc, api };
}

/** An EcsCluster `Cluster` (in the fixture's VPC) with `namespace`, and the service `Api` on it with `serviceConnect`. */
function onEcsCluster(serviceConnect: ServiceConnectOptions | undefined, namespace?: ServiceConnectNamespace) {
  const f = apiFixture();
  const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: namespace });
  const service = new EcsService(f.stack, 'Service', { cluster: cluster.cluster, taskDefinition: f.api, serviceConnect });
  return { ...f, cluster, service };
}

/** A plain ecs.Cluster `Plain` (no namespace unless `defaultNamespace`), and the service `Api` on it with `serviceConnect`. */
function onPlainCluster(serviceConnect: ServiceConnectOptions, defaultNamespace?: string) {
  const f = apiFixture();
  const cluster = new ecs.Cluster(f.stack, 'Plain', { vpc: f.vpc });
  if (defaultNamespace) cluster.addDefaultCloudMapNamespace({ name: defaultNamespace, useForServiceConnect: true });
  new EcsService(f.stack, 'Service', { cluster, taskDefinition: f.api, serviceConnect });
  return f;
}

/** The one AWS::ECS::Service's ServiceConnectConfiguration. */
function renderedConfiguration(stack: Stack): Record<string, unknown> {
  const services = Object.values(Template.fromStack(stack).findResources('AWS::ECS::Service'));
  expect(services).toHaveLength(1);
  return services[0]!.Properties.ServiceConnectConfiguration as Record<string, unknown>;
}

const CREATED_NAMESPACE_ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClusterDefaultServiceDiscoveryNamespace'), 'Arn'] };

describe('EcsService on an EcsCluster that creates its namespace, publishing two endpoints', () => {
  let f: ReturnType<typeof onEcsCluster>;
  let template: Template;
  beforeAll(() => {
    // GIVEN an EcsCluster with ServiceConnectNamespace.create('shop')
    // WHEN a service publishes one endpoint with every setting and one with none
    f = onEcsCluster({
      services: [
        { portMappingName: 'api', discoveryName: 'orders', dnsName: 'orders.shop', port: 80, idleTimeout: Duration.minutes(2), perRequestTimeout: Duration.seconds(30) },
        { portMappingName: 'admin' },
      ],
    }, ServiceConnectNamespace.create('shop'));
    template = Template.fromStack(f.stack);
  });

  test('the cluster creates one HTTP namespace, its Service Connect default', () => {
    // THEN
    template.resourceCountIs('AWS::ServiceDiscovery::HttpNamespace', 1);
    template.hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'shop' });
    template.hasResourceProperties('AWS::ECS::Cluster', { ServiceConnectDefaults: { Namespace: CREATED_NAMESPACE_ARN } });
  });

  test('ServiceConnectConfiguration, field by field: enabled, the namespace ARN, both endpoints, the proxy logs', () => {
    const config = renderedConfiguration(f.stack);
    expect(Object.keys(config).sort()).toEqual(['Enabled', 'LogConfiguration', 'Namespace', 'Services']);
    expect(config.Enabled).toBe(true);
    expect(config.Namespace).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ClusterDefaultServiceDiscoveryNamespace/), 'Arn'] });
    expect(config.Services).toEqual([
      {
        PortName: 'api', DiscoveryName: 'orders',
        ClientAliases: [{ DnsName: 'orders.shop', Port: 80 }],
        Timeout: { IdleTimeoutSeconds: 120, PerRequestTimeoutSeconds: 30 },
      },
      // The defaults: the discovery name is the port name, the client port the container port, no timeouts.
      { PortName: 'admin', ClientAliases: [{ Port: 9090 }] },
    ]);
    expect(config.LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: expect.stringMatching(/^ApiLogs/) },
        'awslogs-stream-prefix': 'service-connect',
        'awslogs-region': 'us-east-1',
      },
    });
  });

  test('EcsCluster.serviceConnectNamespace is the created namespace\'s ARN, the value the service passes', () => {
    expect(f.stack.resolve(f.cluster.serviceConnectNamespace)).toEqual(f.stack.resolve(f.cluster.cluster.defaultCloudMapNamespace!.namespaceArn));
    expect(f.stack.resolve(f.cluster.serviceConnectNamespace)).toEqual(renderedConfiguration(f.stack).Namespace);
  });

  test('native CloudFormation only: no custom resource', () => {
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });
});

describe('EcsService Service Connect namespaces', () => {
  test('client-only: no services, so the service joins the cluster\'s namespace and publishes nothing', () => {
    // GIVEN / WHEN
    const f = onEcsCluster({}, ServiceConnectNamespace.create('shop'));
    // THEN
    const config = renderedConfiguration(f.stack);
    expect(config.Enabled).toBe(true);
    expect(config.Namespace).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ClusterDefaultServiceDiscoveryNamespace/), 'Arn'] });
    expect(config).not.toHaveProperty('Services');
  });

  test('a cluster namespace imported by name: the service passes the name, nothing is created', () => {
    const f = onEcsCluster({ services: [{ portMappingName: 'api' }] }, ServiceConnectNamespace.fromName('shared'));
    const template = Template.fromStack(f.stack);
    expect(renderedConfiguration(f.stack).Namespace).toBe('shared');
    template.hasResourceProperties('AWS::ECS::Cluster', { ServiceConnectDefaults: { Namespace: 'shared' } });
    expect(resourceTypes(template).filter((t) => t.startsWith('AWS::ServiceDiscovery::'))).toEqual([]);
    expect(f.cluster.serviceConnectNamespace).toBe('shared');
  });

  test('a cluster namespace imported by ARN: the service passes the ARN', () => {
    const f = onEcsCluster({}, ServiceConnectNamespace.fromArn(NAMESPACE_ARN));
    expect(renderedConfiguration(f.stack).Namespace).toBe(NAMESPACE_ARN);
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Cluster', { ServiceConnectDefaults: { Namespace: NAMESPACE_ARN } });
  });

  test('serviceConnect.cloudMapNamespace overrides the cluster\'s namespace', () => {
    const f = onEcsCluster({ cloudMapNamespace: ServiceConnectNamespace.fromArn(NAMESPACE_ARN) }, ServiceConnectNamespace.create('shop'));
    expect(renderedConfiguration(f.stack).Namespace).toBe(NAMESPACE_ARN);
  });

  test('serviceConnect.cloudMapNamespace on a cluster without one (an EcsCluster or a plain ecs.Cluster)', () => {
    const f = onEcsCluster({ cloudMapNamespace: ServiceConnectNamespace.fromName('shared') });
    expect(renderedConfiguration(f.stack).Namespace).toBe('shared');
    const plain = onPlainCluster({ cloudMapNamespace: ServiceConnectNamespace.fromName('other') });
    expect(renderedConfiguration(plain.stack).Namespace).toBe('other');
  });

  test('a plain ecs.Cluster\'s defaultCloudMapNamespace is used when the service names none', () => {
    const f = onPlainCluster({ services: [{ portMappingName: 'api' }] }, 'internal');
    expect(renderedConfiguration(f.stack)).toEqual(expect.objectContaining({ Enabled: true, Namespace: 'internal' }));
  });

  test('a namespace given as a token is passed through unchecked', () => {
    const f = apiFixture();
    const arn = new CfnParameter(f.stack, 'NamespaceArn').valueAsString;
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.fromArn(arn) });
    new EcsService(f.stack, 'Service', { cluster: cluster.cluster, taskDefinition: f.api, serviceConnect: {} });
    expect(renderedConfiguration(f.stack).Namespace).toEqual({ Ref: 'NamespaceArn' });
  });

  test('the factories record their kind and value', () => {
    expect(ServiceConnectNamespace.create('shop')).toMatchObject({ kind: ServiceConnectNamespaceKind.CREATE, value: 'shop' });
    expect(ServiceConnectNamespace.fromName('shop')).toMatchObject({ kind: ServiceConnectNamespaceKind.FROM_NAME, value: 'shop' });
    expect(ServiceConnectNamespace.fromArn(NAMESPACE_ARN)).toMatchObject({ kind: ServiceConnectNamespaceKind.FROM_ARN, value: NAMESPACE_ARN });
  });

  test('a log driver of the user\'s replaces the default proxy logs', () => {
    const f = apiFixture();
    const group = new logs.LogGroup(f.stack, 'ProxyLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.create('shop') });
    new EcsService(f.stack, 'Service', {
      cluster: cluster.cluster, taskDefinition: f.api,
      serviceConnect: { logDriver: ecs.LogDrivers.awsLogs({ logGroup: group, streamPrefix: 'proxy' }) },
    });
    expect(renderedConfiguration(f.stack).LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': { Ref: expect.stringMatching(/^ProxyLogs/) }, 'awslogs-stream-prefix': 'proxy', 'awslogs-region': 'us-east-1' },
    });
  });

  test('no serviceConnect: no ServiceConnectConfiguration', () => {
    const f = onEcsCluster(undefined, ServiceConnectNamespace.create('shop'));
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Service', { ServiceConnectConfiguration: Match.absent() });
  });
});

describe('EcsService Service Connect validation', () => {
  /** One endpoint on port mapping `api` with `over`, on an EcsCluster with a created namespace. */
  const endpoint = (over: Partial<ServiceConnectService>) => () =>
    onEcsCluster({ services: [{ portMappingName: 'api', ...over }] }, ServiceConnectNamespace.create('shop'));
  /** These endpoints, on an EcsCluster with a created namespace. */
  const endpoints = (...services: ServiceConnectService[]) => () => onEcsCluster({ services }, ServiceConnectNamespace.create('shop'));

  const cases: Array<[string, () => unknown, RegExp]> = [
    // the namespace
    ['no namespace anywhere', () => onPlainCluster({ services: [{ portMappingName: 'api' }] }),
      /^\[Stack\/Service\] serviceConnect\.cloudMapNamespace: got nothing; allowed: a Cloud Map namespace, here or the cluster's .*Hint: create the cluster with EcsClusterProps\.serviceConnectNamespace/],
    ['no namespace on an EcsCluster without one', () => onEcsCluster({}),
      /^\[Stack\/Service\] serviceConnect\.cloudMapNamespace: got nothing; .*EcsClusterProps\.serviceConnectNamespace/],
    ['a namespace to create in a service', () => onEcsCluster({ cloudMapNamespace: ServiceConnectNamespace.create('mine') }, ServiceConnectNamespace.create('shop')),
      /^\[Stack\/Service\] serviceConnect\.cloudMapNamespace: got "ServiceConnectNamespace\.create\(\\"mine\\"\)"; allowed: an existing namespace: .*Hint: a service does not create namespaces/],
    ['a service namespace name with a space', () => onEcsCluster({ cloudMapNamespace: ServiceConnectNamespace.fromName('my shop') }),
      /^\[Stack\/Service\] serviceConnect\.cloudMapNamespace: got "my shop"; allowed: 1-1024 printable ASCII characters without spaces/],
    ['a service namespace ARN that is not one', () => onEcsCluster({ cloudMapNamespace: ServiceConnectNamespace.fromArn('shop') }),
      /^\[Stack\/Service\] serviceConnect\.cloudMapNamespace: got "shop"; allowed: a Cloud Map namespace ARN.*Hint: for a namespace name use ServiceConnectNamespace\.fromName/],
    // the endpoints
    ['an unknown port mapping name', endpoint({ portMappingName: 'web' }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.portMappingName: got "web"; allowed: a port mapping name of the task definition: api, admin\./],
    ['a discovery name starting with a hyphen', endpoint({ discoveryName: '-orders' }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.discoveryName: got "-orders"; allowed: 1-64 lower-case letters, digits, underscores and hyphens, not starting with a hyphen\./],
    ['a discovery name with capitals', endpoint({ discoveryName: 'Orders' }), /serviceConnect\.services\[0\]\.discoveryName: got "Orders"/],
    ['a discovery name of 65 characters', endpoint({ discoveryName: 'a'.repeat(65) }), /serviceConnect\.services\[0\]\.discoveryName: got "a{65}"/],
    ['a DNS name with capitals', endpoint({ dnsName: 'Orders' }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.dnsName: got "Orders"; allowed: a DNS name of up to 127 lower-case letters/],
    ['a DNS name starting with a hyphen', endpoint({ dnsName: '-orders' }), /serviceConnect\.services\[0\]\.dnsName: got "-orders"/],
    ['a DNS name starting with a period', endpoint({ dnsName: '.orders' }), /serviceConnect\.services\[0\]\.dnsName: got "\.orders"/],
    ['a DNS name with an empty label', endpoint({ dnsName: 'orders..shop' }), /serviceConnect\.services\[0\]\.dnsName: got "orders\.\.shop"/],
    ['a DNS name of 128 characters', endpoint({ dnsName: 'a'.repeat(128) }), /serviceConnect\.services\[0\]\.dnsName: got "a{128}"/],
    ['client port 0', endpoint({ port: 0 }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.port: got 0; allowed: a whole number from 1 to 65535\. Hint: ECS takes 0, but aws-cdk-lib reads 0 as "not given"/],
    ['client port 65536', endpoint({ port: 65536 }), /serviceConnect\.services\[0\]\.port: got 65536; allowed: a whole number from 1 to 65535\.$/],
    ['a fractional client port', endpoint({ port: 80.5 }), /serviceConnect\.services\[0\]\.port: got 80\.5/],
    ['an idle timeout in milliseconds', endpoint({ idleTimeout: Duration.millis(1500) }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.idleTimeout: got "1 second 500 millis"; allowed: whole seconds from 0 \(no timeout\) to 2147483647\./],
    ['an idle timeout above the maximum', endpoint({ idleTimeout: Duration.seconds(2_147_483_648) }), /serviceConnect\.services\[0\]\.idleTimeout: got /],
    ['a per-request timeout in milliseconds', endpoint({ perRequestTimeout: Duration.millis(500) }), /serviceConnect\.services\[0\]\.perRequestTimeout: got "500 millis"; allowed: whole seconds/],
    ['a per-request timeout on a TCP port mapping', endpoint({ portMappingName: 'admin', perRequestTimeout: Duration.seconds(10) }),
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.perRequestTimeout: got "10 seconds"; allowed: nothing for port mapping "admin": it has no appProtocol, so Service Connect treats it as TCP.*Hint: set the port mapping's appProtocol/],
    ['two entries with one discovery name', endpoints({ portMappingName: 'api', discoveryName: 'orders' }, { portMappingName: 'admin', discoveryName: 'orders' }),
      /^\[Stack\/Service\] serviceConnect\.services\[1\]\.discoveryName: got "orders"; allowed: a discovery name not used by another entry \(services\[0\] has it\)/],
    ['two entries on one port mapping without discovery names', endpoints({ portMappingName: 'api' }, { portMappingName: 'api', dnsName: 'other' }),
      /serviceConnect\.services\[1\]\.discoveryName: got "api"; .*Hint: a discovery name is unique in the namespace; without discoveryName an entry takes its portMappingName/],
    ['two entries with one client alias', endpoints({ portMappingName: 'api', dnsName: 'shop', port: 80 }, { portMappingName: 'admin', dnsName: 'shop', port: 80 }),
      /^\[Stack\/Service\] serviceConnect\.services\[1\]\.dnsName: got "shop"; allowed: a DNS name and port not used by another entry \(services\[0\] has shop:80\)/],
    ['two entries with one client alias, the port from the port mapping', endpoints({ portMappingName: 'api', dnsName: 'shop', port: 9090 }, { portMappingName: 'admin', dnsName: 'shop' }),
      /serviceConnect\.services\[1\]\.dnsName: got "shop"; .*services\[0\] has shop:9090/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('no named port mapping at all: the message says so', () => {
    const f = apiFixture();
    const plain = new EcsTaskDefinition(f.stack, 'Plain', { containers: [{ name: 'web', image: NGINX_IMAGE, user: '101', portMappings: [{ containerPort: 80 }] }] });
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.create('shop') });
    const error = thrownBy(() => new EcsService(f.stack, 'Service', { cluster: cluster.cluster, taskDefinition: plain, serviceConnect: { services: [{ portMappingName: 'web' }] } }));
    expect((error as ValidationError).message).toMatch(
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.portMappingName: got "web"; allowed: a named port mapping: the task definition has none\. Hint: name the container's port mapping/);
  });

  const accepted: Array<[string, () => unknown]> = [
    ['a discovery name of 64 characters, and one starting with an underscore', endpoints(
      { portMappingName: 'api', discoveryName: 'a'.repeat(64) }, { portMappingName: 'admin', discoveryName: '_admin-1' })],
    ['a DNS name of 127 characters, periods and underscores', endpoints(
      { portMappingName: 'api', dnsName: `${'a'.repeat(63)}.${'b'.repeat(63)}` }, { portMappingName: 'admin', dnsName: '_admin.shop.internal.' })],
    ['client ports 1 and 65535', endpoints({ portMappingName: 'api', port: 1 }, { portMappingName: 'admin', port: 65535 })],
    ['timeouts of 0 (none) and of the maximum', endpoint({ idleTimeout: Duration.seconds(0), perRequestTimeout: Duration.seconds(2_147_483_647) })],
    ['timeouts in whole minutes', endpoint({ idleTimeout: Duration.minutes(10), perRequestTimeout: Duration.minutes(1) })],
    ['an idle timeout on a TCP port mapping', endpoint({ portMappingName: 'admin', idleTimeout: Duration.hours(1) })],
    ['one DNS name on two ports', endpoints({ portMappingName: 'api', dnsName: 'shop' }, { portMappingName: 'admin', dnsName: 'shop' })],
    ['one port mapping published under two discovery names', endpoints({ portMappingName: 'api' }, { portMappingName: 'api', discoveryName: 'api-v2', dnsName: 'v2' })],
    ['a namespace name of 1024 characters', () => onEcsCluster({}, ServiceConnectNamespace.create('n'.repeat(1024)))],
  ];

  test.each(accepted)('%s is accepted', (_name, build) => {
    expect(thrownBy(() => {
      const built = build() as { stack: Stack };
      Template.fromStack(built.stack);
    })).toBeUndefined();
  });

  test('a per-request timeout on a gRPC or HTTP/2 port mapping is accepted', () => {
    // GIVEN
    const f = apiFixture();
    const grpc = new EcsTaskDefinition(f.stack, 'Grpc', {
      containers: [{
        name: 'grpc', image: NGINX_IMAGE, user: '101',
        portMappings: [{ containerPort: 50051, name: 'grpc', appProtocol: ecs.AppProtocol.grpc }, { containerPort: 8443, name: 'h2', appProtocol: ecs.AppProtocol.http2 }],
      }],
    });
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.create('shop') });
    // WHEN
    new EcsService(f.stack, 'Service', {
      cluster: cluster.cluster, taskDefinition: grpc,
      serviceConnect: { services: [{ portMappingName: 'grpc', perRequestTimeout: Duration.seconds(5) }, { portMappingName: 'h2', perRequestTimeout: Duration.seconds(6) }] },
    });
    // THEN
    expect(renderedConfiguration(f.stack).Services).toEqual([
      { PortName: 'grpc', ClientAliases: [{ Port: 50051 }], Timeout: { PerRequestTimeoutSeconds: 5 } },
      { PortName: 'h2', ClientAliases: [{ Port: 8443 }], Timeout: { PerRequestTimeoutSeconds: 6 } },
    ]);
  });

  test('a client port given as a token is refused: aws-cdk-lib cannot check one', () => {
    const f = apiFixture();
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.create('shop') });
    const port = new CfnParameter(f.stack, 'Port', { type: 'Number' }).valueAsNumber;
    const error = thrownBy(() => new EcsService(f.stack, 'Service', { cluster: cluster.cluster, taskDefinition: f.api, serviceConnect: { services: [{ portMappingName: 'api', port }] } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /^\[Stack\/Service\] serviceConnect\.services\[0\]\.port: got an unresolved token; allowed: a literal whole number from 1 to 65535\. Hint: aws-cdk-lib checks the client alias port at synth/);
  });

  test('tokens are passed through unchecked: namespace names, discovery and DNS names', () => {
    // GIVEN
    const f = apiFixture();
    const text = (id: string) => new CfnParameter(f.stack, id).valueAsString;
    const cluster = new EcsCluster(f.stack, 'Cluster', { vpc: f.vpc, serviceConnectNamespace: ServiceConnectNamespace.create(text('Namespace')) });
    // WHEN
    new EcsService(f.stack, 'Service', {
      cluster: cluster.cluster, taskDefinition: f.api,
      serviceConnect: {
        cloudMapNamespace: ServiceConnectNamespace.fromName(text('Override')),
        services: [{ portMappingName: 'api', discoveryName: text('Discovery'), dnsName: text('Dns') }],
      },
    });
    // THEN
    const config = renderedConfiguration(f.stack);
    expect(config.Namespace).toEqual({ Ref: 'Override' });
    expect(config.Services).toEqual([{ PortName: 'api', DiscoveryName: { Ref: 'Discovery' }, ClientAliases: [{ DnsName: { Ref: 'Dns' }, Port: 8080 }] }]);
    Template.fromStack(f.stack).hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: { Ref: 'Namespace' } });
  });
});
