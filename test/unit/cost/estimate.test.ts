import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContainerErrors, PlatformNetwork } from '../../../lib';
import { CostEstimator, PriceTables } from '../../../lib/cost';
import { thrownBy } from '../../support/thrown';

/** A synthesized template, as the estimator reads it. */
type CloudFormationTemplate = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** Sums the line items of one resource. */
function monthlyOf(template: CloudFormationTemplate, logicalId: string): number {
  return CostEstimator.estimate(template).lineItems.filter((i) => i.logicalId === logicalId).reduce((s, i) => s + i.monthly, 0);
}

describe('CostEstimator.estimate: network and control planes', () => {
  // GIVEN a NAT gateway with its EIP, an internet-facing ALB in 2 subnets, an EKS cluster,
  // an interface endpoint in 3 subnets, a gateway endpoint and a KMS key
  const template: CloudFormationTemplate = {
    Resources: {
      Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { AllocationId: { 'Fn::GetAtt': ['Eip', 'AllocationId'] } } },
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing', Subnets: ['a', 'b'], Type: 'application' } },
      InternalNlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', Subnets: ['a', 'b'], Type: 'network' } },
      Eks: { Type: 'AWS::EKS::Cluster', Properties: {} },
      Ecr: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.ecr.api', SubnetIds: ['a', 'b', 'c'] } },
      S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3' } },
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    },
  };
  // WHEN
  const estimate = CostEstimator.estimate(template);

  test('prices each fixed-cost resource by hand-computed figures (730 hours)', () => {
    // THEN
    expect(monthlyOf(template, 'Nat')).toBeCloseTo(0.045 * 730, 2); // 32.85
    expect(monthlyOf(template, 'Eip')).toBeCloseTo(3.65, 2);
    expect(monthlyOf(template, 'Alb')).toBeCloseTo(16.425 + 2 * 3.65, 1); // ALB hours + one public IPv4 per AZ
    expect(monthlyOf(template, 'InternalNlb')).toBeCloseTo(16.425, 1); // internal: no public addresses
    expect(monthlyOf(template, 'Eks')).toBeCloseTo(73, 2);
    expect(monthlyOf(template, 'Ecr')).toBeCloseTo(3 * 7.3, 2); // per AZ
    expect(monthlyOf(template, 'S3')).toBe(0); // gateway endpoints are free
    expect(monthlyOf(template, 'Key')).toBe(1);
  });

  test('the total is the sum of the line items', () => {
    expect(estimate.totalMonthly).toBeCloseTo(32.85 + 3.65 + 16.425 + 7.3 + 16.425 + 73 + 21.9 + 1, 1); // 172.55
    expect(estimate.unpriced).toEqual([]);
  });

  test('names usage charges it leaves out and the price source', () => {
    expect(estimate.notes.join('\n')).toMatch(/CloudWatch Logs.*usage/);
    expect(estimate.notes.join('\n')).toMatch(/LCUs/);
    expect(estimate.region).toBe('us-east-1');
    expect(estimate.priceSource).toMatch(/aws\.amazon\.com\/fargate\/pricing/);
    expect(CostEstimator.formatReport(estimate)).toMatch(/total fixed cost: \$172\.5\d per month/);
  });
});

