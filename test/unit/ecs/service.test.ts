import { App, CfnParameter, Duration, Stack, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_s3 as s3, aws_kms as kms } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { ClusterCapacity, Ec2PurchaseOption } from '../../../lib/ecs/capacity';
import { EcsService, EcsServiceProps, ServiceCapacity } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../../lib/network';
import { thrownBy } from '../../support/thrown';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

interface Fixture { stack: Stack; vpc: ec2.Vpc; cluster: ecs.Cluster; app: EcsTaskDefinition }

/** A stack with a region (ALB access logs need one) but no account, so AZs stay Fn::GetAZs. */
function fixture(compatibility: TaskCompatibility = TaskCompatibility.FARGATE, region: string | undefined = 'us-east-1'): Fixture {
  const stack = new Stack(new App(), 'Stack', region ? { env: { region } } : {});
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const app = new EcsTaskDefinition(stack, 'App', {
    compatibility,
    containers: [{ name: 'web', image: IMAGE, portMappings: [{ containerPort: 8080 }] }],
  });
  return { stack, vpc, cluster, app };
}

function resourceTypes(template: Template): string[] {
  return Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
}


describe('EcsService defaults', () => {
  let template: Template;
  let svc: EcsService;
  let f: Fixture;
  beforeAll(() => {
    // GIVEN
    f = fixture();
    // WHEN
    svc = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app });
    template = Template.fromStack(f.stack);
  });

  test('a task is an instance of a task definition within a cluster: the service runs the task definition in the cluster', () => {
    // THEN
    template.hasResourceProperties('AWS::ECS::Service', {
      Cluster: { Ref: Match.stringLikeRegexp('^Cluster') },
      TaskDefinition: { Ref: Match.stringLikeRegexp('^App') },
    });
  });

  test('keeps 2 copies running on Fargate', () => {
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 2, LaunchType: 'FARGATE' });
  });

  test('circuit breaker with rollback, 100% min healthy, 200% max', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      }),
    });
  });

  test('private subnets, no public IP, own security group', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: [{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPrivateSubnet2') }],
          SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSecurityGroup'), 'GroupId'] }],
        },
      },
    });
  });

  test('no execute command, tags propagated from the service', () => {
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: false, PropagateTags: 'SERVICE', EnableECSManagedTags: true });
  });

  test('no load balancer, no autoscaling, no custom resources, no Lambda', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    expect(svc.loadBalancer).toBeUndefined();
  });

  test('construct tree: the service is the Resource child', () => {
    expect(svc.service.node.path).toBe('Stack/Web/Resource');
    expect(svc.service).toBeInstanceOf(ecs.FargateService);
  });

  test('no warnings', () => {
    Annotations.fromStack(f.stack).hasNoWarning('*', Match.anyValue());
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsService with an internet-facing HTTPS load balancer and autoscaling', () => {
  let template: Template;
  let f: Fixture;
  beforeAll(() => {
    // GIVEN
    f = fixture();
    const certificate = acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN);
    // WHEN
    new EcsService(f.stack, 'Web', {
      cluster: f.cluster,
      taskDefinition: f.app,
      desiredCount: 3,
      loadBalancer: { internetFacing: true, certificate, healthCheck: { path: '/healthz' } },
      autoScaling: { minCapacity: 2, maxCapacity: 10, targetCpuPercent: 60, targetMemoryPercent: 75, targetRequestsPerTask: 500 },
    });
    template = Template.fromStack(f.stack);
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

  test('target tracking on CPU, memory and requests', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 10 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 75, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 500, PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }) }),
    });
  });

  test('still no custom resources and no Lambda', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('no warning when HTTPS', () => {
    Annotations.fromStack(f.stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('EcsService with an internal HTTP load balancer', () => {
  let template: Template;
  beforeAll(() => {
    const f = fixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { deletionProtection: false, accessLogs: false }, autoScaling: { maxCapacity: 4 } });
    template = Template.fromStack(f.stack);
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

  test('autoscaling defaults: min = desiredCount, CPU target 70%', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 4 });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 1);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 70 }),
    });
  });
});

