import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ClusterCapacity, Ec2AmiFamily, Ec2ClusterCapacityOptions, Ec2PurchaseOption, EcsCluster } from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { EC2_AND_FARGATE_CLUSTERS, ec2AndFargateClusters } from '../../support/seed-notes';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

// lib/ecs/ec2-capacity.ts: the launch template, Auto Scaling group and capacity provider of each
// ClusterCapacity.ec2 entry, built and checked through EcsCluster.

const types = (...names: string[]): ec2.InstanceType[] => names.map((n) => new ec2.InstanceType(n));

function synth(options: Ec2ClusterCapacityOptions = {}, vpcOf?: (stack: Stack) => ec2.IVpc): { stack: Stack; cluster: EcsCluster; template: Template } {
  const stack = new Stack(new App(), 'Stack');
  const cluster = new EcsCluster(stack, 'Cluster', { vpc: vpcOf?.(stack), capacity: [ClusterCapacity.ec2(options)] });
  return { stack, cluster, template: Template.fromStack(stack) };
}

describe('EC2 capacity defaults', () => {
  let stack: Stack;
  let cluster: EcsCluster;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, cluster, template } = synth());
  });

  test('a launch template with IMDSv2 required, hop limit 1, an encrypted gp3 root volume, no public IP and no SSH key', () => {
    // THEN
    template.resourceCountIs('AWS::AutoScaling::LaunchConfiguration', 0);
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 30, VolumeType: 'gp3', DeleteOnTermination: true } }],
        NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false, DeviceIndex: 0 })],
        InstanceType: Match.absent(),
        KeyName: Match.absent(),
        ImageId: { Ref: Match.stringLikeRegexp('amazonlinux2023recommendedimageid') },
      }),
    });
  });

  test('the AMI is the x86_64 ECS-optimized Amazon Linux 2023, from its public SSM parameter at deploy time (no lookup)', () => {
    const parameters = template.toJSON().Parameters as Record<string, { Default: string }>;
    expect(Object.values(parameters).map((p) => p.Default)).toContain('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id');
    expect((stack.node.root as App).synth().manifest.missing ?? []).toEqual([]);
  });

  test('an Auto Scaling group of 0 to 4 instances in every private subnet, new instances protected from scale-in', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '0',
      MaxSize: '4',
      DesiredCapacity: Match.absent(),
      NewInstancesProtectedFromScaleIn: true,
      MixedInstancesPolicy: {
        // Two types of one size, so the group still launches when one runs short (CT.AUTOSCALING.PR.6).
        LaunchTemplate: {
          LaunchTemplateSpecification: Match.objectLike({ LaunchTemplateId: { Ref: Match.stringLikeRegexp('ClusterEc2LaunchTemplate') } }),
          Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm7i.large' }],
        },
        InstancesDistribution: Match.objectLike({ OnDemandPercentageAboveBaseCapacity: 100 }),
      },
      VPCZoneIdentifier: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }],
    });
  });

  test('detailed (one-minute) monitoring is on and the group states the AZs of its subnets', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ Monitoring: { Enabled: true } }),
    });
    const group = Object.values(template.findResources('AWS::AutoScaling::AutoScalingGroup'))[0].Properties;
    const subnets = template.findResources('AWS::EC2::Subnet');
    const subnetAzs = group.VPCZoneIdentifier.map((ref: { Ref: string }) => subnets[ref.Ref].Properties.AvailabilityZone);
    expect(group.AvailabilityZones).toHaveLength(2);
    expect(group.AvailabilityZones).toEqual(subnetAzs);
    expect(JSON.stringify(group.AvailabilityZones[0])).not.toEqual(JSON.stringify(group.AvailabilityZones[1]));
  });

  test('an ASG capacity provider with managed scaling (100%), termination protection and draining', () => {
    template.hasResourceProperties('AWS::ECS::CapacityProvider', {
      AutoScalingGroupProvider: {
        AutoScalingGroupArn: { Ref: Match.stringLikeRegexp('ClusterEc2AutoScalingGroup') },
        ManagedScaling: { Status: 'ENABLED', TargetCapacity: 100 },
        ManagedTerminationProtection: 'ENABLED',
        ManagedDraining: 'ENABLED',
      },
    });
  });

  test('the capacity is the default strategy; no drain-hook Lambda, no custom resources', () => {
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: [{ Ref: Match.stringLikeRegexp('ClusterEc2CapacityProvider') }],
      DefaultCapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('ClusterEc2CapacityProvider') }, Weight: 1 }],
    });
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('user data joins the cluster and blocks IMDS for awsvpc tasks; the instance security group has no inbound rules', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\necho ECS_CLUSTER=', { Ref: Match.anyValue() }, ' >> /etc/ecs/ecs.config\necho ECS_AWSVPC_BLOCK_IMDS=true >> /etc/ecs/ecs.config']] } },
      }),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Container instances of EC2 capacity Ec2', SecurityGroupIngress: Match.absent() });
  });

  test('typed resources are exposed under stable ids', () => {
    const resources = cluster.ec2Capacity('Ec2');
    expect(resources.autoScalingGroup.node.path).toBe('Stack/Cluster/Ec2/AutoScalingGroup');
    expect(resources.launchTemplate.node.path).toBe('Stack/Cluster/Ec2/LaunchTemplate');
    expect(resources.capacityProvider.node.path).toBe('Stack/Cluster/Ec2/CapacityProvider');
    expect(resources).toMatchObject({ name: 'Ec2', instanceTypes: ['m6i.large', 'm7i.large'], architecture: ec2.InstanceArchitecture.X86_64, maxCapacity: 4 });
    expect(cluster.capacityProviders).toEqual([resources.capacityProvider]);
    expect(cluster.autoScalingGroups).toEqual([resources.autoScalingGroup]);
    expect(cluster.ec2Capacities).toHaveLength(1);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EC2 capacity options', () => {
  test('Graviton instance types get the arm64 AMI', () => {
    const { template, cluster } = synth({ instanceTypes: types('m7g.large', 'c7g.xlarge') });
    const parameters = template.toJSON().Parameters as Record<string, { Default: string }>;
    expect(Object.values(parameters).map((p) => p.Default)).toContain('/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id');
    expect(cluster.ec2Capacity('Ec2').architecture).toBe(ec2.InstanceArchitecture.ARM_64);
  });

  test('several On-Demand types use a mixed instances policy, 100% On-Demand, prioritized', () => {
    const { template } = synth({ instanceTypes: types('m6i.large', 'm5.large') });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: {
        InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 100, OnDemandAllocationStrategy: 'prioritized' },
        LaunchTemplate: Match.objectLike({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }),
      },
    });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ InstanceType: Match.absent() }) });
  });

  test('Spot: 0% On-Demand, price-capacity-optimized, capacity rebalancing', () => {
    const { template, stack } = synth({ purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: types('c6g.large', 'c7g.large', 'm6g.large') });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      CapacityRebalance: true,
      MixedInstancesPolicy: Match.objectLike({
        InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: 'price-capacity-optimized' },
      }),
    });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('ECS_ENABLE_SPOT_INSTANCE_DRAINING=true')])] } },
      }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('Spot with a single instance type warns', () => {
    const { stack } = synth({ purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: types('m6i.large') });
    Annotations.fromStack(stack).hasWarning('/Stack/Cluster/Ec2', Match.stringLikeRegexp('Spot capacity with a single instance type'));
  });

  test('Bottlerocket: the aws-ecs-2 AMI for the architecture, encrypted OS and data volumes, TOML user data', () => {
    const { template } = synth({ amiFamily: Ec2AmiFamily.BOTTLEROCKET, instanceTypes: types('t4g.large'), volumeSizeGiB: 50 });
    const parameters = template.toJSON().Parameters as Record<string, { Default: string }>;
    expect(Object.values(parameters).map((p) => p.Default)).toContain('/aws/service/bottlerocket/aws-ecs-2/arm64/latest/image_id');
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true } },
          { DeviceName: '/dev/xvdb', Ebs: { Encrypted: true, VolumeSize: 50, VolumeType: 'gp3', DeleteOnTermination: true } },
        ],
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['\n[settings.ecs]\ncluster = "', { Ref: Match.anyValue() }, '"\nawsvpc-block-imds = true']] } },
        MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      }),
    });
  });

  test('Bottlerocket on the default x86_64 instance types: the x86_64 aws-ecs-2 AMI parameter is the launch template image', () => {
    // GIVEN / WHEN
    const { template, cluster } = synth({ amiFamily: Ec2AmiFamily.BOTTLEROCKET });
    // THEN
    const parameters = template.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    const [amiParameter, ...others] = Object.entries(parameters).filter(([, p]) => p.Default.startsWith('/aws/service/'));
    expect(others).toEqual([]);
    expect(amiParameter![1]).toEqual({ Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id' });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        ImageId: { Ref: amiParameter![0] },
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true } },
          { DeviceName: '/dev/xvdb', Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3', DeleteOnTermination: true } },
        ],
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['\n[settings.ecs]\ncluster = "', { Ref: Match.anyValue() }, '"\nawsvpc-block-imds = true']] } },
      }),
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: Match.objectLike({ LaunchTemplate: Match.objectLike({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm7i.large' }] }) }),
    });
    expect(cluster.ec2Capacity('Ec2').architecture).toBe(ec2.InstanceArchitecture.X86_64);
  });

  test('min, max, desired, target capacity and volume size', () => {
    const { template } = synth({ minCapacity: 1, maxCapacity: 10, desiredCapacity: 2, targetCapacityPercent: 80, volumeSizeGiB: 100 });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '1', MaxSize: '10', DesiredCapacity: '2' });
    template.hasResourceProperties('AWS::ECS::CapacityProvider', { AutoScalingGroupProvider: Match.objectLike({ ManagedScaling: { Status: 'ENABLED', TargetCapacity: 80 } }) });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ VolumeSize: 100, Encrypted: true }) }] }),
    });
  });

  test('tokens are not checked and pass through: min, max, desired, target capacity and volume size from CfnParameters', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const number = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    // WHEN
    new EcsCluster(stack, 'Cluster', {
      capacity: [ClusterCapacity.ec2({ minCapacity: number('Min'), maxCapacity: number('Max'), targetCapacityPercent: number('Target'), volumeSizeGiB: number('Volume') })],
    });
    new EcsCluster(stack, 'Desired', { capacity: [ClusterCapacity.ec2({ desiredCapacity: number('DesiredCount') })] });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: { Ref: 'Min' }, MaxSize: { Ref: 'Max' }, DesiredCapacity: Match.absent() });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '0', MaxSize: '4', DesiredCapacity: { Ref: 'DesiredCount' } });
    template.hasResourceProperties('AWS::ECS::CapacityProvider', { AutoScalingGroupProvider: Match.objectLike({ ManagedScaling: { Status: 'ENABLED', TargetCapacity: { Ref: 'Target' } } }) });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ VolumeSize: { Ref: 'Volume' } }) }] }),
    });
  });

  test('an unknown instance type is accepted with a warning; an explicit architecture picks the AMI', () => {
    const { stack, template } = synth({ instanceTypes: types('m5d.large'), architecture: ec2.InstanceArchitecture.X86_64 });
    Annotations.fromStack(stack).hasWarning('/Stack/Cluster/Ec2', Match.stringLikeRegexp('Cannot tell the architecture of m5d.large; assuming x86_64'));
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ InstanceType: 'm5d.large' }) });
  });

  test('isolated subnets are used when the VPC has no private subnets with egress', () => {
    const { template } = synth({}, (stack) => new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0, restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    }));
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { VPCZoneIdentifier: [{ Ref: Match.stringLikeRegexp('VpcIsolatedSubnet1') }, { Ref: Match.stringLikeRegexp('VpcIsolatedSubnet2') }] });
  });

  test('a single-AZ selection warns', () => {
    const { stack } = synth({}, (s) => new ec2.Vpc(s, 'Vpc', { maxAzs: 1, natGateways: 1, restrictDefaultSecurityGroup: false }));
    Annotations.fromStack(stack).hasWarning('/Stack/Cluster/Ec2', Match.stringLikeRegexp('spans a single AZ'));
  });
});

