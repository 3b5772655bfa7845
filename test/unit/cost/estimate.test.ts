import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { ContainerErrors } from '../../../lib/errors';
import { PlatformNetwork } from '../../../lib/network';
import { CostEstimate, CostEstimator, PriceTable, PriceTables } from '../../../lib/cost';
import { EksCluster, EksUpgradePolicy } from '../../../lib/eks';
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
  // WHEN: in each test, not in the describe body, where Stryker's per-test coverage would count it for no test
  const estimateOf = (): CostEstimate => CostEstimator.estimate(template);

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
    const estimate = estimateOf();
    expect(estimate.totalMonthly).toBeCloseTo(32.85 + 3.65 + 16.425 + 7.3 + 16.425 + 73 + 21.9 + 1, 1); // 172.55
    expect(estimate.unpriced).toEqual([]);
  });

  test('names usage charges it leaves out and the price source', () => {
    const estimate = estimateOf();
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

describe('CostEstimator.estimate: EKS control planes by Kubernetes support', () => {
  const cluster = (properties: Record<string, unknown>): CloudFormationTemplate => ({ Resources: { Eks: { Type: 'AWS::EKS::Cluster', Properties: properties } } });
  const estimateOn = (properties: Record<string, unknown>, supportDate: string, prices = PriceTables.US_EAST_1) =>
    CostEstimator.estimate(cluster(properties), { supportDate, prices });

  test('a version in extended support costs the extended rate under EXTENDED, and under EKS\'s default (no UpgradePolicy)', () => {
    for (const properties of [{ Version: '1.33', UpgradePolicy: { SupportType: 'EXTENDED' } }, { Version: '1.33' }]) {
      const estimate = estimateOn(properties, '2026-12-07');
      expect(estimate.lineItems).toEqual([
        { logicalId: 'Eks', resourceType: 'AWS::EKS::Cluster', description: 'EKS control plane (extended support, Kubernetes 1.33)', quantity: 1, unit: 'cluster', unitMonthly: 438, monthly: 438 },
      ]);
    }
  });

  test('extended support starts on the day standard support ends', () => {
    const before = estimateOn({ Version: '1.34', UpgradePolicy: { SupportType: 'EXTENDED' } }, '2026-12-01');
    const on = estimateOn({ Version: '1.34', UpgradePolicy: { SupportType: 'EXTENDED' } }, '2026-12-02');
    expect([before.totalMonthly, on.totalMonthly]).toEqual([73, 438]);
    expect(before.notes).toContain('Eks: Kubernetes 1.34 leaves standard support on 2026-12-02; with the EXTENDED upgrade policy the control plane then costs $0.60/h instead of $0.10/h');
  });

  test('under STANDARD a version past standard support is priced at the standard rate, with a note: EKS upgrades it', () => {
    const estimate = estimateOn({ Version: '1.33', UpgradePolicy: { SupportType: 'STANDARD' } }, '2026-12-07');
    expect(estimate.totalMonthly).toBe(73);
    expect(estimate.notes).toContain('Eks: Kubernetes 1.33 left standard support on 2026-07-29; under the STANDARD upgrade policy EKS upgrades the control plane instead of charging for extended support');
    // No note about the end of standard support under STANDARD.
    expect(estimateOn({ Version: '1.35', UpgradePolicy: { SupportType: 'STANDARD' } }, '2026-12-07').notes.filter((n) => n.startsWith('Eks:'))).toEqual([]);
  });

  test('the standard rate, with a note, for a version past extended support or one that is not literal', () => {
    const ended = estimateOn({ Version: '1.31' }, '2026-12-07');
    expect(ended.totalMonthly).toBe(73);
    expect(ended.notes).toContain('Eks: Kubernetes 1.31 is past the end of EKS extended support (2026-11-26): EKS creates no cluster on it and upgrades the ones left');
    const token = estimateOn({ Version: { Ref: 'Version' } }, '2026-12-07');
    expect(token.totalMonthly).toBe(73);
    expect(token.notes).toContain('Eks: Kubernetes version not literal; standard support assumed');
    const policyToken = estimateOn({ Version: '1.33', UpgradePolicy: { SupportType: { Ref: 'Policy' } } }, '2026-12-07');
    expect(policyToken.totalMonthly).toBe(73);
    expect(policyToken.notes).toContain('Eks: upgrade policy not literal; Kubernetes 1.33 is past standard support, priced at the standard rate (extended support costs $0.60/h)');
  });

  test('a table\'s own extended-support price is used; without one, $0.60', () => {
    expect(estimateOn({ Version: '1.33' }, '2026-12-07', { ...PriceTables.US_EAST_1, eksClusterExtendedSupportHour: 0.5 }).totalMonthly).toBe(365);
    const withoutPrice: PriceTable = { ...PriceTables.US_EAST_1 };
    delete (withoutPrice as { eksClusterExtendedSupportHour?: number }).eksClusterExtendedSupportHour;
    expect('eksClusterExtendedSupportHour' in withoutPrice).toBe(false);
    expect(estimateOn({ Version: '1.33' }, '2026-12-07', withoutPrice).totalMonthly).toBe(438);
    for (const bad of [-0.6, Number.NaN]) {
      expect(thrownBy(() => estimateOn({ Version: '1.33' }, '2026-12-07', { ...PriceTables.US_EAST_1, eksClusterExtendedSupportHour: bad })))
        .toMatchObject({ property: 'prices.eksClusterExtendedSupportHour' });
    }
  });

  test('an EksCluster (STANDARD by default) is never priced at the extended rate; one with EXTENDED is, once its version leaves standard support', () => {
    const stack = new Stack(new App(), 'Stack');
    new EksCluster(stack, 'Standard', { version: eks.KubernetesVersion.V1_35 });
    new EksCluster(stack, 'Extended', { version: eks.KubernetesVersion.V1_35, upgradePolicy: EksUpgradePolicy.EXTENDED });
    const template = Template.fromStack(stack).toJSON();
    const controlPlanes = (supportDate: string) => CostEstimator.estimate(template, { supportDate }).lineItems
      .filter((i) => i.resourceType === 'AWS::EKS::Cluster').map((i) => [i.logicalId.replace(/[0-9A-F]{8}$/, ''), i.monthly]);
    expect(controlPlanes('2027-03-26')).toEqual([['Standard', 73], ['Extended', 73]]);
    expect(controlPlanes('2027-03-27')).toEqual([['Standard', 73], ['Extended', 438]]);
  });

  test.each(['2026-02-30', '07.12.2026', ''])('a supportDate that is not a day (%j) is a ValidationError', (supportDate) => {
    const error = thrownBy(() => CostEstimator.estimate(cluster({ Version: '1.33' }), { supportDate }));
    expect(ContainerErrors.isValidationError(error)).toBe(true);
    expect((error as Error).message).toBe(`[CostEstimator.estimate] options.supportDate: got ${JSON.stringify(supportDate)}; allowed: a day written YYYY-MM-DD, e.g. "2026-12-07". `
      + 'Hint: the day the EKS clusters\' Kubernetes versions are placed in the EKS release calendar; leave it unset for today');
  });
});

/** A line item as the estimator reports it, from hand-computed figures (730 hours, PriceTables.US_EAST_1). */
const item = (logicalId: string, resourceType: string, description: string, quantity: number, unit: string, unitMonthly: number, monthly: number) =>
  ({ logicalId, resourceType, description, quantity, unit, unitMonthly, monthly });
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const VPCE = 'AWS::EC2::VPCEndpoint';
/** A service name as aws-cdk-lib synthesizes it for an interface endpoint: com.amazonaws.<region>.<service>. */
const serviceNameToken = (suffix: string) => ({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, suffix]] });

