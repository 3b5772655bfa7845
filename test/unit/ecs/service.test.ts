import { App, CfnParameter, Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EcsCluster } from '../../../lib/ecs/cluster';
import { ClusterCapacity, Ec2PurchaseOption } from '../../../lib/ecs/capacity';
import { EcsService, EcsServiceProps, ImageDeploys, ServiceCapacity } from '../../../lib/ecs';
import { EcsTaskDefinition, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { ValidationError } from '../../../lib/errors';
import { internalHttpService, internetFacingHttpsService, NGINX_IMAGE, serviceFixture, ServiceFixture } from '../../support/ecs';
import { EC2_AND_FARGATE_CLUSTERS, ec2AndFargateClusters } from '../../support/seed-notes';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

describe('EcsService defaults', () => {
  let template: Template;
  let svc: EcsService;
  let f: ServiceFixture;
  beforeAll(() => {
    // GIVEN
    f = serviceFixture();
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
  beforeAll(() => {
    // GIVEN / WHEN
    ({ template } = internetFacingHttpsService());
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
});

describe('EcsService with an internal HTTP load balancer', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = internalHttpService());
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
  test('Spot only with one task: warning (legal but risky)', () => {
    const f = serviceFixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.fargateSpot(), desiredCount: 1 });
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('desiredCount 1 on Fargate Spot only'));
  });

  test('one task on a Spot-only EC2 capacity: warning; on On-Demand capacity or with two tasks: none', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const platform = new EcsCluster(stack, 'Platform', {
      vpc,
      capacity: [ClusterCapacity.ec2({ name: 'OnDemand' }), ClusterCapacity.ec2({ name: 'Spot', purchaseOption: Ec2PurchaseOption.SPOT })],
    });
    const app = new EcsTaskDefinition(stack, 'App', { compatibility: TaskCompatibility.EC2, containers: [{ name: 'web', image: NGINX_IMAGE }] });
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

  test('options: deployment percents, execute command, service name, Service Connect', () => {
    const f = serviceFixture();
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
  test('given subnets, security groups, grace period, container, and access log bucket are used', () => {
    // GIVEN
    const f = serviceFixture();
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
    const f = serviceFixture(compatibility, region);
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...over });
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
    ['maxHealthyPercent below 100', make({ minHealthyPercent: 0, maxHealthyPercent: 99 }),
      /^\[Stack\/Web\] maxHealthyPercent: got 99; allowed: a whole number of at least 100\./],
    ['maxHealthyPercent fractional', make({ maxHealthyPercent: 250.5 }),
      /^\[Stack\/Web\] maxHealthyPercent: got 250\.5; allowed: a whole number of at least 100\./],
    ['maxHealthyPercent not above minHealthyPercent', make({ minHealthyPercent: 100, maxHealthyPercent: 100 }),
      /^\[Stack\/Web\] maxHealthyPercent: got 100; allowed: more than minHealthyPercent \(100\)\. Hint: .*deployments hang/],
    // placement and capacity provider strategy
    ['placement strategies on Fargate', make({ placementStrategies: [ecs.PlacementStrategy.packedByMemory()] }),
      /^\[Stack\/Web\] placementStrategies: got "1 strategies"; allowed: nothing on Fargate \(Fargate places tasks itself\)\./],
    ['all capacity weights zero', make({ capacity: ServiceCapacity.fargateMix({ fargateWeight: 0, spotWeight: 0 }) }),
      /^\[Stack\/Web\] capacity: got \[0,0\]; allowed: fargateWeight or spotWeight above 0\./],
    ['capacity-provider base above 100000', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: 100_001 }) }),
      /^\[Stack\/Web\] capacity\.fargateBase: got 100001; allowed: a whole number from 0 to 100000\./],
    ['negative capacity-provider base', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: -1 }) }),
      /^\[Stack\/Web\] capacity\.fargateBase: got -1; allowed: a whole number from 0 to 100000\./],
    ['fractional capacity-provider base', make({ capacity: ServiceCapacity.fargateMix({ fargateBase: 1.5 }) }),
      /^\[Stack\/Web\] capacity\.fargateBase: got 1\.5; allowed: a whole number from 0 to 100000\./],
    ['capacity-provider weight above 1000', make({ capacity: ServiceCapacity.fargateMix({ spotWeight: 1001 }) }),
      /^\[Stack\/Web\] capacity\.spotWeight: got 1001; allowed: a whole number from 0 to 1000\./],
    // autoscaling
    ['autoscaling max 0', make({ autoScaling: { maxCapacity: 0 } }),
      /^\[Stack\/Web\] autoScaling\.maxCapacity: got 0; allowed: a whole number from 1 to 5000\./],
    ['autoscaling max below min', make({ autoScaling: { minCapacity: 5, maxCapacity: 3 }, desiredCount: 3 }),
      /^\[Stack\/Web\] autoScaling\.maxCapacity: got 3; allowed: at least minCapacity \(5\)\./],
    ['CPU target 0', make({ autoScaling: { maxCapacity: 4, targetCpuPercent: 0 } }),
      /^\[Stack\/Web\] autoScaling\.targetCpuPercent: got 0; allowed: a number above 0 and at most 100\./],
    ['CPU target above 100', make({ autoScaling: { maxCapacity: 4, targetCpuPercent: 101 } }),
      /^\[Stack\/Web\] autoScaling\.targetCpuPercent: got 101; allowed: a number above 0 and at most 100\./],
    ['memory target above 100', make({ autoScaling: { maxCapacity: 4, targetMemoryPercent: 150 } }),
      /^\[Stack\/Web\] autoScaling\.targetMemoryPercent: got 150; allowed: a number above 0 and at most 100\./],
    ['request target 0', make({ loadBalancer: {}, autoScaling: { maxCapacity: 4, targetRequestsPerTask: 0 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got 0; allowed: a number above 0\./],
    ['a negative request target', make({ loadBalancer: {}, autoScaling: { maxCapacity: 4, targetRequestsPerTask: -5 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got -5; allowed: a number above 0\./],
    ['a service name with a dot', make({ serviceName: 'web.api' }),
      /^\[Stack\/Web\] serviceName: got "web\.api"; allowed: 1-255 letters, digits, hyphens and underscores\./],
    ['a service name of 256 characters', make({ serviceName: 'a'.repeat(256) }),
      /^\[Stack\/Web\] serviceName: got "a{256}"; allowed: 1-255 letters/],
    ['a grace period of 1.5 seconds', make({ healthCheckGracePeriod: Duration.millis(1500) }),
      /^\[Stack\/Web\] healthCheckGracePeriod: got "1 second 500 millis"; allowed: whole seconds from 0 to 2147483647\./],
    ['a grace period above 2147483647 seconds', make({ healthCheckGracePeriod: Duration.seconds(2_147_483_648) }),
      /^\[Stack\/Web\] healthCheckGracePeriod: got .*; allowed: whole seconds from 0 to 2147483647\./],
    ['an EC2 capacity provider named FARGATE', () => {
      const f = serviceFixture(TaskCompatibility.EC2);
      new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.ec2({ capacityProviderName: 'FARGATE' }) });
    }, /^\[Stack\/Web\] capacity\.capacityProviderName: got "FARGATE"; allowed: the name of an EC2 capacity provider/],
    ['six placement strategy rules', () => {
      const f = serviceFixture(TaskCompatibility.EC2);
      new EcsService(f.stack, 'Web', {
        cluster: f.cluster, taskDefinition: f.app, capacity: ServiceCapacity.ec2(),
        placementStrategies: [ecs.PlacementStrategy.spreadAcross('a', 'b', 'c'), ecs.PlacementStrategy.packedByMemory(), ecs.PlacementStrategy.packedByCpu(), ecs.PlacementStrategy.randomly()],
      });
    }, /^\[Stack\/Web\] placementStrategies: got "6 rules"; allowed: at most 5 placement strategy rules per service\./],
    ['request target without a load balancer', make({ autoScaling: { maxCapacity: 4, targetRequestsPerTask: 100 } }),
      /^\[Stack\/Web\] autoScaling\.targetRequestsPerTask: got 100; allowed: nothing without `loadBalancer`\. Hint: request counts come from the load balancer/],
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
    const f = serviceFixture();
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

describe('EcsService values at the edge of what AWS takes', () => {
  test('the default desiredCount follows autoScaling: 1 with maxCapacity 1, minCapacity when above 2', () => {
    // GIVEN
    const f = serviceFixture();
    // WHEN
    new EcsService(f.stack, 'Small', { cluster: f.cluster, taskDefinition: f.app, autoScaling: { maxCapacity: 1 } });
    new EcsService(f.stack, 'Big', { cluster: f.cluster, taskDefinition: f.app, autoScaling: { minCapacity: 3, maxCapacity: 6 } });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 1 });
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 1 });
  });

  test('fractional autoscaling targets are passed as given', () => {
    // GIVEN
    const f = serviceFixture();
    // WHEN
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: {}, autoScaling: { maxCapacity: 4, targetCpuPercent: 55.5, targetRequestsPerTask: 0.5 } });
    // THEN
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 55.5 }) });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 0.5 }) });
  });

  test('minCapacity equal to maxCapacity is a warning, not an error', () => {
    // GIVEN
    const f = serviceFixture();
    // WHEN
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, desiredCount: 3, autoScaling: { minCapacity: 3, maxCapacity: 3 } });
    // THEN
    Annotations.fromStack(f.stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('autoScaling.minCapacity equals maxCapacity \\(3\\).*\\[ack: cdk-containers:ecs-autoscaling-fixed-size\\]'));
  });

  test('a 255-character service name and a token grace period are accepted', () => {
    // GIVEN
    const f = serviceFixture();
    const seconds = new CfnParameter(f.stack, 'Grace', { type: 'Number' }).valueAsNumber;
    // WHEN
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, serviceName: `A_${'b-'.repeat(126)}c`, healthCheckGracePeriod: Duration.seconds(seconds) });
    // THEN
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Service', { HealthCheckGracePeriodSeconds: { Ref: 'Grace' } });
  });
});

