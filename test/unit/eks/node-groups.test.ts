import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { ValidationError } from '../../../lib/errors';
import { EksCapacity, EksCluster, EksUpgradePolicy } from '../../../lib/eks';
import { mixedCapacityCluster } from '../../support/eks';
import { newStack } from '../../support/stack';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { managedPolicyArn } from '../../support/template';

describe('EksCapacity.nodeGroup defaults', () => {
  let stack: Stack;
  let platform: EksCluster;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    platform = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()] });
    template = Template.fromStack(stack);
  });

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('Auto Mode is off when only node groups are asked for', () => {
    expect(platform.autoMode).toBe(false);
    template.hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { Enabled: false }, BootstrapSelfManagedAddons: false });
  });

  test('two on-demand Graviton t4g.medium nodes on Amazon Linux 2023, scaling 1 to 4', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      AmiType: 'AL2023_ARM_64_STANDARD',
      InstanceTypes: ['t4g.medium'],
      CapacityType: 'ON_DEMAND',
      ScalingConfig: { MinSize: 1, DesiredSize: 2, MaxSize: 4 },
    });
  });

  test('one node at a time is updated, and unhealthy nodes are repaired', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', { UpdateConfig: { MaxUnavailable: 1 }, NodeRepairConfig: { Enabled: true } });
  });

  test('no SSH, private subnets only', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      RemoteAccess: Match.absent(),
      Subnets: [{ Ref: Match.stringLikeRegexp('^PlatformNetworkPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^PlatformNetworkPrivateSubnet2') }],
    });
  });

  test('a launch template requires IMDSv2 with hop limit 1 and encrypts the gp3 root volume', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: {
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: 20, DeleteOnTermination: true } }],
        KeyName: Match.absent(),
        IamInstanceProfile: Match.absent(),
      },
    });
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      LaunchTemplate: { Id: { Ref: Match.stringLikeRegexp('^PlatformNodeGroupLaunchTemplate') }, Version: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformNodeGroupLaunchTemplate'), 'LatestVersionNumber'] } },
      DiskSize: Match.absent(),
    });
  });

  test('the node role has the worker, CNI and ECR pull-only policies, and is reachable for grants', () => {
    expect(platform.nodeGroupRole).toBeDefined();
    expect(platform.nodeGroupRole!.node.path).toBe('Test/Platform/NodeGroupRole');
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [managedPolicyArn('AmazonEKSWorkerNodePolicy'), managedPolicyArn('AmazonEKS_CNI_Policy'), managedPolicyArn('AmazonEC2ContainerRegistryPullOnly')],
    });
  });

  test('the node group lives at <cluster>/<id>/Resource', () => {
    expect(platform.nodeGroups.map((n) => n.node.path)).toEqual(['Test/Platform/NodeGroup/Resource']);
  });

  test('the four core add-ons are installed as EKS add-ons', () => {
    template.resourceCountIs('AWS::EKS::Addon', 4);
  });
});

describe('EksCapacity.nodeGroup options', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', {
      capacity: [
        EksCapacity.nodeGroup({
          id: 'Spot',
          instanceTypes: [new ec2.InstanceType('m7i.large'), new ec2.InstanceType('m6i.large')],
          amiType: eks.NodegroupAmiType.BOTTLEROCKET_X86_64,
          capacityType: eks.CapacityType.SPOT,
          minSize: 0,
          desiredSize: 3,
          maxSize: 10,
          maxUnavailable: 2,
          diskSize: 50,
          autoRepair: false,
          labels: { 'team': 'shop', 'example.com/tier': 'batch' },
          taints: [{ key: 'dedicated', value: 'shop', effect: eks.TaintEffect.NO_SCHEDULE }],
        }),
        EksCapacity.nodeGroup({ id: 'Single', instanceTypes: [new ec2.InstanceType('m7g.large')], capacityType: eks.CapacityType.SPOT }),
      ],
    });
    template = Template.fromStack(stack);
  });

  test('Spot, sizes, update config and auto-repair are passed through', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      AmiType: 'BOTTLEROCKET_x86_64',
      InstanceTypes: ['m7i.large', 'm6i.large'],
      CapacityType: 'SPOT',
      ScalingConfig: { MinSize: 0, DesiredSize: 3, MaxSize: 10 },
      UpdateConfig: { MaxUnavailable: 2 },
      NodeRepairConfig: Match.absent(),
    });
  });

  test('labels and taints are set on the nodes', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      Labels: { 'team': 'shop', 'example.com/tier': 'batch' },
      Taints: [{ Key: 'dedicated', Value: 'shop', Effect: 'NO_SCHEDULE' }],
    });
  });

  test('Bottlerocket gets an encrypted OS volume and an encrypted data volume of the given size', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeSize: 4 }) },
          { DeviceName: '/dev/xvdb', Ebs: Match.objectLike({ Encrypted: true, VolumeSize: 50, VolumeType: 'gp3' }) },
        ],
      }),
    });
  });

  test('node groups share one node role', () => {
    const roles = Object.values(template.findResources('AWS::EKS::Nodegroup')).map((r) => JSON.stringify(r.Properties.NodeRole));
    expect(new Set(roles).size).toBe(1);
  });

  test('Spot with a single instance type gives a warning', () => {
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('Spot node group "Single" has a single instance type'));
  });
});

