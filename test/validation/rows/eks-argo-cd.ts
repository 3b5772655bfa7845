import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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
import { AckCapability, KroCapability } from '../../../lib/eks/capabilities';
import { EksCluster } from '../../../lib/eks/cluster';
import { ValidationRow, error, typed, warning } from '../table';

/** The validation table's rows for the EKS Argo CD capability (see ../table.ts). */

const WHERE = 'lib/eks/argo-cd-capability.ts';
const CAPABILITY_WHERE = 'lib/eks/private/capability.ts';
const EKS_VALIDATE = 'lib/eks/private/validate.ts';
const IDC = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const GROUP = '906757ab-1c71-7061-9d4a-1e9c2a1e6f4b';
const CONNECTION_ID = '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';

/** `count` distinct Identity Center users. */
function users(count: number, offset = 0): ArgoCdIdentity[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `906757ab-1c71-7061-9d4a-${(i + offset).toString(16).padStart(12, '0')}`, identityType: ArgoCdIdentityType.SSO_USER,
  }));
}

const ADMINS: ArgoCdRoleMapping = { role: ArgoCdRole.ADMIN, identities: [{ id: GROUP, identityType: ArgoCdIdentityType.SSO_GROUP }] };

/** An Argo CD capability `ArgoCd` on a new cluster `Platform`, with Identity Center and an ADMIN group unless overridden. */
function argoCd(stack: Stack, props: Partial<ArgoCdCapabilityProps> = {}): ArgoCdCapability {
  return new ArgoCdCapability(stack, 'ArgoCd', {
    cluster: new EksCluster(stack, 'Platform'),
    identityCenter: { instanceArn: IDC },
    rbacRoleMappings: [ADMINS],
    ...props,
  });
}

function mappings(stack: Stack, rbacRoleMappings: ArgoCdRoleMapping[]): ArgoCdCapability {
  return argoCd(stack, { rbacRoleMappings });
}

function identity(stack: Stack, id: ArgoCdIdentity): ArgoCdCapability {
  return mappings(stack, [{ role: ArgoCdRole.VIEWER, identities: [id] }]);
}

function endpoints(stack: Stack, ...ids: string[]): ArgoCdCapability {
  return argoCd(stack, { networkAccess: ArgoCdNetworkAccess.vpcEndpoints(...ids) });
}

/** A stack of the same app with an account, for the same-account rule. */
function accountStack(stack: Stack): Stack {
  return new Stack(stack.node.root as App, 'Account', { env: { account: '123456789012', region: 'eu-west-1' } });
}

