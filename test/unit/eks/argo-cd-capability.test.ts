import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ValidationError } from '../../../lib/errors';
import {
  ArgoCdCapability,
  ArgoCdCapabilityProps,
  ArgoCdDeletePropagation,
  ArgoCdIdentity,
  ArgoCdIdentityType,
  ArgoCdNetworkAccess,
  ArgoCdRole,
  ArgoCdRoleMapping,
} from '../../../lib/eks/argo-cd-capability';
import { EksCluster } from '../../../lib/eks/cluster';
import { cfnLint } from '../../support/cfn-lint';
import { newStack } from '../../support/stack';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

const IDC = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const ADMINS = '906757ab-1c71-7061-9d4a-1e9c2a1e6f4b';
const DEVELOPERS = '92676f3a-3021-70c7-0f22-3c4b1a6ed5ea';
const ALICE = 'f4e3d2c1b0-5a8b9c7d-1e2f-4a3b-8c9d-0e1f2a3b4c5d';
const CONNECTION = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';
const ADMIN_MAPPING: ArgoCdRoleMapping = { role: ArgoCdRole.ADMIN, identities: [{ id: ADMINS, identityType: ArgoCdIdentityType.SSO_GROUP }] };

/** An Argo CD capability `ArgoCd` on a new cluster `Platform` in `stack`, Identity Center and an ADMIN group unless overridden. */
function argoCd(stack: Stack, props: Partial<ArgoCdCapabilityProps> = {}): ArgoCdCapability {
  return new ArgoCdCapability(stack, 'ArgoCd', {
    cluster: new EksCluster(stack, 'Platform'),
    identityCenter: { instanceArn: IDC },
    rbacRoleMappings: [ADMIN_MAPPING],
    ...props,
  });
}

/** The one AWS::EKS::Capability of the template, with its logical id. */
function capabilityIn(template: Template) {
  const found = Object.entries(template.findResources('AWS::EKS::Capability'));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, resource };
}

/** The warnings of `stack` that carry the acknowledgeable id. */
function warningsWith(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data)).filter((m) => m.includes(`[ack: ${id}]`));
}