describe('EC2 capacity validation', () => {
  const cases: Array<[string, Ec2ClusterCapacityOptions, RegExp]> = [
    ['architecture mismatch', { instanceTypes: types('m7g.large'), architecture: ec2.InstanceArchitecture.X86_64 },
      /^\[Stack\/Cluster\/Ec2\] architecture: got "x86_64"; allowed: arm64, the architecture of m7g\.large\. Hint: Graviton types/],
    ['mixed architectures', { instanceTypes: types('m7g.large', 'm6i.large') },
      /^\[Stack\/Cluster\/Ec2\] instanceTypes: got \["m7g\.large \(arm64\)","m6i\.large \(x86_64\)"\]; allowed: instance types of a single architecture \(all x86_64 or all arm64\)\. Hint: /],
    ['no instance types', { instanceTypes: [] }, /^\[Stack\/Cluster\/Ec2\] instanceTypes: got \[\]; allowed: 1 to 40 distinct instance types\./],
    ['duplicate instance types', { instanceTypes: types('m6i.large', 'm6i.large') },
      /^\[Stack\/Cluster\/Ec2\] instanceTypes: got \["m6i\.large","m6i\.large"\]; allowed: 1 to 40 distinct instance types\./],
    ['min above max', { minCapacity: 5, maxCapacity: 2 }, /^\[Stack\/Cluster\/Ec2\] minCapacity: got 5; allowed: at most maxCapacity \(2\)\./],
    ['max 0', { maxCapacity: 0 }, /^\[Stack\/Cluster\/Ec2\] maxCapacity: got 0; allowed: a whole number from 1 to 5000\./],
    ['max above 5000 (container instances per cluster)', { maxCapacity: 5001 }, /^\[Stack\/Cluster\/Ec2\] maxCapacity: got 5001; allowed: a whole number from 1 to 5000\. Hint: an ECS cluster registers at most 5,000 container instances/],
    ['negative min', { minCapacity: -1 }, /^\[Stack\/Cluster\/Ec2\] minCapacity: got -1; allowed: a whole number from 0 to 5000\./],
    ['fractional min', { minCapacity: 0.5 }, /^\[Stack\/Cluster\/Ec2\] minCapacity: got 0\.5; allowed: a whole number from 0 to 5000\./],
    ['desired above max', { desiredCapacity: 5, maxCapacity: 4 }, /^\[Stack\/Cluster\/Ec2\] desiredCapacity: got 5; allowed: from minCapacity \(0\) to maxCapacity \(4\)\./],
    ['desired below min', { desiredCapacity: 1, minCapacity: 2 }, /^\[Stack\/Cluster\/Ec2\] desiredCapacity: got 1; allowed: from minCapacity \(2\) to maxCapacity \(4\)\./],
    ['target capacity 0', { targetCapacityPercent: 0 }, /^\[Stack\/Cluster\/Ec2\] targetCapacityPercent: got 0; allowed: a whole number from 1 to 100\./],
    ['target capacity above 100', { targetCapacityPercent: 101 }, /^\[Stack\/Cluster\/Ec2\] targetCapacityPercent: got 101; allowed: a whole number from 1 to 100\./],
    ['AL2023 volume below 30 GiB', { volumeSizeGiB: 20 },
      /^\[Stack\/Cluster\/Ec2\] volumeSizeGiB: got 20; allowed: a whole number from 30 to 65536\. Hint: the Amazon Linux 2023 ECS AMI's root volume is 30 GiB/],
    ['Bottlerocket volume below 20 GiB', { amiFamily: Ec2AmiFamily.BOTTLEROCKET, volumeSizeGiB: 10 },
      /^\[Stack\/Cluster\/Ec2\] volumeSizeGiB: got 10; allowed: a whole number from 20 to 65536\. Hint: Bottlerocket's data volume needs at least 20 GiB/],
    ['volume above 65536 GiB (gp3)', { volumeSizeGiB: 65537 }, /^\[Stack\/Cluster\/Ec2\] volumeSizeGiB: got 65537; allowed: a whole number from 30 to 65536\./],
    ['41 instance types', { instanceTypes: types(...['', '2', '4', '8', '12', '16', '24', '32'].flatMap((n) => ['m5', 'm6i', 'm7i', 'c6i', 'r6i'].map((f) => `${f}.${n}xlarge`)), 'm6i.large') },
      /^\[Stack\/Cluster\/Ec2\] instanceTypes: got \[.*; allowed: 1 to 40 distinct instance types\./],
    ['an instance type that is not family.size', { instanceTypes: types('m6i.huge') },
      /^\[Stack\/Cluster\/Ec2\] instanceTypes: got "m6i\.huge"; allowed: an EC2 instance type: a lower-case family, a dot and a size/],
    ['an upper-case instance type', { instanceTypes: types('M6I.LARGE') }, /^\[Stack\/Cluster\/Ec2\] instanceTypes: got "M6I\.LARGE"; allowed: an EC2 instance type/],
    ['an instance family EC2 does not have', { instanceTypes: types('m7.large') },
      /^\[Stack\/Cluster\/Ec2\] instanceTypes: got "m7\.large"; allowed: an instance type of an EC2 instance family .*Hint: EC2 has no family "m7" in the library's list; if it is newer than the list, set architecture to use it/],
    ['a subnet group the VPC does not have', { vpcSubnets: { subnetGroupName: 'Nope' } },
      /^\[Stack\/Cluster\/Ec2\] vpcSubnets: got \{"subnetGroupName":"Nope"\}; allowed: a selection of subnets the VPC has\. Hint: There are no subnet groups with name 'Nope'/],
    ['no subnets', { vpcSubnets: { subnets: [] } }, /^\[Stack\/Cluster\/Ec2\] vpcSubnets: got \{"subnets":\[\]\}; allowed: a selection of at least one private or isolated subnet\./],
    ['public subnets', { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } },
      /^\[Stack\/Cluster\/Ec2\] vpcSubnets: got \["Stack\/Cluster\/Network\/Resource\/PublicSubnet1","Stack\/Cluster\/Network\/Resource\/PublicSubnet2"\]; allowed: private or isolated subnets only\. Hint: container instances get no public IP address/],
  ];
  test.each(cases)('%s is a ValidationError', (_name, options, message) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    const error = thrownBy(() => new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.ec2(options)] }));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('accepted at the limits AWS sets: 40 types, 5000 instances in the cluster, 65536 GiB, any EC2 size, a newer family with its architecture', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const forty = types(...['', '2', '4', '8', '12', '16', '24', '32'].flatMap((n) => ['m5', 'm6i', 'm7i', 'c6i', 'r6i'].map((f) => `${f}.${n}xlarge`)));
    // WHEN
    new EcsCluster(stack, 'Cluster', {
      capacity: [
        ClusterCapacity.ec2({ name: 'Forty', instanceTypes: forty, minCapacity: 4998, maxCapacity: 4998, desiredCapacity: 4998, volumeSizeGiB: 65536 }),
        ClusterCapacity.ec2({ name: 'Sizes', instanceTypes: types('u-6tb1.112xlarge', 'm7i.metal-48xl', 'c7i-flex.large'), architecture: ec2.InstanceArchitecture.X86_64, maxCapacity: 1 }),
        ClusterCapacity.ec2({ name: 'Newer', instanceTypes: types('m9z.large'), architecture: ec2.InstanceArchitecture.X86_64, maxCapacity: 1 }),
      ],
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '4998', MaxSize: '4998', DesiredCapacity: '4998' });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ InstanceType: 'm9z.large' }) });
  });

  test('EC2 capacities whose maxCapacity values add up to more than 5000 are refused on the cluster, with each value', () => {
    const build = () => new EcsCluster(new Stack(new App(), 'Stack'), 'Cluster', {
      capacity: [ClusterCapacity.ec2({ name: 'General', maxCapacity: 3000 }), ClusterCapacity.ec2({ name: 'Batch', maxCapacity: 2001 })],
    });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(/^\[Stack\/Cluster\] capacity\[\]\.maxCapacity: got \["General: 3000","Batch: 2001"\]; allowed: EC2 capacities whose maxCapacity values add up to at most 5000 \(these add up to 5001\)\. Hint: ECS registers at most 5,000/);
  });

  test('an instance type given as a token is not checked', () => {
    const stack = new Stack(new App(), 'Stack');
    const type = new CfnParameter(stack, 'InstanceType').valueAsString;
    new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType(type)], architecture: ec2.InstanceArchitecture.X86_64 })] });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ InstanceType: { Ref: 'InstanceType' } }) });
  });

  test('a VPC with only public subnets is a ValidationError', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    const error = thrownBy(() => new EcsCluster(stack, 'Cluster', { vpc, capacity: [ClusterCapacity.ec2()] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^\[Stack\/Cluster\/Ec2\] vpc: got "Stack\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: EC2 capacity never runs in public subnets/);
  });
});

describe(EC2_AND_FARGATE_CLUSTERS, () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ template } = ec2AndFargateClusters());
  });

  test('notes: "an ECS cluster contains a fleet of EC2 instances, each running an ECS container agent": an Auto Scaling group of ECS-optimized instances that join the cluster', () => {
    // THEN
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        ImageId: { Ref: Match.stringLikeRegexp('ecsoptimizedamiamazonlinux2023arm64') },
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('echo ECS_CLUSTER=')])] } },
      }),
    });
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
  });

  test('notes: "ECS manages the EC2 instances that run your containers": a capacity provider with managed scaling and termination protection', () => {
    template.hasResourceProperties('AWS::ECS::CapacityProvider', {
      AutoScalingGroupProvider: Match.objectLike({
        ManagedScaling: Match.objectLike({ Status: 'ENABLED' }),
        ManagedTerminationProtection: 'ENABLED',
      }),
    });
  });
});
