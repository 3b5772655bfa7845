import { Annotations, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { kubernetesMinor } from '../private/kubernetes-calendar';
import { isToken } from '../private/validate';
import { EksAddon, EksAddonPodIdentity } from './addon';
import { EksCapacityKind } from './capacity';
import { eksServiceRole } from './private/roles';
import { checkServiceAccountName, MAX_NODE_COMPONENT_SKEW, withinNodeComponentSkew } from './private/validate';

/** The add-ons that nodes outside Auto Mode need. */
const CORE_ADDON_NAMES = ['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent'];

/**
 * The EKS add-ons of an `EksCluster` (a part of it, not a construct): the add-ons asked for in
 * `addons`, and the core add-ons, created with the first node group or Fargate profile.
 *
 * Add-ons live at `<cluster>/Addons/<name>`, except the Pod Identity agent, which aws-eks-v2 owns
 * (`<cluster>/Resource/EksPodIdentityAgentAddon`) and which is reused so there is only one.
 */
export class ClusterAddons {
  private readonly scope: Construct;
  private readonly cluster: eks.Cluster;
  private readonly autoMode: boolean;
  private readonly clusterVersion: string;
  private readonly podIdentityTrust: iam.IPrincipal;
  private readonly specs = new Map<string, EksAddon>();
  private readonly byName = new Map<string, eks.Addon>();
  /** The Pod Identity roles of the add-ons, by `<add-on name>/<service account>`. */
  private readonly roles = new Map<string, iam.Role>();
  private addonScope?: Construct;
  private coreDnsAnchored = false;
  /** Set when the first node group is added: from then on CoreDNS is left to run on EC2 nodes. */
  private nodeGroupAdded = false;

  /**
   * Checks the add-ons asked for; creates none yet.
   *
   * @param scope the EksCluster: the add-ons are created in it, errors and warnings name it
   * @param clusterVersion the cluster's Kubernetes version (`1.<minor>`), which kube-proxy may not be newer than
   * @param requested the cluster's `addons` prop
   * @param podIdentityTrust who may assume the roles of add-ons with Pod Identity (`podIdentityTrust` of the cluster)
   */
  constructor(scope: Construct, cluster: eks.Cluster, clusterVersion: string, autoMode: boolean, requested: readonly EksAddon[],
    podIdentityTrust: iam.IPrincipal) {
    this.scope = scope;
    this.cluster = cluster;
    this.clusterVersion = clusterVersion;
    this.autoMode = autoMode;
    this.podIdentityTrust = podIdentityTrust;
    for (const addon of requested) {
      this.checkAddon(addon);
      if (this.specs.has(addon.name)) {
        throw new ValidationError(scope, {
          property: 'addons',
          value: addon.name,
          allowed: 'each add-on name once',
        });
      }
      this.specs.set(addon.name, addon);
    }
  }

  /**
   * The add-on with this name, if the cluster has it (the Pod Identity agent as aws-eks-v2 exposes it).
   */
  public addon(name: string): eks.IAddon | undefined {
    if (name === 'eks-pod-identity-agent' && this.byName.has(name)) return this.cluster.eksPodIdentityAgent;
    return this.byName.get(name);
  }

  /**
   * Creates the core add-ons that do not exist yet; called before each node group or Fargate
   * profile is created. When the first such capacity is a Fargate profile (and no Auto Mode),
   * CoreDNS is configured to run on Fargate unless its configuration was given.
   */
  public beforeCapacity(kind: EksCapacityKind.NODE_GROUP | EksCapacityKind.FARGATE_PROFILE): void {
    if (kind === EksCapacityKind.NODE_GROUP) this.nodeGroupAdded = true;
    const fargateFirst = kind === EksCapacityKind.FARGATE_PROFILE && !this.nodeGroupAdded;
    for (const name of CORE_ADDON_NAMES) {
      if (this.byName.has(name)) continue;
      const spec = this.specs.get(name) ?? EksAddon.of(name);
      if (name === 'coredns' && !spec.configurationValues && !this.autoMode && fargateFirst) {
        this.create(EksAddon.coreDns({ version: spec.version, configurationValues: { computeType: 'Fargate' } }));
      } else {
        this.create(spec);
      }
    }
  }

  /** The role of an add-on's service account, if the add-on exists and has one for it. */
  public role(name: string, serviceAccount: string): iam.IRole | undefined {
    return this.roles.get(`${name}/${serviceAccount}`);
  }

  /** Makes CoreDNS wait for the first capacity it can run on. */
  public anchorCoreDns(capacity: IConstruct): void {
    const coreDns = this.byName.get('coredns');
    if (coreDns && !this.coreDnsAnchored) {
      coreDns.node.addDependency(capacity);
      this.coreDnsAnchored = true;
    }
  }

  /** Creates the add-ons asked for that the capacity did not bring; called once, after the capacity. */
  public createRequested(): void {
    for (const addon of this.specs.values()) {
      if (!this.byName.has(addon.name)) this.create(addon);
    }
  }

  /**
   * Late check: with Auto Mode alone (`hasNodes` false), warns about asked-for add-ons Auto Mode
   * already runs; on a Fargate-only cluster, about add-ons whose roles come through Pod Identity.
   */
  public lateWarnings(hasNodes: boolean, fargateOnly: boolean): void {
    const withRoles = [...this.specs.values()].filter((a) => a.podIdentities.length > 0).map((a) => a.name);
    if (fargateOnly && withRoles.length > 0) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-addon-pod-identity-fargate',
        `Add-ons ${withRoles.join(', ')} get their IAM roles through EKS Pod Identity, which does not reach pods on Fargate: on this Fargate-only cluster their pods get no AWS credentials. Add a node group or Auto Mode for them.`);
    }
    if (!this.autoMode || hasNodes) return;
    const redundant = [...this.specs.keys()].filter((n) => [...CORE_ADDON_NAMES, 'aws-ebs-csi-driver'].includes(n));
    if (redundant.length > 0) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-auto-mode-addons',
        `Auto Mode already runs ${redundant.join(', ')} on its nodes; the add-on only matters for node groups or Fargate.`);
    }
  }

  private checkAddon(addon: EksAddon): void {
    if (!isToken(addon.name) && !/^[a-z0-9][a-z0-9_-]{0,99}$/.test(addon.name)) {
      throw new ValidationError(this.scope, {
        property: 'addons name',
        value: addon.name,
        allowed: 'an EKS add-on name: 1-100 lower-case letters, digits, "-" or "_" (e.g. "aws-ebs-csi-driver")',
      });
    }
    // EKS add-on versions are "v" + major.minor.patch + a build suffix ("v1.20.4-eksbuild.2"; partner
    // add-ons carry their own suffixes): the shape is checked, not the build.
    if (addon.version !== undefined && !isToken(addon.version) && !/^v\d+\.\d+\.\d+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$/.test(addon.version)) {
      throw new ValidationError(this.scope, {
        property: `addons version (${addon.name})`,
        value: addon.version,
        allowed: 'an add-on version such as "v1.20.4-eksbuild.2" (aws eks describe-addon-versions)',
      });
    }
    if (addon.name === 'kube-proxy' && addon.version !== undefined) this.checkKubeProxySkew(addon.version);
    this.checkPodIdentities(addon);
    if (addon.configurationValues !== undefined) checkJsonValue(this.scope, `addons configurationValues (${addon.name})`, addon.configurationValues);
  }

  /** Each service account once, named as Kubernetes names them; managed policies by name, not ARN. */
  private checkPodIdentities(addon: EksAddon): void {
    const seen = new Set<string>();
    for (const identity of addon.podIdentities) {
      const where = `addons podIdentities (${addon.name})`;
      checkServiceAccountName(this.scope, `${where} serviceAccount`, identity.serviceAccount);
      if (seen.has(identity.serviceAccount)) {
        throw new ValidationError(this.scope, {
          property: `${where} serviceAccount`,
          value: identity.serviceAccount,
          allowed: 'each service account of an add-on once',
          hint: addon.podIdentities.slice(0, addon._documentedIdentities).some((d) => d.serviceAccount === identity.serviceAccount)
            ? 'the typed add-on already gives this service account its documented role: grant more to cluster.addonRole(name, serviceAccount)'
            : 'merge the entries: one role per service account',
        });
      }
      seen.add(identity.serviceAccount);
      for (const policy of identity.managedPolicies) {
        if (!isToken(policy) && !/^(?:[A-Za-z0-9+=,.@_-]+\/)*[A-Za-z0-9+=,.@_-]{1,128}$/.test(policy)) {
          throw new ValidationError(this.scope, {
            property: `${where} managedPolicies`,
            value: policy,
            allowed: 'an AWS managed policy name: what follows arn:aws:iam::aws:policy/ (e.g. "CloudWatchAgentServerPolicy", "service-role/AmazonEBSCSIDriverPolicy")',
            hint: policy.startsWith('arn:') ? 'give the name, not the ARN; customer managed policies go in policyStatements or grants' : undefined,
          });
        }
      }
    }
  }

  /**
   * kube-proxy's version is the Kubernetes version it was built for (`v1.33.0-eksbuild.1`): the
   * version skew policy allows it to be up to three minor versions older than the API server, never
   * newer. A pinned kube-proxy is not upgraded with the cluster: an older one is warned about.
   */
  private checkKubeProxySkew(version: string): void {
    const cluster = kubernetesMinor(this.clusterVersion);
    const match = isToken(version) ? null : /^v1\.(\d+)\./.exec(version);
    if (cluster === undefined || match === null) return;
    const proxy = Number(match[1]);
    if (!withinNodeComponentSkew(proxy, cluster)) {
      throw new ValidationError(this.scope, {
        property: 'addons version (kube-proxy)',
        value: version,
        allowed: `a kube-proxy for Kubernetes 1.${cluster - MAX_NODE_COMPONENT_SKEW} to ${this.clusterVersion}, the cluster's version (aws eks describe-addon-versions --addon-name kube-proxy --kubernetes-version ${this.clusterVersion})`,
        hint: proxy > cluster ? 'kube-proxy may not be newer than the control plane: raise the cluster\'s version first' : 'kube-proxy may be at most three minor versions older than the control plane',
      });
    }
    if (proxy < cluster) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-kube-proxy-version-skew',
        `kube-proxy ${version} was built for Kubernetes 1.${proxy}, older than the cluster's ${this.clusterVersion}: pin the kube-proxy version for ${this.clusterVersion} (aws eks describe-addon-versions --addon-name kube-proxy --kubernetes-version ${this.clusterVersion}).`);
    }
  }

  /**
   * The role of one service account of an add-on: `<addon>/Role` for the first (the id the EBS CSI
   * driver's role always had), `<addon>/Role-<service account>` for the others. Only the managed
   * policies the add-on's documentation names are acknowledged for AwsSolutions-IAM4.
   */
  private createRole(addon: eks.Addon, spec: EksAddon, identity: EksAddonPodIdentity, index: number): iam.Role {
    const id = index === 0 ? 'Role' : `Role-${identity.serviceAccount}`;
    const description = `EKS add-on ${spec.name} (service account ${identity.serviceAccount})`;
    const role = index < spec._documentedIdentities
      ? eksServiceRole(addon, id, this.podIdentityTrust, description, identity.managedPolicies)
      : new iam.Role(addon, id, {
        assumedBy: this.podIdentityTrust,
        description,
        managedPolicies: identity.managedPolicies.map((p) => iam.ManagedPolicy.fromAwsManagedPolicyName(p)),
      });
    for (const statement of identity.policyStatements ?? []) role.addToPrincipalPolicy(statement);
    this.roles.set(`${spec.name}/${identity.serviceAccount}`, role);
    return role;
  }

  private create(spec: EksAddon): eks.Addon {
    let addon: eks.Addon;
    if (spec.name === 'eks-pod-identity-agent') {
      // aws-eks-v2 owns this add-on (cluster.eksPodIdentityAgent); reuse it so there is only one.
      addon = this.cluster.eksPodIdentityAgent as eks.Addon;
      const cfn = addon.node.defaultChild as eks.CfnAddon;
      if (spec.version) cfn.addonVersion = spec.version;
      if (spec.configurationValues) cfn.configurationValues = JSON.stringify(spec.configurationValues);
    } else {
      this.addonScope ??= new Construct(this.scope, 'Addons');
      addon = new eks.Addon(this.addonScope, spec.name, {
        cluster: this.cluster,
        addonName: spec.name,
        addonVersion: spec.version,
        configurationValues: spec.configurationValues,
      });
      if (spec.podIdentities.length > 0) {
        (addon.node.defaultChild as eks.CfnAddon).podIdentityAssociations = spec.podIdentities.map((identity, index) => {
          const role = this.createRole(addon, spec, identity, index);
          return { serviceAccount: identity.serviceAccount, roleArn: role.roleArn };
        });
      }
    }
    this.byName.set(spec.name, addon);
    return addon;
  }
}

/**
 * Checks that configuration values survive JSON as given: EKS takes them as a JSON document, and
 * JSON.stringify silently drops functions and undefined and turns NaN and Infinity into null.
 * Tokens pass (aws-cdk-lib renders them).
 */
function checkJsonValue(scope: IConstruct, property: string, value: unknown, path = ''): void {
  if (typeof value === 'object' && value !== null && Token.isUnresolved(value)) return;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value) || isToken(value)) return;
  } else if (Array.isArray(value)) {
    if (isToken(value)) return;
    value.forEach((v, i) => checkJsonValue(scope, property, v, `${path}[${i}]`));
    return;
  } else if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) checkJsonValue(scope, property, v, `${path}.${k}`);
    return;
  }
  throw new ValidationError(scope, {
    property,
    value: `${path.replace(/^\./, '') || '(the whole value)'}: ${String(value)}`,
    allowed: 'JSON values only: strings, finite numbers, booleans, null, arrays and plain objects of them',
    hint: 'JSON.stringify would drop or change this value silently; the add-on\'s schema is listed by aws eks describe-addon-configuration',
  });
}