describe('ArgoCdCapability defaults', () => {
  let app: App;
  let stack: Stack;
  let argo: ArgoCdCapability;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    app = new App();
    stack = new Stack(app, 'Test');
    const platform = new EksCluster(stack, 'Platform');
    // WHEN
    argo = new ArgoCdCapability(stack, 'ArgoCd', { cluster: platform, identityCenter: { instanceArn: IDC }, rbacRoleMappings: [ADMIN_MAPPING] });
    template = Template.fromStack(stack);
  });

  test('matches the snapshot (the capability and its role)', () => {
    const { resource } = capabilityIn(template);
    const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: 'EKS Argo CD capability Test/ArgoCd' } });
    expect({ capability: resource, roles }).toMatchSnapshot();
  });

  test('an Argo CD capability of the cluster, with the role it creates', () => {
    template.hasResourceProperties('AWS::EKS::Capability', {
      Type: 'ARGOCD',
      ClusterName: { Ref: Match.stringLikeRegexp('^Platform') },
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArgoCdRole'), 'Arn'] },
    });
    const clusterId = Object.keys(template.findResources('AWS::EKS::Cluster'))[0]!;
    expect(capabilityIn(template).resource.Properties.ClusterName).toEqual({ Ref: clusterId });
  });

  test('deleting the capability keeps what Argo CD deployed (RETAIN, the only value EKS accepts)', () => {
    template.hasResourceProperties('AWS::EKS::Capability', { DeletePropagationPolicy: 'RETAIN' });
  });

  test('Identity Center: the instance, in the stack\'s Region unless told otherwise', () => {
    template.hasResourceProperties('AWS::EKS::Capability', {
      Configuration: { ArgoCd: Match.objectLike({ AwsIdc: { IdcInstanceArn: IDC, IdcRegion: { Ref: 'AWS::Region' } } }) },
    });
  });

  test('Argo CD\'s resources live in the argocd namespace, written out explicitly', () => {
    template.hasResourceProperties('AWS::EKS::Capability', { Configuration: { ArgoCd: Match.objectLike({ Namespace: 'argocd' }) } });
    expect(argo.namespaceName).toBe('argocd');
    expect(ArgoCdCapability.DEFAULT_NAMESPACE).toBe('argocd');
  });

  test('the role mappings are rendered as the EKS API names them', () => {
    template.hasResourceProperties('AWS::EKS::Capability', {
      Configuration: { ArgoCd: Match.objectLike({ RbacRoleMappings: [{ Role: 'ADMIN', Identities: [{ Id: ADMINS, Type: 'SSO_GROUP' }] }] }) },
    });
  });

  test('the UI and API endpoint is the public one (no NetworkAccess), and no other configuration is written', () => {
    expect(Object.keys(capabilityIn(template).resource.Properties.Configuration.ArgoCd).sort()).toEqual(['AwsIdc', 'Namespace', 'RbacRoleMappings']);
  });

  test('the capability gets a name from its construct path, valid for EKS and stable', () => {
    const name = capabilityIn(template).resource.Properties.CapabilityName;
    expect(name).toMatch(/^Test-ArgoCd-[0-9A-F]{8}$/);
    expect(argo.capabilityName).toBe(name);
    const again = new Stack(new App(), 'Test');
    const other = new ArgoCdCapability(again, 'ArgoCd', { cluster: new EksCluster(again, 'Platform'), identityCenter: { instanceArn: IDC } });
    expect(other.capabilityName).toBe(name);
  });

  test('the role trusts only the EKS capabilities service, with session tags, as the EKS user guide writes it', () => {
    const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: 'EKS Argo CD capability Test/ArgoCd' } });
    expect(Object.values(roles).map((r) => r.Properties.AssumeRolePolicyDocument.Statement)).toEqual([[{
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Effect: 'Allow',
      Principal: { Service: 'capabilities.eks.amazonaws.com' },
    }]]);
  });

  test('the role holds no permissions: Argo CD needs none for public Git repositories', () => {
    const [roleId, role] = Object.entries(template.findResources('AWS::IAM::Role', { Properties: { Description: 'EKS Argo CD capability Test/ArgoCd' } }))[0]!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    const policiesOnRole = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId));
    expect(policiesOnRole).toEqual([]);
  });

  test('public members: the L1 with id Resource, the role, the ARN and the server URL', () => {
    const { id } = capabilityIn(template);
    expect(argo.capability.node.path).toBe('Test/ArgoCd/Resource');
    expect(argo.role.node.path).toBe('Test/ArgoCd/Role');
    expect(stack.resolve(argo.capabilityArn)).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(stack.resolve(argo.serverUrl)).toEqual({ 'Fn::GetAtt': [id, 'Configuration.ArgoCd.ServerUrl'] });
  });

  test('only native resources: no custom resources, Lambda functions, nested stacks or assets', () => {
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::CloudFormation::Stack', 0);
    expect(app.synth().getStackByName(stack.stackName).assets).toEqual([]);
  });

  test('no warnings with an ADMIN mapping and the default namespace', () => {
    expect(warningsWith(stack, 'cdk-containers:argocd-no-role-mappings')).toEqual([]);
    expect(warningsWith(stack, 'cdk-containers:argocd-shared-namespace')).toEqual([]);
  });

  test('cfn-lint finds nothing in the template', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-cd-'));
    const file = path.join(dir, 'template.json');
    fs.writeFileSync(file, JSON.stringify(template.toJSON()));
    expect(cfnLint([file]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  });
});

describe('ArgoCdCapability with every option', () => {
  let stack: Stack;
  let argo: ArgoCdCapability;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    // WHEN
    argo = argoCd(stack, {
      identityCenter: { instanceArn: IDC, region: 'us-east-1' },
      rbacRoleMappings: [
        ADMIN_MAPPING,
        { role: ArgoCdRole.VIEWER, identities: [{ id: DEVELOPERS, identityType: ArgoCdIdentityType.SSO_GROUP }, { id: ALICE, identityType: ArgoCdIdentityType.SSO_USER }] },
      ],
      namespaceName: 'gitops',
      capabilityName: 'shop_argo-cd',
      networkAccess: ArgoCdNetworkAccess.vpcEndpoints('vpce-0123456789abcdef0', 'vpce-1a2b3c4d'),
      deletePropagation: ArgoCdDeletePropagation.RETAIN,
    });
    template = Template.fromStack(stack);
  });

  test('each option lands in its field', () => {
    template.hasResourceProperties('AWS::EKS::Capability', {
      CapabilityName: 'shop_argo-cd',
      DeletePropagationPolicy: 'RETAIN',
      Configuration: {
        ArgoCd: {
          AwsIdc: { IdcInstanceArn: IDC, IdcRegion: 'us-east-1' },
          Namespace: 'gitops',
          RbacRoleMappings: [
            { Role: 'ADMIN', Identities: [{ Id: ADMINS, Type: 'SSO_GROUP' }] },
            { Role: 'VIEWER', Identities: [{ Id: DEVELOPERS, Type: 'SSO_GROUP' }, { Id: ALICE, Type: 'SSO_USER' }] },
          ],
          NetworkAccess: { VpceIds: ['vpce-0123456789abcdef0', 'vpce-1a2b3c4d'] },
        },
      },
    });
    expect(argo.capabilityName).toBe('shop_argo-cd');
    expect(argo.namespaceName).toBe('gitops');
  });

  test('the network access list is frozen', () => {
    const access = ArgoCdNetworkAccess.vpcEndpoints('vpce-1a2b3c4d');
    expect(() => access.vpcEndpointIds.push('vpce-5e6f7a8b')).toThrow();
    expect(ArgoCdNetworkAccess.PUBLIC.vpcEndpointIds).toEqual([]);
  });
});