describe('CostEstimator.estimate: Fargate services', () => {
  const task = (cpu: string, memory: string, arch?: string): { Type: string; Properties: Record<string, unknown> } => ({
    Type: 'AWS::ECS::TaskDefinition',
    Properties: { Cpu: cpu, Memory: memory, ...(arch ? { RuntimePlatform: { CpuArchitecture: arch, OperatingSystemFamily: 'LINUX' } } : {}) },
  });

  test('splits desiredCount over FARGATE and FARGATE_SPOT: bases first, then by weight', () => {
    // GIVEN 4 tasks of 0.5 vCPU / 1 GB: FARGATE base 1 weight 1, FARGATE_SPOT weight 3
    const template: CloudFormationTemplate = {
      Resources: {
        Task: task('512', '1024'),
        Svc: {
          Type: 'AWS::ECS::Service',
          Properties: {
            DesiredCount: 4, TaskDefinition: { Ref: 'Task' },
            CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }],
          },
        },
      },
    };
    // WHEN
    const items = CostEstimator.estimate(template).lineItems;
    // THEN per task (0.5 * 0.04048 + 1 * 0.004445) * 730 = 18.02; 1 + 3/4 on demand, 9/4 on Spot at 30%
    const onDemand = items.find((i) => i.description.startsWith('Fargate tasks'));
    const spot = items.find((i) => i.description.startsWith('Fargate Spot'));
    expect(onDemand?.quantity).toBe(1.75);
    expect(onDemand?.monthly).toBeCloseTo(1.75 * 18.02005, 1); // 31.54
    expect(spot?.quantity).toBe(2.25);
    expect(spot?.monthly).toBeCloseTo(2.25 * 18.02005 * 0.3, 1); // 12.16
  });

  test('prices ARM64 tasks at Graviton rates and LaunchType FARGATE as on-demand', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Task: task('1024', '2048', 'ARM64'),
        Svc: { Type: 'AWS::ECS::Service', Properties: { DesiredCount: 2, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Task' } } },
      },
    };
    // (1 * 0.03238 + 2 * 0.00356) * 730 = 28.835 per task
    expect(monthlyOf(template, 'Svc')).toBeCloseTo(57.67, 1);
  });

  test('does not price Fargate Spot tasks ECS cannot place (ARM64 or Windows): lists them as unpriced', () => {
    const windowsTask = { Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '1024', Memory: '2048', RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } } };
    const mix = [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];
    const template: CloudFormationTemplate = {
      Resources: {
        Arm: task('1024', '2048', 'ARM64'),
        Win: windowsTask,
        ArmSvc: { Type: 'AWS::ECS::Service', Properties: { DesiredCount: 3, CapacityProviderStrategy: mix, TaskDefinition: { Ref: 'Arm' } } },
        WinSvc: { Type: 'AWS::ECS::Service', Properties: { DesiredCount: 1, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Win' } } },
      },
    };
    const estimate = CostEstimator.estimate(template);
    // 3 tasks: 1 base + 1 by weight on FARGATE (priced), 1 on FARGATE_SPOT (not placeable, not priced)
    expect(estimate.lineItems.filter((i) => i.logicalId === 'ArmSvc').map((i) => [i.description, i.quantity])).toEqual([['Fargate tasks (arm64, 1 vCPU, 2 GB)', 2]]);
    expect(estimate.lineItems.some((i) => i.description.startsWith('Fargate Spot'))).toBe(false);
    expect(estimate.unpriced).toEqual([{ logicalId: 'ArmSvc', resourceType: 'AWS::ECS::Service', reason: '1 Fargate Spot task(s) of an ARM64 task definition: Fargate Spot runs Linux X86_64 tasks only' }]);
    expect(estimate.notes).toContain('WinSvc: Windows tasks priced at the Linux rates (Fargate\'s Windows OS license fee is not included)');
  });

  test('uses the cluster\'s default capacity provider strategy when the service has none', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Cluster: { Type: 'AWS::ECS::Cluster' },
        Assoc: {
          Type: 'AWS::ECS::ClusterCapacityProviderAssociations',
          Properties: { Cluster: { Ref: 'Cluster' }, DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] },
        },
        Task: task('256', '512'),
        Svc: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' }, DesiredCount: 2, TaskDefinition: { Ref: 'Task' } } },
      },
    };
    // (0.25 * 0.04048 + 0.5 * 0.004445) * 730 * 0.3 = 2.7039 per task
    const items = CostEstimator.estimate(template).lineItems;
    expect(items).toHaveLength(1);
    expect(items[0].description).toMatch(/^Fargate Spot/);
    expect(items[0].monthly).toBeCloseTo(5.41, 1);
  });

  test('lists services it cannot price instead of guessing', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Task: task('256', '512'),
        Svc: { Type: 'AWS::ECS::Service', Properties: { DesiredCount: { Ref: 'Count' }, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Task' } } },
      },
    };
    const estimate = CostEstimator.estimate(template);
    expect(estimate.lineItems).toEqual([]);
    expect(estimate.unpriced).toEqual([{ logicalId: 'Svc', resourceType: 'AWS::ECS::Service', reason: expect.stringMatching(/DesiredCount/) }]);
  });
});

