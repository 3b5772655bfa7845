import { App, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_s3 as s3, aws_kms as kms } from 'aws-cdk-lib';
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
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] }, FromPort: 80 })],
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
    }, /^\[Stack\/Web\] loadBalancer\.accessLogsBucket: got "Stack\/Logs"; allowed: a bucket with SSE-S3 encryption \(ALB cannot write to KMS-encrypted buckets\)\./],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // WHEN
    const error = thrownBy(build);
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});
