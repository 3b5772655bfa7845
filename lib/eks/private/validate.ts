import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { IPV4_ADDRESS_COUNT, Ipv4Cidr, ipv4Contains, ipv4Coverage, ipv4Overlaps, parseCidr, parseIpv4Cidr } from '../../private/cidr';
import { checkInstanceTypeName } from '../../private/instance-types';
import { isToken } from '../../private/validate';

/** Kubernetes DNS-1123 subdomain: service account names, label key prefixes. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes qualified-name part of a label key, and (non-empty) label values. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** {@link QUALIFIED_NAME} with the "*" and "?" wildcards of Fargate profile selectors. */
const WILDCARD_QUALIFIED_NAME = /^[A-Za-z0-9*?]([-A-Za-z0-9_.*?]*[A-Za-z0-9*?])?$/;
/** {@link DNS1123_SUBDOMAIN} with the "*" and "?" wildcards of Fargate profile selectors. */
const WILDCARD_DNS1123_SUBDOMAIN = /^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?(\.[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?)*$/;

/**
 * Checks a Kubernetes namespace name (DNS-1123 label, 1-63 characters); tokens pass.
 *
 * @param wildcards the wildcard characters the field also takes: "*?" in Fargate profile selectors,
 *                  "*" in access policy scopes ("dev-*"); none for a namespace of a real object
 */
export function checkNamespace(scope: IConstruct, property: string, value: string, wildcards: '' | '*' | '*?' = ''): void {
  if (isToken(value)) return;
  // Inside a character class "*" and "?" are literal.
  const chars = `a-z0-9${wildcards}`;
  const pattern = new RegExp(`^[${chars}]([-${chars}]*[${chars}])?$`);
  if (typeof value !== 'string' || value.length > 63 || !pattern.test(value)) {
    const named = wildcards === '' ? '' : `; ${wildcards.split('').map((c) => `"${c}"`).join(' and ')} wildcard${wildcards.length > 1 ? 's are' : ' is'} allowed`;
    throw new ValidationError(scope, {
      property,
      value,
      allowed: `a Kubernetes namespace name (DNS-1123 label): 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit${named}`,
    });
  }
}

/** Checks a Kubernetes service account name (DNS-1123 subdomain, 1-253 characters); tokens pass. */
export function checkServiceAccountName(scope: IConstruct, property: string, value: string): void {
  if (isToken(value)) return;
  if (typeof value !== 'string' || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new ValidationError(scope, {
      property,
      value,
      allowed: 'a Kubernetes service account name (DNS-1123 subdomain): 1-253 lower-case letters, digits, "-" or ".", starting and ending with a letter or digit',
    });
  }
}

/** The EKS API's limits on node group labels and taints (CreateNodegroup, Taint): whole keys and values of at most 63 characters. */
const EKS_NODE_KEY_MAX = 63;
/** Taints per managed node group (EKS API CreateNodegroup "taints": maximum of 50). */
const MAX_TAINTS = 50;
/** Label pairs per Fargate profile selector (EKS user guide, Fargate profile: up to 5). */
const MAX_SELECTOR_LABELS = 5;

/**
 * Labels in the kubernetes.io and k8s.io namespaces that kubelet may still set with --node-labels
 * (the kubelet reference and the NodeRestriction admission plugin): these keys, and any key in the
 * kubelet.kubernetes.io and node.kubernetes.io namespaces.
 */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname', 'kubernetes.io/instance-type', 'kubernetes.io/os', 'kubernetes.io/arch',
  'beta.kubernetes.io/instance-type', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch',
  'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region',
  'failure-domain.kubernetes.io/zone', 'failure-domain.kubernetes.io/region',
  'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'node.kubernetes.io/instance-type',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

/** Options of {@link checkLabelKey}. */
export interface LabelKeyOptions {
  /** The longest whole key (prefix, "/" and name) the field takes. @default - no limit beyond Kubernetes' own */
  readonly maxLength?: number;
  /** Whether "*" and "?" may appear (Fargate profile selectors). @default false */
  readonly wildcards?: boolean;
}

/**
 * Checks the labels of a managed node group: keys and values as the EKS API takes them (1-63
 * characters each, Kubernetes syntax) and no key kubelet refuses to set (kubernetes.io and k8s.io
 * namespaces, except its own labels). Tokens pass.
 */
export function checkNodeLabels(scope: IConstruct, property: string, labels: Record<string, string> | undefined): void {
  if (!labels) return;
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(scope, `${property} key`, key, { maxLength: EKS_NODE_KEY_MAX });
    checkKubeletLabelKey(scope, `${property} key`, key);
    checkLabelValue(scope, `${property}["${key}"]`, value, { minLength: 1, maxLength: EKS_NODE_KEY_MAX });
  }
}