describe('CostEstimator.estimate: instances', () => {
  test('Auto Scaling groups at their minimum size, with launch template volumes', () => {
    // GIVEN 2 x m7g.large with a 30 GB gp3 root volume
    const template: CloudFormationTemplate = {
      Resources: {
        Lt: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { InstanceType: 'm7g.large', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3' } }] } },
        },
        Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '2', MaxSize: '4', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } } },
        Idle: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '0', MaxSize: '4', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } } } },
      },
    };
    // THEN 2 * 0.0816 * 730 = 119.14; 60 GB * 0.08 = 4.80; a minimum of 0 costs nothing idle
    const estimate = CostEstimator.estimate(template);
    expect(monthlyOf(template, 'Asg')).toBeCloseTo(119.136 + 4.8, 1);
    expect(monthlyOf(template, 'Idle')).toBe(0);
    expect(estimate.notes.join('\n')).toMatch(/Idle: minimum size 0/);
  });

  test('mixed instances policies take the first override; unknown types are listed, not guessed', () => {
    const template: CloudFormationTemplate = {
      Resources: {
        Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: {} } },
        Mixed: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: '1', MaxSize: '2',
            MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Lt' } }, Overrides: [{ InstanceType: 't4g.small' }, { InstanceType: 't4g.medium' }] } },
          },
        },
        Odd: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'x9z.mega' } },
      },
    };
    const estimate = CostEstimator.estimate(template);
    expect(monthlyOf(template, 'Mixed')).toBeCloseTo(0.0168 * 730, 2); // 12.26
    expect(estimate.unpriced).toEqual([{ logicalId: 'Odd', resourceType: 'AWS::EC2::Instance', reason: expect.stringMatching(/x9z\.mega/) }]);
  });

  test('EKS node groups at their minimum size with the default 20 GB disk', () => {
    const template: CloudFormationTemplate = {
      Resources: { Ng: { Type: 'AWS::EKS::Nodegroup', Properties: { InstanceTypes: ['t4g.medium'], ScalingConfig: { MinSize: 1, DesiredSize: 2, MaxSize: 3 } } } },
    };
    // 0.0336 * 730 = 24.53 plus 20 GB gp2 at 0.10 = 2.00
    expect(monthlyOf(template, 'Ng')).toBeCloseTo(26.53, 1);
  });

  test('takes another price table', () => {
    const template: CloudFormationTemplate = { Resources: { Nat: { Type: 'AWS::EC2::NatGateway' } } };
    const estimate = CostEstimator.estimate(template, { prices: { ...PriceTables.US_EAST_1, region: 'eu-west-1', natGatewayHour: 0.048 } });
    expect(estimate.totalMonthly).toBeCloseTo(35.04, 2);
    expect(estimate.region).toBe('eu-west-1');
  });
});

describe('CostEstimator.estimate: a synthesized PlatformNetwork', () => {
  test('the default network costs one NAT gateway, its address and the flow-log key', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Net');
    new PlatformNetwork(stack, 'Network');
    // WHEN
    const estimate = CostEstimator.estimate(Template.fromStack(stack).toJSON());
    // THEN 32.85 + 3.65 + 1.00
    expect(estimate.totalMonthly).toBeCloseTo(37.5, 2);
    expect(estimate.lineItems.map((i) => i.resourceType).sort()).toEqual(['AWS::EC2::EIP', 'AWS::EC2::NatGateway', 'AWS::KMS::Key']);
  });
});

describe('CostEstimator.estimate: what it is given', () => {
  test('a template without Resources costs nothing', () => {
    expect(CostEstimator.estimate({}).totalMonthly).toBe(0);
    expect(CostEstimator.estimate({ Outputs: {} }).lineItems).toEqual([]);
  });

  test.each([
    ['Resources as an array', { Resources: [] }],
    ['Resources as a string', { Resources: 'AWS::EC2::NatGateway' }],
    ['a resource without a Type', { Resources: { Nat: { Properties: {} } } }],
    ['a resource that is null', { Resources: { Nat: null } }],
  ])('refuses %s with a ValidationError that says what a template looks like', (_, template) => {
    const e = thrownBy(() => CostEstimator.estimate(template));
    expect(ContainerErrors.isValidationError(e)).toBe(true);
    expect((e as Error).message).toMatch(/^\[CostEstimator\.estimate\] template\.Resources: got .*; allowed: an object mapping logical ids to resources with a string Type, as a synthesized template does\./);
  });
});