describe('ArgoCdCapability with a role of the user', () => {
  test('the given role is used and no role is created; grants go to it', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const role = iam.Role.fromRoleArn(stack, 'Existing', 'arn:aws:iam::123456789012:role/argocd-capability');
    // WHEN
    const argo = argoCd(stack, { role });
    argo.grantConnectionUse(CONNECTION);
    const template = Template.fromStack(stack);
    // THEN
    expect(argo.role).toBe(role);
    template.hasResourceProperties('AWS::EKS::Capability', { RoleArn: 'arn:aws:iam::123456789012:role/argocd-capability' });
    expect(Object.keys(template.findResources('AWS::IAM::Role', { Properties: { Description: Match.stringLikeRegexp('Argo CD') } }))).toEqual([]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['argocd-capability'],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['codeconnections:UseConnection', 'codeconnections:GetConnection'], Resource: CONNECTION })] },
    });
  });
});

describe('ArgoCdCapability source grants', () => {
  let template: Template;
  let capabilityId: string;
  let roleId: string;

  beforeAll(() => {
    // GIVEN
    const stack = newStack('Test');
    const argo = argoCd(stack);
    const charts = new ecr.Repository(stack, 'Charts');
    const manifests = new codecommit.Repository(stack, 'Manifests', { repositoryName: 'shop-manifests' });
    const credentials = new secretsmanager.Secret(stack, 'RepoCredentials');
    // WHEN
    argo.grantRepositoryRead(charts);
    argo.grantCodeCommitRead(manifests);
    argo.grantConnectionUse(CONNECTION);
    argo.grantSecretRead(credentials);
    template = Template.fromStack(stack);
    capabilityId = capabilityIn(template).id;
    roleId = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { Description: 'EKS Argo CD capability Test/ArgoCd' } }))[0]!;
  });

  test('each grant adds the permissions the EKS user guide lists for its source, on that resource only', () => {
    const [, policy] = Object.entries(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }))[0]!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Charts/), 'Arn'] } },
      { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
      { Action: 'codecommit:GitPull', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Manifests/), 'Arn'] } },
      { Action: ['codeconnections:UseConnection', 'codeconnections:GetConnection'], Effect: 'Allow', Resource: CONNECTION },
      { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: { Ref: expect.stringMatching(/^RepoCredentials/) } },
    ]);
  });

  test('the capability waits for the grants, so Argo CD has them on its first sync', () => {
    const policyId = Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }))[0]!;
    template.hasResource('AWS::EKS::Capability', { DependsOn: Match.arrayWith([policyId]) });
    expect(capabilityId).toMatch(/^ArgoCd/);
  });

  test('the ECR token wildcard and the attached policy are acknowledged on the policy itself, with reasons', () => {
    const [, policy] = Object.entries(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }))[0]!;
    const ids = (policy.Metadata['cdk-containers'].acknowledged as Array<{ id: string; reason: string }>).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy']));
  });
});

describe('ArgoCdCapability warnings', () => {
  test('no role mappings: nobody can sign in', () => {
    const stack = newStack('Test');
    argoCd(stack, { rbacRoleMappings: undefined });
    expect(warningsWith(stack, 'cdk-containers:argocd-no-role-mappings')).toHaveLength(1);
  });

  test.each(['kube-system', 'default'])('namespace %s: the capability would read other components\' secrets', (ns) => {
    const stack = newStack('Test');
    argoCd(stack, { namespaceName: ns });
    expect(warningsWith(stack, 'cdk-containers:argocd-shared-namespace')).toHaveLength(1);
  });
});