/**
 * Checks the labels of a Fargate profile selector: at most 5, keys of at most 127 characters and
 * values of 1-255 (CloudFormation's limits), Kubernetes syntax plus the "*" and "?" wildcards.
 */
export function checkSelectorLabels(scope: IConstruct, property: string, labels: Record<string, string> | undefined): void {
  if (!labels) return;
  const entries = Object.entries(labels);
  if (entries.length > MAX_SELECTOR_LABELS) {
    throw new ValidationError(scope, { property, value: labels, allowed: `at most ${MAX_SELECTOR_LABELS} labels per selector` });
  }
  for (const [key, value] of entries) {
    checkLabelKey(scope, `${property} key`, key, { maxLength: 127, wildcards: true });
    checkLabelValue(scope, `${property}["${key}"]`, value, { minLength: 1, maxLength: 255, wildcards: true });
  }
}

/**
 * Checks node group taints: at most 50; on each a key (1-63 characters, label key syntax), a value
 * of 0-63 characters like a label value, and an effect aws-eks-v2 knows; one taint per key and effect.
 */
export function checkTaints(scope: IConstruct, taints: eks.TaintSpec[]): void {
  if (taints.length > MAX_TAINTS) {
    throw new ValidationError(scope, { property: 'taints', value: `${taints.length} taints`, allowed: `at most ${MAX_TAINTS} taints per node group` });
  }
  const effects = Object.values(eks.TaintEffect) as string[];
  const seen = new Set<string>();
  for (const taint of taints) {
    if (taint.key === undefined) {
      throw new ValidationError(scope, { property: 'taints key', value: taint, allowed: 'a Kubernetes label key on every taint' });
    }
    checkLabelKey(scope, 'taints key', taint.key, { maxLength: EKS_NODE_KEY_MAX });
    if (taint.value !== undefined) checkLabelValue(scope, `taints value["${taint.key}"]`, taint.value, { minLength: 0, maxLength: EKS_NODE_KEY_MAX });
    if (taint.effect === undefined || !effects.includes(taint.effect)) {
      throw new ValidationError(scope, { property: 'taints effect', value: taint.effect, allowed: effects.join(', ') });
    }
    const id = `${taint.key}:${taint.effect}`;
    if (!isToken(taint.key) && seen.has(id)) {
      throw new ValidationError(scope, { property: 'taints key', value: id, allowed: 'one taint per key and effect (Kubernetes refuses duplicates)' });
    }
    seen.add(id);
  }
}

/** Checks one Kubernetes label or taint key: optional DNS-1123 subdomain prefix (<= 253) + "/" + name (1-63). */
export function checkLabelKey(scope: IConstruct, property: string, key: string, options: LabelKeyOptions = {}): void {
  if (isToken(key)) return;
  const limit = options.maxLength === undefined ? '' : `, ${options.maxLength} characters in all`;
  const wild = options.wildcards ? '; "*" and "?" wildcards are allowed' : '';
  const allowed = `a Kubernetes label key: an optional DNS-1123 subdomain prefix (up to 253 characters) and "/", then a name of 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit${limit}${wild}`;
  if (typeof key !== 'string') throw new ValidationError(scope, { property, value: key, allowed });
  if (options.maxLength !== undefined && key.length > options.maxLength) throw new ValidationError(scope, { property, value: key, allowed });
  const parts = key.split('/');
  if (parts.length > 2) throw new ValidationError(scope, { property, value: key, allowed });
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  const namePattern = options.wildcards ? WILDCARD_QUALIFIED_NAME : QUALIFIED_NAME;
  const prefixPattern = options.wildcards ? WILDCARD_DNS1123_SUBDOMAIN : DNS1123_SUBDOMAIN;
  if (name.length === 0 || name.length > 63 || !namePattern.test(name)) throw new ValidationError(scope, { property, value: key, allowed });
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !prefixPattern.test(prefix))) {
    throw new ValidationError(scope, { property, value: key, allowed });
  }
}