describe('CostEstimator.estimate: every line item of the network resources', () => {
  const template: CloudFormationTemplate = {
    Resources: {
      PrivateNat: { Type: 'AWS::EC2::NatGateway', Properties: { ConnectivityType: 'private' } },
      Nlb: { Type: LB, Properties: { Type: 'network', SubnetMappings: [{}, {}, {}] } },
      Alb: { Type: LB, Properties: { Scheme: 'internet-facing', Subnets: { Ref: 'PublicSubnets' } } },
      NoSubnets: { Type: LB, Properties: { Subnets: [] } },
      Auto: { Type: 'AWS::EKS::Cluster', Properties: { ComputeConfig: { Enabled: true } } },
      Gwlb: { Type: VPCE, Properties: { VpcEndpointType: 'GatewayLoadBalancer', ServiceName: serviceNameToken('.vpce-svc-0abc'), SubnetIds: { Ref: 'Ids' } } },
      Dkr: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: serviceNameToken('.ecr.dkr'), SubnetIds: ['a', 'b'] } },
      Ssm: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ssm']], Comment: 'x' }, SubnetIds: ['a'] } },
      FromParameter: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: { Ref: 'Service' }, SubnetIds: ['a'] } },
      Gateway: { Type: VPCE, Properties: { VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3' } },
      Secret: { Type: 'AWS::SecretsManager::Secret' },
      Vm: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 't3.medium' } },
      DefaultVm: { Type: 'AWS::EC2::Instance' },
      Flow: { Type: 'AWS::EC2::FlowLog' },
      Repo: { Type: 'AWS::ECR::Repository' },
      Cluster: { Type: 'AWS::ECS::Cluster' },
      Topic: { Type: 'AWS::SNS::Topic' },
    },
  };

  test('each priced thing, in template order, with its description, quantity, unit and price', () => {
    // WHEN
    const estimate = CostEstimator.estimate(template);
    // THEN: NAT 0.045 x 730 = 32.85; load balancer 0.0225 x 730 = 16.425; address 0.005 x 730 = 3.65;
    // EKS 0.10 x 730 = 73; endpoint AZ 0.01 x 730 = 7.30; t3.medium 0.0416 x 730 = 30.368
    const addresses = 'public IPv4 addresses of an internet-facing load balancer (one per AZ)';
    expect(estimate.lineItems).toEqual([
      item('PrivateNat', 'AWS::EC2::NatGateway', 'NAT gateway (private)', 1, 'gateway', 32.85, 32.85),
      item('Nlb', LB, 'Network Load Balancer', 1, 'load balancer', 16.43, 16.43),
      item('Nlb', LB, addresses, 3, 'address', 3.65, 10.95),
      item('Alb', LB, 'Application Load Balancer', 1, 'load balancer', 16.43, 16.43),
      item('Alb', LB, addresses, 2, 'address', 3.65, 7.3),
      item('NoSubnets', LB, 'Application Load Balancer', 1, 'load balancer', 16.43, 16.43),
      item('Auto', 'AWS::EKS::Cluster', 'EKS control plane (standard support)', 1, 'cluster', 73, 73),
      item('Gwlb', VPCE, 'interface endpoint vpce-svc-0abc', 2, 'AZ', 7.3, 14.6),
      item('Dkr', VPCE, 'interface endpoint ecr.dkr', 2, 'AZ', 7.3, 14.6),
      item('Ssm', VPCE, 'interface endpoint ssm', 1, 'AZ', 7.3, 7.3),
      item('FromParameter', VPCE, 'interface endpoint (service from a token)', 1, 'AZ', 7.3, 7.3),
      item('Secret', 'AWS::SecretsManager::Secret', 'Secrets Manager secret', 1, 'secret', 0.4, 0.4),
      item('Vm', 'AWS::EC2::Instance', 'EC2 instance (t3.medium)', 1, 'instance', 30.37, 30.37),
    ]);
    expect(estimate.totalMonthly).toBeCloseTo(32.85 + 3 * 16.43 + 10.95 + 7.3 + 73 + 14.6 + 14.6 + 7.3 + 7.3 + 0.4 + 30.37, 2);
  });

  test('an instance without a type is taken as m1.small, the EC2 default, and listed unpriced when the table has no price for it', () => {
    expect(CostEstimator.estimate(template).unpriced).toEqual([
      { logicalId: 'DefaultVm', resourceType: 'AWS::EC2::Instance', reason: 'no price for instance type m1.small in the price table' },
    ]);
  });

  test('notes: what was assumed, per resource, and each usage charge once', () => {
    expect(CostEstimator.estimate(template).notes).toEqual([
      'Load balancers: LCUs (traffic) are usage, not included',
      'Alb: subnet count not literal; 2 public IPv4 addresses assumed',
      'Auto: EKS Auto Mode nodes are launched on demand and billed by usage (EC2 plus the Auto Mode fee): not included',
      'Gwlb: subnet count not literal; 2 AZs assumed',
      'Interface endpoints: data processed per GB is usage, not included',
      'VPC flow logs: delivered per GB (usage, not included)',
      'ECR: image storage per GB-month (usage, not included)',
      'Container Insights: metrics and log ingestion per GB (usage, not included)',
    ]);
  });

  test('an EKS cluster without Auto Mode, an internal load balancer and a public NAT gateway add no notes of their own', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Eks: { Type: 'AWS::EKS::Cluster', Properties: { ComputeConfig: { Enabled: false } } },
        Nat: { Type: 'AWS::EC2::NatGateway', Properties: { ConnectivityType: 'public' } },
        Internal: { Type: LB, Properties: { Scheme: 'internal' } },
      },
    });
    expect(estimate.lineItems.map((i) => i.description)).toEqual(['EKS control plane (standard support)', 'NAT gateway', 'Application Load Balancer']);
    expect(estimate.notes).toEqual(['Load balancers: LCUs (traffic) are usage, not included']);
  });
});