describe('ArgoCdCapability bad input', () => {
  const identities = (count: number): ArgoCdIdentity[] => Array.from({ length: count }, (_, i) => ({
    id: `906757ab-1c71-7061-9d4a-${i.toString(16).padStart(12, '0')}`, identityType: ArgoCdIdentityType.SSO_USER,
  }));
  const cases: Array<[string, (stack: Stack) => unknown, RegExp]> = [
    ['a second Argo CD capability on the same cluster', (s) => {
      const platform = new EksCluster(s, 'Platform');
      new ArgoCdCapability(s, 'First', { cluster: platform, identityCenter: { instanceArn: IDC } });
      new ArgoCdCapability(s, 'Second', { cluster: platform, identityCenter: { instanceArn: IDC } });
    }, /\[Test\/Second\] cluster: got "Test\/Platform"; allowed: a cluster without an Argo CD capability \(Test\/First already has this one\)\. Hint: EKS takes one capability of each type per cluster/],
    ['a capability name with a dot', (s) => argoCd(s, { capabilityName: 'argo.cd' }), /capabilityName: got "argo\.cd"; allowed: 1-100 letters, digits, "-" or "_"/],
    ['a capability name of 101 characters', (s) => argoCd(s, { capabilityName: 'a'.repeat(101) }), /capabilityName: got "a{101}"/],
    ['an empty capability name', (s) => argoCd(s, { capabilityName: '' }), /capabilityName: got ""/],
    ['a namespace with capitals', (s) => argoCd(s, { namespaceName: 'ArgoCD' }), /namespaceName: got "ArgoCD"; allowed: a Kubernetes namespace name \(DNS-1123 label\)/],
    ['an identity store ID as the instance ARN', (s) => argoCd(s, { identityCenter: { instanceArn: 'd-1234567890' } }),
      /identityCenter\.instanceArn: got "d-1234567890"; allowed: an IAM Identity Center instance ARN .* Hint: `aws sso-admin list-instances` prints it/],
    ['an instance ARN with a short suffix', (s) => argoCd(s, { identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234' } }), /identityCenter\.instanceArn/],
    ['a Region that is no Region name', (s) => argoCd(s, { identityCenter: { instanceArn: IDC, region: 'Ireland' } }),
      /identityCenter\.region: got "Ireland"; allowed: an AWS Region name such as "eu-west-1"/],
    ['a role mapped twice', (s) => argoCd(s, { rbacRoleMappings: [ADMIN_MAPPING, { role: ArgoCdRole.ADMIN, identities: identities(1) }] }),
      /rbacRoleMappings\[\]\.role: got "ADMIN"; allowed: each Argo CD role in one mapping\. Hint: list every identity of ADMIN in a single mapping/],
    ['a role EKS does not know', (s) => argoCd(s, { rbacRoleMappings: [{ role: 'OWNER' as ArgoCdRole, identities: identities(1) }] }),
      /rbacRoleMappings\[\]\.role: got "OWNER"; allowed: ADMIN, EDITOR, VIEWER/],
    ['a mapping without identities', (s) => argoCd(s, { rbacRoleMappings: [{ role: ArgoCdRole.VIEWER, identities: [] }] }),
      /rbacRoleMappings\[\]\.identities: got "VIEWER"; allowed: at least one Identity Center user or group per mapping/],
    ['an identity type EKS does not know', (s) => argoCd(s, { rbacRoleMappings: [{ role: ArgoCdRole.VIEWER, identities: [{ id: ADMINS, identityType: 'IAM_ROLE' as ArgoCdIdentityType }] }] }),
      /rbacRoleMappings\[\]\.identities\[\]\.identityType: got "IAM_ROLE"; allowed: SSO_USER, SSO_GROUP/],
    ['a group name instead of its ID', (s) => argoCd(s, { rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: [{ id: 'PlatformAdmins', identityType: ArgoCdIdentityType.SSO_GROUP }] }] }),
      /rbacRoleMappings\[\]\.identities\[\]\.id: got "PlatformAdmins"; allowed: an Identity Center user or group ID.* Hint: use the ID, not the user or group name/],
    ['an identity listed twice in one mapping', (s) => argoCd(s, { rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: [...identities(1), ...identities(1)] }] }),
      /rbacRoleMappings\[\]\.identities\[\]\.id: got "906757ab-1c71-7061-9d4a-000000000000"; allowed: each identity once per role \(ADMIN lists it twice\)/],
    ['more than 1,000 identities', (s) => argoCd(s, { rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: identities(600) }, { role: ArgoCdRole.VIEWER, identities: identities(401) }] }),
      /rbacRoleMappings\[\]\.identities: got "1001 identities"; allowed: at most 1000 Identity Center identities per Argo CD capability/],
    ['VPC endpoint access without an endpoint', (s) => argoCd(s, { networkAccess: ArgoCdNetworkAccess.vpcEndpoints() }),
      /networkAccess: got \[\]; allowed: one or more VPC endpoint IDs\. Hint: for the public endpoint use ArgoCdNetworkAccess\.PUBLIC/],
    ['a VPC ID as an endpoint ID', (s) => argoCd(s, { networkAccess: ArgoCdNetworkAccess.vpcEndpoints('vpc-0123456789abcdef0') }),
      /networkAccess: got "vpc-0123456789abcdef0"; allowed: VPC endpoint IDs: "vpce-" and 8 or 17 lower-case hexadecimal digits/],
    ['an endpoint ID of 9 digits', (s) => argoCd(s, { networkAccess: ArgoCdNetworkAccess.vpcEndpoints('vpce-0123456789') }), /networkAccess: got "vpce-0123456789"/],
    ['an endpoint listed twice', (s) => argoCd(s, { networkAccess: ArgoCdNetworkAccess.vpcEndpoints('vpce-1a2b3c4d', 'vpce-1a2b3c4d') }),
      /networkAccess: got "vpce-1a2b3c4d"; allowed: each VPC endpoint ID once/],
    ['a delete propagation EKS does not accept', (s) => argoCd(s, { deletePropagation: 'DELETE' as ArgoCdDeletePropagation }),
      /deletePropagation: got "DELETE"; allowed: ArgoCdDeletePropagation\.RETAIN \(the only value EKS accepts\)/],
    ['a CodeStar connection ARN', (s) => argoCd(s).grantConnectionUse('arn:aws:codestar-connections:eu-west-1:123456789012:connection/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9'),
      /connectionArn: got "arn:aws:codestar-connections:.*"; allowed: a CodeConnections connection ARN/],
    ['a connection ID instead of its ARN', (s) => argoCd(s).grantConnectionUse('0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9'), /connectionArn: got "0f1e2d3c-/],
  ];

  test.each(cases)('%s is refused with a ValidationError naming the input', (_name, build, message) => {
    const e = thrownBy(() => build(newStack('Test')));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as Error).message).toMatch(message);
  });

  test('a role from another account is refused', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const role = iam.Role.fromRoleArn(stack, 'Other', 'arn:aws:iam::999999999999:role/argocd');
    expect(() => argoCd(stack, { role })).toThrow(/\[Test\/ArgoCd\] role: got "arn:aws:iam::999999999999:role\/argocd"; allowed: a role in the cluster's account \(123456789012\)/);
  });

  test('the edge values EKS accepts pass', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(thrownBy(() => argoCd(stack, {
      capabilityName: 'A'.repeat(100),
      namespaceName: 'a'.repeat(63),
      identityCenter: { instanceArn: 'arn:aws-us-gov:sso:::instance/ins-ABCDEFGH.1234-56', region: 'us-gov-west-1' },
      rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: identities(1000) }],
      role: iam.Role.fromRoleArn(stack, 'Same', 'arn:aws:iam::123456789012:role/argocd'),
    }))).toBeUndefined();
  });
});