describe('EksCapacity.nodeGroup Kubernetes version', () => {
  const versionsOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::EKS::Nodegroup')).map((r) => r.Properties.Version);

  test('a node group states the cluster\'s version, so a new cluster version rolls its nodes in the same deployment', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_36, capacity: [EksCapacity.nodeGroup()] });
    expect(versionsOf(stack)).toEqual(['1.36']);
    // The control plane is updated first: the node group depends on the cluster.
    const [nodegroup] = Object.values(Template.fromStack(stack).findResources('AWS::EKS::Nodegroup'));
    expect(nodegroup.Properties.ClusterName).toEqual({ Ref: expect.stringMatching(/^Platform/) });
  });

  test('a node group pinned one to three versions behind the control plane is accepted with a warning', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', {
      capacity: [
        EksCapacity.nodeGroup({ id: 'Behind', version: eks.KubernetesVersion.V1_36 }),
        EksCapacity.nodeGroup({ id: 'Oldest', version: eks.KubernetesVersion.V1_34 }),
        EksCapacity.nodeGroup({ id: 'Current', version: eks.KubernetesVersion.V1_37 }),
      ],
    });
    expect(versionsOf(stack)).toEqual(['1.36', '1.34', '1.37']);
    expect(Annotations.fromStack(stack).findWarning('/Test/Platform', Match.stringLikeRegexp('behind the control plane')).map((w) => w.entry.data)).toEqual([
      'Node group "Behind" runs Kubernetes 1.36, 1 minor version behind the control plane (1.37): supported, but upgrade it next (leave version unset to follow the cluster). [ack: cdk-containers:eks-node-version-skew]',
      'Node group "Oldest" runs Kubernetes 1.34, 3 minor versions behind the control plane (1.37): supported, but upgrade it next (leave version unset to follow the cluster). [ack: cdk-containers:eks-node-version-skew]',
    ]);
  });

  test('the Amazon Linux 2 check uses the nodes\' version', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', {
      version: eks.KubernetesVersion.V1_35,
      capacity: [EksCapacity.nodeGroup({ version: eks.KubernetesVersion.V1_32, instanceTypes: [new ec2.InstanceType('m6i.large')], amiType: eks.NodegroupAmiType.AL2_X86_64 })],
    });
    expect(versionsOf(stack)).toEqual(['1.32']);
  });

  test.each<[string, eks.KubernetesVersion, eks.KubernetesVersion, RegExp]>([
    ['newer than the control plane', eks.KubernetesVersion.V1_36, eks.KubernetesVersion.V1_37,
      /^\[Test\/Platform\] version \(node group NodeGroup\): got "1\.37"; allowed: the cluster's version 1\.36 or up to 3 minor versions older \(1\.33 to 1\.36\)\. Hint: nodes may not be newer than the control plane/],
    ['four versions behind', eks.KubernetesVersion.V1_37, eks.KubernetesVersion.V1_33,
      /^\[Test\/Platform\] version \(node group NodeGroup\): got "1\.33"; allowed: the cluster's version 1\.37 or up to 3 minor versions older \(1\.34 to 1\.37\)\. Hint: upgrade the nodes one deployment behind/],
    ['not a version', eks.KubernetesVersion.V1_37, eks.KubernetesVersion.of('latest'),
      /^\[Test\/Platform\] version \(node group NodeGroup\): got "latest"; allowed: the cluster's version 1\.37/],
  ])('a node version %s fails at synth', (_name, clusterVersion, version, message) => {
    const build = () => new EksCluster(newStack('Test'), 'Platform', { version: clusterVersion, capacity: [EksCapacity.nodeGroup({ version })] });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(message);
  });

  test('a node version from a CfnParameter is passed through unchecked', () => {
    const stack = newStack('Test');
    const version = new CfnParameter(stack, 'NodeVersion', { type: 'String' });
    new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup({ version: eks.KubernetesVersion.of(version.valueAsString) })] });
    expect(versionsOf(stack)).toEqual([{ Ref: 'NodeVersion' }]);
  });
});