/**
 * Checks the labels of a Kubernetes object the library renders: label keys, and values of 0-63
 * characters. Tokens are refused: manifests never pass through CloudFormation.
 */
export function checkObjectLabels(scope: IConstruct, property: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (isToken(key) || isToken(value)) {
      throw new ValidationError(scope, {
        property: `${property}["${key}"]`,
        value,
        allowed: 'literal label keys and values',
        hint: 'Kubernetes manifests are rendered at synth and never pass through CloudFormation, so a token would reach the cluster unresolved',
      });
    }
    checkLabelKey(scope, property, key);
    checkLabelValue(scope, `${property}["${key}"]`, value, { minLength: 0, maxLength: 63 });
  }
}

/** Kubelet refuses --node-labels in the kubernetes.io and k8s.io namespaces other than its own, and node-restriction.kubernetes.io ones. */
function checkKubeletLabelKey(scope: IConstruct, property: string, key: string): void {
  if (isToken(key) || !key.includes('/')) return;
  const prefix = key.split('/')[0];
  const within = (ns: string): boolean => prefix === ns || prefix.endsWith(`.${ns}`);
  const kubernetesNamespace = within('kubernetes.io') || within('k8s.io');
  const kubeletOwn = KUBELET_LABELS.has(key) || KUBELET_LABEL_NAMESPACES.some(within);
  if (within('node-restriction.kubernetes.io') || (kubernetesNamespace && !kubeletOwn)) {
    throw new ValidationError(scope, {
      property,
      value: key,
      allowed: 'a label key outside the kubernetes.io and k8s.io namespaces, or one kubelet may set (node.kubernetes.io/..., kubelet.kubernetes.io/..., topology.kubernetes.io/zone and the other well-known node labels)',
      hint: 'kubelet refuses other kubernetes.io and k8s.io labels and the node never joins; use your own prefix such as "example.com/role"',
    });
  }
}

/** Options of {@link checkLabelValue}. */
interface LabelValueOptions {
  readonly minLength: number;
  readonly maxLength: number;
  readonly wildcards?: boolean;
}

/** Checks a label or taint value: Kubernetes label value syntax within the field's length limits; tokens pass. */
function checkLabelValue(scope: IConstruct, property: string, value: string, options: LabelValueOptions): void {
  if (isToken(value)) return;
  const pattern = options.wildcards ? WILDCARD_QUALIFIED_NAME : QUALIFIED_NAME;
  const ok = typeof value === 'string' && value.length >= options.minLength && value.length <= options.maxLength && (value === '' || pattern.test(value));
  if (!ok) {
    const empty = options.minLength === 0 ? 'empty, or ' : '';
    throw new ValidationError(scope, {
      property,
      value,
      allowed: `a Kubernetes label value: ${empty}1-${options.maxLength} letters, digits, "-", "_" or ".", starting and ending with a letter or digit${options.wildcards ? '; "*" and "?" wildcards are allowed' : ''}`,
    });
  }
}

/** CIDR blocks in a public endpoint allow list (EKS service quotas: "Public endpoint access CIDR ranges per cluster", 40, not adjustable). */
const MAX_PUBLIC_ACCESS_CIDRS = 40;

/**
 * The most of the IPv4 address space a public endpoint allow list may cover: less than half of it
 * (2^31 addresses, a /1). An allow list names the networks that administer the cluster (offices,
 * VPN and CI egress); the largest organisations hold a few /8s, each 1/256 of the space. A list
 * covering half the space or more is the internet with holes in it, however it is written
 * (`0.0.0.0/1` + `128.0.0.0/1` is all of it). Addresses are counted over the whole IPv4 space,
 * reserved and private ranges included, so the rule reads the same for every list; those ranges
 * are under 14% of the space, so a list that reaches the limit opens the endpoint to at least 40%
 * of the public internet whatever it holds. Smaller lists pass (with the public-endpoint warning):
 * the check refuses what is certainly no allow list rather than guess how large a real one may be.
 */
