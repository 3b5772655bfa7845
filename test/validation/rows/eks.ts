import { CfnParameter, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AutoModeNodePool,
  ContainersCompliance,
  EksAddon,
  EksAddonOptions,
  EksCapacity,
  EksCluster,
  EksClusterChecks,
  EksClusterProps,
  EksClusterRule,
  EksEndpointAccess,
  EksUpgradePolicy,
  FargateProfileCapacityOptions,
  NodeGroupCapacityOptions,
} from '../../../lib';
import { ValidationRow, error, free, typed, warning } from '../table';

/** The validation table's rows for this area (see ../table.ts). */

const NODE_GROUP_WHERE = 'lib/eks/node-groups.ts';
const COMPLIANCE_WHERE = 'lib/compliance/containers-compliance.ts';
const EKS_VALIDATE = 'lib/eks/private/validate.ts';
const CLUSTER_WHERE = 'lib/eks/cluster.ts';
const ADDONS_WHERE = 'lib/eks/cluster-addons.ts';
const ADMIN = 'arn:aws:iam::123456789012:role/platform-admins';

function cluster(stack: Stack, props: EksClusterProps = {}): EksCluster {
  return new EksCluster(stack, 'Platform', props);
}

/** A cluster whose EKS support checks judge on `day`. */
function onDay(stack: Stack, day: string, props: EksClusterProps): EksCluster {
  stack.node.setContext('cdk-containers:kubernetesSupportDate', day);
  return cluster(stack, props);
}

function nodeGroup(stack: Stack, options: NodeGroupCapacityOptions): EksCluster {
  return cluster(stack, { capacity: [EksCapacity.nodeGroup(options)] });
}

function fargate(stack: Stack, options: FargateProfileCapacityOptions): EksCluster {
  return cluster(stack, { capacity: [EksCapacity.fargateProfile(options)] });
}

function addon(stack: Stack, options: EksAddonOptions): EksCluster {
  return cluster(stack, { addons: [EksAddon.of('snapshot-controller', options)] });
}

function publicAccess(stack: Stack, ...cidrs: string[]): EksCluster {
  return cluster(stack, { endpointAccess: EksEndpointAccess.publicAndPrivate(...cidrs) });
}

/** A VPC with the default subnet groups "Public" and "Private" (tokens for zones: environment-agnostic). */
function vpcWithGroups(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

/** An imported VPC whose private subnets lie in the given zones (concrete zones, so they can be counted). */
function importedVpc(stack: Stack, zones: string[]): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: zones,
    privateSubnetIds: zones.map((_, i) => `subnet-0123456789abcdef${i}`),
  });
}

function numberParameter(stack: Stack, id: string): number {
  return new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
}

function types(...names: string[]): ec2.InstanceType[] {
  return names.map((n) => new ec2.InstanceType(n));
}

function taints(count: number): eks.TaintSpec[] {
  return Array.from({ length: count }, (_, i) => ({ key: `example.com/t${i}`, effect: eks.TaintEffect.NO_SCHEDULE }));
}

function cidrs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `203.0.${i}.0/24`);
}