describe('CostEstimator.estimate: every line item of the ECS services', () => {
  const taskDefinition = (properties: Record<string, unknown>) => ({ Type: 'AWS::ECS::TaskDefinition', Properties: properties });
  const service = (properties: Record<string, unknown>) => ({ Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: 'Small' }, ...properties } });
  const SVC = 'AWS::ECS::Service';
  const template: CloudFormationTemplate = {
    Resources: {
      // 0.25 vCPU / 0.5 GB: (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = 9.010025 per task
      Small: taskDefinition({ Cpu: '256', Memory: '512' }),
      // "1 vCPU" / "2 GB" as ECS also accepts: (0.04048 + 2 x 0.004445) x 730 = 36.0401 per task
      Words: taskDefinition({ Cpu: '1 vCPU', Memory: '2 GB' }),
      Windows: taskDefinition({ Cpu: '1024', Memory: '2048', RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' } }),
      Daemon: service({ SchedulingStrategy: 'DAEMON', LaunchType: 'FARGATE' }),
      One: service({ LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Words' } }),
      OnEc2: service({ LaunchType: 'EC2', DesiredCount: 3 }),
      TokenProvider: service({ DesiredCount: 2, CapacityProviderStrategy: [{ CapacityProvider: { Ref: 'Provider' }, Weight: 1 }] }),
      NoTaskDefinition: service({ LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Missing' } }),
      // bases first: 2 on FARGATE, then the 3 left on FARGATE_SPOT (base 10, capped); weights 0
      Bases: service({ DesiredCount: '5', CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: '2', Weight: 0 }, { CapacityProvider: 'FARGATE_SPOT', Base: 10, Weight: '0' }] }),
      None: service({ DesiredCount: 0, LaunchType: 'FARGATE' }),
      WindowsSpot: service({ DesiredCount: 2, TaskDefinition: { Ref: 'Windows' }, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }),
    },
  };

  test('Fargate tasks by provider, at their size; EC2 services, daemons and zero counts add no line', () => {
    // WHEN
    const estimate = CostEstimator.estimate(template);
    // THEN: Spot 9.010025 x 0.3 = 2.7030075 per task
    expect(estimate.lineItems).toEqual([
      item('One', SVC, 'Fargate tasks (x86_64, 1 vCPU, 2 GB)', 1, 'task', 36.04, 36.04),
      item('Bases', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 2, 'task', 9.01, 18.02),
      item('Bases', SVC, 'Fargate Spot tasks (x86_64, 0.25 vCPU, 0.5 GB)', 3, 'task', 2.7, 8.11),
    ]);
    expect(estimate.totalMonthly).toBeCloseTo(36.04 + 18.02 + 8.11, 2);
  });

  test('services it cannot price are listed with the reason', () => {
    expect(CostEstimator.estimate(template).unpriced).toEqual([
      { logicalId: 'NoTaskDefinition', resourceType: SVC, reason: 'the task definition\'s Cpu/Memory are not literal' },
      { logicalId: 'WindowsSpot', resourceType: SVC, reason: expect.stringMatching(/^2 Fargate Spot task\(s\) of an? Windows task definition: Fargate Spot runs Linux X86_64 tasks only$/) },
    ]);
  });

  test('notes: EC2 services are priced with their instances, and the Spot factor is stated', () => {
    expect(CostEstimator.estimate(template).notes).toEqual([
      'ECS services on EC2 capacity: their instances are priced with their Auto Scaling group (at its minimum size)',
      'Fargate Spot priced at 30% of on-demand (a typical figure; Spot prices move)',
    ]);
  });

  test('weights share what the bases leave; a provider of weight 0 gets none of it', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Small: template.Resources!.Small!,
        Svc: service({ DesiredCount: 6, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 0 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 2 }] }),
      },
    });
    // 1 by base on FARGATE, the other 5 all on FARGATE_SPOT
    expect(estimate.lineItems.map((i) => [i.description.split(' (')[0], i.quantity])).toEqual([['Fargate tasks', 1], ['Fargate Spot tasks', 5]]);
  });

  test('a cluster\'s default strategy is used only by services that give neither a strategy nor a launch type', () => {
    const resources = {
      Cluster: { Type: 'AWS::ECS::Cluster' },
      Other: { Type: 'AWS::ECS::Cluster' },
      OtherAssoc: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: { Ref: 'Other' }, DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }] } },
      NotAssoc: { Type: 'AWS::SNS::Topic', Properties: { Cluster: { Ref: 'Cluster' } } },
      Assoc: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: { Ref: 'Cluster' }, DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
      Small: template.Resources!.Small!,
      Default: service({ Cluster: { Ref: 'Cluster' }, DesiredCount: 1 }),
      Launch: service({ Cluster: { Ref: 'Cluster' }, DesiredCount: 1, LaunchType: 'FARGATE' }),
      EmptyStrategy: service({ Cluster: { Ref: 'Cluster' }, DesiredCount: 1, CapacityProviderStrategy: [] }),
      Imported: service({ Cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/x', DesiredCount: 1 }),
    };
    const items = CostEstimator.estimate({ Resources: resources }).lineItems;
    expect(items.map((i) => [i.logicalId, i.description.split(' (')[0]])).toEqual([
      ['Default', 'Fargate Spot tasks'], ['Launch', 'Fargate tasks'], ['EmptyStrategy', 'Fargate Spot tasks'],
    ]);
  });
});

