import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ValidationError } from '../../../lib/errors';
import { DefaultSecurityGroupClosure, NatMode, PlatformNetwork, PlatformNetworkProps, VpcEndpointSet } from '../../../lib/network';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

function synth(props: PlatformNetworkProps = {}, env?: { account: string; region: string }): { stack: Stack; network: PlatformNetwork; template: Template } {
  const stack = new Stack(new App(), 'Stack', env ? { env } : undefined);
  const network = new PlatformNetwork(stack, 'Network', props);
  return { stack, network, template: Template.fromStack(stack) };
}

describe('PlatformNetwork defaults', () => {
  let stack: Stack;
  let network: PlatformNetwork;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, network, template } = synth());
  });

  test('a /16 VPC in 2 AZs with public and private subnets whose CIDRs are concrete (no Fn::Cidr)', () => {
    // THEN
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: false });
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: Match.stringLikeRegexp('^10\\.0\\.\\d+\\.0/\\d+$'), MapPublicIpOnLaunch: false });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::Cidr');
    expect(network.vpc.privateSubnets).toHaveLength(2);
    expect(network.vpc.isolatedSubnets).toHaveLength(0);
  });

  test('one NAT gateway, not one per AZ', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::EIP', 1);
    expect(network.natMode).toBe(NatMode.ONE);
  });

  test('flow logs of all traffic to a KMS-encrypted log group kept one year', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Action: 'kms:CreateGrant' }),
        Match.objectLike({ Sid: 'AllowCloudWatchLogs', Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } }),
      ]) },
    });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  test('the default security group is closed by a native SSM association running the AWS runbook, at deploy and daily after', () => {
    template.hasResourceProperties('AWS::SSM::Association', {
      Name: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      ScheduleExpression: 'rate(1 day)',
      Parameters: {
        GroupId: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'DefaultSecurityGroup'] }],
        AutomationAssumeRole: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('DefaultSecurityGroupClosureRole'), 'Arn'] }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'ssm.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })],
      },
      Policies: [Match.objectLike({
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Action: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'] })]),
        },
      })],
    });
  });

  test('only the free S3 gateway endpoint, on the private route tables', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      RouteTableIds: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1RouteTable') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2RouteTable') }],
    });
    expect(network.endpoints).toHaveLength(1);
  });

  test('no custom resources, no Lambda functions and no warnings', () => {
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('no context lookups', () => {
    const assembly = (stack.node.root as App).synth();
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  test('stable construct ids', () => {
    expect(network.vpc.node.id).toBe('Resource');
    expect(network.flowLogGroup.node.path).toBe('Stack/Network/FlowLogs');
    expect(network.node.tryFindChild('DefaultSecurityGroupClosure')).toBeDefined();
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('PlatformNetwork in a stack with an account and Region', () => {
  test('the subnets carry the zones aws-cdk-lib looked up, and tell cfn-lint why (W3010) on each subnet only', () => {
    const app = new App({ context: { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
    const stack = new Stack(app, 'Net', { env: { account: '123456789012', region: 'eu-west-1' } });
    new PlatformNetwork(stack, 'Network');
    const subnets = Object.values(Template.fromStack(stack).findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(4);
    for (const subnet of subnets) {
      expect(subnet.Properties.AvailabilityZone).toMatch(/^eu-west-1[ab]$/);
      expect(subnet.Metadata['cfn-lint']).toEqual({ config: { ignore_checks: ['W3010'] } });
    }
    const others = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Metadata?: unknown }>)
      .filter((r) => r.Type !== 'AWS::EC2::Subnet' && JSON.stringify(r.Metadata ?? {}).includes('W3010'));
    expect(others).toEqual([]);
  });

  test('an environment-agnostic stack\'s subnets use Fn::GetAZs and get no such metadata', () => {
    const stack = new Stack(new App(), 'Net');
    new PlatformNetwork(stack, 'Network');
    for (const subnet of Object.values(Template.fromStack(stack).findResources('AWS::EC2::Subnet'))) {
      expect(JSON.stringify(subnet.Properties.AvailabilityZone)).toContain('Fn::GetAZs');
      expect(subnet.Metadata?.['cfn-lint']).toBeUndefined();
    }
  });
});

describe('PlatformNetwork options', () => {
  test('natMode NONE: no NAT, isolated private subnets, and a warning that images cannot be pulled', () => {
    // GIVEN / WHEN
    const { stack, network, template } = synth({ natMode: NatMode.NONE });
    // THEN
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(network.vpc.isolatedSubnets).toHaveLength(2);
    expect(network.vpc.privateSubnets).toHaveLength(0);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('natMode is NONE and endpoints is S3_GATEWAY: .*cannot reach ECR, so they could not pull images'));
  });

  test('endpoints NONE: no endpoint at all (and the same warning without NAT)', () => {
    const { stack, template } = synth({ natMode: NatMode.NONE, endpoints: VpcEndpointSet.NONE });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('natMode is NONE and endpoints is NONE'));
  });

  test('natMode PER_AZ: one NAT gateway per AZ (explicit AZs)', () => {
    const { template } = synth({ natMode: NatMode.PER_AZ, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }, { account: '123456789012', region: 'us-east-1' });
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'us-east-1c' });
  });

  test('endpoints IMAGE_PULL: S3 gateway plus ECR API, ECR Docker and Logs interface endpoints; no warning without NAT', () => {
    const { stack, network, template } = synth({ natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 4);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['.s3'])] }) });
    for (const service of ['ecr.api', 'ecr.dkr', 'logs']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
      });
    }
    expect(network.endpoints).toHaveLength(4);
    // one security group for the interface endpoints: HTTPS from the VPC's literal CIDR only
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the VPC' }],
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('EndpointSecurityGroup'), 'GroupId'] }],
    });
    expect(network.endpointSecurityGroup?.node.path).toBe('Stack/Network/EndpointSecurityGroup');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('endpoints ECS_FULL: also ECS, ECS agent, ECS telemetry, Secrets Manager, SSM, SSM Messages and KMS', () => {
    const { template } = synth({ endpoints: VpcEndpointSet.ECS_FULL });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 11);
    for (const service of ['ecs', 'ecs-agent', 'ecs-telemetry', 'secretsmanager', 'ssm', 'ssmmessages', 'kms']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] } });
    }
  });

  test('cidr, maxAzs and flowLogRetention', () => {
    const { template } = synth({ cidr: '172.16.0.0/20', maxAzs: 1, flowLogRetention: logs.RetentionDays.TWO_YEARS });
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.16.0.0/20' });
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '172.16.0.0/24' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('maxAzs above 2 in an environment-agnostic stack warns that only 2 AZs are used', () => {
    const { stack, template } = synth({ maxAzs: 3 });
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('can only use 2 AZs'));
  });

  test('defaultSecurityGroupClosure CUSTOM_RESOURCE uses aws-cdk-lib\'s custom resource (opt-in)', () => {
    const { template } = synth({ defaultSecurityGroupClosure: DefaultSecurityGroupClosure.CUSTOM_RESOURCE });
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.resourceCountIs('AWS::SSM::Association', 0);
  });

  test('defaultSecurityGroupClosure LEAVE_OPEN creates nothing to close it', () => {
    const { template } = synth({ defaultSecurityGroupClosure: DefaultSecurityGroupClosure.LEAVE_OPEN });
    template.resourceCountIs('AWS::SSM::Association', 0);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });
});