/** 31 blocks (0.0.0.0/2, 64.0.0.0/3, ... 127.255.255.254/32) covering every address below 128.0.0.0 but the last: 2^31 - 1. */
function justUnderHalfOfIpv4(): string[] {
  return Array.from({ length: 31 }, (_, i) => {
    const start = 2 ** 31 - 2 ** (31 - i);
    return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${i + 2}`;
  });
}

export const rows: ValidationRow[] = [
  // AutoModeCapacityOptions
  error({
    type: 'AutoModeCapacityOptions', property: 'nodePools', rule: 'one or both built-in node pools ("system", "general-purpose"), each once',
    source: 'API eks CreateCluster (computeConfig.nodePools)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { capacity: [EksCapacity.autoMode({ nodePools: [] })] }),
    edge: (s) => cluster(s, { capacity: [EksCapacity.autoMode({ nodePools: [AutoModeNodePool.SYSTEM] })] }),
  }),

  // EksAddon
  error({
    type: 'EksAddon', property: 'of(name)', rule: 'an EKS add-on name: 1-100 lower-case letters, digits, "-" or "_"',
    source: 'API eks CreateAddon (addonName)', where: ADDONS_WHERE, errorProperty: 'name',
    bad: (s) => cluster(s, { addons: [EksAddon.of('Snapshot Controller')] }),
    edge: (s) => cluster(s, { addons: [EksAddon.of('kubecost_kubecost')] }),
  }),

  // EksAddonOptions
  error({
    type: 'EksAddonOptions', property: 'configurationValues', rule: 'a JSON document matching the add-on\'s configuration schema; values JSON cannot hold (NaN, Infinity, functions, undefined) are refused',
    source: 'API eks CreateAddon (configurationValues)', where: ADDONS_WHERE,
    bad: (s) => addon(s, { configurationValues: { replicas: Number.NaN } }),
    edge: (s) => addon(s, { configurationValues: { replicas: 2, tolerations: [{ key: 'a', operator: 'Exists' }], resources: null, enabled: true } }),
  }),
  error({
    type: 'EksAddonOptions', property: 'version', rule: '"v", major.minor.patch and an optional build suffix, e.g. "v1.20.4-eksbuild.2"',
    source: 'API eks DescribeAddonVersions', where: ADDONS_WHERE,
    bad: (s) => addon(s, { version: '8.1.0' }),
    edge: (s) => addon(s, { version: 'v8.1.0-eksbuild.1' }),
  }),

  error({
    type: 'EksAddonOptions', property: 'podIdentities', rule: 'each service account of an add-on once, the typed add-on\'s own included (grant more to cluster.addonRole instead)',
    source: 'API eks CreateAddon (podIdentityAssociations)', where: ADDONS_WHERE, errorProperty: 'addons podIdentities (aws-ebs-csi-driver) serviceAccount',
    bad: (s) => cluster(s, { addons: [EksAddon.ebsCsiDriver({ podIdentities: [{ serviceAccount: 'ebs-csi-controller-sa', managedPolicies: [] }] })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.ebsCsiDriver({ podIdentities: [{ serviceAccount: 'ebs-csi-node-sa', managedPolicies: [] }] })] }),
  }),
  warning({
    type: 'EksAddonOptions', property: 'podIdentities', rule: 'Pod Identity does not reach pods on Fargate: add-ons with roles on a Fargate-only cluster get no credentials',
    source: 'guide: Learn how EKS Pod Identity grants pods access to AWS services (considerations)', where: ADDONS_WHERE, warningId: 'cdk-containers:eks-addon-pod-identity-fargate',
    bad: (s) => cluster(s, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }] })], addons: [EksAddon.cloudWatchObservability()] }),
    edge: (s) => cluster(s, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }] })], addons: [EksAddon.metricsServer()] }),
  }),

  // EksAddonPodIdentity
  error({
    type: 'EksAddonPodIdentity', property: 'serviceAccount', rule: 'a Kubernetes service account name (DNS-1123 subdomain, 1-253 characters)',
    source: 'Kubernetes docs: Object Names and IDs', where: EKS_VALIDATE, errorProperty: 'addons podIdentities (external-dns) serviceAccount',
    bad: (s) => cluster(s, { addons: [EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'External-DNS', managedPolicies: [] }] })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'external-dns.v2', managedPolicies: [] }] })] }),
  }),
  error({
    type: 'EksAddonPodIdentity', property: 'managedPolicies', rule: 'AWS managed policy names, what follows arn:aws:iam::aws:policy/ (a path allowed), not ARNs',
    source: 'API iam AttachRolePolicy (policyArn)', where: ADDONS_WHERE, errorProperty: 'addons podIdentities (external-dns) managedPolicies',
    bad: (s) => cluster(s, { addons: [EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'external-dns', managedPolicies: ['arn:aws:iam::aws:policy/AmazonRoute53FullAccess'] }] })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'external-dns', managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'] }] })] }),
  }),
  ...typed('EksAddonPodIdentity', 'aws-cdk-lib iam.PolicyStatement objects (IAM checks them when the role is created)', 'policyStatements'),

  error({
    type: 'EksAddonOptions', property: 'version (kube-proxy)', rule: 'a kube-proxy built for the cluster\'s Kubernetes version or up to three minor versions older, never newer',
    source: 'Kubernetes docs: Version Skew Policy (kube-proxy)', where: ADDONS_WHERE, errorProperty: 'addons version (kube-proxy)',
    bad: (s) => cluster(s, { addons: [EksAddon.kubeProxy({ version: 'v1.38.0-eksbuild.1' })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.kubeProxy({ version: 'v1.34.3-eksbuild.2' })] }),
  }),
  warning({
    type: 'EksAddonOptions', property: 'version (kube-proxy)', rule: 'a pinned kube-proxy older than the cluster is not upgraded with it: pin the cluster version\'s',
    source: 'guide: Update an Amazon EKS cluster (add-ons after the control plane)', where: ADDONS_WHERE, warningId: 'cdk-containers:eks-kube-proxy-version-skew',
    bad: (s) => cluster(s, { addons: [EksAddon.kubeProxy({ version: 'v1.36.2-eksbuild.1' })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.kubeProxy({ version: 'v1.37.0-eksbuild.1' })] }),
  }),

  // EksCluster
  ...free('EksCluster', 'a construct id (any string, unique among the cluster\'s children; CDK refuses duplicates)',
    'addFargateProfile(id)', 'addIrsaRole(id)', 'addNodeGroup(id)', 'addPodIdentity(id)', 'grantClusterAdmin(id)', 'grantNamespaceAccess(id)'),
  ...free('EksCluster', 'a lookup by add-on name: any string, an unknown name returns undefined', 'addon(name)', 'addonRole(addonName)'),
  ...free('EksCluster', 'a lookup by service account name: any string, one without a role returns undefined', 'addonRole(serviceAccount)'),
  error({
    type: 'EksCluster', property: 'grantClusterAdmin(principalArn)', rule: 'an IAM role or user ARN (not an assumed-role session ARN, not a group)',
    source: 'API eks CreateAccessEntry (principalArn)', where: EKS_VALIDATE, errorProperty: 'principalArn',
    bad: (s) => cluster(s).grantClusterAdmin('Admin', 'arn:aws:sts::123456789012:assumed-role/platform-admins/alice'),
    edge: (s) => cluster(s).grantClusterAdmin('Admin', 'arn:aws:iam::123456789012:user/alice@example.com'),
  }),
  error({
    type: 'EksCluster', property: 'grantClusterAdmin(principalArn)', rule: 'one access entry per principal and cluster',
    source: 'API eks CreateAccessEntry', where: 'lib/eks/access-entries.ts', errorProperty: 'principalArn',
    bad: (s) => {
      const c = cluster(s);
      c.grantClusterAdmin('Admin', ADMIN);
      c.grantNamespaceAccess('Team', ADMIN, ['shop']);
    },
    edge: (s) => {
      const c = cluster(s);
      c.grantClusterAdmin('Admin', ADMIN);
      c.grantNamespaceAccess('Team', 'arn:aws:iam::123456789012:role/shop-team', ['shop']);
    },
  }),
  error({
    type: 'EksCluster', property: 'grantImagePull(source)', rule: 'a cluster with capacity (Auto Mode, a node group or a Fargate profile) whose roles pull images',
    source: 'library', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { capacity: [] }).grantImagePull(new ecr.Repository(s, 'Repo')),
    edge: (s) => cluster(s).grantImagePull(new ecr.Repository(s, 'Repo')),
  }),
  error({
    type: 'EksCluster', property: 'grantNamespaceAccess(namespaces)', rule: 'one or more distinct namespaces',
    source: 'API eks AssociateAccessPolicy (accessScope.namespaces)', where: 'lib/eks/access-entries.ts', errorProperty: 'namespaces',
    bad: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, []),
    edge: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, ['shop']),
  }),
  error({
    type: 'EksCluster', property: 'grantNamespaceAccess(namespaces)', rule: 'Kubernetes namespace names (DNS-1123 labels, 1-63 characters); "*" wildcards allowed (e.g. "dev-*")',
    source: 'guide: Associate access policies with access entries', where: EKS_VALIDATE, errorProperty: 'namespaces',
    bad: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, ['Shop']),
    edge: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, ['dev-*', 'a'.repeat(63)]),
  }),
  error({
    type: 'EksCluster', property: 'grantNamespaceAccess(policy)', rule: 'a namespace-scoped access policy; cluster admin only through grantClusterAdmin',
    source: 'library', where: 'lib/eks/access-entries.ts', errorProperty: 'policy',
    bad: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, ['shop'], eks.AccessPolicyArn.AMAZON_EKS_CLUSTER_ADMIN_POLICY),
    edge: (s) => cluster(s).grantNamespaceAccess('Team', ADMIN, ['shop'], eks.AccessPolicyArn.AMAZON_EKS_ADMIN_POLICY),
  }),
  error({
    type: 'EksCluster', property: 'grantNamespaceAccess(principalArn)', rule: 'an IAM role or user ARN (not an assumed-role session ARN, not a group)',
    source: 'API eks CreateAccessEntry (principalArn)', where: EKS_VALIDATE, errorProperty: 'principalArn',
    bad: (s) => cluster(s).grantNamespaceAccess('Team', 'arn:aws:iam::123456789012:group/shop', ['shop']),
    edge: (s) => cluster(s).grantNamespaceAccess('Team', 'arn:aws:iam::123456789012:role/teams/shop/deployers', ['shop']),
  }),

  // EksClusterChecks
  error({
    type: 'EksClusterChecks', property: 'acknowledge(reason)', rule: 'a reason of at least 10 characters',
    source: 'library', where: 'lib/compliance/eks-cluster-checks.ts', errorProperty: 'reason',
    bad: (s) => EksClusterChecks.acknowledge(s, EksClusterRule.CONTROL_PLANE_LOGS, 'because'),
    edge: (s) => EksClusterChecks.acknowledge(s, EksClusterRule.CONTROL_PLANE_LOGS, 'dev only!!'),
  }),
  error({
    type: 'EksClusterChecks', property: 'acknowledge(rule)', rule: 'one of the EksClusterRule ids',
    source: 'library', where: 'lib/compliance/eks-cluster-checks.ts', errorProperty: 'rule',
    bad: (s) => EksClusterChecks.acknowledge(s, 'CdkContainers-EKS9' as EksClusterRule, 'checked by hand in review'),
    edge: (s) => EksClusterChecks.acknowledge(s, EksClusterRule.SECRETS_ENCRYPTION, 'checked by hand in review'),
  }),
  ...typed('EksClusterChecks', 'a construct (IConstruct)', 'acknowledge(scope)', 'visit(node)'),

  // ContainersCompliance
  error({
    type: 'ContainersCompliance', property: 'acknowledge(resource)', rule: 'one CloudFormation resource (a CfnResource), never a construct holding several',
    source: 'library', where: COMPLIANCE_WHERE, errorProperty: 'resource',
    bad: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs') as unknown as CfnResource, ['AwsSolutions::AwsSolutions-S1'], 'the log bucket of the example'),
    edge: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs').node.defaultChild as CfnResource, ['AwsSolutions::AwsSolutions-S1'], 'the log bucket of the example'),
  }),
  error({
    type: 'ContainersCompliance', property: 'acknowledge(ids)', rule: 'one or more finding ids, each <plugin>::<rule> as the plugin reports it',
    source: 'library', where: COMPLIANCE_WHERE, errorProperty: 'ids',
    bad: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs').node.defaultChild as CfnResource, ['AwsSolutions-S1'], 'the log bucket of the example'),
    edge: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs').node.defaultChild as CfnResource, ['cdk-validator-cfnguard::s3_bucket_logging_enabled_check'], 'the log bucket of the example'),
  }),
  error({
    type: 'ContainersCompliance', property: 'acknowledge(reason)', rule: 'a reason of at least 10 characters',
    source: 'library', where: COMPLIANCE_WHERE, errorProperty: 'reason',
    bad: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs').node.defaultChild as CfnResource, ['AwsSolutions::AwsSolutions-S1'], 'because'),
    edge: (s) => ContainersCompliance.acknowledge(new s3.Bucket(s, 'Logs').node.defaultChild as CfnResource, ['AwsSolutions::AwsSolutions-S1'], 'dev only!!'),
  }),
  error({
    type: 'ContainersCompliance', property: 'addChecks(scope)', rule: 'an App or a Stage (validation plugins are registered there)',
    source: 'library', where: COMPLIANCE_WHERE, errorProperty: 'scope',
    bad: (s) => ContainersCompliance.addChecks(s as unknown as Stage),
    edge: (s) => ContainersCompliance.addChecks(new Stage(s.node.scope as Construct, 'Stage')),
  }),
  ...typed('ContainersCompliance', 'validation plugins (IPolicyValidationPlugin)', 'addChecks(plugins)'),

  // EksClusterProps
  error({
    type: 'EksClusterProps', property: 'addons', rule: 'each add-on name once',
    source: 'API eks CreateAddon (one add-on of a name per cluster)', where: ADDONS_WHERE,
    bad: (s) => cluster(s, { addons: [EksAddon.ebsCsiDriver(), EksAddon.ebsCsiDriver({ version: 'v1.37.0-eksbuild.1' })] }),
    edge: (s) => cluster(s, { addons: [EksAddon.ebsCsiDriver(), EksAddon.of('snapshot-controller')] }),
  }),
  error({
    type: 'EksClusterProps', property: 'capacity', rule: 'at most one Auto Mode entry, with any number of node groups and Fargate profiles',
    source: 'API eks CreateCluster (computeConfig)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { capacity: [EksCapacity.autoMode(), EksCapacity.autoMode()] }),
    edge: (s) => cluster(s, { capacity: [EksCapacity.autoMode(), EksCapacity.nodeGroup()] }),
  }),
  warning({
    type: 'EksClusterProps', property: 'clusterLogging', rule: 'any of the five log types; leaving some out is legal but loses audit trails',
    source: 'CFN AWS::EKS::Cluster', where: CLUSTER_WHERE, warningId: 'cdk-containers:eks-missing-log-types',
    bad: (s) => cluster(s, { clusterLogging: [eks.ClusterLoggingTypes.API] }),
    edge: (s) => cluster(s, {
      clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER, eks.ClusterLoggingTypes.SCHEDULER],
    }),
  }),
  error({
    type: 'EksClusterProps', property: 'clusterLogRetention', rule: 'a value CloudWatch Logs accepts, and not INFINITE',
    source: 'API logs PutRetentionPolicy.retentionInDays; library (finite)', where: 'lib/private/log-retention.ts',
    bad: (s) => cluster(s, { clusterLogRetention: 8 as logs.RetentionDays }),
    edge: (s) => cluster(s, { clusterLogRetention: logs.RetentionDays.TEN_YEARS }),
  }),
  error({
    type: 'EksClusterProps', property: 'clusterLogRetention (INFINITE)', rule: 'not INFINITE (logs that never expire cost money forever)',
    source: 'library (Control Tower CT.CLOUDWATCH.PR.2)', where: 'lib/private/log-retention.ts', errorProperty: 'clusterLogRetention',
    bad: (s) => cluster(s, { clusterLogRetention: logs.RetentionDays.INFINITE }),
    edge: (s) => cluster(s, { clusterLogRetention: logs.RetentionDays.ONE_DAY }),
  }),
  error({
    type: 'EksClusterProps', property: 'clusterName', rule: '1-100 characters',
    source: 'CFN AWS::EKS::Cluster (Name)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { clusterName: 'a'.repeat(101) }),
    edge: (s) => cluster(s, { clusterName: 'a'.repeat(100) }),
  }),
  error({
    type: 'EksClusterProps', property: 'clusterName', rule: 'letters, digits, "-" or "_", starting with a letter or digit',
    source: 'CFN AWS::EKS::Cluster (Name)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { clusterName: '_platform' }),
    edge: (s) => cluster(s, { clusterName: '0_Platform-a' }),
  }),
  warning({
    type: 'EksClusterProps', property: 'endpointAccess', rule: 'private, or public from an allow list; a public endpoint is legal but widens the attack surface',
    source: 'guide: Cluster API server endpoint', where: CLUSTER_WHERE, warningId: 'cdk-containers:eks-public-endpoint',
    bad: (s) => publicAccess(s, '203.0.113.0/24'),
    edge: (s) => cluster(s, { endpointAccess: EksEndpointAccess.PRIVATE }),
  }),
  ...typed('EksClusterProps', 'a boolean', 'deletionProtection'),
  ...typed('EksClusterProps', 'aws-eks-v2 KubectlProviderOptions (a Lambda layer construct and options aws-cdk-lib types)', 'kubectlProviderOptions'),
  ...typed('EksClusterProps', 'a KMS key construct (kms.IKey)', 'secretsEncryptionKey'),
  error({
    type: 'EksClusterProps', property: 'version', rule: 'a Kubernetes version EKS still runs on the day of synthesis: not past its end of extended support in the EKS release calendar (1.32 or later on 2026-12-07); the day is today, or the context value cdk-containers:kubernetesSupportDate (YYYY-MM-DD)',
    source: 'guide: Understand the Kubernetes version lifecycle on EKS (release calendar)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { version: eks.KubernetesVersion.V1_31, upgradePolicy: EksUpgradePolicy.EXTENDED }),
    edge: (s) => cluster(s, { version: eks.KubernetesVersion.V1_32, upgradePolicy: EksUpgradePolicy.EXTENDED }),
  }),
  error({
    type: 'EksClusterProps', property: 'upgradePolicy', rule: 'STANDARD (the default) only with a version still in standard support on the day of synthesis (1.35 or later on 2026-12-07): EKS upgrades a STANDARD cluster when standard support ends and refuses to move a cluster in extended support to STANDARD',
    source: 'guide: Prevent increased cluster costs by disabling EKS extended support', where: CLUSTER_WHERE, errorProperty: 'version',
    bad: (s) => cluster(s, { version: eks.KubernetesVersion.V1_34 }),
    edge: (s) => cluster(s, { version: eks.KubernetesVersion.V1_35 }),
  }),
  error({
    type: 'EksClusterProps', property: 'upgradePolicy', rule: 'an EksUpgradePolicy value (STANDARD or EXTENDED)', source: 'API eks CreateCluster (upgradePolicy.supportType)', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { upgradePolicy: 'LONG' as EksUpgradePolicy }),
    edge: (s) => cluster(s, { upgradePolicy: EksUpgradePolicy.EXTENDED }),
  }),
  warning({
    type: 'EksClusterProps', property: 'version', rule: 'versions in extended support (under EXTENDED) cost $0.60 instead of $0.10 per cluster-hour',
    source: 'guide: Understand the Kubernetes version lifecycle on EKS', where: CLUSTER_WHERE, warningId: 'cdk-containers:eks-extended-support',
    bad: (s) => cluster(s, { version: eks.KubernetesVersion.V1_33, upgradePolicy: EksUpgradePolicy.EXTENDED }),
    edge: (s) => cluster(s, { version: eks.KubernetesVersion.V1_35, upgradePolicy: EksUpgradePolicy.EXTENDED }),
  }),
  warning({
    type: 'EksClusterProps', property: 'version', rule: 'a version whose standard support ends within 60 days (EKS\'s notice period): what the upgrade policy does then',
    source: 'guide: Understand the Kubernetes version lifecycle on EKS', where: CLUSTER_WHERE, warningId: 'cdk-containers:eks-standard-support-ending',
    bad: (s) => onDay(s, '2027-01-26', { version: eks.KubernetesVersion.V1_35 }),
    edge: (s) => onDay(s, '2027-01-25', { version: eks.KubernetesVersion.V1_35 }),
  }),
  ...typed('EksClusterProps', 'a boolean', 'zonalShift'),
  ...typed('EksClusterProps', 'an EksHybridNodesOptions struct (its fields have their own rows)', 'hybridNodes'),
  // EksHybridNodesOptions
  error({
    type: 'EksHybridNodesOptions', property: 'remoteNodeNetworks', rule: 'one or more blocks: hybrid nodes need a network to come from',
    source: 'API eks CreateCluster (remoteNetworkConfig.remoteNodeNetworks)', where: EKS_VALIDATE, errorProperty: 'hybridNodes remoteNodeNetworks',
    bad: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: [] } }),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'] } }),
  }),
  error({
    type: 'EksHybridNodesOptions', property: 'remoteNodeNetworks[]', rule: 'an IPv4 network block from /8 to /32 inside RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), host bits zero',
    source: 'API eks RemoteNodeNetwork (cidrs)', where: EKS_VALIDATE, errorProperty: 'hybridNodes remoteNodeNetworks',
    bad: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['172.32.0.0/16'] } }),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['172.31.255.255/32'] } }),
  }),
  error({
    type: 'EksHybridNodesOptions', property: 'remoteNodeNetworks[] (overlap)', rule: 'no overlap with another remote network, the VPC\'s block or the Kubernetes service range (172.20.0.0/16 for a VPC in 10.0.0.0/8, else 10.100.0.0/16)',
    source: 'API eks RemoteNodeNetwork (cidrs)', where: EKS_VALIDATE, errorProperty: 'hybridNodes remoteNodeNetworks',
    bad: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['172.20.255.0/24'] } }),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['172.21.0.0/24'] } }),
  }),
  error({
    type: 'EksHybridNodesOptions', property: 'remotePodNetworks[]', rule: 'the rules of remoteNodeNetworks, and no overlap with the node networks',
    source: 'API eks RemotePodNetwork (cidrs)', where: EKS_VALIDATE, errorProperty: 'hybridNodes remotePodNetworks',
    bad: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'], remotePodNetworks: ['192.168.100.128/25'] } }),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'], remotePodNetworks: ['192.168.101.0/25'] } }),
  }),
  ...free('EksCluster', 'a construct id (any string, unique among the cluster\'s children; CDK refuses duplicates)', 'grantHybridNodes(id)'),
  error({
    type: 'EksCluster', property: 'grantHybridNodes(roleArn)', rule: 'an IAM role ARN (hybrid nodes join with a role), on a cluster with hybridNodes',
    source: 'API eks CreateAccessEntry (type HYBRID_LINUX)', where: 'lib/eks/access-entries.ts', errorProperty: 'roleArn',
    bad: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'] } }).grantHybridNodes('Nodes', 'arn:aws:iam::123456789012:user/hybrid'),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['192.168.100.0/24'] } }).grantHybridNodes('Nodes', 'arn:aws:iam::123456789012:role/hybrid'),
  }),
  error({
    type: 'EksCluster', property: 'grantHybridNodes(roleArn) (without hybridNodes)', rule: 'a cluster with hybridNodes: its remote node networks',
    source: 'guide: Prepare cluster access for hybrid nodes', where: CLUSTER_WHERE, errorProperty: 'grantHybridNodes',
    bad: (s) => cluster(s).grantHybridNodes('Nodes', 'arn:aws:iam::123456789012:role/hybrid'),
    edge: (s) => cluster(s, { hybridNodes: { remoteNodeNetworks: ['10.200.0.0/16'] } }).grantHybridNodes('Nodes', 'arn:aws:iam::123456789012:role/hybrid'),
  }),
  warning({
    type: 'EksClusterProps', property: 'version', rule: 'a version newer than aws-cdk-lib knows may not be offered by EKS yet',
    source: 'guide: Understand the Kubernetes version lifecycle on EKS', where: CLUSTER_WHERE, warningId: 'cdk-containers:eks-version-unknown',
    bad: (s) => cluster(s, { version: eks.KubernetesVersion.of('1.38') }),
    edge: (s) => cluster(s, { version: EksCluster.DEFAULT_VERSION }),
  }),
  error({
    type: 'EksClusterProps', property: 'vpc', rule: 'a VPC with private (with egress) or isolated subnets',
    source: 'library', where: 'lib/private/subnets.ts',
    bad: (s) => cluster(s, { vpc: new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] }) }),
    edge: (s) => cluster(s, { vpc: new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }) }),
  }),
  error({
    type: 'EksClusterProps', property: 'vpc', rule: 'the cluster subnets in at least two Availability Zones',
    source: 'API eks CreateCluster (resourcesVpcConfig.subnetIds)', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: importedVpc(s, ['us-east-1a']) }),
    edge: (s) => cluster(s, { vpc: importedVpc(s, ['us-east-1a', 'us-east-1b']) }),
  }),
  error({
    type: 'EksClusterProps', property: 'vpcSubnets', rule: 'private subnets only (never SubnetType.PUBLIC)',
    source: 'library', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: vpcWithGroups(s), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
    edge: (s) => cluster(s, { vpc: vpcWithGroups(s), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }),
  }),
  error({
    type: 'EksClusterProps', property: 'vpcSubnets', rule: 'a selection that picks no public subnet (e.g. by subnet group name)',
    source: 'library', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: vpcWithGroups(s), vpcSubnets: { subnetGroupName: 'Public' } }),
    edge: (s) => cluster(s, { vpc: vpcWithGroups(s), vpcSubnets: { subnetGroupName: 'Private' } }),
  }),
  error({
    type: 'EksClusterProps', property: 'vpcSubnets', rule: 'subnets in at least two Availability Zones',
    source: 'API eks CreateCluster (resourcesVpcConfig.subnetIds)', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: importedVpc(s, ['us-east-1a', 'us-east-1b']), vpcSubnets: { availabilityZones: ['us-east-1a'] } }),
    edge: (s) => cluster(s, { vpc: importedVpc(s, ['us-east-1a', 'us-east-1b']), vpcSubnets: { availabilityZones: ['us-east-1a', 'us-east-1b'] } }),
  }),

  // EksEndpointAccess
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs)', rule: '1-40 CIDR blocks',
    source: 'guide: Amazon EKS service quotas (public endpoint access CIDR ranges per cluster)', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s, ...cidrs(41)),
    edge: (s) => publicAccess(s, ...cidrs(40)),
  }),
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs)', rule: 'at least one CIDR block (an empty list opens the endpoint to the internet)',
    source: 'library', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s),
    edge: (s) => publicAccess(s, '198.51.100.7/32'),
  }),
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs)', rule: 'IPv4 CIDR syntax (host bits may be set); the clusters are IPv4, and EKS takes no IPv6 blocks on IPv4 clusters',
    source: 'API eks CreateCluster (resourcesVpcConfig.publicAccessCidrs)', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s, '203.0.113.0/33'),
    edge: (s) => publicAccess(s, '203.0.113.7/24'),
  }),
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs)', rule: 'IPv4 blocks only: EKS takes IPv6 blocks only on dual-stack IPv6 clusters, and EksCluster makes IPv4 clusters',
    source: 'API eks VpcConfigRequest (publicAccessCidrs)', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s, '2001:db8::/32'),
    edge: (s) => publicAccess(s, '203.0.113.0/24'),
  }),
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs)', rule: 'no block covering the whole internet (prefix length 0)',
    source: 'library', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s, '0.0.0.0/0'),
    edge: (s) => publicAccess(s, '128.0.0.0/2'),
  }),
  error({
    type: 'EksEndpointAccess', property: 'publicAndPrivate(cidrs) (coverage)',
    rule: 'the blocks together (overlaps counted once) cover less than half of the IPv4 address space: 0.0.0.0/1 + 128.0.0.0/1 is the whole internet',
    source: 'library', where: EKS_VALIDATE, errorProperty: 'endpointAccess',
    bad: (s) => publicAccess(s, '0.0.0.0/1', '128.0.0.0/1'),
    edge: (s) => publicAccess(s, ...justUnderHalfOfIpv4()),
  }),

  // FargateProfileCapacityOptions
  error({
    type: 'FargateProfileCapacityOptions', property: 'id', rule: 'a construct id unique among the cluster\'s node groups and Fargate profiles',
    source: 'library', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'a' }] }), EksCapacity.fargateProfile({ selectors: [{ namespace: 'b' }] })] }),
    edge: (s) => cluster(s, {
      capacity: [EksCapacity.fargateProfile({ id: 'A', selectors: [{ namespace: 'a' }] }), EksCapacity.fargateProfile({ id: 'B', selectors: [{ namespace: 'b' }] })],
    }),
  }),

  // FargateProfileOptions
  error({
    type: 'FargateProfileOptions', property: 'selectors', rule: '1-5 selectors',
    source: 'guide: Define which Pods use AWS Fargate when launched', where: 'lib/eks/fargate-profiles.ts',
    bad: (s) => fargate(s, { selectors: [] }),
    edge: (s) => fargate(s, { selectors: ['a', 'b', 'c', 'd', 'kube-system'].map((namespace) => ({ namespace })) }),
  }),
  error({
    type: 'FargateProfileOptions', property: 'selectors[].namespace', rule: 'a namespace name (DNS-1123 label, 1-63 characters) with the "*" and "?" wildcards',
    source: 'guide: Define which Pods use AWS Fargate when launched (Fargate profile wildcards)', where: EKS_VALIDATE,
    bad: (s) => fargate(s, { selectors: [{ namespace: 'Batch' }] }),
    edge: (s) => fargate(s, { selectors: [{ namespace: 'b?tch-*' }, { namespace: 'a'.repeat(63) }] }),
  }),
  error({
    type: 'FargateProfileOptions', property: 'selectors[].labels', rule: 'at most 5 labels per selector',
    source: 'guide: Define which Pods use AWS Fargate when launched', where: EKS_VALIDATE,
    bad: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { a: '1', b: '1', c: '1', d: '1', e: '1', f: '1' } }] }),
    edge: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { a: '1', b: '1', c: '1', d: '1', e: '1' } }] }),
  }),
  error({
    type: 'FargateProfileOptions', property: 'selectors[].labels.key', rule: 'a label key of at most 127 characters, Kubernetes syntax, "*" and "?" wildcards allowed',
    source: 'CFN AWS::EKS::FargateProfile (Label.Key); guide: Fargate profile wildcards', where: EKS_VALIDATE,
    bad: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { 'my key': '1' } }] }),
    edge: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { 'example.com/comp*': '1' } }] }),
  }),
  error({
    type: 'FargateProfileOptions', property: 'selectors[].labels.value', rule: 'a label value of 1-255 characters, Kubernetes syntax, "*" and "?" wildcards allowed',
    source: 'CFN AWS::EKS::FargateProfile (Label.Value); guide: Fargate profile wildcards', where: EKS_VALIDATE, errorProperty: 'labels',
    bad: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { compute: '' } }] }),
    edge: (s) => fargate(s, { selectors: [{ namespace: 'batch', labels: { compute: 'f' } }, { namespace: 'jobs', labels: { compute: 'farg?te*' } }] }),
  }),
  error({
    type: 'FargateProfileOptions', property: 'subnets', rule: 'private subnets only (Fargate pods get no public IP)',
    source: 'guide: Define which Pods use AWS Fargate when launched', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: vpcWithGroups(s), capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }], subnets: { subnetGroupName: 'Public' } })] }),
    edge: (s) => cluster(s, { vpc: vpcWithGroups(s), capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }], subnets: { subnetGroupName: 'Private' } })] }),
  }),

  // NodeGroupCapacityOptions
  error({
    type: 'NodeGroupCapacityOptions', property: 'id', rule: 'a construct id unique among the cluster\'s node groups and Fargate profiles',
    source: 'library', where: CLUSTER_WHERE,
    bad: (s) => cluster(s, { capacity: [EksCapacity.nodeGroup(), EksCapacity.nodeGroup()] }),
    edge: (s) => cluster(s, { capacity: [EksCapacity.nodeGroup(), EksCapacity.nodeGroup({ id: 'Second' })] }),
  }),

  // NodeGroupOptions
  error({
    type: 'NodeGroupOptions', property: 'amiType', rule: 'an AMI type for the instance types\' CPU architecture',
    source: 'API eks CreateNodegroup (amiType)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { instanceTypes: types('t4g.medium'), amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD }),
    edge: (s) => nodeGroup(s, { instanceTypes: types('t4g.medium'), amiType: eks.NodegroupAmiType.BOTTLEROCKET_ARM_64 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'amiType', rule: 'no Amazon Linux 2 AMI types from Kubernetes 1.33 on (EKS publishes none)',
    source: 'guide: Amazon EKS optimized Amazon Linux AMIs', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { version: eks.KubernetesVersion.V1_34, amiType: eks.NodegroupAmiType.AL2_ARM_64 }),
    edge: (s) => cluster(s, { version: eks.KubernetesVersion.V1_35, capacity: [EksCapacity.nodeGroup({ version: eks.KubernetesVersion.V1_32, amiType: eks.NodegroupAmiType.AL2_ARM_64 })] }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'version', rule: 'the cluster\'s version or up to three minor versions older: the kubelet may not be newer than the API server',
    source: 'Kubernetes docs: Version Skew Policy (kubelet)', where: NODE_GROUP_WHERE, errorProperty: 'version (node group NodeGroup)',
    bad: (s) => nodeGroup(s, { version: eks.KubernetesVersion.V1_33 }),
    edge: (s) => nodeGroup(s, { version: eks.KubernetesVersion.V1_34 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'version', rule: 'not newer than the cluster\'s version', source: 'Kubernetes docs: Version Skew Policy (kubelet)',
    where: NODE_GROUP_WHERE, errorProperty: 'version (node group NodeGroup)',
    bad: (s) => cluster(s, { version: eks.KubernetesVersion.V1_36, capacity: [EksCapacity.nodeGroup({ version: eks.KubernetesVersion.V1_37 })] }),
    edge: (s) => cluster(s, { version: eks.KubernetesVersion.V1_36, capacity: [EksCapacity.nodeGroup({ version: eks.KubernetesVersion.V1_36 })] }),
  }),
  warning({
    type: 'NodeGroupOptions', property: 'version', rule: 'nodes older than the control plane work but should be upgraded next (EKS recommends the same version)',
    source: 'guide: Understand the Kubernetes version lifecycle on EKS (FAQ)', where: NODE_GROUP_WHERE, warningId: 'cdk-containers:eks-node-version-skew',
    bad: (s) => nodeGroup(s, { version: eks.KubernetesVersion.V1_36 }),
    edge: (s) => nodeGroup(s, { version: EksCluster.DEFAULT_VERSION }),
  }),
  ...typed('NodeGroupOptions', 'a boolean', 'autoRepair'),
  warning({
    type: 'NodeGroupOptions', property: 'capacityType', rule: 'an aws-eks-v2 CapacityType; Spot with a single instance type is legal but often finds no capacity',
    source: 'guide: Managed node groups (Spot capacity)', where: NODE_GROUP_WHERE, warningId: 'cdk-containers:eks-spot-single-type',
    bad: (s) => nodeGroup(s, { capacityType: eks.CapacityType.SPOT }),
    edge: (s) => nodeGroup(s, { capacityType: eks.CapacityType.SPOT, instanceTypes: types('t4g.medium', 't4g.large') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'desiredSize', rule: 'a whole number of at least 0; a token (CfnParameter) is accepted',
    source: 'CFN AWS::EKS::Nodegroup (ScalingConfig.DesiredSize)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { minSize: 0, desiredSize: -1 }),
    edge: (s) => nodeGroup(s, { minSize: 0, desiredSize: numberParameter(s, 'Desired') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'desiredSize', rule: 'from minSize to maxSize',
    source: 'API eks NodegroupScalingConfig', where: 'lib/private/validate.ts',
    bad: (s) => nodeGroup(s, { desiredSize: 5, maxSize: 4 }),
    edge: (s) => nodeGroup(s, { desiredSize: 4, maxSize: 4 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'diskSize', rule: 'at least 20 GiB (the EKS node AMIs need it)',
    source: 'guide: Customize managed nodes with launch templates', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { diskSize: 19 }),
    edge: (s) => nodeGroup(s, { diskSize: 20 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'diskSize', rule: 'at least 50 GiB on Windows AMI types (their root snapshot is 50 GiB)',
    source: 'API ec2 CreateVolume (Size: at least the snapshot size)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64, instanceTypes: types('m6i.large'), diskSize: 49 }),
    edge: (s) => nodeGroup(s, { amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64, instanceTypes: types('m6i.large'), diskSize: 50 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'diskSize', rule: 'at most 65,536 GiB (gp3); a token is accepted',
    source: 'API ec2 CreateVolume (Size)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { diskSize: 65537 }),
    edge: (s) => nodeGroup(s, { diskSize: 65536 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'instanceTypes', rule: 'one or more distinct instance types',
    source: 'API eks CreateNodegroup (instanceTypes)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { instanceTypes: [] }),
    edge: (s) => nodeGroup(s, { instanceTypes: types('t4g.medium') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'instanceTypes', rule: 'EC2 instance type names: a family, a dot and a size',
    source: 'API ec2 DescribeInstanceTypes', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { instanceTypes: types('m7g') }),
    edge: (s) => nodeGroup(s, { instanceTypes: types('m7g.metal') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'instanceTypes', rule: 'an instance family EC2 has (aws-cdk-lib\'s list); any family when amiType is given',
    source: 'API ec2 DescribeInstanceTypes', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { instanceTypes: types('m7q.large') }),
    edge: (s) => nodeGroup(s, { instanceTypes: types('c7i-flex.large') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'instanceTypes', rule: 'instance types of a single CPU architecture (one AMI per node group)',
    source: 'API eks CreateNodegroup (amiType)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { instanceTypes: types('t4g.medium', 't3.medium') }),
    edge: (s) => nodeGroup(s, { instanceTypes: types('t4g.medium', 'm7g.large') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'instanceTypes', rule: 'on Windows AMI types, not C3, C4, D2, I2, M4 (m4.16xlarge is supported), M6a or R3',
    source: 'guide: Deploy Windows nodes on EKS clusters', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { amiType: eks.NodegroupAmiType.WINDOWS_FULL_2022_X86_64, instanceTypes: types('m6i.large', 'm4.xlarge') }),
    edge: (s) => nodeGroup(s, { amiType: eks.NodegroupAmiType.WINDOWS_FULL_2022_X86_64, instanceTypes: types('m6i.large', 'm4.16xlarge') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'labels.key', rule: 'a Kubernetes label key of 1-63 characters in all',
    source: 'API eks CreateNodegroup (labels)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { labels: { [`example.com/${'a'.repeat(52)}`]: 'x' } }),
    edge: (s) => nodeGroup(s, { labels: { [`example.com/${'a'.repeat(51)}`]: 'x' } }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'labels.key', rule: 'no key in the kubernetes.io or k8s.io namespaces except the ones kubelet sets (node.kubernetes.io/..., kubelet.kubernetes.io/..., well-known node labels)',
    source: 'guide: kubelet reference (--node-labels)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { labels: { 'node-role.kubernetes.io/worker': 'true' } }),
    edge: (s) => nodeGroup(s, { labels: { 'node.kubernetes.io/role': 'worker' } }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'labels.value', rule: 'a Kubernetes label value of 1-63 characters',
    source: 'API eks CreateNodegroup (labels)', where: EKS_VALIDATE, errorProperty: 'labels',
    bad: (s) => nodeGroup(s, { labels: { tier: '' } }),
    edge: (s) => nodeGroup(s, { labels: { tier: 'a'.repeat(63) } }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'maxSize', rule: 'a whole number of at least 1; a token (CfnParameter) is accepted',
    source: 'CFN AWS::EKS::Nodegroup (ScalingConfig.MaxSize)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { maxSize: 0 }),
    edge: (s) => nodeGroup(s, { minSize: numberParameter(s, 'Min'), desiredSize: numberParameter(s, 'Desired'), maxSize: numberParameter(s, 'Max') }),
  }),
  warning({
    type: 'NodeGroupOptions', property: 'maxSize', rule: 'legal above 450, but that is the default "Nodes per managed node group" quota (adjustable)',
    source: 'guide: Amazon EKS service quotas', where: NODE_GROUP_WHERE, warningId: 'cdk-containers:eks-node-group-quota',
    bad: (s) => nodeGroup(s, { maxSize: 451 }),
    edge: (s) => nodeGroup(s, { maxSize: 450 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'maxUnavailable', rule: 'a whole number from 1 to 100; a token is accepted',
    source: 'API eks NodegroupUpdateConfig (maxUnavailable)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { maxUnavailable: 0 }),
    edge: (s) => nodeGroup(s, { maxUnavailable: numberParameter(s, 'MaxUnavailable'), maxSize: numberParameter(s, 'Max') }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'maxUnavailable', rule: 'at most maxSize',
    source: 'API eks NodegroupUpdateConfig (maxUnavailable)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { maxUnavailable: 5, desiredSize: 4, maxSize: 4 }),
    edge: (s) => nodeGroup(s, { maxUnavailable: 4, desiredSize: 4, maxSize: 4 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'minSize', rule: 'a whole number of at least 0; a token is accepted',
    source: 'CFN AWS::EKS::Nodegroup (ScalingConfig.MinSize)', where: NODE_GROUP_WHERE,
    bad: (s) => nodeGroup(s, { minSize: -1 }),
    edge: (s) => nodeGroup(s, { minSize: 0 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'minSize', rule: 'at most maxSize',
    source: 'API eks NodegroupScalingConfig', where: 'lib/private/validate.ts',
    bad: (s) => nodeGroup(s, { minSize: 5, desiredSize: 5, maxSize: 4 }),
    edge: (s) => nodeGroup(s, { minSize: 4, desiredSize: 4, maxSize: 4 }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'subnets', rule: 'private subnets only (a selection that picks no public subnet)',
    source: 'library', where: EKS_VALIDATE,
    bad: (s) => cluster(s, { vpc: vpcWithGroups(s), capacity: [EksCapacity.nodeGroup({ subnets: { subnetGroupName: 'Public' } })] }),
    edge: (s) => cluster(s, { vpc: vpcWithGroups(s), capacity: [EksCapacity.nodeGroup({ subnets: { subnetGroupName: 'Private' } })] }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'taints', rule: 'at most 50 taints',
    source: 'API eks CreateNodegroup (taints)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { taints: taints(51) }),
    edge: (s) => nodeGroup(s, { taints: taints(50) }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'taints[].key', rule: 'a label key of 1-63 characters in all',
    source: 'API eks Taint (key)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { taints: [{ key: `example.com/${'a'.repeat(52)}`, effect: eks.TaintEffect.NO_SCHEDULE }] }),
    edge: (s) => nodeGroup(s, { taints: [{ key: `example.com/${'a'.repeat(51)}`, effect: eks.TaintEffect.NO_SCHEDULE }] }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'taints[].key', rule: 'one taint per key and effect',
    source: 'guide: Kubernetes taints and tolerations', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { taints: [{ key: 'gpu', effect: eks.TaintEffect.NO_SCHEDULE }, { key: 'gpu', value: 'a', effect: eks.TaintEffect.NO_SCHEDULE }] }),
    edge: (s) => nodeGroup(s, { taints: [{ key: 'gpu', effect: eks.TaintEffect.NO_SCHEDULE }, { key: 'gpu', effect: eks.TaintEffect.NO_EXECUTE }] }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'taints[].value', rule: 'empty, or a label value of up to 63 characters',
    source: 'API eks Taint (value)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { taints: [{ key: 'gpu', value: 'a'.repeat(64), effect: eks.TaintEffect.NO_SCHEDULE }] }),
    edge: (s) => nodeGroup(s, { taints: [{ key: 'gpu', value: '', effect: eks.TaintEffect.NO_SCHEDULE }, { key: 'team', value: 'a'.repeat(63), effect: eks.TaintEffect.NO_SCHEDULE }] }),
  }),
  error({
    type: 'NodeGroupOptions', property: 'taints[].effect', rule: 'NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE',
    source: 'API eks Taint (effect)', where: EKS_VALIDATE,
    bad: (s) => nodeGroup(s, { taints: [{ key: 'gpu', effect: 'NoSchedule' as eks.TaintEffect }] }),
    edge: (s) => nodeGroup(s, { taints: [{ key: 'gpu', effect: eks.TaintEffect.PREFER_NO_SCHEDULE }] }),
  }),

  // PodIdentityOptions
  error({
    type: 'PodIdentityOptions', property: 'serviceAccount', rule: 'a service account name (DNS-1123 subdomain, 1-253 characters)',
    source: 'API eks CreatePodIdentityAssociation (serviceAccount)', where: EKS_VALIDATE,
    bad: (s) => cluster(s).addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'Api' }),
    edge: (s) => cluster(s).addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'a'.repeat(253) }),
  }),
  error({
    type: 'PodIdentityOptions', property: 'serviceAccount', rule: 'one association per namespace and service account',
    source: 'API eks CreatePodIdentityAssociation', where: 'lib/eks/pod-identity.ts',
    bad: (s) => {
      const c = cluster(s);
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addPodIdentity('Api2', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    },
    edge: (s) => {
      const c = cluster(s);
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addPodIdentity('Api2', { serviceAccountNamespace: 'shop-staging', serviceAccount: 'api' });
    },
  }),
  error({
    type: 'PodIdentityOptions', property: 'serviceAccount (IRSA)', rule: 'one IAM role per service account, through Pod Identity or IRSA (a pod with both gets whichever credentials its SDK finds first)',
    source: 'library', where: 'lib/eks/pod-identity.ts',
    bad: (s) => {
      const c = cluster(s);
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addIrsaRole('ApiIrsa', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
    },
    edge: (s) => {
      const c = cluster(s);
      c.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
      c.addIrsaRole('ApiIrsa', { serviceAccountNamespace: 'shop', serviceAccount: 'api-reports' });
    },
  }),
  error({
    type: 'PodIdentityOptions', property: 'serviceAccountNamespace', rule: 'a namespace name (DNS-1123 label, 1-63 characters; no wildcards)',
    source: 'API eks CreatePodIdentityAssociation (namespace)', where: EKS_VALIDATE,
    bad: (s) => cluster(s).addPodIdentity('Api', { serviceAccountNamespace: 'shop-*', serviceAccount: 'api' }),
    edge: (s) => cluster(s).addPodIdentity('Api', { serviceAccountNamespace: 'a'.repeat(63), serviceAccount: 'api' }),
  }),

  // IrsaRoleOptions (the PodIdentityOptions it extends are checked by the same code as above)
  error({
    type: 'IrsaRoleOptions', property: 'roleName', rule: 'an IAM role name: 1-64 letters, digits and "+=,.@_-"',
    source: 'API iam CreateRole (RoleName)', where: 'lib/eks/pod-identity.ts',
    bad: (s) => cluster(s).addIrsaRole('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api', roleName: `${'r'.repeat(60)}/api` }),
    edge: (s) => cluster(s).addIrsaRole('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api', roleName: `${'r'.repeat(58)}+=,.@_` }),
  }),
];