describe('CostEstimator.estimate: every line item of the instances', () => {
  const ASG = 'AWS::AutoScaling::AutoScalingGroup';
  const NG = 'AWS::EKS::Nodegroup';
  const template: CloudFormationTemplate = {
    Resources: {
      Lc: {
        Type: 'AWS::AutoScaling::LaunchConfiguration',
        Properties: {
          InstanceType: 'm5.large',
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 50, VolumeType: 'gp2' } },
            { DeviceName: '/dev/sdb', Ebs: { VolumeSize: 10, VolumeType: 'io1' } },
            { DeviceName: '/dev/sdc', NoDevice: {} },
            { DeviceName: '/dev/sdd', Ebs: { VolumeSize: { Ref: 'Size' } } },
            { Ebs: { VolumeSize: 8 } },
          ],
        },
      },
      Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: 't4g.small' } } },
      FromLc: { Type: ASG, Properties: { MinSize: 1, LaunchConfigurationName: { Ref: 'Lc' } } },
      Spot: {
        Type: ASG,
        Properties: {
          MinSize: '2',
          MixedInstancesPolicy: { InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0 }, LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: { Ref: 'Lt' } } } },
        },
      },
      OnDemand: { Type: ASG, Properties: { MinSize: 1, MixedInstancesPolicy: { InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 100 }, LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Lt' } } } } } },
      TokenMin: { Type: ASG, Properties: { MinSize: { Ref: 'Min' }, LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } } } },
      NoType: { Type: ASG, Properties: { MinSize: 1, LaunchTemplate: { LaunchTemplateId: { Ref: 'Missing' } } } },
      NgDefault: { Type: NG },
      NgSpot: { Type: NG, Properties: { CapacityType: 'SPOT', InstanceTypes: ['t4g.small'], ScalingConfig: { MinSize: 2 }, DiskSize: 50 } },
      NgTokenMin: { Type: NG, Properties: { ScalingConfig: { MinSize: { Ref: 'Min' } } } },
      NgZero: { Type: NG, Properties: { ScalingConfig: { MinSize: 0 } } },
      NgTokenType: { Type: NG, Properties: { InstanceTypes: [{ Ref: 'Type' }] } },
    },
  };

  test('instances at minimum size with their volumes: gp2 and gp3 (the default type) priced, other volumes skipped', () => {
    // WHEN
    const estimate = CostEstimator.estimate(template);
    // THEN: m5.large 0.096 x 730 = 70.08; t4g.small 0.0168 x 730 = 12.264; t3.medium 30.368;
    // gp2 0.10 and gp3 0.08 per GB-month
    expect(estimate.lineItems).toEqual([
      item('FromLc', ASG, 'EC2 instances at minimum size (m5.large)', 1, 'instance', 70.08, 70.08),
      item('FromLc', ASG, 'EBS gp2 volumes (/dev/xvda)', 50, 'GB', 0.1, 5),
      item('FromLc', ASG, 'EBS gp3 volumes (volume)', 8, 'GB', 0.08, 0.64),
      item('Spot', ASG, 'EC2 instances at minimum size (t4g.small)', 2, 'instance', 12.26, 24.53),
      item('OnDemand', ASG, 'EC2 instances at minimum size (t4g.small)', 1, 'instance', 12.26, 12.26),
      item('NgDefault', NG, 'EKS nodes at minimum size (t3.medium)', 1, 'instance', 30.37, 30.37),
      item('NgDefault', NG, 'EBS gp2 node volumes', 20, 'GB', 0.1, 2),
      item('NgSpot', NG, 'EKS nodes at minimum size (t4g.small)', 2, 'instance', 12.26, 24.53),
      item('NgSpot', NG, 'EBS gp2 node volumes', 100, 'GB', 0.1, 10),
    ]);
  });

  test('what cannot be priced is listed with the reason', () => {
    expect(CostEstimator.estimate(template).unpriced).toEqual([
      { logicalId: 'FromLc', resourceType: ASG, reason: 'no price for EBS volume type io1' },
      { logicalId: 'TokenMin', resourceType: ASG, reason: 'MinSize is not a literal number' },
      { logicalId: 'NoType', resourceType: ASG, reason: 'instance type not found in the template' },
      { logicalId: 'NgTokenMin', resourceType: NG, reason: 'ScalingConfig.MinSize is not a literal number' },
      { logicalId: 'NgTokenType', resourceType: NG, reason: 'instance type is not literal' },
    ]);
  });

  test('notes: Spot priced as on-demand, volumes the AMI sizes, the EKS default disk', () => {
    expect(CostEstimator.estimate(template).notes).toEqual([
      'Spot: Spot instances priced at the on-demand price (an upper bound)',
      'Spot: root volume size set by the AMI, not the template: not included',
      'OnDemand: root volume size set by the AMI, not the template: not included',
      'NgDefault: node disk not set; EKS\'s default of 20 GB (gp2) assumed',
      'NgSpot: Spot nodes priced at the on-demand price (an upper bound)',
    ]);
  });
});

