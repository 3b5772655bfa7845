import { App, Duration, Stack, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3 } from 'aws-cdk-lib';
import {
  EcsCluster, EcsLoadBalancer, EcsLoadBalancerProps, EcsNetworkLoadBalancer, EcsNetworkLoadBalancerProps, EcsService, EcsServiceProps, EcsTaskDefinition,
  LoadBalancedServiceOptions, NetworkServiceOptions, ServiceConnectNamespace, ServiceConnectService, ServiceDeployment,
} from '../../../lib';
import { ValidationRow, error, typed } from '../table';

const SHARED = 'lib/ecs/load-balancer.ts';
const NETWORK = 'lib/ecs/network-load-balancer.ts';
const CHECKS = 'lib/ecs/private/load-balancer-checks.ts';
const RESOURCES = 'lib/ecs/private/load-balancer-resources.ts';
const CONNECT = 'lib/ecs/service-connect.ts';
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/platform/0123abcd-0000-1111-2222-333344445555';

/** A stack with a region in the same app: access logs need one. */
function regional(stack: Stack): Stack {
  return new Stack(stack.node.root as App, 'Regional', { env: { region: 'us-east-1' } });
}

/** A VPC, a plain cluster and a task definition whose container `web` maps 8080/TCP (named `http`), 53/UDP and 8081/TCP. */
function fixture(stack: Stack): { vpc: ec2.Vpc; cluster: ecs.Cluster; app: EcsTaskDefinition } {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'App', {
    containers: [{
      name: 'web', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), user: '101',
      portMappings: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, protocol: ecs.Protocol.UDP }, { containerPort: 8081 }],
    }],
  });
  return { vpc, cluster, app };
}

/** A service `Web` attached to a shared ALB (`props` and `options` applied). */
function shared(stack: Stack, options: Partial<LoadBalancedServiceOptions> = {}, props: Partial<EcsLoadBalancerProps> = {}, service: Partial<EcsServiceProps> = {}): EcsLoadBalancer {
  const f = fixture(stack);
  const lb = new EcsLoadBalancer(stack, 'Shared', { vpc: f.vpc, accessLogs: false, ...props });
  const web = new EcsService(stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...service });
  lb.addService('Web', { service: web, priority: 10, pathPatterns: ['/web/*'], ...options });
  return lb;
}

/** A service `Web` attached to an NLB on port 1883, TCP to 8080 unless `options` say otherwise. */
function network(stack: Stack, options: Partial<NetworkServiceOptions> = {}, props: Partial<EcsNetworkLoadBalancerProps> = {}): EcsNetworkLoadBalancer {
  const f = fixture(stack);
  const nlb = new EcsNetworkLoadBalancer(stack, 'Nlb', { vpc: f.vpc, accessLogs: false, ...props });
  const web = new EcsService(stack, 'Web', { cluster: f.cluster, taskDefinition: f.app });
  nlb.addService('Web', { service: web, port: 1883, containerPort: 8080, ...options });
  return nlb;
}

/** A service `Web` with Service Connect `services` on a cluster that imports the namespace `shop`. */
function connect(stack: Stack, services: ServiceConnectService[]): EcsService {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new EcsCluster(stack, 'Platform', { vpc, serviceConnectNamespace: ServiceConnectNamespace.fromName('shop') });
  const app = new EcsTaskDefinition(stack, 'App', {
    containers: [{
      name: 'web', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), user: '101',
      portMappings: [{ containerPort: 8080, name: 'http', appProtocol: ecs.AppProtocol.http }, { containerPort: 9000, name: 'raw' }],
    }],
  });
  return new EcsService(stack, 'Web', { cluster: cluster.cluster, taskDefinition: app, serviceConnect: { services } });
}

/** An EcsCluster with the Service Connect namespace `ns`. */
function clusterWith(ns: () => ServiceConnectNamespace): (stack: Stack) => EcsCluster {
  return (stack) => new EcsCluster(stack, 'Platform', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }), serviceConnectNamespace: ns() });
}

