import { App, Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_s3 as s3, aws_kms as kms } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { EcsService, EcsServiceProps } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../../lib/network';
import { CERT_ARN, internalHttpService, internetFacingHttpsService, NGINX_IMAGE, serviceFixture } from '../../support/ecs';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

// lib/ecs/service-load-balancer.ts: the Application Load Balancer, listeners, target group and
// access log bucket of an EcsService with `loadBalancer`, tested through EcsService.

describe('EcsService with an internet-facing HTTPS load balancer and autoscaling', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, template } = internetFacingHttpsService());
  });
  test('internet-facing ALB in public subnets, invalid headers dropped, access logs on', () => {
    // THEN
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }]),
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('WebLoadBalancerAccessLogs') } },
      ]),
    });
  });

  test('HTTPS on 443 with a recent TLS policy, HTTP redirected to HTTPS', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: CERT_ARN }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' }) }],
    });
  });

  test('target group with the given health check, to the container port', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/healthz',
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: Match.anyValue() } }],
      HealthCheckGracePeriodSeconds: 60,
      DesiredCount: 3,
    });
  });

  test('tasks accept traffic from the load balancer only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080, ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebLoadBalancer'), 'GroupId'] },
    });
  });

  test('access log bucket: encrypted, TLS only, public access blocked, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('still no custom resources and no Lambda', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('no warning when HTTPS', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('EcsService with an internal HTTP load balancer', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = internalHttpService());
  });
  test('internal scheme in private subnets, HTTP 80 reachable from the VPC only', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal', Subnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }]),
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('WebLoadBalancer'),
      // The VPC's block as a literal, so rules and tools that read the group see the range.
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80 })],
    });
  });

  test('a VPC whose block is known only at deploy time (IPAM) is allowed by its CidrBlock attribute', () => {
    const f = serviceFixture();
    const vpc = new ec2.Vpc(f.stack, 'IpamVpc', {
      ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-0123456789abcdef0', ipv4NetmaskLength: 16, defaultSubnetIpv4NetmaskLength: 20 }),
      maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const cluster = new ecs.Cluster(f.stack, 'IpamCluster', { vpc });
    new EcsService(f.stack, 'Internal', { cluster, taskDefinition: f.app, loadBalancer: { accessLogs: false } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('InternalLoadBalancer'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IpamVpc'), 'CidrBlock'] }, FromPort: 80 })],
    });
  });

  test('accessLogs: false creates no bucket', () => {
    template.resourceCountIs('AWS::S3::Bucket', 0);
  });
});

describe('EcsService load balancer warnings and subnets', () => {
  test('internet-facing without a certificate: warning', () => {
    const f = serviceFixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { internetFacing: true } });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('internet-facing without a certificate'));
  });

  test('on a network without NAT (isolated subnets only), tasks and the internal load balancer use the isolated subnets', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    const cluster = new EcsCluster(stack, 'Cluster', { vpc: network.vpc });
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: NGINX_IMAGE, portMappings: [{ containerPort: 8080 }] }] });
    // WHEN
    new EcsService(stack, 'Web', { cluster: cluster.cluster, taskDefinition: app, loadBalancer: {} });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({
        AssignPublicIp: 'DISABLED',
        Subnets: stack.resolve(network.vpc.isolatedSubnets.map((sn) => sn.subnetId)),
      }) },
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: stack.resolve(network.vpc.isolatedSubnets.map((sn) => sn.subnetId)),
    });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Web', Match.stringLikeRegexp('public subnets'));
  });
});

