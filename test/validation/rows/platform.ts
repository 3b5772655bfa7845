import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  CostEstimator, DefaultSecurityGroupClosure, DeployRoleAccess, GitHubDeployRole, GitHubDeployRoleProps, NatMode,
  PlatformKey, PlatformNetwork, PlatformNetworkProps, PriceTable, PriceTables, VpcEndpointSet,
} from '../../../lib';
import { ValidationRow, error, free, typed, warning } from '../table';

const NETWORK = 'lib/network/platform-network.ts';
const ROLE = 'lib/pipeline/github-deploy-role.ts';
const KEY = 'lib/kms/platform-key.ts';
const COST = 'lib/cost/check-input.ts';
const VPC_GUIDE = 'guide: VPC CIDR blocks (Amazon VPC User Guide)';
const REPO = 'my-org/platform';

function network(props: PlatformNetworkProps): (stack: Stack) => PlatformNetwork {
  return (stack) => new PlatformNetwork(stack, 'Network', props);
}

/** `n` AZ names of us-east-1 (an environment-agnostic stack takes literal AZ names as given). */
function azs(n: number): string[] {
  return ['a', 'b', 'c', 'd', 'e', 'f', 'g'].slice(0, n).map((z) => `us-east-1${z}`);
}

/** A network in a second stack of the same app whose region is concrete (eu-west-1). */
function regionalNetwork(props: PlatformNetworkProps): (stack: Stack) => PlatformNetwork {
  return (stack) => new PlatformNetwork(new Stack(stack.node.scope as App, 'Regional', { env: { region: 'eu-west-1' } }), 'Network', props);
}

function role(props: Partial<GitHubDeployRoleProps>): (stack: Stack) => GitHubDeployRole {
  return (stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, ...props });
}

/** Estimates an empty template with the default price table changed by `change`. */
function estimate(change: Partial<PriceTable>): () => unknown {
  return () => CostEstimator.estimate({}, { prices: { ...PriceTables.US_EAST_1, ...change } });
}

/** One row per single-price field: a finite number of USD, 0 or more. */
function priceRow(field: keyof PriceTable): ValidationRow {
  return error({
    type: 'PriceTable', property: field, rule: 'a finite price in USD, 0 or more (no NaN, Infinity, negative or token)', source: 'library',
    where: COST, bad: estimate({ [field]: -0.001 }), edge: estimate({ [field]: 0 }),
  });
}