export const rows: ValidationRow[] = [
  // --- Deployments (lib/ecs/deployment.ts, checked in lib/ecs/service-deployment.ts) ---
  ...typed('RollingDeploymentOptions', 'a boolean', 'circuitBreaker'),
  ...typed('BlueGreenDeploymentOptions', 'hooks: a list of DeploymentHook (each checked below)', 'hooks'),
  ...typed('DeploymentHook', 'a Lambda function (lambda.IFunction, imported ones too)', 'handler'),
  ...typed('DeploymentAlarmOptions', 'CloudWatch alarms (cloudwatch.IAlarm), booleans', 'alarms', 'defaultAlarms', 'rollback'),

  // --- Image deploys from CI (lib/ecs/service.ts) ---
  ...typed('EcsServiceProps', 'an ImageDeploys value (enum)', 'imageDeploys'),
  ...typed('EcsService', 'an iam.IGrantable', 'grantImageDeploy(grantee)'),

  // --- EcsLoadBalancer (shared ALB) ---
  ...typed('EcsLoadBalancerProps', 'booleans, an S3 bucket', 'deletionProtection', 'accessLogs'),
  ...typed('EcsLoadBalancerProps', 'a VPC (ec2.IVpc): an internal load balancer goes in its private subnets, never public ones', 'vpc'),
  error({
    type: 'EcsLoadBalancerProps', property: 'internetFacing', rule: 'true needs public subnets in the VPC', source: 'API elbv2 CreateLoadBalancer',
    where: SHARED,
    bad: (s) => new EcsLoadBalancer(s, 'Lb', { vpc: new ec2.Vpc(s, 'Vpc', { subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }), internetFacing: true, accessLogs: false }),
    edge: (s) => new EcsLoadBalancer(s, 'Lb', { vpc: new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 1 }), internetFacing: true, accessLogs: false }),
  }),
  error({
    type: 'EcsLoadBalancerProps', property: 'certificates', rule: 'at least one certificate when given', source: 'API elbv2 CreateListener',
    where: SHARED,
    bad: (s) => shared(s, {}, { certificates: [] }),
    edge: (s) => shared(s, {}, { certificates: [acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN)] }),
  }),
  error({
    type: 'EcsLoadBalancerProps', property: 'accessLogsBucket', rule: 'an SSE-S3 bucket (ALB cannot write to KMS buckets), only with access logs on', source: 'ELB user guide, access logs',
    where: RESOURCES,
    bad: (s) => { const r = regional(s); shared(r, {}, { accessLogs: false, accessLogsBucket: new s3.Bucket(r, 'Logs') }); },
    edge: (s) => { const r = regional(s); shared(r, {}, { accessLogs: true, accessLogsBucket: new s3.Bucket(r, 'Logs') }); },
  }),
  error({
    type: 'EcsLoadBalancerProps', property: 'webAclArn', rule: 'a regional WAFv2 web ACL ARN in the load balancer\'s region', source: 'API wafv2 AssociateWebACL',
    where: CHECKS,
    bad: (s) => shared(regional(s), {}, { webAclArn: WEB_ACL.replace('us-east-1', 'eu-west-1') }),
    edge: (s) => shared(regional(s), {}, { webAclArn: WEB_ACL }),
  }),
  error({
    type: 'EcsLoadBalancer', property: 'addService(id)', rule: 'a service of the load balancer\'s VPC, with rolling deployments', source: 'ECS developer guide, ALB resources for blue/green deployments',
    where: SHARED, errorProperty: 'service',
    bad: (s) => shared(s, {}, {}, { deployment: ServiceDeployment.blueGreen() }),
    edge: (s) => shared(s, {}, {}, { deployment: ServiceDeployment.rolling() }),
  }),
  ...typed('EcsLoadBalancer', 'an imported listener (elbv2.IApplicationListener)', 'fromApplicationListener(listener)'),
  ...typed('LoadBalancedServiceOptions', 'an EcsService (checked by addService)', 'service'),
  error({
    type: 'LoadBalancedServiceOptions', property: 'priority', rule: '1-50000, unique on the listener', source: 'API elbv2 CreateRule',
    where: SHARED,
    bad: (s) => shared(s, { priority: 50001 }),
    edge: (s) => shared(s, { priority: 50000 }),
  }),
  error({
    type: 'LoadBalancedServiceOptions', property: 'pathPatterns', rule: '1-128 characters of the allowed set; with hostHeaders at least 1 and at most 5 values', source: 'API elbv2 PathPatternConditionConfig, quotas',
    where: CHECKS,
    bad: (s) => shared(s, { pathPatterns: ['/web/<id>'] }),
    edge: (s) => shared(s, { pathPatterns: [`/${'a'.repeat(127)}`] }),
  }),
  error({
    type: 'LoadBalancedServiceOptions', property: 'hostHeaders', rule: '1-128 characters: letters, digits, "-", ".", "*", "?"', source: 'API elbv2 HostHeaderConditionConfig',
    where: CHECKS,
    bad: (s) => shared(s, { hostHeaders: ['shop_example.com'], pathPatterns: undefined }),
    edge: (s) => shared(s, { hostHeaders: ['*.example.com'], pathPatterns: undefined }),
  }),
  error({
    type: 'LoadBalancedServiceOptions', property: 'containerName', rule: 'a container of the task definition', source: 'library',
    where: CHECKS,
    bad: (s) => shared(s, { containerName: 'api' }),
    edge: (s) => shared(s, { containerName: 'web' }),
  }),
  error({
    type: 'LoadBalancedServiceOptions', property: 'containerPort', rule: 'a TCP port the container maps', source: 'library',
    where: CHECKS,
    bad: (s) => shared(s, { containerPort: 53 }),
    edge: (s) => shared(s, { containerPort: 8081 }),
  }),
  error({
    type: 'LoadBalancedServiceOptions', property: 'healthCheck', rule: 'the ALB health check rules (as loadBalancer.healthCheck)', source: 'API elbv2 CreateTargetGroup',
    where: CHECKS, errorProperty: 'healthCheck.interval',
    bad: (s) => shared(s, { healthCheck: { interval: Duration.seconds(4) } }),
    edge: (s) => shared(s, { healthCheck: { interval: Duration.seconds(6) } }),
  }),

  // --- EcsNetworkLoadBalancer ---
  ...typed('EcsNetworkLoadBalancerProps', 'a VPC (ec2.IVpc), booleans, an S3 bucket', 'vpc', 'internetFacing', 'deletionProtection', 'accessLogs', 'accessLogsBucket'),
  error({
    type: 'EcsNetworkLoadBalancer', property: 'addService(id)', rule: 'a service with rolling deployments', source: 'library',
    where: NETWORK, errorProperty: 'service',
    bad: (s) => { const f = fixture(s); const nlb = new EcsNetworkLoadBalancer(s, 'Nlb', { vpc: f.vpc, accessLogs: false }); nlb.addService('Web', { service: new EcsService(s, 'Web', { cluster: f.cluster, taskDefinition: f.app, deployment: ServiceDeployment.blueGreen() }), port: 1883, containerPort: 8080 }); },
    edge: (s) => network(s),
  }),
  ...typed('NetworkServiceOptions', 'an EcsService (checked by addService)', 'service'),
  error({
    type: 'NetworkServiceOptions', property: 'port', rule: '1-65535, one listener per port', source: 'API elbv2 CreateListener',
    where: NETWORK,
    bad: (s) => network(s, { port: 65536 }),
    edge: (s) => network(s, { port: 65535 }),
  }),
  error({
    type: 'NetworkServiceOptions', property: 'protocol', rule: 'TCP, TLS, UDP or TCP_UDP', source: 'API elbv2 CreateListener',
    where: NETWORK,
    bad: (s) => network(s, { protocol: elbv2.Protocol.HTTP }),
    edge: (s) => network(s, { protocol: elbv2.Protocol.TCP }),
  }),
  error({
    type: 'NetworkServiceOptions', property: 'certificate', rule: 'with TLS, and only with TLS', source: 'API elbv2 CreateListener',
    where: NETWORK,
    bad: (s) => network(s, { protocol: elbv2.Protocol.TLS }),
    edge: (s) => network(s, { protocol: elbv2.Protocol.TLS, certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) }),
  }),
  error({
    type: 'NetworkServiceOptions', property: 'containerPort', rule: 'a port the container maps with the listener\'s protocol', source: 'library',
    where: CHECKS,
    bad: (s) => network(s, { containerPort: 9999 }),
    edge: (s) => network(s, { containerPort: 8081 }),
  }),
  error({
    type: 'NetworkServiceOptions', property: 'containerName', rule: 'a container of the task definition', source: 'library',
    where: CHECKS,
    bad: (s) => network(s, { containerName: 'api' }),
    edge: (s) => network(s, { containerName: 'web' }),
  }),
  error({
    type: 'NetworkServiceOptions', property: 'healthCheckPort', rule: 'needed for UDP: a TCP port the task maps', source: 'API elbv2 CreateTargetGroup (UDP cannot be health-checked)',
    where: NETWORK,
    bad: (s) => network(s, { protocol: elbv2.Protocol.UDP, containerPort: 53 }),
    edge: (s) => network(s, { protocol: elbv2.Protocol.UDP, containerPort: 53, healthCheckPort: 8081 }),
  }),

  // --- Service Connect (lib/ecs/service-connect.ts) ---
  error({
    type: 'EcsClusterProps', property: 'serviceConnectNamespace', rule: 'a Cloud Map namespace name (1-1024 printable ASCII, no spaces, not an ARN) or ARN', source: 'API servicediscovery CreateHttpNamespace',
    where: CONNECT,
    bad: clusterWith(() => ServiceConnectNamespace.create('my shop')),
    edge: clusterWith(() => ServiceConnectNamespace.create('n'.repeat(1024))),
  }),
  error({
    type: 'ServiceConnectNamespace', property: 'create(name)', rule: '1-1024 printable ASCII characters without spaces, not an ARN', source: 'API servicediscovery CreateHttpNamespace',
    where: CONNECT, errorProperty: 'serviceConnectNamespace',
    bad: clusterWith(() => ServiceConnectNamespace.create('arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc')),
    edge: clusterWith(() => ServiceConnectNamespace.create('shop.internal')),
  }),
  error({
    type: 'ServiceConnectNamespace', property: 'fromName(name)', rule: '1-1024 printable ASCII characters without spaces, not an ARN', source: 'API servicediscovery CreateHttpNamespace',
    where: CONNECT, errorProperty: 'serviceConnectNamespace',
    bad: clusterWith(() => ServiceConnectNamespace.fromName('')),
    edge: clusterWith(() => ServiceConnectNamespace.fromName('s')),
  }),
  error({
    type: 'ServiceConnectNamespace', property: 'fromArn(arn)', rule: 'arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>', source: 'API servicediscovery Namespace',
    where: CONNECT, errorProperty: 'serviceConnectNamespace',
    bad: clusterWith(() => ServiceConnectNamespace.fromArn('shop')),
    edge: clusterWith(() => ServiceConnectNamespace.fromArn('arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc123')),
  }),
  ...typed('ServiceConnectOptions', 'a ServiceConnectNamespace (checked as above), a log driver, a list of ServiceConnectService (each checked below)', 'cloudMapNamespace', 'logDriver', 'services'),
  error({
    type: 'ServiceConnectService', property: 'portMappingName', rule: 'a named port mapping of the task definition', source: 'API ecs ServiceConnectService',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'grpc' }]),
    edge: (s) => connect(s, [{ portMappingName: 'http' }]),
  }),
  error({
    type: 'ServiceConnectService', property: 'discoveryName', rule: '1-64 lower-case letters, digits, "_" and "-", not starting with "-"; once per service', source: 'API ecs ServiceConnectService',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'http', discoveryName: '-x' }]),
    edge: (s) => connect(s, [{ portMappingName: 'http', discoveryName: 'a'.repeat(64) }]),
  }),
  error({
    type: 'ServiceConnectService', property: 'dnsName', rule: 'up to 127 lower-case letters, digits, "_", "-" and "."; no leading "-" or ".", no empty label', source: 'API ecs ServiceConnectClientAlias',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'http', dnsName: 'orders..shop' }]),
    edge: (s) => connect(s, [{ portMappingName: 'http', dnsName: 'orders.shop' }]),
  }),
  error({
    type: 'ServiceConnectService', property: 'port', rule: 'a literal whole number from 1 to 65535', source: 'API ecs ServiceConnectClientAlias',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'http', port: 0 }]),
    edge: (s) => connect(s, [{ portMappingName: 'http', port: 65535 }]),
  }),
  error({
    type: 'ServiceConnectService', property: 'idleTimeout', rule: 'whole seconds from 0 to 2147483647', source: 'API ecs TimeoutConfiguration',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'http', idleTimeout: Duration.millis(1500) }]),
    edge: (s) => connect(s, [{ portMappingName: 'http', idleTimeout: Duration.seconds(0) }]),
  }),
  error({
    type: 'ServiceConnectService', property: 'perRequestTimeout', rule: 'whole seconds; only on a port mapping with an appProtocol (not TCP)', source: 'API ecs TimeoutConfiguration',
    where: CONNECT,
    bad: (s) => connect(s, [{ portMappingName: 'raw', perRequestTimeout: Duration.seconds(15) }]),
    edge: (s) => connect(s, [{ portMappingName: 'http', perRequestTimeout: Duration.seconds(15) }]),
  }),
];