describe('EcsService load balancer validation', () => {
  /** A service in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsServiceProps>, compatibility?: TaskCompatibility, region?: string) => () => {
    const f = serviceFixture(compatibility, region);
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...over });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    ['load balancer to a container without ports', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'worker', image: NGINX_IMAGE }] });
      new EcsService(stack, 'Web', { cluster, taskDefinition: app, loadBalancer: {} });
    }, /^\[Stack\/Web\] loadBalancer\.containerName: got nothing; allowed: a task definition with a container that has a port mapping\. Hint: add portMappings/],
    ['load balancer to an unmapped port', make({ loadBalancer: { containerPort: 9999 } }),
      /^\[Stack\/Web\] loadBalancer\.containerPort: got 9999; allowed: a port mapped by container "web": 8080\./],
    ['load balancer to an unknown container', make({ loadBalancer: { containerName: 'api' } }),
      /^\[Stack\/Web\] loadBalancer\.containerName: got "api"; allowed: one of: web\./],
    ['access logs without a concrete region', make({ loadBalancer: {} }, TaskCompatibility.FARGATE, ''),
      /^\[Stack\/Web\] loadBalancer\.accessLogs: got true; allowed: a stack with a concrete region \(env: \{ region \}\)\. Hint: .*accessLogs: false/],
    ['access log bucket with KMS encryption', () => {
      const f = serviceFixture();
      const bucket = new s3.Bucket(f.stack, 'Logs', { encryptionKey: new kms.Key(f.stack, 'Key') });
      new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { accessLogsBucket: bucket } });
    }, /^\[Stack\/Web\] loadBalancer\.accessLogsBucket: got "Stack\/Logs"; allowed: a bucket with SSE-S3 encryption \(ALB cannot write to KMS-encrypted buckets\)\./],    ['an access log bucket with accessLogs: false', () => {
      const f = serviceFixture();
      new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { accessLogs: false, accessLogsBucket: new s3.Bucket(f.stack, 'Logs') } });
    }, /^\[Stack\/Web\] loadBalancer\.accessLogsBucket: got "Stack\/Logs"; allowed: nothing with accessLogs: false\./],
    ['an internet-facing load balancer in a VPC without public subnets', () => {
      const f = serviceFixture();
      const vpc = new ec2.Vpc(f.stack, 'Closed', { maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new EcsService(f.stack, 'Web', { cluster: new ecs.Cluster(f.stack, 'ClosedCluster', { vpc }), taskDefinition: f.app, loadBalancer: { internetFacing: true } });
    }, /^\[Stack\/Web\] loadBalancer\.internetFacing: got true; allowed: false in a VPC without public subnets\./],
    ['a health check interval of 4 seconds', make({ loadBalancer: { accessLogs: false, healthCheck: { interval: Duration.seconds(4) } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.interval: got "4 seconds"; allowed: whole seconds from 5 to 300\./],
    ['a health check interval not above the default timeout', make({ loadBalancer: { accessLogs: false, healthCheck: { interval: Duration.seconds(5) } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.interval: got "5 seconds"; allowed: more than the timeout \(5 seconds, the default\)\. Hint: give a shorter healthCheck\.timeout/],
    ['a health check timeout of 121 seconds', make({ loadBalancer: { accessLogs: false, healthCheck: { timeout: Duration.seconds(121), interval: Duration.seconds(300) } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.timeout: got "2 minutes 1 second"; allowed: whole seconds from 2 to 120\./],
    ['a healthy threshold of 11', make({ loadBalancer: { accessLogs: false, healthCheck: { healthyThresholdCount: 11 } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.healthyThresholdCount: got 11; allowed: a whole number from 2 to 10\./],
    ['an unhealthy threshold of 1', make({ loadBalancer: { accessLogs: false, healthCheck: { unhealthyThresholdCount: 1 } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.unhealthyThresholdCount: got 1; allowed: a whole number from 2 to 10\./],
    ['a health check path without a leading slash', make({ loadBalancer: { accessLogs: false, healthCheck: { path: 'healthz' } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.path: got "healthz"; allowed: a path of 1-1024 characters starting with "\/"\./],
    ['health check code 500', make({ loadBalancer: { accessLogs: false, healthCheck: { healthyHttpCodes: '200-500' } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.healthyHttpCodes: got "200-500"; allowed: HTTP codes from 200 to 499/],
    ['a disabled health check', make({ loadBalancer: { accessLogs: false, healthCheck: { enabled: false } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.enabled: got false; allowed: true or nothing\./],
    ['health check port 0', make({ loadBalancer: { accessLogs: false, healthCheck: { port: '0' } } }),
      /^\[Stack\/Web\] loadBalancer\.healthCheck\.port: got "0"; allowed: "traffic-port" or a port from 1 to 65535\./],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
  test('health check values at the edge of what ALB takes are passed as given', () => {
    // GIVEN
    const f = serviceFixture();
    // WHEN
    new EcsService(f.stack, 'Web', {
      cluster: f.cluster, taskDefinition: f.app,
      loadBalancer: {
        accessLogs: false,
        healthCheck: { interval: Duration.seconds(5), timeout: Duration.seconds(4), healthyThresholdCount: 2, unhealthyThresholdCount: 10, path: '/', healthyHttpCodes: '200,202-499', port: '65535' },
      },
    });
    // THEN
    Template.fromStack(f.stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthyThresholdCount: 2, UnhealthyThresholdCount: 10,
      HealthCheckPath: '/', Matcher: { HttpCode: '200,202-499' }, HealthCheckPort: '65535',
    });
  });
});