export const MAX_PUBLIC_ACCESS_COVERAGE = IPV4_ADDRESS_COUNT / 2;

/**
 * Checks the CIDR allow list of a public EKS endpoint: 1-40 IPv4 blocks (the clusters are IPv4;
 * EKS takes IPv6 blocks only on dual-stack IPv6 clusters), valid syntax, no "any address" block,
 * and less than half of the IPv4 space in all ({@link MAX_PUBLIC_ACCESS_COVERAGE}, overlaps counted
 * once). Tokens pass; a list with token entries is measured on its literal blocks.
 */
export function checkPublicAccessCidrs(scope: IConstruct, property: string, cidrs: readonly string[]): void {
  if (isToken(cidrs as string[])) return;
  if (cidrs.length === 0 || cidrs.length > MAX_PUBLIC_ACCESS_CIDRS) {
    throw new ValidationError(scope, {
      property,
      value: cidrs,
      allowed: `1 to ${MAX_PUBLIC_ACCESS_CIDRS} CIDR blocks allowed to reach the public endpoint, e.g. "203.0.113.0/24"`,
      hint: cidrs.length === 0
        ? 'a public endpoint without an allow list is open to the internet; use EksEndpointAccess.PRIVATE instead'
        : 'EKS takes at most 40 (a fixed quota); merge adjacent ranges or reach the API through the VPC',
    });
  }
  const ipv4: Ipv4Cidr[] = [];
  for (const cidr of cidrs) {
    if (isToken(cidr)) continue;
    const parsed = parseCidr(cidr);
    if (!parsed) {
      throw new ValidationError(scope, { property, value: cidr, allowed: 'IPv4 CIDR blocks such as "203.0.113.0/24"' });
    }
    if (parsed.family === 6 && parsed.prefix > 0) {
      throw new ValidationError(scope, {
        property,
        value: cidr,
        allowed: 'IPv4 CIDR blocks such as "203.0.113.0/24"',
        hint: 'EKS takes IPv6 allow-list blocks only for dual-stack IPv6 clusters; EksCluster creates IPv4 clusters, whose public endpoint has no IPv6 address',
      });
    }
    if (parsed.prefix === 0) {
      throw new ValidationError(scope, {
        property,
        value: cidr,
        allowed: 'CIDR blocks narrower than the whole internet (prefix length of at least 1), e.g. your office or VPN egress range',
        hint: 'an endpoint open to 0.0.0.0/0 is what this allow list exists to prevent; keep the endpoint private and reach it through the VPC (VPN, bastion, CI runner in the VPC)',
      });
    }
    if (parsed.family === 4) ipv4.push(parsed);
  }
  const covered = ipv4Coverage(ipv4);
  if (covered >= MAX_PUBLIC_ACCESS_COVERAGE) {
    throw new ValidationError(scope, {
      property,
      value: cidrs,
      allowed: `CIDR blocks that together cover less than half of the IPv4 address space (these cover ${describeShare(covered)})`,
      hint: 'blocks that add up to half the internet or more are no allow list (0.0.0.0/1 + 128.0.0.0/1 is all of it); list the networks that administer the cluster, or keep the endpoint private and reach it through the VPC',
    });
  }
}

/** A number of IPv4 addresses as a share of the whole space, e.g. "100% (4294967296 addresses)". */
function describeShare(addresses: number): string {
  const percent = Math.floor((addresses / IPV4_ADDRESS_COUNT) * 1000) / 10;
  return `${percent}% (${addresses} addresses)`;
}

/**
 * Checks node group instance types and returns their CPU architecture: at least one, each an EC2
 * instance type name of a known family (any family when `amiType` is given, for families newer
 * than the library's list), all of one architecture.
 *
 * @param amiType the node group's AMI type, when given
 */