export const rows: ValidationRow[] = [
  // ArgoCdCapability
  ...typed('ArgoCdCapability', 'an ECR repository (IImagePullSource: EcrRepository, ecr.Repository)', 'grantRepositoryRead(repository)'),
  ...typed('ArgoCdCapability', 'a CodeCommit repository construct interface (codecommit.IRepository)', 'grantCodeCommitRead(repository)'),
  ...typed('ArgoCdCapability', 'a Secrets Manager secret construct interface (secretsmanager.ISecret)', 'grantSecretRead(secret)'),
  error({
    type: 'ArgoCdCapability', property: 'grantConnectionUse(connectionArn)',
    rule: 'a CodeConnections connection ARN (arn:aws:codeconnections:REGION:ACCOUNT:connection/UUID), not its bare ID; a token is accepted',
    source: 'guide: Configure repository access (CodeConnections)', where: WHERE, errorProperty: 'connectionArn',
    bad: (s) => argoCd(s).grantConnectionUse(CONNECTION_ID),
    edge: (s) => argoCd(s).grantConnectionUse(`arn:aws-cn:codeconnections:cn-north-1:123456789012:connection/${CONNECTION_ID}`),
  }),

  // ArgoCdCapabilityProps
  error({
    type: 'ArgoCdCapabilityProps', property: 'capabilityName', rule: '1-100 characters',
    source: 'CFN AWS::EKS::Capability (CapabilityName)', where: CAPABILITY_WHERE,
    bad: (s) => argoCd(s, { capabilityName: 'a'.repeat(101) }),
    edge: (s) => argoCd(s, { capabilityName: 'a'.repeat(100) }),
  }),
  error({
    type: 'ArgoCdCapabilityProps', property: 'capabilityName', rule: 'letters, digits, "-" and "_"',
    source: 'API eks CreateCapability (capabilityName)', where: CAPABILITY_WHERE,
    bad: (s) => argoCd(s, { capabilityName: 'argo.cd' }),
    edge: (s) => argoCd(s, { capabilityName: '_Argo-CD_1' }),
  }),
  error({
    type: 'ArgoCdCapabilityProps', property: 'cluster', rule: 'a cluster without another Argo CD capability (one capability of each type per cluster)',
    source: 'API eks CreateCapability', where: CAPABILITY_WHERE,
    bad: (s) => {
      const platform = new EksCluster(s, 'Platform');
      new ArgoCdCapability(s, 'First', { cluster: platform, identityCenter: { instanceArn: IDC }, rbacRoleMappings: [ADMINS] });
      new ArgoCdCapability(s, 'Second', { cluster: platform, identityCenter: { instanceArn: IDC }, rbacRoleMappings: [ADMINS] });
    },
    edge: (s) => {
      new ArgoCdCapability(s, 'First', { cluster: new EksCluster(s, 'Shop'), identityCenter: { instanceArn: IDC }, rbacRoleMappings: [ADMINS] });
      new ArgoCdCapability(s, 'Second', { cluster: new EksCluster(s, 'Payments'), identityCenter: { instanceArn: IDC }, rbacRoleMappings: [ADMINS] });
    },
  }),
  error({
    type: 'ArgoCdCapabilityProps', property: 'deletePropagation', rule: 'RETAIN, the only value EKS accepts (the managed resources stay in the cluster)',
    source: 'API eks CreateCapability (deletePropagationPolicy)', where: WHERE,
    bad: (s) => argoCd(s, { deletePropagation: 'DELETE' as ArgoCdDeletePropagation }),
    edge: (s) => argoCd(s, { deletePropagation: ArgoCdDeletePropagation.RETAIN }),
  }),
  ...typed('ArgoCdCapabilityProps', 'an ArgoCdIdentityCenter, required (EKS supports only Identity Center sign-in); its fields are checked', 'identityCenter'),
  error({
    type: 'ArgoCdCapabilityProps', property: 'namespaceName', rule: 'a Kubernetes namespace name (DNS-1123 label, 1-63 characters)',
    source: 'guide: Kubernetes namespaces', where: EKS_VALIDATE,
    bad: (s) => argoCd(s, { namespaceName: 'Argo_CD' }),
    edge: (s) => argoCd(s, { namespaceName: 'a'.repeat(63) }),
  }),
  warning({
    type: 'ArgoCdCapabilityProps', property: 'namespaceName', rule: 'a namespace of its own: the capability can read every secret in its namespace, so default, kube-system, kube-public and kube-node-lease are legal but expose other components\' secrets',
    source: 'guide: Security considerations for EKS Capabilities', where: WHERE, warningId: 'cdk-containers:argocd-shared-namespace',
    bad: (s) => argoCd(s, { namespaceName: 'kube-system' }),
    edge: (s) => argoCd(s, { namespaceName: 'kube-systems' }),
  }),
  ...typed('ArgoCdCapabilityProps', 'an ArgoCdNetworkAccess from its factories; the endpoint IDs are checked by vpcEndpoints', 'networkAccess'),
  error({
    type: 'ArgoCdCapabilityProps', property: 'rbacRoleMappings', rule: 'each Argo CD role in at most one mapping',
    source: 'API eks UpdateCapability (rbacRoleMappings: one mapping per role)', where: WHERE,
    bad: (s) => mappings(s, [ADMINS, { role: ArgoCdRole.ADMIN, identities: users(1) }]),
    edge: (s) => mappings(s, [ADMINS, { role: ArgoCdRole.EDITOR, identities: users(1) }, { role: ArgoCdRole.VIEWER, identities: users(1, 1) }]),
  }),
  error({
    type: 'ArgoCdCapabilityProps', property: 'rbacRoleMappings (identities)', rule: 'at most 1,000 Identity Center identities (users and groups) in all',
    source: 'guide: Configure Argo CD permissions', where: WHERE,
    bad: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: users(500) }, { role: ArgoCdRole.VIEWER, identities: users(501, 500) }]),
    edge: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: users(500) }, { role: ArgoCdRole.VIEWER, identities: users(500, 500) }]),
  }),
  warning({
    type: 'ArgoCdCapabilityProps', property: 'rbacRoleMappings (none)', rule: 'optional, but without any mapping nobody can sign in to the Argo CD UI or API',
    source: 'guide: Create an Argo CD capability using the AWS CLI (prerequisites)', where: WHERE, warningId: 'cdk-containers:argocd-no-role-mappings',
    bad: (s) => argoCd(s, { rbacRoleMappings: [] }),
    edge: (s) => mappings(s, [{ role: ArgoCdRole.VIEWER, identities: users(1) }]),
  }),
  error({
    type: 'ArgoCdCapabilityProps', property: 'role', rule: 'a role in the cluster\'s account (tokens and environment-agnostic stacks are not compared)',
    source: 'guide: Amazon EKS capability IAM role', where: CAPABILITY_WHERE,
    bad: (s) => {
      const stack = accountStack(s);
      argoCd(stack, { role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::999999999999:role/argocd') });
    },
    edge: (s) => {
      const stack = accountStack(s);
      argoCd(stack, { role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/argocd') });
    },
  }),

  // ArgoCdIdentity
  error({
    type: 'ArgoCdIdentity', property: 'id', rule: 'an Identity Center user or group ID (a UUID, optionally after 10 hex digits and "-"), not its name',
    source: 'API identitystore (ResourceId)', where: WHERE,
    bad: (s) => identity(s, { id: 'PlatformAdmins', identityType: ArgoCdIdentityType.SSO_GROUP }),
    edge: (s) => identity(s, { id: `f4e3d2c1b0-${GROUP}`, identityType: ArgoCdIdentityType.SSO_USER }),
  }),
  error({
    type: 'ArgoCdIdentity', property: 'identityType', rule: 'SSO_USER or SSO_GROUP',
    source: 'API eks SsoIdentity (type)', where: WHERE,
    bad: (s) => identity(s, { id: GROUP, identityType: 'GROUP' as ArgoCdIdentityType }),
    edge: (s) => identity(s, { id: GROUP, identityType: ArgoCdIdentityType.SSO_GROUP }),
  }),

  // ArgoCdIdentityCenter
  error({
    type: 'ArgoCdIdentityCenter', property: 'instanceArn', rule: 'an Identity Center instance ARN: arn:PARTITION:sso:::instance/ then "ins-" or "ssoins-" and 16 characters',
    source: 'API sso-admin (InstanceArn)', where: WHERE,
    bad: (s) => argoCd(s, { identityCenter: { instanceArn: 'd-1234567890' } }),
    edge: (s) => argoCd(s, { identityCenter: { instanceArn: 'arn:aws-us-gov:sso:::instance/ins-ABCDEFGH.1234-56' } }),
  }),
  error({
    type: 'ArgoCdIdentityCenter', property: 'region', rule: 'an AWS Region name (the Region of the Identity Center instance)',
    source: 'API eks ArgoCdAwsIdcConfigRequest (idcRegion)', where: WHERE,
    bad: (s) => argoCd(s, { identityCenter: { instanceArn: IDC, region: 'eu-west' } }),
    edge: (s) => argoCd(s, { identityCenter: { instanceArn: IDC, region: 'us-gov-west-1' } }),
  }),

  // ArgoCdNetworkAccess
  error({
    type: 'ArgoCdNetworkAccess', property: 'vpcEndpoints(vpcEndpointIds)', rule: 'at least one VPC endpoint ID (ArgoCdNetworkAccess.PUBLIC for none)',
    source: 'library', where: WHERE, errorProperty: 'networkAccess',
    bad: (s) => endpoints(s),
    edge: (s) => endpoints(s, 'vpce-1a2b3c4d'),
  }),
  error({
    type: 'ArgoCdNetworkAccess', property: 'vpcEndpoints(vpcEndpointIds)', rule: 'VPC endpoint IDs: "vpce-" and 8 or 17 lower-case hex digits, each once; tokens are accepted',
    source: 'API ec2 (VPC endpoint IDs)', where: WHERE, errorProperty: 'networkAccess',
    bad: (s) => endpoints(s, 'vpc-0123456789abcdef0'),
    edge: (s) => endpoints(s, 'vpce-0123456789abcdef0', 'vpce-1a2b3c4d'),
  }),

  // ArgoCdRoleMapping
  error({
    type: 'ArgoCdRoleMapping', property: 'identities', rule: 'at least one identity',
    source: 'CFN AWS::EKS::Capability (ArgoCdRoleMapping.Identities)', where: WHERE,
    bad: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: [] }]),
    edge: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: users(1) }]),
  }),
  error({
    type: 'ArgoCdRoleMapping', property: 'identities', rule: 'each identity once',
    source: 'library', where: WHERE,
    bad: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: [...users(1), ...users(1)] }]),
    edge: (s) => mappings(s, [{ role: ArgoCdRole.ADMIN, identities: users(2) }]),
  }),
  error({
    type: 'ArgoCdRoleMapping', property: 'role', rule: 'ADMIN, EDITOR or VIEWER (upper case)',
    source: 'API eks ArgoCdRoleMapping (role)', where: WHERE,
    bad: (s) => mappings(s, [{ role: 'admin' as ArgoCdRole, identities: users(1) }]),
    edge: (s) => mappings(s, [{ role: ArgoCdRole.EDITOR, identities: users(1) }]),
  }),
  // AckCapability and KroCapability: the same name, cluster and role rules as Argo CD's (lib/eks/private/capability.ts)
  ...(['AckCapability', 'KroCapability'] as const).flatMap((capabilityType): ValidationRow[] => {
    const type = 'EksCapabilityProps';
    const make = capabilityType === 'AckCapability'
      ? (s: Stack, cluster: EksCluster, id: string, props: { capabilityName?: string; role?: iam.IRole } = {}) => new AckCapability(s, id, { cluster, ...props })
      : (s: Stack, cluster: EksCluster, id: string, props: { capabilityName?: string; role?: iam.IRole } = {}) => new KroCapability(s, id, { cluster, ...props });
    return [
      error({
        type, property: `capabilityName (${capabilityType})`, rule: '1-100 letters, digits, "-" and "_"',
        source: 'API eks CreateCapability (capabilityName)', where: CAPABILITY_WHERE,
        bad: (s) => make(s, new EksCluster(s, 'Platform'), 'Capability', { capabilityName: 'a'.repeat(101) }),
        edge: (s) => make(s, new EksCluster(s, 'Platform'), 'Capability', { capabilityName: `_${'a'.repeat(98)}-` }),
      }),
      error({
        type, property: `cluster (${capabilityType})`, rule: 'a cluster without another capability of this type (one capability of each type per cluster)',
        source: 'API eks CreateCapability', where: CAPABILITY_WHERE,
        bad: (s) => {
          const platform = new EksCluster(s, 'Platform');
          make(s, platform, 'First');
          make(s, platform, 'Second');
        },
        edge: (s) => {
          make(s, new EksCluster(s, 'Shop'), 'First');
          make(s, new EksCluster(s, 'Payments'), 'Second');
        },
      }),
      error({
        type, property: `role (${capabilityType})`, rule: 'a role in the cluster\'s account (tokens and environment-agnostic stacks are not compared)',
        source: 'guide: Amazon EKS capability IAM role', where: CAPABILITY_WHERE,
        bad: (s) => {
          const stack = accountStack(s);
          make(stack, new EksCluster(stack, 'Platform'), 'Capability', { role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::999999999999:role/capability') });
        },
        edge: (s) => {
          const stack = accountStack(s);
          make(stack, new EksCluster(stack, 'Platform'), 'Capability', { role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/capability') });
        },
      }),
    ];
  }),
  warning({
    type: 'AckCapability', property: 'addToRolePolicy(statement)', rule: 'a capability role made here with no permissions lets ACK create nothing: add the actions and resources it may manage',
    source: 'guide: Configure ACK permissions', where: 'lib/eks/capabilities.ts', warningId: 'cdk-containers:ack-no-permissions',
    bad: (s) => new AckCapability(s, 'Ack', { cluster: new EksCluster(s, 'Platform') }),
    edge: (s) => new AckCapability(s, 'Ack', { cluster: new EksCluster(s, 'Platform') })
      .addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:CreateQueue'], resources: ['arn:aws:sqs:us-east-1:123456789012:shop-*'] })),
  }),
];