describe('EcsService capacity', () => {
  test('Fargate Spot mix: base on Fargate, weights, capacity providers enabled on the cluster', () => {
    // GIVEN
    const f = fixture();
    // WHEN
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.fargateMix({ fargateBase: 1, fargateWeight: 1, spotWeight: 4 }) });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 4 }],
      LaunchType: Match.absent(),
    });
    t.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: Match.arrayWith(['FARGATE', 'FARGATE_SPOT']) });
  });

  test('Spot only with one task: warning (legal but risky)', () => {
    const f = fixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.fargateSpot(), desiredCount: 1 });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('desiredCount 1 on Fargate Spot only'));
  });

  test('internet-facing without a certificate: warning', () => {
    const f = fixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { internetFacing: true } });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('internet-facing without a certificate'));
  });

  test('EC2 on an EcsCluster: its capacity provider, spread across AZs then binpack on memory; demand reported', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', {
      vpc, capacity: [ClusterCapacity.ec2({ name: 'General', instanceTypes: [new ec2.InstanceType('m7g.large')], maxCapacity: 4 })],
    });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, cpu: 512, memoryMiB: 1024, containers: [{ name: 'web', image: IMAGE }] });
    // WHEN
    const svc = new EcsService(stack, 'Web', {
      cluster: platform.cluster, taskDefinition: app, desiredCount: 3,
      capacity: ServiceCapacity.ec2({ capacityName: 'General' }),
      autoScaling: { maxCapacity: 6 },
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      PlacementStrategies: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
      CapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('PlatformGeneral') }, Weight: 1 }],
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
    expect(svc.service).toBeInstanceOf(ecs.Ec2Service);
    expect(svc.ecsCluster).toBe(platform);
    expect(svc.capacityName).toBe('General');
    expect(spy).toHaveBeenCalledWith({ source: svc, name: 'Stack/Web', cpu: 512, memoryMiB: 1024, count: 6, capacityName: 'General' });
  });

  test('one task on a Spot-only EC2 capacity: warning; on On-Demand capacity or with two tasks: none', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', {
      vpc,
      capacity: [ClusterCapacity.ec2({ name: 'OnDemand' }), ClusterCapacity.ec2({ name: 'Spot', purchaseOption: Ec2PurchaseOption.SPOT })],
    });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'web', image: IMAGE }] });
    // WHEN
    new EcsService(stack, 'OneOnSpot', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2({ capacityName: 'Spot' }), desiredCount: 1 });
    new EcsService(stack, 'TwoOnSpot', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2({ capacityName: 'Spot' }), desiredCount: 2 });
    new EcsService(stack, 'OneOnDemand', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2(), desiredCount: 1 });
    // THEN
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/OneOnSpot', Match.stringLikeRegexp('desiredCount 1 on the Spot-only EC2 capacity "Spot"'));
    annotations.hasNoWarning('/Stack/TwoOnSpot', Match.stringLikeRegexp('Spot'));
    annotations.hasNoWarning('/Stack/OneOnDemand', Match.stringLikeRegexp('Spot'));
  });

  test('Fargate on an EcsCluster reports no EC2 demand', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc });
    const spy = jest.spyOn(platform, 'addTaskDemand');
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE }] });
    new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app });
    expect(spy).not.toHaveBeenCalled();
  });

  test('EC2 custom placement strategies and an imported cluster', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Imported', { clusterName: 'shared', vpc });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'web', image: IMAGE }] });
    new EcsService(stack, 'Web', { cluster, taskDefinition: app, capacity: ServiceCapacity.ec2(), placementStrategies: [ecs.PlacementStrategy.packedByCpu()] });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      Cluster: 'shared', LaunchType: 'EC2', PlacementStrategies: [{ Type: 'binpack', Field: 'CPU' }],
    });
  });

  test('options: deployment percents, execute command, service name, Service Connect', () => {
    const f = fixture();
    f.cluster.addDefaultCloudMapNamespace({ name: 'internal', useForServiceConnect: true });
    new EcsService(f.stack, 'Web', {
      cluster: f.cluster, taskDefinition: f.app, minHealthyPercent: 50, maxHealthyPercent: 150, enableExecuteCommand: true, serviceName: 'web',
      serviceConnect: {},
    });
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'web', EnableExecuteCommand: true,
      DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 50, MaximumPercent: 150 }),
      ServiceConnectConfiguration: Match.objectLike({ Enabled: true }),
    });
  });
});