describe('CostEstimator.formatReport', () => {
  test('one aligned row per line item (text left, money right), the total, then unpriced resources and notes', () => {
    // GIVEN
    const estimate = CostEstimator.estimate({
      Resources: {
        Nat: { Type: 'AWS::EC2::NatGateway' },
        Small: { Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '256', Memory: '512' } },
        Svc: { Type: 'AWS::ECS::Service', Properties: { DesiredCount: 3, TaskDefinition: { Ref: 'Small' }, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
        Odd: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'x9z.mega' } },
      },
    });
    // WHEN
    const report = CostEstimator.formatReport(estimate);
    // THEN: 1.5 tasks each side; 9.010025 x 1.5 = 13.5150375; 2.7030075 x 1.5 = 4.05451125; total 32.85 + 13.52 + 4.05
    expect(report.split('\n')).toEqual([
      'what                                            resource  quantity   per unit/month  per month',
      '----------------------------------------------  --------  ---------  --------------  ---------',
      'NAT gateway                                     Nat       1 gateway          $32.85     $32.85',
      'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)       Svc       1.50 task           $9.01     $13.52',
      'Fargate Spot tasks (x86_64, 0.25 vCPU, 0.5 GB)  Svc       1.50 task           $2.70      $4.05',
      'total fixed cost: $50.42 per month (us-east-1, prices as of ' + PriceTables.US_EAST_1.asOf + ')',
      'not priced: Odd (AWS::EC2::Instance): no price for instance type x9z.mega in the price table',
      'note: Fargate Spot priced at 30% of on-demand (a typical figure; Spot prices move)',
    ]);
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

describe('CostEstimator.estimate: edge cases of each priced type', () => {
  const SVC = 'AWS::ECS::Service';
  const ASG = 'AWS::AutoScaling::AutoScalingGroup';
  const NG = 'AWS::EKS::Nodegroup';
  // 0.25 vCPU / 0.5 GB: (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = 9.010025 per task; on Spot x 0.3 = 2.7030075
  const small = (over: Record<string, unknown> = {}) => ({ Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '256', Memory: '512', ...over } });
  const service = (properties: Record<string, unknown>) => ({ Type: SVC, Properties: { TaskDefinition: { Ref: 'Small' }, ...properties } });

  test('an Elastic IP, a KMS key and an endpoint whose service name is a plain string: each line item in full', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Eip: { Type: 'AWS::EC2::EIP' },
        Key: { Type: 'AWS::KMS::Key' },
        Api: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.ecr.api', SubnetIds: ['a'] } },
        // a service name that is a token with more beside it: the suffix is still found, dots and all
        Dkr: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: { ...serviceNameToken('.ecr.dkr'), Comment: 'x' }, SubnetIds: ['a'] } },
        // the suffix as written, even with an empty label
        Odd: { Type: VPCE, Properties: { VpcEndpointType: 'Interface', ServiceName: serviceNameToken('.a..b'), SubnetIds: ['a'] } },
      },
    });
    expect(estimate.lineItems).toEqual([
      item('Eip', 'AWS::EC2::EIP', 'public IPv4 address (Elastic IP)', 1, 'address', 3.65, 3.65),
      item('Key', 'AWS::KMS::Key', 'KMS customer managed key', 1, 'key', 1, 1),
      item('Api', VPCE, 'interface endpoint com.amazonaws.us-east-1.ecr.api', 1, 'AZ', 7.3, 7.3),
      item('Dkr', VPCE, 'interface endpoint ecr.dkr', 1, 'AZ', 7.3, 7.3),
      item('Odd', VPCE, 'interface endpoint a..b', 1, 'AZ', 7.3, 7.3),
    ]);
  });

  test('a task definition whose Cpu or Memory alone is a token is not priced', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Small: small({ Memory: { Ref: 'Memory' } }),
        Other: small({ Cpu: { Ref: 'Cpu' } }),
        MemoryToken: service({ LaunchType: 'FARGATE' }),
        CpuToken: service({ LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Other' } }),
      },
    });
    expect(estimate.lineItems).toEqual([]);
    expect(estimate.unpriced).toEqual([
      { logicalId: 'MemoryToken', resourceType: SVC, reason: 'the task definition\'s Cpu/Memory are not literal' },
      { logicalId: 'CpuToken', resourceType: SVC, reason: 'the task definition\'s Cpu/Memory are not literal' },
    ]);
  });

  test('Linux x86_64 tasks stated in RuntimePlatform run on Fargate Spot; a null RuntimePlatform is the default platform', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Small: small({ RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' } }),
        Plain: small({ RuntimePlatform: null }),
        Spot: service({ DesiredCount: 1, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }),
        Default: service({ DesiredCount: 1, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Plain' } }),
      },
    });
    expect(estimate.lineItems).toEqual([
      item('Spot', SVC, 'Fargate Spot tasks (x86_64, 0.25 vCPU, 0.5 GB)', 1, 'task', 2.7, 2.7),
      item('Default', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 1, 'task', 9.01, 9.01),
    ]);
    expect(estimate.unpriced).toEqual([]);
    expect(estimate.notes).toEqual(['Fargate Spot priced at 30% of on-demand (a typical figure; Spot prices move)']);
  });

  test('strategies: entries that are not objects are skipped; a provider of weight 0 and no base has no tasks and no note', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Cluster: { Type: 'AWS::ECS::Cluster' },
        Assoc: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: { Ref: 'Cluster' }, DefaultCapacityProviderStrategy: [null, { CapacityProvider: 'FARGATE', Weight: 1 }] } },
        Small: small(),
        Own: service({ DesiredCount: 2, CapacityProviderStrategy: [null, { CapacityProvider: 'FARGATE', Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 0 }] }),
        FromCluster: service({ Cluster: { Ref: 'Cluster' }, DesiredCount: 1 }),
      },
    });
    expect(estimate.lineItems).toEqual([
      item('Own', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 2, 'task', 9.01, 18.02),
      item('FromCluster', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 1, 'task', 9.01, 9.01),
    ]);
    // no Spot note: FARGATE_SPOT got no task
    expect(estimate.notes).toEqual(['Container Insights: metrics and log ingestion per GB (usage, not included)']);
  });

  test('bases only (all weights 0): the tasks beyond the bases are not priced', () => {
    // 5 tasks, FARGATE base 2 weight 0: 2 on FARGATE; ECS would not place the other 3
    const estimate = CostEstimator.estimate({
      Resources: { Small: small(), Svc: service({ DesiredCount: 5, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 2, Weight: 0 }] }) },
    });
    expect(estimate.lineItems).toEqual([item('Svc', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 2, 'task', 9.01, 18.02)]);
  });

  test('a cluster\'s default strategy comes only from an association resource that refers to the same cluster by Ref', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Cluster: { Type: 'AWS::ECS::Cluster' },
        // another type with the same properties comes first: not an association
        Lookalike: { Type: 'AWS::SNS::Topic', Properties: { Cluster: { Ref: 'Cluster' }, DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
        // an association of a cluster named by a string: no service here refers to it by Ref
        ByName: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: 'shared', DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
        Assoc: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: { Ref: 'Cluster' }, DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }] } },
        Small: small(),
        Default: service({ Cluster: { Ref: 'Cluster' }, DesiredCount: 1 }),
        Imported: service({ Cluster: 'shared', DesiredCount: 1 }),
      },
    });
    expect(estimate.lineItems).toEqual([item('Default', SVC, 'Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)', 1, 'task', 9.01, 9.01)]);
    expect(estimate.notes).toEqual([
      'Container Insights: metrics and log ingestion per GB (usage, not included)',
      'ECS services on EC2 capacity: their instances are priced with their Auto Scaling group (at its minimum size)',
    ]);
  });

  test('Auto Scaling groups: overrides and volumes that are not objects are skipped; numbers as text may be padded or fractional', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Lt: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { InstanceType: 'm7g.large', BlockDeviceMappings: [null, { DeviceName: '/dev/xvda', Ebs: { VolumeSize: '12.25' } }] } },
        },
        Mixed: {
          Type: ASG,
          Properties: { MinSize: ' 2 ', MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Lt' } }, Overrides: [null, { InstanceType: 't4g.small' }] } } },
        },
        Letters: { Type: ASG, Properties: { MinSize: 'x2', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } } } },
        Suffix: { Type: ASG, Properties: { MinSize: '2x', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } } } },
      },
    });
    // 2 x t4g.small: 0.0168 x 730 = 12.264 each; 2 x 12.25 GB gp3 at 0.08 = 1.96
    expect(estimate.lineItems).toEqual([
      item('Mixed', ASG, 'EC2 instances at minimum size (t4g.small)', 2, 'instance', 12.26, 24.53),
      item('Mixed', ASG, 'EBS gp3 volumes (/dev/xvda)', 24.5, 'GB', 0.08, 1.96),
    ]);
    expect(estimate.unpriced).toEqual([
      { logicalId: 'Letters', resourceType: ASG, reason: 'MinSize is not a literal number' },
      { logicalId: 'Suffix', resourceType: ASG, reason: 'MinSize is not a literal number' },
    ]);
  });

  test('EKS node groups: the launch template\'s volumes replace the default disk; a disk size that is a token is not priced', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 40, VolumeType: 'gp3' } }] } } },
        WithLt: { Type: NG, Properties: { InstanceTypes: ['t4g.small'], LaunchTemplate: { Id: 'unused', LaunchTemplateId: { Ref: 'Lt' } } } },
        TokenDisk: { Type: NG, Properties: { InstanceTypes: ['t4g.small'], DiskSize: { Ref: 'Disk' } } },
      },
    });
    // t4g.small 12.264; 40 GB gp3 at 0.08 = 3.20
    expect(estimate.lineItems).toEqual([
      item('WithLt', NG, 'EKS nodes at minimum size (t4g.small)', 1, 'instance', 12.26, 12.26),
      item('WithLt', NG, 'EBS gp3 volumes (/dev/xvda)', 40, 'GB', 0.08, 3.2),
      item('TokenDisk', NG, 'EKS nodes at minimum size (t4g.small)', 1, 'instance', 12.26, 12.26),
    ]);
    expect(estimate.notes).toEqual([]);
  });
});