describe('ArgoCdCapability with tokens', () => {
  test('values that resolve at deploy time are passed through unchecked', () => {
    // GIVEN
    const stack = newStack('Test');
    const text = (id: string): string => new CfnParameter(stack, id).valueAsString;
    // WHEN
    const argo = argoCd(stack, {
      capabilityName: text('Name'),
      namespaceName: text('Namespace'),
      identityCenter: { instanceArn: text('Instance'), region: text('IdcRegion') },
      rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: [{ id: text('Group'), identityType: ArgoCdIdentityType.SSO_GROUP }] }],
      networkAccess: ArgoCdNetworkAccess.vpcEndpoints(text('Endpoint')),
    });
    argo.grantConnectionUse(text('Connection'));
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Capability', {
      CapabilityName: { Ref: 'Name' },
      Configuration: {
        ArgoCd: {
          AwsIdc: { IdcInstanceArn: { Ref: 'Instance' }, IdcRegion: { Ref: 'IdcRegion' } },
          Namespace: { Ref: 'Namespace' },
          RbacRoleMappings: [{ Role: 'ADMIN', Identities: [{ Id: { Ref: 'Group' }, Type: 'SSO_GROUP' }] }],
          NetworkAccess: { VpceIds: [{ Ref: 'Endpoint' }] },
        },
      },
    });
  });
});