describe('EcsService network and load balancer options', () => {
  test('on a network without NAT (isolated subnets only), tasks and the internal load balancer use the isolated subnets', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    const cluster = new EcsCluster(stack, 'Cluster', { vpc: network.vpc });
    const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE, portMappings: [{ containerPort: 8080 }] }] });
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

  test('given subnets, security groups, grace period, container, and access log bucket are used', () => {
    // GIVEN
    const f = fixture();
    const sg = new ec2.SecurityGroup(f.stack, 'Sg', { vpc: f.vpc });
    const bucket = new s3.Bucket(f.stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });
    // WHEN
    const svc = new EcsService(f.stack, 'Web', {
      cluster: f.cluster, taskDefinition: f.app, securityGroups: [sg], vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      healthCheckGracePeriod: Duration.seconds(120),
      loadBalancer: { containerName: 'web', containerPort: 8080, accessLogsBucket: bucket },
    });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      HealthCheckGracePeriodSeconds: 120,
      NetworkConfiguration: { AwsvpcConfiguration: {
        AssignPublicIp: 'DISABLED',
        Subnets: [{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPublicSubnet2') }],
        SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Sg'), 'GroupId'] }],
      } },
    });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('public subnets but get no public IP'));
    t.resourceCountIs('AWS::S3::Bucket', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^Logs') } }]),
    });
    expect(svc.accessLogsBucket).toBe(bucket);
    expect(svc.loadBalancer?.node.path).toBe('Stack/Web/LoadBalancer/Resource');
    expect(svc.targetGroup).toBeDefined();
  });
});