describe(EC2_AND_FARGATE_CLUSTERS, () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ template } = ec2AndFargateClusters());
  });

  test('notes: "a task is an instance of a task definition within a cluster": a service runs copies of one task definition in one cluster', () => {
    // THEN
    template.hasResourceProperties('AWS::ECS::Service', {
      TaskDefinition: { Ref: Match.stringLikeRegexp('^Worker') },
      Cluster: { Ref: Match.stringLikeRegexp('^Ec2Cluster') },
      DesiredCount: 5,
    });
  });

  test('notes: "Fargate: AWS manages the cluster; you just define networking and IAM policies": no instances, only a network configuration and roles', () => {
    const fargateService = Object.values(template.findResources('AWS::ECS::Service', { Properties: { LaunchType: 'FARGATE' } }));
    expect(fargateService).toHaveLength(1);
    expect(fargateService[0]!.Properties.NetworkConfiguration.AwsvpcConfiguration).toEqual(expect.objectContaining({ AssignPublicIp: 'DISABLED' }));
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      TaskRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebTaskRole'), 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebExecutionRole'), 'Arn'] },
    });
  });
});

describe(SAME_IDENTITIES, () => {
  test('EcsTaskDefinition + EcsService: image tag, desired count, an added port', () => {
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37');
    expectSameIdentities(
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'app', image, portMappings: [{ containerPort: 8080 }] }] });
        new EcsService(s, 'Service', { cluster: cluster.cluster, taskDefinition: task, desiredCount: 2 });
      },
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', {
          containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.38'), portMappings: [{ containerPort: 8080 }, { containerPort: 8443 }] }],
        });
        new EcsService(s, 'Service', { cluster: cluster.cluster, taskDefinition: task, desiredCount: 5 });
      },
      ['AWS::ECS::Service', 'AWS::Logs::LogGroup'],
    );
  });
});