export function checkInstanceTypes(scope: IConstruct, instanceTypes: ec2.InstanceType[], amiType: eks.NodegroupAmiType | undefined): ec2.InstanceArchitecture {
  const names = instanceTypes.map((t) => t.toString());
  if (names.length === 0 || new Set(names).size !== names.length) {
    throw new ValidationError(scope, { property: 'instanceTypes', value: names, allowed: 'one or more distinct instance types' });
  }
  const architectures = new Set<ec2.InstanceArchitecture>();
  for (const type of instanceTypes) {
    const name = type.toString();
    if (isToken(name)) continue;
    checkInstanceTypeName(scope, 'instanceTypes', name, amiType === undefined ? 'if it is newer than the list, set amiType to use it' : undefined);
    architectures.add(architectureOf(type, amiType));
  }
  if (architectures.size > 1) {
    throw new ValidationError(scope, {
      property: 'instanceTypes',
      value: names,
      allowed: 'one or more instance types of a single CPU architecture (all Graviton arm64 or all x86_64)',
    });
  }
  return [...architectures][0] ?? (amiType ? amiArchitecture(amiType) : ec2.InstanceArchitecture.X86_64);
}

/** aws-cdk-lib's reading of the name, else (a family it cannot parse) the AMI type's. */
function architectureOf(type: ec2.InstanceType, amiType: eks.NodegroupAmiType | undefined): ec2.InstanceArchitecture {
  return instanceArchitecture(type) ?? (amiType ? amiArchitecture(amiType) : ec2.InstanceArchitecture.X86_64);
}

/** aws-cdk-lib's reading of an instance type's CPU architecture, or undefined for a family it cannot parse (it throws). */
export function instanceArchitecture(type: ec2.InstanceType): ec2.InstanceArchitecture | undefined {
  try {
    return type.architecture;
  } catch {
    return undefined;
  }
}

/** The CPU architecture an EKS managed node group AMI type runs on. */
export function amiArchitecture(amiType: eks.NodegroupAmiType): ec2.InstanceArchitecture {
  return /ARM_64/.test(amiType) ? ec2.InstanceArchitecture.ARM_64 : ec2.InstanceArchitecture.X86_64;
}

/** True for Amazon Linux 2 AMI types (not published for Kubernetes 1.33 and later). */
export function isAl2AmiType(amiType: eks.NodegroupAmiType): boolean {
  return /^AL2_/.test(amiType);
}

/** True for Bottlerocket AMI types (OS volume on /dev/xvda, container data on /dev/xvdb). */
export function isBottlerocketAmiType(amiType: eks.NodegroupAmiType): boolean {
  return /^BOTTLEROCKET_/.test(amiType);
}

/**
 * The Kubernetes version skew policy for node components: the kubelet and kube-proxy may be up to
 * three minor versions older than the API server (since 1.28), never newer.
 */
export const MAX_NODE_COMPONENT_SKEW = 3;

/** True when a kubelet or kube-proxy of minor version `component` may run with an API server of minor version `cluster`. */
export function withinNodeComponentSkew(component: number, cluster: number): boolean {
  return component <= cluster && cluster - component <= MAX_NODE_COMPONENT_SKEW;
}

/** Checks an IAM principal ARN (role or user; assumed-role session ARNs are not valid for access entries). */
export function checkPrincipalArn(scope: IConstruct, property: string, arn: string): void {
  if (isToken(arn)) return;
  if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@\-/]+$/.test(arn)) {
    throw new ValidationError(scope, {
      property,
      value: arn,
      allowed: 'an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admins"',
      hint: 'use the role ARN, not an assumed-role session ARN (arn:aws:sts::...:assumed-role/...)',
    });
  }
}

/**
 * Checks the subnets of the control plane ENIs, nodes or Fargate pods: never public (no
 * `SubnetType.PUBLIC`, and no public subnet among those the selection picks), at least one subnet,
 * and subnets in at least `minAzs` Availability Zones (the cluster needs two: EKS CreateCluster
 * "subnetIds", "in at least two different Availability Zones"). Zones that are tokens are not counted.
 */