describe('CostEstimator.estimate: EKS node groups as aws-cdk-lib synthesizes them', () => {
  const NG = 'AWS::EKS::Nodegroup';
  test('the launch template is named by Id (and Version), not LaunchTemplateId: its gp3 volumes are priced, not EKS\'s default disk', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, VolumeType: 'gp3', Encrypted: true } }] } } },
        Ng: {
          Type: NG,
          Properties: {
            InstanceTypes: ['t4g.medium'], ScalingConfig: { MinSize: 2, MaxSize: 4 },
            LaunchTemplate: { Id: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } },
          },
        },
      },
    });
    // 2 x 0.0336 x 730 = 49.06; 2 x 20 GB gp3 at 0.08 = 3.20
    expect(estimate.lineItems).toEqual([
      item('Ng', NG, 'EKS nodes at minimum size (t4g.medium)', 2, 'instance', 24.53, 49.06),
      item('Ng', NG, 'EBS gp3 volumes (/dev/xvda)', 40, 'GB', 0.08, 3.2),
    ]);
    expect(estimate.notes).toEqual([]);
  });

  test('a node group whose instance type has no price is listed once, also when its pods need extra nodes', () => {
    const estimate = CostEstimator.estimate({
      Resources: {
        Eks: { Type: 'AWS::EKS::Cluster' },
        Ng: { Type: NG, Properties: { ClusterName: { Ref: 'Eks' }, InstanceTypes: ['m5.4xlarge'], ScalingConfig: { MinSize: 1, MaxSize: 3 } } },
      },
    }, {
      kubernetesObjects: [{
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big', namespace: 'shop' },
        spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', resources: { requests: { cpu: '10', memory: '1Gi' } } }] } } },
      }],
    });
    expect(estimate.unpriced).toEqual([{ logicalId: 'Ng', resourceType: NG, reason: 'no price for instance type m5.4xlarge in the price table' }]);
    expect(estimate.lineItems.map((i) => i.description)).toEqual(['EKS control plane (standard support)', 'EBS gp2 node volumes', 'EBS gp2 node volumes of extra nodes for pods']);
  });
});