describe('EksCapacity.nodeGroup on Windows and above the default quota', () => {
  test('a Windows node group gets a 50 GiB encrypted root volume on /dev/sda1 by default, and m4.16xlarge is accepted', () => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.nodeGroup({ amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64, instanceTypes: [new ec2.InstanceType('m6i.large'), new ec2.InstanceType('m4.16xlarge')] })],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: Match.objectLike({ Encrypted: true, VolumeSize: 50, VolumeType: 'gp3' }) }],
      }),
    });
  });

  test('a Windows disk size given by the user is kept as given', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.nodeGroup({ amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64, instanceTypes: [new ec2.InstanceType('m6i.large')], diskSize: 80 })],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ VolumeSize: 80 }) })] }),
    });
  });

  test('maxSize above 450 is kept, with a warning about the default quota; 450 gives none', () => {
    const big = newStack('Test');
    new EksCluster(big, 'Platform', { capacity: [EksCapacity.nodeGroup({ id: 'Big', maxSize: 2000 })] });
    Template.fromStack(big).hasResourceProperties('AWS::EKS::Nodegroup', { ScalingConfig: Match.objectLike({ MaxSize: 2000 }) });
    Annotations.fromStack(big).hasWarning('/Test/Platform', Match.stringLikeRegexp('Node group "Big" may grow to 2000 nodes.*quota is 450'));

    const atQuota = newStack('Test');
    new EksCluster(atQuota, 'Platform', { capacity: [EksCapacity.nodeGroup({ maxSize: 450 })] });
    Annotations.fromStack(atQuota).hasNoWarning('*', Match.stringLikeRegexp('Nodes per managed node group'));
  });
});

describe('EksCapacity.nodeGroup next to Auto Mode and Fargate profiles', () => {
  let platform: EksCluster;
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    ({ platform, template } = mixedCapacityCluster());
  });

  test('the Auto Mode nodes and the node groups use different roles', () => {
    expect(platform.autoModeNodeRole).not.toBe(platform.nodeGroupRole);
  });

  test('addNodeGroup after construction applies the same defaults', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', { ScalingConfig: { MinSize: 1, DesiredSize: 1, MaxSize: 4 }, AmiType: 'AL2023_ARM_64_STANDARD' });
  });
});

describe('EksCapacity tokens', () => {
  test('sizes from CfnParameters are passed through unchecked', () => {
    // GIVEN
    const stack = newStack('Test');
    const desired = new CfnParameter(stack, 'Desired', { type: 'Number' });
    // WHEN
    new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup({ minSize: 3, desiredSize: desired.valueAsNumber, maxSize: 5, maxUnavailable: 2 })] });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Nodegroup', { ScalingConfig: { MinSize: 3, DesiredSize: { Ref: 'Desired' }, MaxSize: 5 } });
  });
});