export function checkPrivateSubnets(scope: IConstruct, property: string, selection: ec2.SubnetSelection, vpc?: ec2.IVpc, minAzs = 1): void {
  const publicError = (value: unknown): ValidationError => new ValidationError(scope, {
    property,
    value,
    allowed: 'private subnets (SubnetType.PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED with VPC endpoints)',
    hint: 'nodes, pods and control plane ENIs never need public IPs; expose workloads through load balancers',
  });
  if (selection.subnetType === ec2.SubnetType.PUBLIC) throw publicError('SubnetType.PUBLIC');
  if (!vpc) return;
  let selected: ec2.SelectedSubnets;
  try {
    selected = vpc.selectSubnets(selection);
  } catch (e) {
    throw new ValidationError(scope, {
      property,
      value: selection,
      allowed: 'a selection that matches private subnets of the VPC',
      hint: e instanceof Error ? e.message : undefined,
    });
  }
  if (selected.hasPublic) throw publicError(selected.subnetIds);
  if (selected.subnets.length === 0 && !isToken(selected.subnetIds)) {
    throw new ValidationError(scope, { property, value: selection, allowed: 'a selection that matches at least one private subnet of the VPC' });
  }
  if (minAzs > 1) {
    const zones = selected.subnets.map(zoneOf);
    if (zones.some((z) => z === undefined || isToken(z))) return;
    const distinct = new Set(zones);
    if (distinct.size < minAzs) {
      throw new ValidationError(scope, {
        property,
        value: [...distinct],
        allowed: `subnets in at least ${minAzs} Availability Zones`,
        hint: 'EKS places control plane ENIs in two or more zones; use a VPC with private subnets in two zones (PlatformNetwork has them)',
      });
    }
  }
}

/** The subnet's Availability Zone; undefined for an imported subnet without one. */
function zoneOf(subnet: ec2.ISubnet): string | undefined {
  try {
    return subnet.availabilityZone;
  } catch {
    return undefined;
  }
}

/** The private IPv4 ranges of RFC 1918: remote node and pod networks must lie in them. */
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseIpv4Cidr(c)!);

/**
 * Checks the remote node and pod networks of EKS Hybrid Nodes (EKS API RemoteNodeNetwork,
 * RemotePodNetwork): IPv4 network blocks from /8 to /32 inside RFC 1918, none overlapping another
 * (node and pod blocks included), the VPC's block or the Kubernetes service range. Tokens pass.
 *
 * @param vpcCidr the VPC's primary block, when literal
 * @param serviceCidrs the service ranges the cluster may get (EKS picks 10.100.0.0/16 or 172.20.0.0/16)
 */
export function checkRemoteNetworks(scope: IConstruct, nodeCidrs: readonly string[], podCidrs: readonly string[], vpcCidr: string | undefined, serviceCidrs: readonly string[]): void {
  if (!isToken(nodeCidrs) && nodeCidrs.length === 0) {
    throw new ValidationError(scope, {
      property: 'hybridNodes remoteNodeNetworks', value: [], allowed: 'one or more IPv4 CIDR blocks the hybrid nodes\' addresses come from',
    });
  }
  const seen: Array<[string, Ipv4Cidr]> = [];
  const vpc = vpcCidr === undefined || isToken(vpcCidr) ? undefined : parseIpv4Cidr(vpcCidr);
  const services = serviceCidrs.map((c): [string, Ipv4Cidr] => [c, parseIpv4Cidr(c)!]);
  for (const [property, cidrs] of [['hybridNodes remoteNodeNetworks', nodeCidrs], ['hybridNodes remotePodNetworks', podCidrs]] as const) {
    if (isToken(cidrs)) continue;
    for (const text of cidrs) {
      if (isToken(text)) continue;
      const block = parseIpv4Cidr(text);
      if (block === undefined || block.prefix < 8 || !RFC1918.some((range) => ipv4Contains(range, block))) {
        throw new ValidationError(scope, {
          property, value: text,
          allowed: 'an IPv4 network block from /8 to /32 inside the private ranges of RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), host bits zero',
          hint: 'publicly routable addresses are not supported for hybrid nodes',
        });
      }
      const other = seen.find(([, b]) => ipv4Overlaps(b, block))?.[0];
      const service = services.find(([, b]) => ipv4Overlaps(b, block))?.[0];
      const clash = other !== undefined ? `the remote network ${other}`
        : vpc !== undefined && ipv4Overlaps(vpc, block) ? `the VPC's block ${vpcCidr}`
          : service !== undefined ? `the Kubernetes service range EKS may give the cluster (${service})` : undefined;
      if (clash !== undefined) {
        throw new ValidationError(scope, {
          property, value: text,
          allowed: 'a block that overlaps no other remote node or pod network, the VPC\'s block or the Kubernetes service range',
          hint: `it overlaps ${clash}`,
        });
      }
      seen.push([text, block]);
    }
  }
}
