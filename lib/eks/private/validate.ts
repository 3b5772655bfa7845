import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { parseCidr } from '../../private/cidr';
import { isToken } from '../../private/validate';

/** Kubernetes DNS-1123 label: namespaces, service account segments, label name parts. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kubernetes DNS-1123 subdomain: service account names, label key prefixes. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes qualified-name part of a label key, and (non-empty) label values. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Checks a Kubernetes namespace name (DNS-1123 label, 1-63 characters); tokens pass. */
export function checkNamespace(scope: IConstruct, property: string, value: string, wildcards = false): void {
  if (isToken(value)) return;
  const pattern = wildcards ? /^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?$/ : DNS1123_LABEL;
  if (typeof value !== 'string' || value.length > 63 || !pattern.test(value)) {
    throw new ValidationError(scope, {
      property,
      value,
      allowed: `a Kubernetes namespace name (DNS-1123 label): 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit${wildcards ? '; "*" and "?" wildcards are allowed' : ''}`,
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

/** Checks Kubernetes label keys and values (`[prefix/]name`, value up to 63 characters); tokens pass. */
export function checkLabels(scope: IConstruct, property: string, labels: Record<string, string> | undefined, wildcards = false): void {
  if (!labels) return;
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(scope, `${property} key`, key);
    if (isToken(value)) continue;
    const valuePattern = wildcards ? /^[A-Za-z0-9*?]([-A-Za-z0-9_.*?]*[A-Za-z0-9*?])?$/ : QUALIFIED_NAME;
    if (typeof value !== 'string' || value.length > 63 || (value !== '' && !valuePattern.test(value))) {
      throw new ValidationError(scope, {
        property: `${property}["${key}"]`,
        value,
        allowed: 'a Kubernetes label value: empty, or up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
      });
    }
  }
}

/** Checks node group taints: a label key on each, a value like a label value, an effect aws-eks-v2 knows. */
export function checkTaints(scope: IConstruct, taints: eks.TaintSpec[]): void {
  const effects = Object.values(eks.TaintEffect) as string[];
  for (const taint of taints) {
    if (taint.key === undefined) {
      throw new ValidationError(scope, { property: 'taints key', value: taint, allowed: 'a Kubernetes label key on every taint' });
    }
    checkLabelKey(scope, 'taints key', taint.key);
    if (taint.value !== undefined) checkLabels(scope, 'taints value', { [taint.key]: taint.value });
    if (taint.effect === undefined || !effects.includes(taint.effect)) {
      throw new ValidationError(scope, { property: 'taints effect', value: taint.effect, allowed: effects.join(', ') });
    }
  }
}

/** Checks one Kubernetes label or taint key: optional DNS-1123 subdomain prefix (<= 253) + "/" + name (1-63). */
export function checkLabelKey(scope: IConstruct, property: string, key: string): void {
  if (isToken(key)) return;
  const allowed = 'a Kubernetes label key: an optional DNS-1123 subdomain prefix (up to 253 characters) and "/", then a name of 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  if (typeof key !== 'string') throw new ValidationError(scope, { property, value: key, allowed });
  const parts = key.split('/');
  if (parts.length > 2) throw new ValidationError(scope, { property, value: key, allowed });
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) throw new ValidationError(scope, { property, value: key, allowed });
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    throw new ValidationError(scope, { property, value: key, allowed });
  }
}

/**
 * Checks the CIDR allow list of a public EKS endpoint: non-empty, valid syntax, no "any address" block.
 * Tokens pass.
 */
export function checkPublicAccessCidrs(scope: IConstruct, property: string, cidrs: readonly string[]): void {
  if (isToken(cidrs as string[])) return;
  if (cidrs.length === 0) {
    throw new ValidationError(scope, {
      property,
      value: cidrs,
      allowed: 'one or more CIDR blocks allowed to reach the public endpoint, e.g. "203.0.113.0/24"',
      hint: 'a public endpoint without an allow list is open to the internet; use EksEndpointAccess.PRIVATE instead',
    });
  }
  for (const cidr of cidrs) {
    if (isToken(cidr)) continue;
    const parsed = parseCidr(cidr);
    if (!parsed) {
      throw new ValidationError(scope, {
        property,
        value: cidr,
        allowed: 'IPv4 or IPv6 CIDR blocks such as "203.0.113.0/24" or "2001:db8::/32"',
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

/** Parses "1.NN" into its minor number; undefined when the version is a token or not of that form. */
export function kubernetesMinor(version: string): number | undefined {
  if (isToken(version)) return undefined;
  const match = /^1\.(\d{1,3})$/.exec(version);
  return match ? Number(match[1]) : undefined;
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

/** Rejects public subnets for the control plane ENIs, nodes and Fargate pods. */
export function checkPrivateSubnets(scope: IConstruct, property: string, selection: ec2.SubnetSelection): void {
  if (selection.subnetType === ec2.SubnetType.PUBLIC) {
    throw new ValidationError(scope, {
      property,
      value: 'SubnetType.PUBLIC',
      allowed: 'private subnets (SubnetType.PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED with VPC endpoints)',
      hint: 'nodes, pods and control plane ENIs never need public IPs; expose workloads through load balancers',
    });
  }
}