describe('EksCapacity.nodeGroup bad input', () => {
  const ng = (options: Parameters<typeof EksCapacity.nodeGroup>[0]) => (s: Stack) => new EksCluster(s, 'Platform', { capacity: [EksCapacity.nodeGroup(options)] });
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['Graviton instance with an x86 AMI', ng({ instanceTypes: [new ec2.InstanceType('m7g.large')], amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD }),
      /^\[Test\/Platform\] amiType: got "AL2023_x86_64_STANDARD"; allowed: an AMI type for arm64 instances \(m7g\.large\)/],
    ['x86 instance with an ARM Bottlerocket AMI', ng({ instanceTypes: [new ec2.InstanceType('m7i.large')], amiType: eks.NodegroupAmiType.BOTTLEROCKET_ARM_64 }),
      /^\[Test\/Platform\] amiType: got "BOTTLEROCKET_ARM_64"; allowed: an AMI type for x86_64 instances/],
    ['mixed architectures', ng({ instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m7i.large')] }),
      /^\[Test\/Platform\] instanceTypes: got \["m7g\.large","m7i\.large"\]; allowed: one or more instance types of a single CPU architecture/],
    ['no instance types', ng({ instanceTypes: [] }),
      /^\[Test\/Platform\] instanceTypes: got \[\]; allowed: one or more distinct instance types/],
    ['Amazon Linux 2 on Kubernetes 1.37', ng({ instanceTypes: [new ec2.InstanceType('m7g.large')], amiType: eks.NodegroupAmiType.AL2_ARM_64 }),
      /^\[Test\/Platform\] amiType: got "AL2_ARM_64"; allowed: Amazon Linux 2023 or Bottlerocket AMI types for Kubernetes 1\.37/],
    ['Amazon Linux 2 on Kubernetes 1.33', (s) => new EksCluster(s, 'Platform', { version: eks.KubernetesVersion.V1_33, upgradePolicy: EksUpgradePolicy.EXTENDED, capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m6i.large')], amiType: eks.NodegroupAmiType.AL2_X86_64 })] }),
      /^\[Test\/Platform\] amiType: got "AL2_x86_64"; allowed: Amazon Linux 2023 or Bottlerocket AMI types for Kubernetes 1\.33/],
    ['min above desired', ng({ minSize: 3, desiredSize: 2 }),
      /^\[Test\/Platform\] desiredSize: got 2; allowed: from minSize \(3\) to maxSize \(4\)/],
    ['min above max (desired left to its default)', ng({ minSize: 3, maxSize: 1 }),
      /^\[Test\/Platform\] minSize: got 3; allowed: at most maxSize \(1\)/],
    ['desired above max', ng({ desiredSize: 5, maxSize: 4 }),
      /^\[Test\/Platform\] desiredSize: got 5; allowed: from minSize \(1\) to maxSize \(4\)/],
    ['max below the default desired size', ng({ maxSize: 1 }),
      /^\[Test\/Platform\] desiredSize: got 2; allowed: from minSize \(1\) to maxSize \(1\)/],
    ['desired above max, min from a CfnParameter', (s) => new EksCluster(s, 'Platform', {
      capacity: [EksCapacity.nodeGroup({ minSize: new CfnParameter(s, 'Min', { type: 'Number' }).valueAsNumber, desiredSize: 5, maxSize: 4 })],
    }), /^\[Test\/Platform\] desiredSize: got 5; allowed: from minSize \(a token\) to maxSize \(4\)/],
    ['negative min', ng({ minSize: -1 }),
      /^\[Test\/Platform\] minSize: got -1; allowed: a whole number of at least 0/],
    ['fractional max', ng({ maxSize: 2.5 }),
      /^\[Test\/Platform\] maxSize: got 2\.5; allowed: a whole number of at least 1/],
    ['maxUnavailable of 0', ng({ maxUnavailable: 0 }),
      /^\[Test\/Platform\] maxUnavailable: got 0; allowed: a whole number from 1 to 100/],
    ['maxUnavailable above maxSize', ng({ maxUnavailable: 5, maxSize: 4 }),
      /^\[Test\/Platform\] maxUnavailable: got 5; allowed: at most maxSize \(4\)/],
    ['disk smaller than the AMI', ng({ diskSize: 8 }),
      /^\[Test\/Platform\] diskSize: got 8; allowed: a whole number from 20 to 65536/],
    ['a Windows disk smaller than the AMI\'s 50 GiB root', ng({ amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64, instanceTypes: [new ec2.InstanceType('m6i.large')], diskSize: 30 }),
      /^\[Test\/Platform\] diskSize: got 30; allowed: a whole number from 50 to 65536\. Hint: the Windows node AMIs' root volume is 50 GiB/],
    ['Windows on an instance family EKS does not support for Windows', ng({ amiType: eks.NodegroupAmiType.WINDOWS_FULL_2019_X86_64, instanceTypes: [new ec2.InstanceType('m6i.large'), new ec2.InstanceType('c4.xlarge')] }),
      /^\[Test\/Platform\] instanceTypes: got \["c4\.xlarge"\]; allowed: instance types EKS supports for Windows nodes/],
    ['label key with a space', ng({ labels: { 'my team': 'shop' } }),
      /^\[Test\/Platform\] labels key: got "my team"; allowed: a Kubernetes label key/],
    ['label value too long', ng({ labels: { team: 'x'.repeat(64) } }),
      /^\[Test\/Platform\] labels\["team"\]: got "x{64}"; allowed: a Kubernetes label value/],
    ['label key with an upper-case prefix', ng({ labels: { 'Example.com/tier': 'a' } }),
      /^\[Test\/Platform\] labels key: got "Example\.com\/tier"; allowed: a Kubernetes label key/],
    ['taint effect in kubectl spelling', ng({ taints: [{ key: 'dedicated', effect: 'NoSchedule' as eks.TaintEffect }] }),
      /^\[Test\/Platform\] taints effect: got "NoSchedule"; allowed: NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE/],
    ['taint without a key', ng({ taints: [{ effect: eks.TaintEffect.NO_EXECUTE }] }),
      /^\[Test\/Platform\] taints key: got \{"effect":"NO_EXECUTE"\}; allowed: a Kubernetes label key on every taint/],
    ['nodes in public subnets', ng({ subnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      /^\[Test\/Platform\] subnets: got "SubnetType\.PUBLIC"; allowed: private subnets/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN / WHEN / THEN
    expect(() => build(newStack('Test'))).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});

describe(SAME_IDENTITIES, () => {
  test('EksCluster: node group sizes and instance types', () => {
    expectSameIdentities(
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 1, maxSize: 3 })] }),
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 2, maxSize: 6, instanceTypes: [new ec2.InstanceType('m7g.large')] })] }),
      ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup'],
    );
  });
});