describe('CostEstimator.estimate: alarms and shared load balancers', () => {
  test('an alarm pays per metric it evaluates: one for a plain alarm, each MetricStat of a math alarm', () => {
    const template: CloudFormationTemplate = { Resources: {
      Plain: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'CPUUtilization', Namespace: 'AWS/ECS' } },
      Math: { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [{ Id: 'expr', Expression: 'e / r' }, { Id: 'e', MetricStat: {} }, { Id: 'r', MetricStat: {} }] } },
    } };
    const estimate = CostEstimator.estimate(template);
    expect(estimate.lineItems).toEqual([
      item('Plain', 'AWS::CloudWatch::Alarm', 'CloudWatch alarm (standard resolution)', 1, 'alarm metric', 0.1, 0.1),
      item('Math', 'AWS::CloudWatch::Alarm', 'CloudWatch alarm (standard resolution)', 2, 'alarm metric', 0.1, 0.2),
    ]);
    const cheaper = CostEstimator.estimate(template, { prices: { ...PriceTables.US_EAST_1, alarmMetricMonth: 0.05 } });
    expect(cheaper.totalMonthly).toBeCloseTo(0.15, 5);
    expect(thrownBy(() => CostEstimator.estimate(template, { prices: { ...PriceTables.US_EAST_1, alarmMetricMonth: -1 } })))
      .toMatchObject({ property: 'prices.alarmMetricMonth' });
  });

  test('three services on one shared load balancer cost one load balancer; on their own, three', () => {
    const lbs = (count: number) => CostEstimator.estimate({ Resources: Object.fromEntries(Array.from({ length: count }, (_, i) => [`Lb${i}`, { Type: LB, Properties: { Scheme: 'internal' } }])) })
      .lineItems.filter((i) => i.resourceType === LB);
    expect(lbs(1).reduce((s, i) => s + i.monthly, 0)).toBeCloseTo(16.43, 2);
    expect(lbs(3).reduce((s, i) => s + i.monthly, 0)).toBeCloseTo(3 * 16.43, 2);
  });
});