describe('EcsService image deploys from CI', () => {
  test('CLOUDFORMATION (the default): the service names the revision its stack registered', () => {
    const f = serviceFixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app });
    const [svc] = Object.values(Template.fromStack(f.stack).findResources('AWS::ECS::Service'));
    expect(svc!.Properties.TaskDefinition).toEqual({ Ref: expect.stringMatching(/^App/) });
  });

  test('OUTSIDE_CLOUDFORMATION: the service names the family, so it runs the newest revision CI registered', () => {
    const f = serviceFixture();
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, imageDeploys: ImageDeploys.OUTSIDE_CLOUDFORMATION });
    const template = Template.fromStack(f.stack);
    const [svc] = Object.values(template.findResources('AWS::ECS::Service'));
    const [td] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    expect(svc!.Properties.TaskDefinition).toBe(td!.Properties.Family);
    expect(typeof svc!.Properties.TaskDefinition).toBe('string');
  });

  test('grantImageDeploy: register revisions, pass the task\'s roles to ECS tasks only, update this service only; the wildcard acknowledged alone', () => {
    const f = serviceFixture();
    const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, imageDeploys: ImageDeploys.OUTSIDE_CLOUDFORMATION });
    const ci = new iam.Role(f.stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    service.grantImageDeploy(ci);
    const template = Template.fromStack(f.stack);
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Ci') }] } }));
    const statements = policy!.Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Action: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'], Effect: 'Allow', Resource: '*' },
      {
        Action: 'iam:PassRole', Effect: 'Allow', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        Resource: expect.arrayContaining([{ 'Fn::GetAtt': [expect.stringMatching(/^AppTaskRole/), 'Arn'] }, { 'Fn::GetAtt': [expect.stringMatching(/^AppExecutionRole/), 'Arn'] }]),
      },
      { Action: ['ecs:UpdateService', 'ecs:DescribeServices'], Effect: 'Allow', Resource: { Ref: expect.stringMatching(/^WebService/) } },
    ]);
    expect(policy!.Metadata['cdk-containers'].acknowledged.map((a: { id: string }) => a.id)).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::*]']);
  });

  test('a wildcard the CI role holds for something else stays reported', () => {
    const f = serviceFixture();
    const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app });
    const ci = new iam.Role(f.stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    service.grantImageDeploy(ci);
    ci.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const [policy] = Object.values(Template.fromStack(f.stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Ci') }] } }));
    expect(policy!.Metadata?.['cdk-containers']?.acknowledged ?? []).toEqual([]);
  });
});