describe('EksCapacity.nodeGroup sizes from CfnParameters', () => {
  test('every size a token: synthesizes, the parameters reach ScalingConfig and UpdateConfig', () => {
    // GIVEN
    const stack = newStack('Test');
    const param = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    // WHEN
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.nodeGroup({ minSize: param('Min'), desiredSize: param('Desired'), maxSize: param('Max'), maxUnavailable: param('Unavailable'), diskSize: param('Disk') })],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Nodegroup', {
      ScalingConfig: { MinSize: { Ref: 'Min' }, DesiredSize: { Ref: 'Desired' }, MaxSize: { Ref: 'Max' } },
      UpdateConfig: { MaxUnavailable: { Ref: 'Unavailable' } },
    });
  });

  test('a token maxSize with the default maxUnavailable keeps UpdateConfig', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup({ maxSize: new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber })] });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Nodegroup', { UpdateConfig: { MaxUnavailable: 1 }, ScalingConfig: { MaxSize: { Ref: 'Max' } } });
  });
});

describe('EksCapacity.nodeGroup instance types and labels', () => {
  test.each<[string, ec2.InstanceType[], eks.NodegroupAmiType | undefined, RegExp]>([
    ['a malformed name', [new ec2.InstanceType('m7g')], undefined, /instanceTypes: got "m7g"; allowed: an EC2 instance type/],
    ['an unknown family', [new ec2.InstanceType('m7q.large')], undefined, /instanceTypes: got "m7q\.large".*Hint: EC2 has no family "m7q" in the library.s list; if it is newer than the list, set amiType/],
    ['duplicates', [new ec2.InstanceType('t4g.medium'), new ec2.InstanceType('t4g.medium')], undefined, /allowed: one or more distinct instance types/],
  ])('rejects %s', (_name, instanceTypes, amiType, message) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { capacity: [EksCapacity.nodeGroup({ instanceTypes, amiType })] })).toThrow(message);
  });

  test('an unknown family is accepted with an amiType', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m9g.large')], amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD })],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Nodegroup', { InstanceTypes: ['m9g.large'], AmiType: 'AL2023_ARM_64_STANDARD' });
  });

  test('labels kubelet refuses are rejected with a hint, its own are accepted', () => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { capacity: [EksCapacity.nodeGroup({ labels: { 'kubernetes.io/role': 'x' } })] }))
      .toThrow(/labels key: got "kubernetes\.io\/role".*Hint: kubelet refuses other kubernetes\.io and k8s\.io labels/);
    expect(() => new EksCluster(newStack('Test'), 'Platform', { capacity: [EksCapacity.nodeGroup({ labels: { 'node.kubernetes.io/role': 'x' } })] })).not.toThrow();
  });

  test('subnets picked by a public group name are rejected', () => {
    const stack = newStack('Test');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    expect(() => new EksCluster(stack, 'Platform', { vpc, capacity: [EksCapacity.nodeGroup({ subnets: { subnetGroupName: 'Public' } })] }))
      .toThrow(/^\[Test\/Platform\] subnets: got .*; allowed: private subnets/);
  });
});
