import { Annotations, CfnResource, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { PlatformNetwork, VpcEndpointSet } from '../network/platform-network';
import { ECR_AUTH_TOKEN_GRANT, RULES, acknowledge, acknowledgeRolePolicies, ignoreCfnLint } from '../private/acknowledge';
import { allowLogsService, newKey } from '../private/kms';
import {
  EKS_EXTENDED_SUPPORT_HOUR, EKS_STANDARD_SUPPORT_HOUR, SupportPhase, daysBetween, kubernetesMinor, supportDate, supportStatus,
} from '../private/kubernetes-calendar';
import { checkFiniteRetention } from '../private/log-retention';
import { checkStackLimits } from '../private/stack-limits';
import { privateSubnets } from '../private/subnets';
import { isToken } from '../private/validate';
import { AccessEntries } from './access-entries';
import { EksAddon } from './addon';
import {
  AutoModeNodePool,
  EksCapacity,
  EksCapacityKind,
  FargateProfileOptions,
  NodeGroupOptions,
} from './capacity';
import { ClusterAddons } from './cluster-addons';
import { EksEndpointAccess } from './endpoint';
import { FargateProfiles } from './fargate-profiles';
import { NodeGroups } from './node-groups';
import { IrsaRole, PodIdentities, podIdentityTrust } from './pod-identity';
import { acknowledgeEksManagedPolicies, eksServiceRole } from './private/roles';
import { checkPrivateSubnets, checkPublicAccessCidrs, checkRemoteNetworks } from './private/validate';

/** EKS announces the end of standard support at least 60 days ahead: warn from then on. */
const END_OF_STANDARD_NOTICE_DAYS = 60;

/**
 * What EKS does with a cluster when its Kubernetes version leaves standard support
 * (`UpgradePolicy.SupportType`).
 */
export enum EksUpgradePolicy {
  /**
   * EKS upgrades the control plane to the next minor version when standard support ends (14 months
   * after the version's EKS release): the cluster never pays for extended support. Node groups and
   * add-ons are not upgraded with it.
   */
  STANDARD = 'STANDARD',
  /**
   * The cluster stays on its version for up to 12 more months of extended support, at $0.60 per
   * cluster-hour instead of $0.10 (about $365 more per month). EKS's own default.
   */
  EXTENDED = 'EXTENDED',
}

/** All five control-plane log types. */
const ALL_LOG_TYPES: readonly eks.ClusterLoggingTypes[] = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/**
 * Anything that can grant image pull permission: `EcrRepository`, `ecr.Repository`, `ecr.IRepository`.
 */
export interface IImagePullSource {
  /** Grants `grantee` permission to pull images. */
  grantPull(grantee: iam.IGrantable): iam.Grant;
}

/**
 * The networks of EKS Hybrid Nodes: on-premises or edge hosts that join the cluster over a private
 * connection to the VPC (Site-to-Site VPN, Direct Connect or a transit gateway).
 */
export interface EksHybridNodesOptions {
  /**
   * The IPv4 blocks the hybrid nodes' addresses come from (EKS API `RemoteNodeNetwork`): /8 to /32,
   * inside RFC 1918, overlapping neither each other, the VPC's block nor the Kubernetes service range.
   * The control plane's security group admits HTTPS (443) from them.
   */
  readonly remoteNodeNetworks: string[];

  /**
   * The IPv4 blocks of the pods on hybrid nodes, as your CNI (Cilium or Calico; the VPC CNI does not
   * run off AWS) assigns them (`RemotePodNetwork`): needed for webhooks that run on hybrid nodes.
   * The same rules as the node networks, and no overlap with them.
   *
   * @default - none: webhooks must run on nodes in the VPC
   */
  readonly remotePodNetworks?: string[];
}

/**
 * Properties of an {@link EksCluster}. Every property has a secure default.
 */
export interface EksClusterProps {
  /**
   * The VPC for the control plane ENIs, nodes and Fargate pods.
   *
   * @default - a new PlatformNetwork inside this construct: public and private subnets in 2 AZs,
   * one NAT gateway, encrypted flow logs, the default security group closed
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets for the control plane ENIs, and the default for node groups and Fargate profiles.
   * Public subnets are rejected; the subnets must span at least two Availability Zones (EKS
   * CreateCluster), which the VPC's default private subnets must too.
   *
   * @default - private subnets with egress, else isolated subnets (a network without NAT)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The Kubernetes version (EKS-supported: 1.32 and later as of 2026-11).
   *
   * @default - EksCluster.DEFAULT_VERSION, the newest version aws-cdk-lib knows (1.37)
   */
  readonly version?: eks.KubernetesVersion;

  /**
   * The cluster name (1-100 letters, digits, "-" or "_", starting with a letter or digit).
   *
   * The name is known before the cluster exists either way, so the control-plane log group
   * (`/aws/eks/<name>/cluster`, the group EKS writes to) is created first, with its retention and
   * key. CloudFormation cannot replace a named cluster under the same name: a change to a property
   * EKS cannot update (the secrets key, the cluster role, the service IP range) needs a new name too.
   *
   * @default - derived from the construct path (`Names.uniqueResourceName`): `Shop-Platform-` and an
   * 8-character hash for `Shop/Platform`; stable across deployments, unique within the app
   */
  readonly clusterName?: string;

  /**
   * Who can reach the Kubernetes API endpoint.
   *
   * @default EksEndpointAccess.PRIVATE
   */
  readonly endpointAccess?: EksEndpointAccess;

  /**
   * The KMS key for envelope encryption of Kubernetes secrets.
   *
   * @default - a new customer managed key with yearly rotation, retained when the stack is deleted
   */
  readonly secretsEncryptionKey?: kms.IKey;

  /**
   * Control-plane log types sent to CloudWatch Logs. Leaving some out gives a warning and a
   * `CdkContainers-EKS2` finding from `EksClusterChecks`.
   *
   * @default - all five: api, audit, authenticator, controllerManager, scheduler
   */
  readonly clusterLogging?: eks.ClusterLoggingTypes[];

  /**
   * How long the control-plane logs are kept. The log group (`/aws/eks/<cluster name>/cluster`) is
   * created by this construct, encrypted with a new customer managed KMS key and retained when the
   * stack is deleted. "Never expire" is rejected: logs cost money forever. The default meets the
   * Control Tower control CT.CLOUDWATCH.PR.2 (at least 365 days).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly clusterLogRetention?: logs.RetentionDays;

  /**
   * Whether EKS refuses to delete the cluster (`DeletionProtection`). While it is on, deleting the
   * cluster, by `cdk destroy` or by a change that replaces it, fails; deploy with `false` first.
   *
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * What EKS does when the Kubernetes version leaves standard support. With `STANDARD`, a version
   * already past the end of standard support (on the day of synthesis, by the EKS release calendar
   * the library carries) is a `ValidationError`: EKS refuses to move a cluster in extended support
   * to `STANDARD`, and upgrades a `STANDARD` cluster when standard support ends.
   *
   * @default EksUpgradePolicy.STANDARD
   */
  readonly upgradePolicy?: EksUpgradePolicy;

  /**
   * Whether the cluster is registered with Amazon Application Recovery Controller zonal shift
   * (`ZonalShiftConfig`), so traffic to pods can be moved out of an impaired Availability Zone,
   * by hand or by zonal autoshift. Free; nothing moves until a shift is started.
   *
   * @default true
   */
  readonly zonalShift?: boolean;

  /**
   * EKS Hybrid Nodes: the remote node (and pod) networks the cluster admits. Give the role the
   * nodes join with its access entry through `grantHybridNodes`.
   *
   * @default - no hybrid nodes
   */
  readonly hybridNodes?: EksHybridNodesOptions;

  /**
   * Where pods run: Auto Mode, managed node groups and/or Fargate profiles (Auto Mode at most once).
   * See {@link EksCapacity} for the cost of each.
   *
   * @default [EksCapacity.autoMode()]
   */
  readonly capacity?: EksCapacity[];

  /**
   * EKS add-ons beyond the defaults, or core add-ons with a pinned version or configuration
   * (an entry replaces the default add-on of the same name).
   *
   * @default - vpc-cni, kube-proxy, coredns and eks-pod-identity-agent once the cluster has a
   * node group or Fargate profile; none with Auto Mode alone (Auto Mode runs them itself)
   */
  readonly addons?: EksAddon[];

  /**
   * Opt in to applying Kubernetes manifests and Helm charts from CDK (`cluster.cluster.addManifest`,
   * `addHelmChart`). This adds the kubectl provider: Lambda functions (with the kubectl layer you
   * give), a custom resource provider, their IAM roles, an asset, and a cluster-admin access entry
   * for the provider's role; every manifest is then a `Custom::AWSCDK-EKS-KubernetesResource`.
   *
   * @default - no kubectl provider: only native `AWS::EKS::*` resources
   */
  readonly kubectlProviderOptions?: eks.KubectlProviderOptions;
}

/**
 * Where a Pod Identity association applies.
 */
export interface PodIdentityOptions {
  /** The Kubernetes namespace of the service account (DNS-1123 label). */
  readonly serviceAccountNamespace: string;
  /** The Kubernetes service account name (DNS-1123 subdomain). */
  readonly serviceAccount: string;
}

/**
 * A service account's IAM role through IRSA (IAM roles for service accounts).
 */
export interface IrsaRoleOptions extends PodIdentityOptions {
  /**
   * The role's name (1-64 letters, digits and `+=,.@_-`). The service account names its role by ARN,
   * so the name is fixed at synth either way.
   *
   * @default - derived from the construct path and the Region (`Shop-Platform-Api-` and a hash, then
   *   `-us-east-1`), when the stack has an account and Region; else CloudFormation's generated name
   */
  readonly roleName?: string;
}

/**
 * An EKS cluster on `aws-cdk-lib/aws-eks-v2` with secure defaults and only native
 * `AWS::EKS::*` resources (no kubectl Lambda, no nested stack, no asset) unless kubectl is opted in.
 *
 * Defaults: the newest Kubernetes version aws-cdk-lib knows; private API endpoint; secrets
 * encrypted with a rotating customer managed KMS key; all five control-plane log types, into a log
 * group this construct creates (one year retention, KMS-encrypted, retained); deletion protection
 * on; access entries only (API authentication mode, no aws-auth ConfigMap, the deploying role is not made an
 * admin); EKS Auto Mode capacity.
 *
 * @example
 * const platform = new EksCluster(this, 'Platform', {
 *   capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m7g.large')] })],
 * });
 * platform.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/platform-admins');
 * const role = platform.addPodIdentity('Api', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
 */
export class EksCluster extends Construct {
  /** The default Kubernetes version: the newest that aws-cdk-lib's aws-eks-v2 knows. */
  public static readonly DEFAULT_VERSION = eks.KubernetesVersion.V1_37;

  /** The wrapped aws-eks-v2 cluster (escape hatch). */
  public readonly cluster: eks.Cluster;
  /** The VPC the cluster runs in. */
  public readonly vpc: ec2.IVpc;
  /** The key that encrypts Kubernetes secrets. */
  public readonly secretsEncryptionKey: kms.IKey;
  /**
   * The log group EKS writes the control-plane logs to (`/aws/eks/<cluster name>/cluster`), created
   * before the cluster and retained when the stack is deleted.
   */
  public readonly controlPlaneLogGroup: logs.LogGroup;
  /** The Kubernetes version. */
  public readonly version: eks.KubernetesVersion;
  /** What EKS does when the version leaves standard support. */
  public readonly upgradePolicy: EksUpgradePolicy;
  /**
   * Where the YAML of this cluster's `EksNamespace`s and `EksWorkload`s is written, relative to
   * the cloud assembly of the cluster's stage (`kubernetes/<cluster id>`, one folder per namespace
   * inside): the folder a pipeline publishes for Argo CD to sync.
   */
  public readonly manifestDirectory: string;
  /** Whether EKS Auto Mode is on. */
  public readonly autoMode: boolean;
  /**
   * The IAM role of the Auto Mode nodes.
   * @default - undefined without Auto Mode
   */
  public readonly autoModeNodeRole?: iam.IRole;
  /**
   * The cluster's name when it is known at synth (not a token): what manifests and IAM conditions that name the cluster use.
   * @internal
   */
  public readonly _literalName?: string;

  private readonly vpcSubnets: ec2.SubnetSelection;
  private readonly imagePullSources: IImagePullSource[] = [];
  // The parts the cluster is composed of (plain objects: their constructs are this construct's children).
  private readonly clusterAddons: ClusterAddons;
  private readonly managedNodeGroups: NodeGroups;
  private readonly fargate: FargateProfiles;
  private readonly access: AccessEntries;
  private readonly podIdentities: PodIdentities;
  private oidcProvider?: iam.IOidcProvider;
  private hybridNodes = false;

  constructor(scope: Construct, id: string, props: EksClusterProps = {}) {
    super(scope, id);
    checkStackLimits(this);

    if (props.clusterName !== undefined && !isToken(props.clusterName)
      && (props.clusterName.length > 100 || !/^[0-9A-Za-z][A-Za-z0-9\-_]*$/.test(props.clusterName))) {
      throw new ValidationError(this, {
        property: 'clusterName',
        value: props.clusterName,
        allowed: '1-100 letters, digits, "-" or "_", starting with a letter or digit',
      });
    }

    this.version = props.version ?? EksCluster.DEFAULT_VERSION;
    // The unique id, not the path: a path can hold characters a folder name should not.
    this.manifestDirectory = `kubernetes/${Names.uniqueId(this)}`;
    this.upgradePolicy = props.upgradePolicy ?? EksUpgradePolicy.STANDARD;
    if (!Object.values(EksUpgradePolicy).includes(this.upgradePolicy)) {
      throw new ValidationError(this, { property: 'upgradePolicy', value: this.upgradePolicy, allowed: 'EksUpgradePolicy.STANDARD or EksUpgradePolicy.EXTENDED' });
    }
    this.checkVersion(this.version, this.upgradePolicy);
    if (props.kubectlProviderOptions) this.checkKubectlLayer(props.kubectlProviderOptions.kubectlLayer);
    const logRetention = props.clusterLogRetention ?? logs.RetentionDays.ONE_YEAR;
    checkFiniteRetention(this, 'clusterLogRetention', logRetention, 'control-plane logs');

    const endpoint = props.endpointAccess ?? EksEndpointAccess.PRIVATE;
    if (endpoint.isPublic) {
      checkPublicAccessCidrs(this, 'endpointAccess', endpoint.publicAccessCidrs);
      Annotations.of(this).addWarningV2('cdk-containers:eks-public-endpoint',
        `The Kubernetes API endpoint is public (allowed from ${endpoint.publicAccessCidrs.join(', ')}). Prefer EksEndpointAccess.PRIVATE and reach the API through the VPC.`);
    }

    if (props.vpcSubnets) checkPrivateSubnets(this, 'vpcSubnets', props.vpcSubnets);

    const logging = props.clusterLogging ?? [...ALL_LOG_TYPES];
    const missingLogs = ALL_LOG_TYPES.filter((t) => !logging.includes(t));
    if (missingLogs.length > 0) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-missing-log-types',
        `Control-plane log types not enabled: ${missingLogs.join(', ')}. Audit and authenticator logs are what an incident review needs.`);
    }

    const capacity = props.capacity ?? [EksCapacity.autoMode()];
    const autoModeEntries = capacity.filter((c) => c.kind === EksCapacityKind.AUTO_MODE);
    if (autoModeEntries.length > 1) {
      throw new ValidationError(this, {
        property: 'capacity',
        value: capacity.map((c) => c.kind),
        allowed: 'at most one EksCapacity.autoMode() entry, combined with any number of node groups and Fargate profiles',
      });
    }
    this.autoMode = autoModeEntries.length === 1;
    const nodePools = autoModeEntries[0]?.autoModeOptions?.nodePools
      ?? [AutoModeNodePool.SYSTEM, AutoModeNodePool.GENERAL_PURPOSE];
    if (this.autoMode) {
      const known = Object.values(AutoModeNodePool) as string[];
      if (nodePools.length === 0 || nodePools.some((p) => !known.includes(p)) || new Set(nodePools).size !== nodePools.length) {
        throw new ValidationError(this, {
          property: 'capacity autoMode nodePools',
          value: nodePools,
          allowed: 'one or both of "system" and "general-purpose", each once',
          hint: 'custom NodePools need kubectl; keep at least one built-in pool',
        });
      }
      this.autoModeNodeRole = eksServiceRole(this, 'AutoModeNodeRole', new iam.ServicePrincipal('ec2.amazonaws.com'), 'EKS Auto Mode nodes',
        ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']);
    }

    // The default network is the library's PlatformNetwork: one NAT gateway, encrypted flow logs,
    // default security group closed, S3 gateway endpoint.
    this.vpc = props.vpc ?? new PlatformNetwork(this, 'Network').vpc;
    this.vpcSubnets = props.vpcSubnets
      ?? privateSubnets(this, this.vpc, 'EKS never places the control plane, nodes or pods in public subnets; use PlatformNetwork or pass vpcSubnets');
    checkPrivateSubnets(this, props.vpcSubnets ? 'vpcSubnets' : 'vpc', this.vpcSubnets, this.vpc, 2);
    if (this.vpcSubnets.subnetType === ec2.SubnetType.PRIVATE_ISOLATED) this.checkIsolatedNetwork();

    this.secretsEncryptionKey = props.secretsEncryptionKey ?? newKey(this, 'SecretsKey', 'Envelope encryption of Kubernetes secrets');

    // EKS writes control-plane logs to /aws/eks/<name>/cluster and creates that group itself (no
    // retention, no key) unless it exists: the name is fixed here so the group can come first.
    const clusterName = props.clusterName ?? Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    this._literalName = isToken(clusterName) ? undefined : clusterName;
    const logsKey = newKey(this, 'ControlPlaneLogsKey', `Encrypts the EKS control-plane logs of ${this.node.path}`);
    allowLogsService(logsKey);
    this.controlPlaneLogGroup = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${clusterName}/cluster`,
      retention: logRetention,
      encryptionKey: logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.cluster = new eks.Cluster(this, 'Resource', {
      version: this.version,
      clusterName,
      vpc: this.vpc,
      vpcSubnets: [this.vpcSubnets],
      endpointAccess: endpoint.isPublic
        ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...endpoint.publicAccessCidrs)
        : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: this.secretsEncryptionKey,
      clusterLogging: logging,
      bootstrapClusterCreatorAdminPermissions: false,
      bootstrapSelfManagedAddons: false,
      kubectlProviderOptions: props.kubectlProviderOptions,
      ...(this.autoMode
        ? { defaultCapacityType: eks.DefaultCapacityType.AUTOMODE, compute: { nodePools, nodeRole: this.autoModeNodeRole } }
        : { defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0 }),
    });
    if (props.hybridNodes) this.configureHybridNodes(props.hybridNodes);
    const grant = this.secretsEncryptionKey.grant(this.cluster.role, 'kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant');
    acknowledgeRolePolicies(this.cluster.role, { inline:
      'aws-cdk-lib writes the grant on the cluster\'s own secrets key as a policy attached to this one role; it must exist before the cluster and is deleted with the role' });
    acknowledgeEksManagedPolicies(this.cluster.role, this.autoMode
      ? ['AmazonEKSClusterPolicy', 'AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']
      : ['AmazonEKSClusterPolicy']);
    const cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    grant.applyBefore(cfnCluster);
    cfnCluster.addResourceDependency(this.controlPlaneLogGroup.node.defaultChild as CfnResource, 'EKS writes control-plane logs into this group, and creates one of its own if it does not exist yet');
    cfnCluster.deletionProtection = props.deletionProtection ?? true;
    cfnCluster.upgradePolicy = { supportType: this.upgradePolicy };
    cfnCluster.zonalShiftConfig = { enabled: props.zonalShift ?? true };
    // aws-eks-v2 makes the cluster wait for the whole VPC (NAT routes included) so the private endpoint
    // and nodes can reach AWS APIs; the DependsOn on subnets it also references is therefore redundant but harmless.
    ignoreCfnLint(cfnCluster, 'W3005', 'aws-eks-v2 makes the cluster wait for the whole VPC, whose subnets it also references: redundant, harmless');
    // aws-eks-v2 writes EncryptionConfig.Resources: ["secrets"], the only value the EKS API accepts.
    acknowledge(cfnCluster, [[RULES.CFN_EKS_SECRETS_RESOURCES,
      'EncryptionConfig.Resources ["secrets"] is written by aws-eks-v2 and is the value the EKS API documents']]);

    const podTrust = podIdentityTrust(this, this.cluster.clusterArn);
    this.clusterAddons = new ClusterAddons(this, this.cluster, this.version.version, this.autoMode, props.addons ?? [], podTrust);
    const grantImagePulls = (role: iam.Role) => {
      for (const source of this.imagePullSources) source.grantPull(role);
    };
    this.managedNodeGroups = new NodeGroups({
      scope: this, cluster: this.cluster, version: this.version, vpcSubnets: this.vpcSubnets, addons: this.clusterAddons, onRoleCreated: grantImagePulls,
    });
    this.fargate = new FargateProfiles({
      scope: this, cluster: this.cluster, vpc: this.vpc, vpcSubnets: this.vpcSubnets, addons: this.clusterAddons, onRoleCreated: grantImagePulls,
    });
    this.access = new AccessEntries(this, this.cluster);
    this.podIdentities = new PodIdentities(this, this.cluster, podTrust);

    const seenIds = new Set<string>();
    for (const entry of capacity) {
      if (entry.kind === EksCapacityKind.NODE_GROUP) {
        const options = entry.nodeGroupOptions ?? {};
        const nodeGroupId = options.id ?? 'NodeGroup';
        this.checkUniqueCapacityId(seenIds, nodeGroupId);
        this.addNodeGroup(nodeGroupId, options);
      } else if (entry.kind === EksCapacityKind.FARGATE_PROFILE && entry.fargateProfileOptions) {
        const profileId = entry.fargateProfileOptions.id ?? 'FargateProfile';
        this.checkUniqueCapacityId(seenIds, profileId);
        this.addFargateProfile(profileId, entry.fargateProfileOptions);
      }
    }
    this.clusterAddons.createRequested();

    this.node.addValidation({ validate: () => this.lateWarnings() });
  }

  /** The managed node groups, in the order they were added. */
  public get nodeGroups(): eks.Nodegroup[] {
    return this.managedNodeGroups.all;
  }

  /** The Fargate profiles, in the order they were added. */
  public get fargateProfiles(): eks.FargateProfile[] {
    return this.fargate.all;
  }

  /**
   * The IAM role shared by the managed node groups (created with the first node group).
   * @default - undefined until a node group exists
   */
  public get nodeGroupRole(): iam.IRole | undefined {
    return this.managedNodeGroups.role;
  }

  /**
   * The pod execution role shared by the Fargate profiles (created with the first profile).
   * @default - undefined until a Fargate profile exists
   */
  public get fargatePodExecutionRole(): iam.IRole | undefined {
    return this.fargate.role;
  }

  /**
   * The roles that pull container images for this cluster's pods: the Auto Mode node role, the
   * node group role and the Fargate pod execution role, whichever exist.
   */
  public get imagePullRoles(): iam.IRole[] {
    return [this.autoModeNodeRole, this.managedNodeGroups.role, this.fargate.role].filter((r): r is iam.IRole => r !== undefined);
  }

  /** The EKS add-on with this name, if the cluster has it. */
  public addon(name: string): eks.IAddon | undefined {
    return this.clusterAddons.addon(name);
  }

  /**
   * The IAM role an add-on's service account gets through EKS Pod Identity (`EksAddon.podIdentities`,
   * or a typed add-on's own): grant it what the add-on needs beyond its managed policies, e.g.
   * `bucket.grantRead(cluster.addonRole('aws-mountpoint-s3-csi-driver', 's3-csi-driver-sa')!)`.
   *
   * @param addonName the add-on's name, e.g. `aws-mountpoint-s3-csi-driver`
   * @param serviceAccount the service account the role is for, e.g. `s3-csi-driver-sa`
   * @returns the role, or undefined when the cluster has no such add-on or it has no role for that service account
   */
  public addonRole(addonName: string, serviceAccount: string): iam.IRole | undefined {
    return this.clusterAddons.role(addonName, serviceAccount);
  }

  /**
   * Lets the cluster's nodes and Fargate pods pull images from a repository (`EcrRepository`,
   * `ecr.Repository`): grants every current image pull role, and the roles of capacity added later.
   * Needed for cross-account or KMS-encrypted repositories; same-account repositories are already
   * readable through `AmazonEC2ContainerRegistryPullOnly`.
   *
   * @returns the grant to the current image pull roles
   */
  public grantImagePull(source: IImagePullSource): iam.Grant {
    const roles = this.imagePullRoles;
    if (roles.length === 0) {
      throw new ValidationError(this, {
        property: 'grantImagePull',
        value: 'a cluster without capacity',
        allowed: 'a cluster with Auto Mode, a node group or a Fargate profile',
        hint: 'add capacity before granting image pull',
      });
    }
    this.imagePullSources.push(source);
    for (const role of roles) {
      acknowledgeRolePolicies(role, {
        inline: 'aws-cdk-lib writes image pull grants as a policy attached to this one node role, created and deleted with it',
        wildcards: [ECR_AUTH_TOKEN_GRANT],
      });
    }
    return roles.map((r) => source.grantPull(r)).reduce((a, b) => a.combine(b));
  }

  /**
   * Makes an IAM role or user a cluster administrator (access entry with `AmazonEKSClusterAdminPolicy`,
   * cluster scope).
   *
   * @param id construct id of the access entry
   * @param principalArn the IAM role or user ARN; for an `iam.IRole` pass `role.roleArn` (a token is accepted)
   */
  public grantClusterAdmin(id: string, principalArn: string): eks.AccessEntry {
    return this.access.grantClusterAdmin(id, principalArn);
  }

  /**
   * Lets hybrid nodes join the cluster: an access entry of type `HYBRID_LINUX` for the IAM role the
   * nodes authenticate with (the role of an SSM hybrid activation or of IAM Roles Anywhere). EKS
   * grants it the node permissions; no access policy is attached. Needs `hybridNodes`.
   *
   * @param id construct id of the access entry
   * @param roleArn the IAM role's ARN (`role.roleArn` for an `iam.IRole`; a token is accepted)
   */
  public grantHybridNodes(id: string, roleArn: string): eks.AccessEntry {
    if (!this.hybridNodes) {
      throw new ValidationError(this, {
        property: 'grantHybridNodes', value: roleArn, allowed: 'a cluster with hybridNodes (its remote node networks)',
        hint: 'set hybridNodes: { remoteNodeNetworks: [...] } on the cluster first',
      });
    }
    return this.access.grantHybridNodes(id, roleArn);
  }

  /**
   * Gives an IAM role or user an access policy limited to some namespaces (a team's access).
   *
   * @param id construct id of the access entry
   * @param principalArn the IAM role or user ARN (`role.roleArn` for an `iam.IRole`)
   * @param namespaces the namespaces (DNS-1123 labels, at least one; a "*" wildcard matches several, e.g. "dev-*")
   * @param policy the access policy; cluster admin is not allowed here (use `grantClusterAdmin`)
   */
  public grantNamespaceAccess(id: string, principalArn: string, namespaces: string[],
    policy: eks.AccessPolicyArn = eks.AccessPolicyArn.AMAZON_EKS_EDIT_POLICY): eks.AccessEntry {
    return this.access.grantNamespaceAccess(id, principalArn, namespaces, policy);
  }

  /**
   * Creates an IAM role for a Kubernetes service account and associates them through EKS Pod
   * Identity (`AWS::EKS::PodIdentityAssociation`): pods of that service account get the role's
   * credentials, no OIDC provider and no IMDS access needed. Grant to the returned role. The role
   * trusts the EKS Pod Identity service only for this account (`aws:SourceAccount`) and this
   * cluster's pods (the `eks-cluster-arn` session tag), with `sts:AssumeRole` and `sts:TagSession`.
   * Pod Identity does not reach pods on Fargate: use `addIrsaRole` for those.
   *
   * @param id construct id (the role is `<id>/Role`, the association `<id>/Association`)
   */
  public addPodIdentity(id: string, options: PodIdentityOptions): iam.Role {
    return this.podIdentities.add(id, options.serviceAccountNamespace, options.serviceAccount);
  }

  /**
   * The cluster's IAM OIDC identity provider, which IRSA roles trust: an `AWS::IAM::OIDCProvider`
   * (native, no Lambda) for the cluster's issuer, with STS as its audience and no thumbprints (IAM
   * trusts the issuer's certificate authority). Created on first use (`<cluster>/OidcProvider`):
   * a cluster without IRSA roles has none.
   */
  public get openIdConnectProvider(): iam.IOidcProvider {
    this.oidcProvider ??= new iam.OidcProviderNative(this, 'OidcProvider', {
      url: this.cluster.clusterOpenIdConnectIssuerUrl,
      clientIds: ['sts.amazonaws.com'],
    });
    return this.oidcProvider;
  }

  /**
   * Creates an IAM role for a Kubernetes service account through IRSA (IAM roles for service
   * accounts), for pods EKS Pod Identity cannot serve: pods on Fargate. The role trusts the cluster's
   * OIDC provider (`openIdConnectProvider`, created on first use) with
   * `sts:AssumeRoleWithWebIdentity`, only for tokens whose audience is STS and whose subject is this
   * service account (`system:serviceaccount:<namespace>:<name>`). The service account must name the
   * role in its `eks.amazonaws.com/role-arn` annotation (`EksWorkload` with `WorkloadIamIdentity.IRSA`
   * writes it); the role's name is fixed at synth so the annotation can be written then. Grant to
   * the returned role. A service account gets one role, through Pod Identity or IRSA.
   *
   * @param id construct id (the role is `<id>/Role`)
   */
  public addIrsaRole(id: string, options: IrsaRoleOptions): iam.Role {
    return this._addIrsaRole(id, options).role;
  }

  /**
   * `addIrsaRole`, with the role's ARN as a literal string when the stack has an account and Region.
   * @internal
   */
  public _addIrsaRole(id: string, options: IrsaRoleOptions): IrsaRole {
    return this.podIdentities.addIrsa(id, options.serviceAccountNamespace, options.serviceAccount, this.openIdConnectProvider, options.roleName);
  }

  /**
   * Adds a managed node group: private subnets, no SSH, a launch template with IMDSv2 required and a
   * hop limit of 1 (pods get AWS credentials through Pod Identity, not IMDS), encrypted gp3 volumes,
   * node auto-repair. The group's construct is `<id>/Resource`, its launch template `<id>/LaunchTemplate`:
   * `id` is part of their logical ids, so a new id replaces the node group.
   */
  public addNodeGroup(id: string, options: NodeGroupOptions = {}): eks.Nodegroup {
    return this.managedNodeGroups.add(id, options);
  }

  /**
   * Adds a Fargate profile (private subnets, the shared pod execution role). Pods on Fargate cannot
   * use EKS Pod Identity. `id` is the profile's construct id: a new id replaces the profile.
   */
  public addFargateProfile(id: string, options: FargateProfileOptions): eks.FargateProfile {
    return this.fargate.add(id, options);
  }

  /**
   * kubectl supports one minor version of skew with the API server. The layers of
   * `@aws-cdk/lambda-layer-kubectl-vNN` say their version in their class name (`KubectlV36Layer`);
   * an imported layer may say it in its ARN (`...:layer:kubectl-v36:1`). A kubectl older than the
   * cluster, or more than one minor version newer, is warned about; a layer whose version cannot be
   * told is noted.
   */
  private checkKubectlLayer(layer: lambda.ILayerVersion): void {
    const clusterMinor = isToken(this.version.version) ? undefined : kubernetesMinor(this.version.version);
    const named = /^KubectlV(\d+)Layer$/.exec(layer.constructor.name)?.[1]
      ?? (isToken(layer.layerVersionArn) ? undefined : /:layer:[^:]*kubectl[^:]*?v?1?[._-]?(\d{2})(?:\D[^:]*)?:/i.exec(layer.layerVersionArn)?.[1]);
    const layerMinor = named === undefined ? undefined : Number(named);
    if (clusterMinor === undefined) return;
    if (layerMinor === undefined) {
      Annotations.of(this).addInfo(`The kubectl layer's version cannot be told from it; kubectl must be 1.${clusterMinor - 1} or newer for Kubernetes ${this.version.version}.`);
    } else if (layerMinor < clusterMinor) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-kubectl-older-than-cluster',
        `The kubectl layer is kubectl 1.${layerMinor}, older than the cluster's Kubernetes ${this.version.version}: kubectl supports one minor version of skew, so manifests may be applied wrongly or refused${clusterMinor - layerMinor > 1 ? ' (here the skew is ' + (clusterMinor - layerMinor) + ' versions)' : ''}. Use @aws-cdk/lambda-layer-kubectl-v${clusterMinor} when it is published, or deliver the manifests with KubernetesDelivery.CLOUD_ASSEMBLY and Argo CD.`);
    } else if (layerMinor > clusterMinor + 1) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-kubectl-newer-than-cluster',
        `The kubectl layer is kubectl 1.${layerMinor}, ${layerMinor - clusterMinor} minor versions newer than the cluster's Kubernetes ${this.version.version}: kubectl supports one minor version of skew either way. Use @aws-cdk/lambda-layer-kubectl-v${clusterMinor}, or raise the cluster's version first.`);
    }
  }

  /**
   * The version against the EKS release calendar on the day of synthesis (the
   * `cdk-containers:kubernetesSupportDate` context value, else today): a version past extended
   * support, or past standard support under the STANDARD policy, is refused; extended support and
   * the end of standard support in the next 60 days are warned about.
   */
  private checkVersion(version: eks.KubernetesVersion, policy: EksUpgradePolicy): void {
    if (isToken(version.version)) return;
    const minor = kubernetesMinor(version.version);
    const day = supportDate(this);
    const status = minor === undefined ? undefined : supportStatus(minor, day);
    if (minor === undefined || status === undefined || status.phase === SupportPhase.ENDED) {
      throw new ValidationError(this, {
        property: 'version',
        value: version.version,
        allowed: `a Kubernetes version EKS supports on ${day}: 1.${status?.oldestAvailableMinor ?? '<minor>'} or later (newest known: ${EksCluster.DEFAULT_VERSION.version})`,
        hint: status?.endOfExtended
          ? `extended support for ${version.version} ended on ${status.endOfExtended}: EKS creates no cluster on it and upgrades the ones left`
          : 'older versions are past the end of EKS extended support and are upgraded automatically by EKS',
      });
    }
    const newest = kubernetesMinor(EksCluster.DEFAULT_VERSION.version) ?? 0;
    if (minor > newest) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-version-unknown',
        `Kubernetes ${version.version} is newer than the newest version aws-cdk-lib knows (${EksCluster.DEFAULT_VERSION.version}); check that EKS offers it.`);
    }
    const extraMonthly = Math.round((EKS_EXTENDED_SUPPORT_HOUR - EKS_STANDARD_SUPPORT_HOUR) * 730);
    if (status.phase === SupportPhase.EXTENDED && policy === EksUpgradePolicy.STANDARD) {
      throw new ValidationError(this, {
        property: 'version',
        value: version.version,
        allowed: `with upgradePolicy EksUpgradePolicy.STANDARD, a version in standard support on ${day}: 1.${status.oldestStandardMinor} or later`,
        hint: `standard support for ${version.version} ended on ${status.endOfStandard}: EKS upgrades a STANDARD cluster to the next version then, and refuses to move one in extended support to STANDARD. Upgrade one minor version at a time, or set upgradePolicy: EksUpgradePolicy.EXTENDED (+$${(EKS_EXTENDED_SUPPORT_HOUR - EKS_STANDARD_SUPPORT_HOUR).toFixed(2)} per cluster-hour until ${status.endOfExtended})`,
      });
    }
    if (status.phase === SupportPhase.EXTENDED) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-extended-support',
        `Kubernetes ${version.version} is in EKS extended support since ${status.endOfStandard}: the control plane costs $${EKS_EXTENDED_SUPPORT_HOUR.toFixed(2)}/h instead of $${EKS_STANDARD_SUPPORT_HOUR.toFixed(2)}/h (about $${extraMonthly} more per month), and EKS upgrades it on or after ${status.endOfExtended}. Upgrade to 1.${status.oldestStandardMinor} or later.`);
    } else if (status.endOfStandard !== undefined && daysBetween(day, status.endOfStandard) <= END_OF_STANDARD_NOTICE_DAYS) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-standard-support-ending',
        `Standard support for Kubernetes ${version.version} ends on ${status.endOfStandard}: ${policy === EksUpgradePolicy.STANDARD
          ? `then EKS upgrades the control plane to 1.${minor + 1} by itself (node groups and add-ons stay behind), and from that day this version is refused at synthesis. Upgrade here first.`
          : `then the control plane costs $${EKS_EXTENDED_SUPPORT_HOUR.toFixed(2)}/h instead of $${EKS_STANDARD_SUPPORT_HOUR.toFixed(2)}/h (about $${extraMonthly} more per month). Upgrade to 1.${minor + 1} before then.`}`);
    }
  }

  /**
   * The remote networks on the cluster (`RemoteNetworkConfig`), checked first; the control plane's
   * security group admits HTTPS from every remote block (hybrid nodes, and the API server's calls
   * back from webhooks' pods go over it). When the VPC's block is not literal, both service ranges
   * EKS may pick are refused.
   */
  private configureHybridNodes(options: EksHybridNodesOptions): void {
    // A VPC made in the app reads its block as a token (Fn::GetAtt); its CfnVPC holds it literally.
    const cfnVpc = this.vpc.node.defaultChild instanceof ec2.CfnVPC ? this.vpc.node.defaultChild : undefined;
    const vpcCidr = [this.vpc.vpcCidrBlock, cfnVpc?.cidrBlock].find((c): c is string => typeof c === 'string' && !isToken(c));
    // Without a serviceIpv4Cidr, EKS takes 172.20.0.0/16 for a VPC in 10.0.0.0/8, else 10.100.0.0/16.
    const serviceCidrs = vpcCidr === undefined ? ['10.100.0.0/16', '172.20.0.0/16'] : vpcCidr.startsWith('10.') ? ['172.20.0.0/16'] : ['10.100.0.0/16'];
    const pods = options.remotePodNetworks ?? [];
    checkRemoteNetworks(this, options.remoteNodeNetworks, pods, vpcCidr, serviceCidrs);
    const cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    cfnCluster.remoteNetworkConfig = {
      remoteNodeNetworks: [{ cidrs: options.remoteNodeNetworks }],
      ...(pods.length > 0 ? { remotePodNetworks: [{ cidrs: pods }] } : {}),
    };
    for (const cidr of [...options.remoteNodeNetworks, ...pods]) {
      this.cluster.connections.allowFrom(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), `Kubernetes API from the hybrid nodes' network ${cidr}`);
    }
    this.hybridNodes = true;
  }

  /** Isolated subnets reach AWS only through VPC endpoints: say which ones a private cluster needs, unless the network has them. */
  private checkIsolatedNetwork(): void {
    if (PlatformNetwork.ownerOf(this.vpc)?.endpointSet === VpcEndpointSet.EKS_PRIVATE) return;
    Annotations.of(this).addWarningV2('cdk-containers:eks-isolated-subnets',
      'The cluster runs in isolated subnets (no NAT): nodes join and pods pull images only through VPC endpoints for ec2, sts, eks, eks-auth, ' +
      'ecr.api, ecr.dkr, logs and elasticloadbalancing, plus the S3 gateway. PlatformNetwork({ natMode: NatMode.NONE, endpoints: VpcEndpointSet.EKS_PRIVATE }) creates them.');
  }

  private checkUniqueCapacityId(seen: Set<string>, id: string): void {
    if (seen.has(id)) {
      throw new ValidationError(this, {
        property: 'capacity id',
        value: id,
        allowed: 'a distinct id for each node group and Fargate profile',
        hint: 'set the id option of EksCapacity.nodeGroup / fargateProfile',
      });
    }
    seen.add(id);
  }

  /** The checks that need the finished cluster: each part warns about what it owns. */
  private lateWarnings(): string[] {
    this.access.lateWarnings();
    const hasNodes = this.managedNodeGroups.all.length > 0 || this.fargate.all.length > 0;
    const fargateOnly = !this.autoMode && this.managedNodeGroups.all.length === 0 && this.fargate.all.length > 0;
    this.clusterAddons.lateWarnings(hasNodes, fargateOnly);
    this.podIdentities.lateWarnings(fargateOnly);
    this.fargate.lateWarnings(fargateOnly);
    return [];
  }
}