describe('CostEstimator.estimate: kubernetesObjects (the pods of EKS workloads; lib/cost/kubernetes-pods.ts)', () => {
  const template: CloudFormationTemplate = {
    Resources: {
      Eks: { Type: 'AWS::EKS::Cluster', Properties: {} },
      Shop: { Type: 'AWS::EKS::FargateProfile', Properties: { ClusterName: { Ref: 'Eks' }, Selectors: [{ Namespace: 'shop' }] } },
      Nat: { Type: 'AWS::EC2::NatGateway' },
    },
  };
  const web = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: '500m', memory: '768Mi' } } }] } } },
  };

  test('priced after the template\'s own line items, in the total and the report', () => {
    const estimate = CostEstimator.estimate(template, { kubernetesObjects: [web] });
    // 2 x (0.5 vCPU, 768Mi + 256Mi -> 0.5 vCPU / 1 GB) x (0.5 x 0.04048 + 1 x 0.004445) x 730 h = 2 x 18.02005
    expect(estimate.lineItems.map((i) => [i.logicalId, i.monthly])).toEqual([['Eks', 73], ['Nat', 32.85], ['shop/web', 36.04]]);
    expect(estimate.totalMonthly).toBeCloseTo(73 + 32.85 + 36.04, 2);
    expect(CostEstimator.formatReport(estimate)).toMatch(/^Fargate pods \(x86_64, 0\.5 vCPU, 1 GB\) +shop\/web +2 pod +\$18\.02 +\$36\.04$/m);
  });

  test('without the option the pods are not priced, and the estimate is as before', () => {
    const without = CostEstimator.estimate(template);
    expect(without).toEqual(CostEstimator.estimate(template, {}));
    expect(without.lineItems.map((i) => i.logicalId)).toEqual(['Eks', 'Nat']);
    expect(without.notes).toEqual([]);
  });
});