describe('EcsService validation', () => {
  /** A service in the standard fixture, with `over` applied. */
  const make = (over: Partial<EcsServiceProps>, compatibility?: TaskCompatibility, region?: string) => () => {
    const f = fixture(compatibility, region);
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...over });
  };
  /** A service of an EC2-only task definition on an `EcsCluster` with the given capacity. */
  const onEcsCluster = (capacity: ClusterCapacity[], serviceCapacity: ServiceCapacity, compatibility = TaskCompatibility.EC2) => () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', { vpc, capacity });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility, containers: [{ name: 'web', image: IMAGE }] });
    new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity: serviceCapacity });
  };

  const cases: Array<[string, () => void, RegExp]> = [
    // counts and deployment percents
    ['negative desiredCount', make({ desiredCount: -1 }),
      /^\[Stack\/Web\] desiredCount: got -1; allowed: a whole number from 0 to 5000\. Hint: ECS allows up to 5000 tasks per service/],
    ['desiredCount above 5000', make({ desiredCount: 5001 }),
      /^\[Stack\/Web\] desiredCount: got 5001; allowed: a whole number from 0 to 5000\./],
    ['desiredCount above autoscaling max', make({ desiredCount: 5, autoScaling: { maxCapacity: 4 } }),
      /^\[Stack\/Web\] desiredCount: got 5; allowed: at most autoScaling\.maxCapacity \(4\)\./],
    ['minHealthyPercent above 100', make({ minHealthyPercent: 101 }),
      /^\[Stack\/Web\] minHealthyPercent: got 101; allowed: a whole number from 0 to 100\./],
    ['maxHealthyPercent above 400', make({ maxHealthyPercent: 401 }),
      /^\[Stack\/Web\] maxHealthyPercent: got 401; allowed: a whole number from 100 to 400\./],
    ['maxHealthyPercent not above minHealthyPercent', make({ minHealthyPercent: 100, maxHealthyPercent: 100 }),
      /^\[Stack\/Web\] maxHealthyPercent: got 100; allowed: more than minHealthyPercent \(100\)\. Hint: .*deployments hang/],
    // capacity and compatibility
    ['Fargate capacity for an EC2-only task definition', make({}, TaskCompatibility.EC2),
      /^\[Stack\/Web\] capacity: got "FARGATE"; allowed: EC2 capacity for a task definition with compatibility EC2\. Hint: use ServiceCapacity\.ec2\(\)/],
    ['EC2 capacity for a Fargate-only task definition', make({ capacity: ServiceCapacity.ec2() }),
      /^\[Stack\/Web\] capacity: got "EC2"; allowed: Fargate capacity for a task definition with compatibility FARGATE\. Hint: use a Fargate capacity/],
    ['placement strategies on Fargate', make({ placementStrategies: [ecs.PlacementStrategy.packedByMemory()] }),
      /^\[Stack\/Web\] placementStrategies: got "1 strategies"; allowed: nothing on Fargate \(Fargate places tasks itself\)\./],
    ['all capacity weights zero', make({ capacity: ServiceCapacity.fargateMix({ fargateWeight: 0, spotWeight: 0 }) }),
      /^\[Stack\/Web\] capacity: got \[0,0\]; allowed: at least one weight above 0\./],
    ['capacity-provider base above 100000', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: 100_001 }) }),
      /^\[Stack\/Web\] capacity\.FARGATE\.base: got 100001; allowed: a whole number from 0 to 100000\./],
    ['negative capacity-provider base', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: -1 }) }),
      /^\[Stack\/Web\] capacity\.FARGATE\.base: got -1; allowed: a whole number from 0 to 100000\./],
    ['fractional capacity-provider base', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: 1.5 }) }),
      /^\[Stack\/Web\] capacity\.FARGATE\.base: got 1\.5; allowed: a whole number from 0 to 100000\./],
    ['capacity-provider weight above 1000', make({ capacity: ServiceCapacity.fargateMix({ spotWeight: 1001 }) }),
      /^\[Stack\/Web\] capacity\.FARGATE_SPOT\.weight: got 1001; allowed: a whole number from 0 to 1000\./],
    ['EC2 on an EcsCluster without EC2 capacity', onEcsCluster([ClusterCapacity.fargate()], ServiceCapacity.ec2()),
      /^\[Stack\/Web\] capacity: got "EC2"; allowed: Fargate capacity: the cluster has no EC2 capacity\. Hint: add ClusterCapacity\.ec2\(\{\.\.\.\}\) to Stack\/Platform/],
    ['EC2 on an EcsCluster naming an unknown capacity', onEcsCluster([ClusterCapacity.ec2({ name: 'General' })], ServiceCapacity.ec2({ capacityName: 'Gpu' })),
      /^\[Stack\/Web\] capacity\.capacityName: got "Gpu"; allowed: one of the cluster's EC2 capacities: General\./],
    ['Fargate Spot on an EcsCluster with only EC2 capacity', onEcsCluster([ClusterCapacity.ec2()], ServiceCapacity.fargateSpot(), TaskCompatibility.FARGATE),
      /^\[Stack\/Web\] capacity: got "FARGATE_SPOT"; allowed: EC2 capacity or on-demand Fargate on a cluster without Fargate capacity providers\. Hint: add ClusterCapacity\.fargate\(\)\/fargateSpot\(\) to Stack\/Platform/],
    ['EC2 tasks larger than every instance of the EcsCluster (placement check at synth)', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const platform = new EcsCluster(stack, 'Platform', { vpc, capacity: [ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('t3.small')], maxCapacity: 2 })] });
      const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, cpu: 4096, memoryMiB: 8192, containers: [{ name: 'web', image: IMAGE }] });
      new EcsService(stack, 'Web', { cluster: platform.cluster, taskDefinition: app, capacity: ServiceCapacity.ec2() });
      Template.fromStack(stack);
    }, /^\[Stack\/Web\] task size: got "4096 CPU units, 8192 MiB"; allowed: at most 2048 CPU units and 1945 MiB \(largest type of EC2 capacity Ec2\)\. Hint: .*use a larger instance type or a smaller task/],
    // subnets
    ['a VPC with only public subnets (not a CloudFormation failure)', () => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE }] });
      new EcsService(stack, 'Web', { cluster, taskDefinition: app });
    }, /^\[Stack\/Web\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: tasks never default to public subnets/],
    // autoscaling
    ['autoscaling max 0', make({ autoScaling: { maxCapacity: 0 } }),
      /^\[Stack\/Web\] autoScaling\.maxCapacity: got 0; allowed: a whole number from 1 to 5000\./],
    ['autoscaling max below min', make({ autoScaling: { minCapacity: 5, maxCapacity: 3 }, desiredCount: 3 }),
      /^\[Stack\/Web\] autoScaling\.maxCapacity: got 3; allowed: at least minCapacity \(5\)\./],
    ['CPU target 0', make({ autoScaling: { maxCapacity: 4, targetCpuPercent: 0 } }),
      /^\[Stack\/Web\] autoScaling\.targetCpuPercent: got 0; allowed: a whole number from 1 to 100\./],
    ['CPU target above 100', make({ autoScaling: { maxCapacity: 4, targetCpuPercent: 101 } }),
      /^\[Stack\/Web\] autoScaling\.targetCpuPercent: got 101; allowed: a whole number from 1 to 100\./],
    ['memory target above 100', make({ autoScaling: { maxCapacity: 4, targetMemoryPercent: 150 } }),
      /^\[Stack\/Web\] autoScaling\.targetMemoryPercent: got 150; allowed: a whole number from 1 to 100\./],
    ['request target 0', make({ loadBalancer: {}, autoScaling: { maxCapacity: 4, targetRequestsPerTask: 0 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got 0; allowed: a whole number from 1 to 1000000\./],
    ['request target above 1000000', make({ loadBalancer: {}, autoScaling: { maxCapacity: 4, targetRequestsPerTask: 1_000_001 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got 1000001; allowed: a whole number from 1 to 1000000\./],
    ['request target without a load balancer', make({ autoScaling: { maxCapacity: 4, targetRequestsPerTask: 100 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got 100; allowed: nothing without `loadBalancer`\. Hint: request counts come from the load balancer/],
    // load balancer
    ['load balancer to a container without ports', () => {
      const stack = new Stack(new App(), 'Stack', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const app = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'worker', image: IMAGE }] });
      new EcsService(stack, 'Web', { cluster, taskDefinition: app, loadBalancer: {} });
    }, /^\[Stack\/Web\] loadBalancer\.containerName: got nothing; allowed: a task definition with a container that has a port mapping\. Hint: add portMappings/],
    ['load balancer to an unmapped port', make({ loadBalancer: { containerPort: 9999 } }),
      /^\[Stack\/Web\] loadBalancer\.containerPort: got 9999; allowed: a port mapped by container "web": 8080\./],
    ['load balancer to an unknown container', make({ loadBalancer: { containerName: 'api' } }),
      /^\[Stack\/Web\] loadBalancer\.containerName: got "api"; allowed: one of: web\./],
    ['access logs without a concrete region', make({ loadBalancer: {} }, TaskCompatibility.FARGATE, ''),
      /^\[Stack\/Web\] loadBalancer\.accessLogs: got true; allowed: a stack with a concrete region \(env: \{ region \}\)\. Hint: .*accessLogs: false/],
    ['access log bucket with KMS encryption', () => {
      const f = fixture();
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

  test('tokens are skipped and passed through: counts, capacity base and weights, autoscaling bounds and targets', () => {
    // GIVEN
    const f = fixture();
    const number = (id: string) => new CfnParameter(f.stack, id, { type: 'Number' }).valueAsNumber;
    // WHEN
    new EcsService(f.stack, 'Web', {
      cluster: f.cluster, taskDefinition: f.app, desiredCount: number('Count'), minHealthyPercent: number('MinHealthy'),
      capacity: ServiceCapacity.fargateMix({ fargateBase: number('Base'), fargateWeight: number('Weight'), spotWeight: number('SpotWeight') }),
      loadBalancer: {},
      autoScaling: { maxCapacity: number('Max'), targetCpuPercent: number('Cpu'), targetRequestsPerTask: number('Requests') },
    });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: { Ref: 'Count' },
      DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: { Ref: 'MinHealthy' } }),
      CapacityProviderStrategy: [
        { CapacityProvider: 'FARGATE', Base: { Ref: 'Base' }, Weight: { Ref: 'Weight' } },
        { CapacityProvider: 'FARGATE_SPOT', Weight: { Ref: 'SpotWeight' } },
      ],
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: { Ref: 'Count' }, MaxCapacity: { Ref: 'Max' } });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: { Ref: 'Cpu' } }),
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: { Ref: 'Requests' } }),
    });
  });
});