/** The validation table's rows for this area (see ../table.ts). */
export const rows: ValidationRow[] = [
  // ContainerErrors
  ...typed('ContainerErrors', 'any value (unknown): answers whether it is a ValidationError of any copy of the library', 'isValidationError(x)'),

  // CostEstimate
  ...free('CostEstimate', 'an output of CostEstimator.estimate (read back by formatReport)',
    'lineItems', 'notes', 'priceSource', 'pricesAsOf', 'region', 'totalMonthly', 'unpriced'),

  // CostEstimateOptions
  error({
    type: 'CostEstimateOptions', property: 'prices', rule: 'a PriceTable whose fields pass the PriceTable rules (checked before use)', source: 'library',
    where: COST, bad: estimate({ natGatewayHour: Number.NaN }), edge: estimate({}),
  }),
  error({
    type: 'CostEstimateOptions', property: 'kubernetesObjects',
    rule: 'a list of Kubernetes objects as JSON, each with a string apiVersion and kind (checked before use; a Deployment whose spec cannot be read is listed as unpriced)', source: 'library',
    where: COST, bad: () => CostEstimator.estimate({}, { kubernetesObjects: [{ kind: 'Deployment', metadata: { name: 'web' } }] }),
    edge: () => CostEstimator.estimate({}, { kubernetesObjects: [{ apiVersion: 'v1', kind: 'ConfigMap' }] }),
  }),

  error({
    type: 'CostEstimateOptions', property: 'supportDate', rule: 'a real day written YYYY-MM-DD (UTC)', source: 'library',
    where: COST, bad: () => CostEstimator.estimate({}, { supportDate: '2027-02-29' }), edge: () => CostEstimator.estimate({}, { supportDate: '2028-02-29' }),
  }),

  // CostEstimator
  error({
    type: 'CostEstimator', property: 'estimate(template)', rule: 'a template whose Resources, when present, map logical ids to objects with a string Type', source: 'library',
    where: COST, errorProperty: 'template',
    bad: () => CostEstimator.estimate({ Resources: { Nat: { Properties: {} } } }),
    edge: () => CostEstimator.estimate({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
  }),

  // CostLineItem
  ...free('CostLineItem', 'an output of CostEstimator.estimate (read back by formatReport)',
    'description', 'logicalId', 'monthly', 'quantity', 'resourceType', 'unit', 'unitMonthly'),

  // GitHubDeployRoleProps
  error({
    type: 'GitHubDeployRoleProps', property: 'repository', rule: 'owner/name: the form of the OIDC sub claim repo:<owner>/<name>:...', source: 'guide: OpenID Connect reference (GitHub Docs)',
    where: ROLE, bad: role({ repository: 'platform' }), edge: role({ repository: 'a/b' }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'repository.owner', rule: 'a GitHub owner: 1-39 letters, digits or "-", not starting with "-"', source: 'GitHub user and organization names',
    where: ROLE, errorProperty: 'repository', bad: role({ repository: `${'a'.repeat(40)}/platform` }), edge: role({ repository: `${'a'.repeat(39)}/platform` }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'repository.name', rule: 'a GitHub repository name: 1-100 letters, digits, ".", "-" or "_", not "." or ".."', source: 'GitHub repository names',
    where: ROLE, errorProperty: 'repository', bad: role({ repository: `my-org/${'a'.repeat(101)}` }), edge: role({ repository: `my-org/.${'a'.repeat(99)}` }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'access', rule: 'a DeployRoleAccess value', source: 'library',
    where: ROLE, bad: role({ access: 'ALL' as DeployRoleAccess }), edge: role({ access: DeployRoleAccess.DIFF }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'maxSessionDuration.min', rule: 'a whole number of seconds, at least 3600 (1 hour)', source: 'CFN AWS::IAM::Role',
    where: ROLE, errorProperty: 'maxSessionDuration', bad: role({ maxSessionDuration: Duration.seconds(3599) }), edge: role({ maxSessionDuration: Duration.seconds(3600) }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'maxSessionDuration.max', rule: 'at most 43200 seconds (12 hours)', source: 'CFN AWS::IAM::Role',
    where: ROLE, errorProperty: 'maxSessionDuration', bad: role({ maxSessionDuration: Duration.seconds(43201) }), edge: role({ maxSessionDuration: Duration.hours(12) }),
  }),
  ...typed('GitHubDeployRoleProps', 'an iam.IOidcProvider (the account\'s provider for token.actions.githubusercontent.com)', 'oidcProvider'),
  error({
    type: 'GitHubDeployRoleProps', property: 'qualifier', rule: '1-10 letters, digits, "-" or "_"', source: 'CDK bootstrap template (Qualifier parameter)',
    where: ROLE, bad: role({ qualifier: 'elevenchars' }), edge: role({ qualifier: 'a_b-C12345' }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'regions', rule: 'one or more regions (not a list token)', source: 'library',
    where: ROLE, bad: role({ regions: [] }), edge: role({ regions: ['eu-west-1'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'regions[]', rule: 'AWS region names, e.g. "eu-west-1", "us-gov-west-1"', source: 'guide: Regions and Zones (AWS General Reference)',
    where: ROLE, errorProperty: 'regions', bad: role({ regions: ['eu-west'] }), edge: role({ regions: ['us-gov-west-1', 'cn-north-1'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'roleName', rule: '1-64 letters, digits or "+=,.@_-"', source: 'CFN AWS::IAM::Role',
    where: ROLE, bad: role({ roleName: 'a'.repeat(65) }), edge: role({ roleName: '+=,.@_-'.padEnd(64, 'a') }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'branches', rule: 'one or more branch names (not a list token); a DEPLOY role is always pinned to branches', source: 'library',
    where: ROLE, bad: role({ branches: [] }), edge: role({ branches: ['main'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'branches[].name', rule: 'a Git branch name: no spaces, control characters, "~^:\\", "..", "@{"; not starting with "-" or "/", not ending with "/", "." or ".lock", no part starting with "."',
    source: 'guide: git-check-ref-format (Git documentation)',
    where: ROLE, errorProperty: 'branches', bad: role({ branches: ['release..1'] }), edge: role({ branches: ['release.1/a+b#c@d'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'branches[].wildcards', rule: 'no wildcards ("*", "?", "[...]"): each branch is listed (a pattern spans branches anyone with write access can create)', source: 'library',
    where: ROLE, errorProperty: 'branches', bad: role({ branches: ['release/*'] }), edge: role({ branches: ['release/1'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'branches[].ref', rule: 'a branch name, not a ref (the role adds "refs/heads/")', source: 'library',
    where: ROLE, errorProperty: 'branches', bad: role({ branches: ['refs/heads/main'] }), edge: role({ branches: ['heads/main'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects', rule: 'one or more sub claims (not a list token)', source: 'library',
    where: ROLE, bad: role({ subjects: [] }), edge: role({ subjects: ['environment:prod'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects[].wildcards', rule: 'exact claims: no "*" or "?" anywhere (a wildcard spans branches, tags, environments or claim kinds)', source: 'library',
    where: ROLE, errorProperty: 'subjects', bad: role({ subjects: ['environment:prod-*'] }), edge: role({ subjects: ['environment:prod-1'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects[].pull_request', rule: 'not "pull_request" on a role pinned to branches (a pull request\'s ref claim is refs/pull/<n>/merge): every DEPLOY role, and a DIFF role with branches',
    source: 'guide: OpenID Connect reference (GitHub Docs)',
    where: ROLE, errorProperty: 'subjects', bad: role({ subjects: ['pull_request'] }), edge: role({ access: DeployRoleAccess.DIFF, subjects: ['pull_request'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects[].ref', rule: 'on a role pinned to branches, "ref:" claims are "ref:refs/heads/<branch>" of a listed branch (no tags or other refs)', source: 'library',
    where: ROLE, errorProperty: 'subjects', bad: role({ subjects: ['ref:refs/heads/feature'] }), edge: role({ branches: ['main', 'feature'], subjects: ['ref:refs/heads/feature'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects[].characters', rule: 'printable characters, as GitHub allows in environment and branch names (spaces, "/", "#", "()" included); no control characters',
    source: 'guide: OpenID Connect reference (GitHub Docs)',
    where: ROLE, errorProperty: 'subjects', bad: role({ subjects: ['environment:prod\n'] }),
    edge: role({ branches: ['feature/a+b@c'], subjects: ['environment:Prod East (eu) #2', 'ref:refs/heads/feature/a+b@c'] }),
  }),
  error({
    type: 'GitHubDeployRoleProps', property: 'subjects[].spaces', rule: 'no leading or trailing spaces (GitHub trims names; git refs have no spaces)', source: 'library',
    where: ROLE, errorProperty: 'subjects', bad: role({ subjects: [' environment:prod'] }), edge: role({ subjects: ['environment:my prod'] }),
  }),

  // PlatformKey
  error({
    type: 'PlatformKey', property: 'create(description)', rule: 'at most 8192 characters', source: 'CFN AWS::KMS::Key',
    where: KEY, errorProperty: 'description',
    bad: (stack) => PlatformKey.create(stack, 'Key', 'x'.repeat(8193)), edge: (stack) => PlatformKey.create(stack, 'Key', 'x'.repeat(8192)),
  }),
  ...typed('PlatformKey', 'a kms.IKey (an imported key is left unchanged: its policy is not in the stack)', 'allowCloudWatchLogs(key)', 'denyGrantsNotForAwsResources(key)'),

  // PlatformNetwork
  ...typed('PlatformNetwork', 'an ec2.IVpc (answers undefined for a VPC no PlatformNetwork created)', 'ownerOf(vpc)'),

  // PlatformNetworkProps
  error({
    type: 'PlatformNetworkProps', property: 'cidr', rule: 'an IPv4 block from /16 to /28', source: VPC_GUIDE,
    where: NETWORK, bad: network({ cidr: '10.0.0.0/15' }), edge: network({ cidr: '10.0.0.0/16' }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'cidr.family', rule: 'IPv4 only (an IPv6 block is added to a VPC after creation)', source: 'CFN AWS::EC2::VPC',
    where: NETWORK, errorProperty: 'cidr', bad: network({ cidr: 'fd00:ec2::/56' }), edge: network({ cidr: '192.168.0.0/16' }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'cidr.hostBits', rule: 'a network address (EC2 would store the canonical block, e.g. 10.0.0.0/16 for 10.0.0.1/16, and subnets are computed from the block as written)',
    source: 'API ec2 CreateVpc', where: NETWORK, errorProperty: 'cidr', bad: network({ cidr: '10.0.0.1/16' }), edge: network({ cidr: '10.255.0.0/16' }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'cidr.layout', rule: 'room for a public subnet and a private subnet of at least /28 in each AZ: /27 for 1 AZ, /26 for 2, /25 for 4, /24 for 6', source: 'guide: Subnet CIDR blocks (Amazon VPC User Guide)',
    where: NETWORK, errorProperty: 'cidr', bad: network({ cidr: '10.0.0.0/27' }), edge: network({ cidr: '10.0.0.0/27', maxAzs: 1 }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'cidr.layoutAzs', rule: 'the layout counted with the AZs given', source: 'guide: Subnet CIDR blocks (Amazon VPC User Guide)',
    where: NETWORK, errorProperty: 'cidr', bad: network({ cidr: '10.0.0.0/25', availabilityZones: azs(5) }), edge: network({ cidr: '10.0.0.0/24', availabilityZones: azs(6) }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'cidr.token', rule: 'a literal: the subnet blocks are computed at synth', source: 'library',
    where: NETWORK, errorProperty: 'cidr', bad: (stack) => new PlatformNetwork(stack, 'Network', { cidr: new CfnParameter(stack, 'Cidr').valueAsString }), edge: network({ cidr: '10.20.0.0/16' }),
  }),
  warning({
    type: 'PlatformNetworkProps', property: 'cidr.dockerBridge', rule: 'legal, but containers on EC2 bridge networking cannot reach addresses in Docker\'s bridge network 172.17.0.0/16 (and AWS asks not to use it)', source: VPC_GUIDE,
    where: NETWORK, warningId: 'cdk-containers:network-docker-bridge-cidr', bad: network({ cidr: '172.17.128.0/20' }), edge: network({ cidr: '172.18.0.0/16' }),
  }),
  warning({
    type: 'PlatformNetworkProps', property: 'cidr.publicSubnets', rule: 'legal, but a /24 or smaller block leaves /28 public subnets, too small for an ALB (needs /27 with 8 free addresses)', source: 'guide: Subnets for your Application Load Balancer',
    where: NETWORK, warningId: 'cdk-containers:network-small-public-subnets', bad: network({ cidr: '10.0.0.0/24' }), edge: network({ cidr: '10.0.0.0/23' }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'maxAzs', rule: 'a whole number from 1 to 6 (a literal: the AZ count shapes the subnets)', source: 'library',
    where: NETWORK, bad: network({ maxAzs: 7 }), edge: network({ maxAzs: 6 }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'maxAzs.min', rule: 'at least 1', source: 'library',
    where: NETWORK, errorProperty: 'maxAzs', bad: network({ maxAzs: 0 }), edge: network({ maxAzs: 1 }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'maxAzs.withAvailabilityZones', rule: 'not given with availabilityZones', source: 'library',
    where: NETWORK, errorProperty: 'maxAzs', bad: network({ maxAzs: 1, availabilityZones: azs(1) }), edge: network({ availabilityZones: azs(1) }),
  }),
  warning({
    type: 'PlatformNetworkProps', property: 'maxAzs.environmentAgnostic', rule: 'legal, but an environment-agnostic stack offers only 2 AZs', source: 'library',
    where: NETWORK, warningId: 'cdk-containers:network-env-agnostic-azs', bad: network({ maxAzs: 3 }), edge: network({ maxAzs: 2 }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'availabilityZones', rule: '1 to 6 AZs', source: 'library',
    where: NETWORK, bad: network({ availabilityZones: azs(7) }), edge: network({ availabilityZones: azs(6) }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'availabilityZones.distinct', rule: 'no AZ twice (EC2 subnets of one tier would overlap in one AZ)', source: 'library',
    where: NETWORK, errorProperty: 'availabilityZones', bad: network({ availabilityZones: ['us-east-1a', 'us-east-1a'] }), edge: network({ availabilityZones: ['us-east-1a', 'us-east-1b'] }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'availabilityZones.names', rule: 'AZ names (region plus a letter), not region names or AZ ids', source: 'guide: Regions and Zones (Amazon EC2 User Guide)',
    where: NETWORK, errorProperty: 'availabilityZones', bad: network({ availabilityZones: ['use1-az1'] }), edge: network({ availabilityZones: ['us-gov-west-1a'] }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'availabilityZones.region', rule: 'AZs of the stack\'s region, when it is concrete', source: 'API ec2 CreateSubnet',
    where: NETWORK, errorProperty: 'availabilityZones', bad: regionalNetwork({ availabilityZones: ['us-east-1a'] }), edge: regionalNetwork({ availabilityZones: ['eu-west-1c'] }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'availabilityZones.token', rule: 'single-value tokens are taken as AZ names; a list token is refused (the AZ count shapes the subnets)', source: 'library',
    where: NETWORK, errorProperty: 'availabilityZones',
    bad: (stack) => new PlatformNetwork(stack, 'Network', { availabilityZones: new CfnParameter(stack, 'Azs', { type: 'List<AWS::EC2::AvailabilityZone::Name>' }).valueAsList }),
    edge: (stack) => new PlatformNetwork(stack, 'Network', {
      availabilityZones: ['Az1', 'Az2'].map((id) => new CfnParameter(stack, id, { type: 'AWS::EC2::AvailabilityZone::Name' }).valueAsString),
    }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'natMode', rule: 'a NatMode value', source: 'library',
    where: NETWORK, bad: network({ natMode: 'TWO' as NatMode }), edge: network({ natMode: NatMode.PER_AZ }),
  }),
  warning({
    type: 'PlatformNetworkProps', property: 'natMode.noEgress', rule: 'legal, but NONE with endpoints NONE or S3_GATEWAY leaves the private subnets unable to pull images', source: 'guide: Amazon ECR interface VPC endpoints (AWS PrivateLink)',
    where: NETWORK, warningId: 'cdk-containers:network-no-egress', bad: network({ natMode: NatMode.NONE }), edge: network({ natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'endpoints', rule: 'a VpcEndpointSet value', source: 'library',
    where: NETWORK, bad: network({ endpoints: 'ALL' as VpcEndpointSet }), edge: network({ endpoints: VpcEndpointSet.NONE }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'flowLogRetention', rule: 'a logs.RetentionDays value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days, or INFINITE',
    source: 'CFN AWS::Logs::LogGroup', where: NETWORK,
    bad: network({ flowLogRetention: 366 as logs.RetentionDays }), edge: network({ flowLogRetention: logs.RetentionDays.THIRTEEN_MONTHS }),
  }),
  error({
    type: 'PlatformNetworkProps', property: 'defaultSecurityGroupClosure', rule: 'a DefaultSecurityGroupClosure value', source: 'library',
    where: NETWORK, bad: network({ defaultSecurityGroupClosure: 'CLOSED' as DefaultSecurityGroupClosure }), edge: network({ defaultSecurityGroupClosure: DefaultSecurityGroupClosure.LEAVE_OPEN }),
  }),

  // PriceTable
  ...free('PriceTable', 'a label, echoed in the estimate', 'region', 'source', 'asOf'),
  ...(['applicationLoadBalancerHour', 'ebsGp2GbMonth', 'ebsGp3GbMonth', 'eksClusterHour', 'fargateArmGbHour', 'fargateArmVcpuHour',
    'fargateX86GbHour', 'fargateX86VcpuHour', 'interfaceEndpointAzHour', 'kmsKeyMonth', 'natGatewayHour', 'networkLoadBalancerHour',
    'publicIpv4Hour', 'secretMonth', 'alarmMetricMonth', 'eksClusterExtendedSupportHour'] as const).map(priceRow),
  error({
    type: 'PriceTable', property: 'ec2InstanceHour', rule: 'each instance type\'s price a finite number of USD, 0 or more', source: 'library',
    where: COST, bad: estimate({ ec2InstanceHour: { 'm7g.large': Number.POSITIVE_INFINITY } }), edge: estimate({ ec2InstanceHour: { 'm7g.large': 0 } }),
  }),
  error({
    type: 'PriceTable', property: 'fargateSpotFactor', rule: 'a fraction of the on-demand price from 0 to 1 (Spot is a discount)', source: 'library',
    where: COST, bad: estimate({ fargateSpotFactor: 1.01 }), edge: estimate({ fargateSpotFactor: 1 }),
  }),
  error({
    type: 'PriceTable', property: 'hoursPerMonth.min', rule: 'at least 672 hours (28 days)', source: 'library',
    where: COST, errorProperty: 'hoursPerMonth', bad: estimate({ hoursPerMonth: 671 }), edge: estimate({ hoursPerMonth: 672 }),
  }),
  error({
    type: 'PriceTable', property: 'hoursPerMonth.max', rule: 'at most 744 hours (31 days)', source: 'library',
    where: COST, errorProperty: 'hoursPerMonth', bad: estimate({ hoursPerMonth: 745 }), edge: estimate({ hoursPerMonth: 744 }),
  }),

  // UnpricedResource
  ...free('UnpricedResource', 'an output of CostEstimator.estimate (read back by formatReport)', 'logicalId', 'reason', 'resourceType'),
];