describe('PlatformNetwork validation', () => {
  const cases: Array<[string, (stack: Stack) => PlatformNetworkProps, RegExp, { region: string }?]> = [
    ['cidr not a CIDR', () => ({ cidr: '10.0.0/16' }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\/16"; allowed: an IPv4 CIDR block from \/16 to \/28, e\.g\. "10\.0\.0\.0\/16"\. Hint: RFC 1918 ranges/],
    ['cidr with host bits', () => ({ cidr: '10.0.1.0/16' }),
      /^\[Stack\/Network\] cidr: got "10\.0\.1\.0\/16"; allowed: a block whose host bits are zero \(a network address\)\. Hint: write "10\.0\.0\.0\/16", the block EC2 would create$/],
    ['cidr octet over 255', () => ({ cidr: '10.300.0.0/16' }),
      /^\[Stack\/Network\] cidr: got "10\.300\.0\.0\/16"; allowed: an IPv4 CIDR block from \/16 to \/28/],
    ['cidr too large', () => ({ cidr: '10.0.0.0/8' }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/8"; allowed: an IPv4 CIDR block from \/16 to \/28/],
    ['cidr smaller than a VPC can be', () => ({ cidr: '10.0.0.0/29' }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/29"; allowed: an IPv4 CIDR block from \/16 to \/28/],
    ['cidr IPv6', () => ({ cidr: 'fd00:ec2::/56' }), /^\[Stack\/Network\] cidr: got "fd00:ec2::\/56"; allowed: an IPv4 CIDR block/],
    ['cidr /28: no room for two subnets in an AZ', () => ({ cidr: '10.0.0.0/28', maxAzs: 1 }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/28"; allowed: a block of \/27 or larger for 1 AZ\(s\), with room for a public and a private subnet \(each at least \/28\) in each AZ\. Hint: use a larger block, or fewer AZs/],
    ['cidr /27 for the default 2 AZs', () => ({ cidr: '10.0.0.0/27' }), /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/27"; allowed: a block of \/26 or larger for 2 AZ\(s\)/],
    ['cidr /26 for 3 AZs', () => ({ cidr: '10.0.0.0/26', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/26"; allowed: a block of \/25 or larger for 3 AZ\(s\)/],
    ['cidr /25 for 5 AZs', () => ({ cidr: '10.0.0.0/25', availabilityZones: ['a', 'b', 'c', 'd', 'e'].map((z) => `us-east-1${z}`) }),
      /^\[Stack\/Network\] cidr: got "10\.0\.0\.0\/25"; allowed: a block of \/24 or larger for 5 AZ\(s\)/],
    ['cidr from a token (subnet blocks are computed at synth)', (stack) => ({ cidr: new CfnParameter(stack, 'Cidr').valueAsString }),
      /^\[Stack\/Network\] cidr: got an unresolved token \(\$\{Token\[TOKEN\.\d+\]\}\); allowed: a literal IPv4 CIDR block such as "10\.0\.0\.0\/16"\. Hint: subnet blocks are computed at synth, so the VPC block cannot be a token/],
    ['cidr from a Lazy string', () => ({ cidr: Lazy.string({ produce: () => '10.0.0.0/16' }) }),
      /^\[Stack\/Network\] cidr: got an unresolved token \(\$\{Token\[TOKEN\.\d+\]\}\); allowed: a literal IPv4 CIDR block/],
    ['maxAzs 0', () => ({ maxAzs: 0 }), /^\[Stack\/Network\] maxAzs: got 0; allowed: a whole number from 1 to 6\. Hint: an environment-agnostic stack only offers 2 AZs/],
    ['maxAzs 7', () => ({ maxAzs: 7 }), /^\[Stack\/Network\] maxAzs: got 7; allowed: a whole number from 1 to 6\./],
    ['maxAzs 1.5', () => ({ maxAzs: 1.5 }), /^\[Stack\/Network\] maxAzs: got 1\.5; allowed: a whole number from 1 to 6\./],
    ['maxAzs from a CfnParameter (the AZ count shapes the subnets)', (stack) => ({ maxAzs: new CfnParameter(stack, 'Azs', { type: 'Number' }).valueAsNumber }),
      /^\[Stack\/Network\] maxAzs: got an unresolved token; allowed: a literal whole number from 1 to 6\. Hint: a literal number is required because the AZ count shapes the subnets/],
    ['maxAzs from a Lazy number', () => ({ maxAzs: Lazy.number({ produce: () => 2 }) }),
      /^\[Stack\/Network\] maxAzs: got an unresolved token; allowed: a literal whole number from 1 to 6\. Hint: a literal number is required/],
    ['availabilityZones empty', () => ({ availabilityZones: [] }), /^\[Stack\/Network\] availabilityZones: got \[\]; allowed: 1 to 6 distinct AZ names such as "us-east-1a"\./],
    ['availabilityZones duplicated', () => ({ availabilityZones: ['us-east-1a', 'us-east-1a'] }),
      /^\[Stack\/Network\] availabilityZones: got \["us-east-1a","us-east-1a"\]; allowed: 1 to 6 distinct AZ names/],
    ['availabilityZones not AZ names', () => ({ availabilityZones: ['us-east-1'] }), /^\[Stack\/Network\] availabilityZones: got \["us-east-1"\]; allowed: 1 to 6 distinct AZ names/],
    ['availabilityZones of another region than the stack\'s', () => ({ availabilityZones: ['eu-west-1a', 'us-east-1b'] }),
      /^\[Stack\/Network\] availabilityZones: got "us-east-1b"; allowed: an AZ of the stack's region eu-west-1, e\.g\. "eu-west-1a"\.$/, { region: 'eu-west-1' }],
    ['availabilityZones as a list token', (stack) => ({ availabilityZones: new CfnParameter(stack, 'Azs', { type: 'List<AWS::EC2::AvailabilityZone::Name>' }).valueAsList }),
      /^\[Stack\/Network\] availabilityZones: got .*; allowed: an array of AZ names, each a literal or a single-value token\. Hint: the AZ count shapes the subnets/],
    ['flowLogRetention not a RetentionDays value', () => ({ flowLogRetention: 366 as logs.RetentionDays }),
      /^\[Stack\/Network\] flowLogRetention: got 366; allowed: a logs\.RetentionDays value: 1, 3, 5, .*, 3653 days, or INFINITE\.$/],
    ['seven availabilityZones', () => ({ availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((z) => `us-east-1${z}`) }),
      /^\[Stack\/Network\] availabilityZones: got \["us-east-1a",.*"us-east-1g"\]; allowed: 1 to 6 distinct AZ names/],
    ['maxAzs with availabilityZones', () => ({ availabilityZones: ['us-east-1a'], maxAzs: 1 }),
      /^\[Stack\/Network\] maxAzs: got 1; allowed: nothing when availabilityZones is given\. Hint: give either maxAzs or availabilityZones/],
    ['natMode not a NatMode', () => ({ natMode: 'TWO' as NatMode }), /^\[Stack\/Network\] natMode: got "TWO"; allowed: NONE, ONE, PER_AZ\.$/],
    ['endpoints not a VpcEndpointSet', () => ({ endpoints: 'ALL' as VpcEndpointSet }), /^\[Stack\/Network\] endpoints: got "ALL"; allowed: NONE, S3_GATEWAY, IMAGE_PULL, ECS_FULL, EKS_PRIVATE\.$/],
    ['defaultSecurityGroupClosure not a DefaultSecurityGroupClosure', () => ({ defaultSecurityGroupClosure: 'CLOSED' as DefaultSecurityGroupClosure }),
      /^\[Stack\/Network\] defaultSecurityGroupClosure: got "CLOSED"; allowed: SSM_AUTOMATION, CUSTOM_RESOURCE, LEAVE_OPEN\.$/],
  ];
  // env is taken as a rest element: a fourth declared parameter would make jest wait for a done callback on rows without it.
  test.each(cases)('%s is a ValidationError', (_name, props, message, ...[env]) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', env ? { env } : undefined);
    // WHEN
    const error = thrownBy(() => new PlatformNetwork(stack, 'Network', props(stack)));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('availabilityZones from tokens are not checked and pass through to the subnets', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const azs = ['Az1', 'Az2'].map((id) => new CfnParameter(stack, id, { type: 'AWS::EC2::AvailabilityZone::Name' }).valueAsString);
    // WHEN
    const network = new PlatformNetwork(stack, 'Network', { availabilityZones: azs });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: { Ref: 'Az1' }, CidrBlock: '10.0.0.0/24' });
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: { Ref: 'Az2' } });
    expect(network.vpc.privateSubnets.map((sn) => stack.resolve(sn.availabilityZone))).toEqual([{ Ref: 'Az1' }, { Ref: 'Az2' }]);
  });
});

describe('PlatformNetwork CIDR sizes and warnings', () => {
  const warningsOf = (stack: Stack, id: string): unknown[] => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[ack: ${id}\\]`));

  test.each<[string, PlatformNetworkProps, string[]]>([
    ['/27 in 1 AZ: a /28 public and a /28 private subnet', { cidr: '10.0.0.0/27', maxAzs: 1 }, ['10.0.0.0/28', '10.0.0.16/28']],
    ['/26 in 2 AZs', { cidr: '10.0.0.0/26' }, ['10.0.0.0/28', '10.0.0.16/28', '10.0.0.32/28', '10.0.0.48/28']],
    ['/23 in 2 AZs: /27 public subnets', { cidr: '10.0.0.0/23' }, ['10.0.0.0/27', '10.0.0.32/27', '10.0.0.128/25', '10.0.1.0/25']],
  ])('cidr %s synthesizes (AWS allows /16 to /28)', (_name, props, blocks) => {
    // WHEN
    const { template } = synth(props);
    // THEN
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet')).map((r) => r.Properties.CidrBlock as string);
    expect(subnets.sort()).toEqual([...blocks].sort());
  });

  test('cidr /24 fits 6 AZs, counted from availabilityZones', () => {
    const { template } = synth({ cidr: '10.0.0.0/24', availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `us-east-1${z}`) });
    template.resourceCountIs('AWS::EC2::Subnet', 12);
  });

  test('maxAzs 3 in an environment-agnostic stack is counted as the 2 AZs CDK offers', () => {
    const { template } = synth({ cidr: '10.0.0.0/26', maxAzs: 3 });
    template.resourceCountIs('AWS::EC2::Subnet', 4);
  });

  test.each(['172.17.0.0/16', '172.17.200.0/22', '172.17.255.192/26'])('cidr %s overlaps Docker\'s bridge network: a warning', (cidr) => {
    const { stack } = synth({ cidr });
    expect(warningsOf(stack, 'cdk-containers:network-docker-bridge-cidr')).toHaveLength(1);
  });

  test.each(['172.16.0.0/16', '172.18.0.0/16', '10.0.0.0/16'])('cidr %s does not overlap Docker\'s bridge network: no warning', (cidr) => {
    const { stack } = synth({ cidr });
    expect(warningsOf(stack, 'cdk-containers:network-docker-bridge-cidr')).toEqual([]);
  });

  test('cidr /24 or smaller: /28 public subnets, too small for an ALB, is a warning; /23 is not', () => {
    expect(warningsOf(synth({ cidr: '10.0.0.0/24' }).stack, 'cdk-containers:network-small-public-subnets')).toHaveLength(1);
    expect(warningsOf(synth({ cidr: '10.0.0.0/23' }).stack, 'cdk-containers:network-small-public-subnets')).toEqual([]);
  });

  test('flowLogRetention INFINITE sets no retention, and a token retention passes through', () => {
    expect(synth({ flowLogRetention: logs.RetentionDays.INFINITE }).template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: Match.anyValue() } })).toEqual({});
    const stack = new Stack(new App(), 'Stack');
    new PlatformNetwork(stack, 'Network', { flowLogRetention: new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber as logs.RetentionDays });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: { Ref: 'Days' } });
  });

  test('availabilityZones of the stack\'s region are accepted when the region is concrete', () => {
    const { template } = synth({ availabilityZones: ['eu-west-1a', 'eu-west-1c'] }, { account: '123456789012', region: 'eu-west-1' });
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1c' });
  });
});

describe('notes: the container-services notes hold for ECR (SEED notes, ECR)', () => {
  test('notes: "you can use HTTPS to transfer container images": the network\'s ECR endpoints accept HTTPS (443) only', () => {
    // GIVEN
    const networkStack = new Stack(new App(), 'Net');
    // WHEN
    new PlatformNetwork(networkStack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    // THEN
    const t = Template.fromStack(networkStack);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ecr.dkr']] }, PrivateDnsEnabled: true });
    const groups = Object.values(t.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('endpoint') } }));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.Properties.SecurityGroupIngress.map((r: { IpProtocol: string; FromPort: number; ToPort: number }) => [r.IpProtocol, r.FromPort, r.ToPort])).toEqual([['tcp', 443, 443]]);
  });
});

describe(SAME_IDENTITIES, () => {
  test('PlatformNetwork: flow log retention', () => {
    expectSameIdentities(
      (s) => new PlatformNetwork(s, 'Network'),
      (s) => new PlatformNetwork(s, 'Network', { flowLogRetention: logs.RetentionDays.TWO_YEARS }),
      ['AWS::EC2::VPC', 'AWS::Logs::LogGroup', 'AWS::KMS::Key'],
    );
  });
});

describe('PlatformNetwork lists and links', () => {
  test('endpoints is a copy: changing it does not change the network', () => {
    // GIVEN
    const { network } = synth({ endpoints: VpcEndpointSet.IMAGE_PULL });
    // WHEN
    network.endpoints.pop();
    // THEN
    expect(network.endpoints).toHaveLength(4);
  });

  test('PlatformNetwork.ownerOf finds the network behind its own VPC, and nothing behind any other', () => {
    // GIVEN
    const { stack, network } = synth();
    const plain = new ec2.Vpc(stack, 'Plain');
    const inside = new ec2.Vpc(network, 'Inside');
    // THEN
    expect(PlatformNetwork.ownerOf(network.vpc)).toBe(network);
    expect(PlatformNetwork.ownerOf(plain)).toBeUndefined();
    expect(PlatformNetwork.ownerOf(inside)).toBeUndefined();
  });
});
