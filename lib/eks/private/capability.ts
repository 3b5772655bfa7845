import { Names, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { isToken } from '../../private/validate';

/** EKS CreateCapability capabilityName: letters, digits, "-" and "_"; 1-100 characters (AWS::EKS::Capability). */
const CAPABILITY_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** The capabilities of each cluster by type: EKS takes one capability of each type per cluster. */
const CAPABILITIES = new WeakMap<IConstruct, Map<string, IConstruct>>();

/** What {@link capabilityRole} returns: the role the capability uses, and the one it made (grants are acknowledged only on that). */
export interface CapabilityRole {
  readonly role: iam.IRole;
  readonly ownRole?: iam.Role;
}

/**
 * Claims the `type` capability of `cluster` for `capability`; a second one of the same type on
 * the cluster is a ValidationError (EKS: "one Capability of each type on a given Amazon EKS cluster").
 *
 * @param what the capability as the error names it ("an Argo CD capability")
 * @param hint what to do instead
 */
export function claimCapability(capability: IConstruct, cluster: IConstruct, type: string, what: string, hint: string): void {
  const ofCluster = CAPABILITIES.get(cluster) ?? new Map<string, IConstruct>();
  const existing = ofCluster.get(type);
  if (existing) {
    throw new ValidationError(capability, {
      property: 'cluster',
      value: cluster.node.path,
      allowed: `a cluster without ${what} (${existing.node.path} already has this one)`,
      hint,
    });
  }
  ofCluster.set(type, capability);
  CAPABILITIES.set(cluster, ofCluster);
}

/**
 * The capability's name: the one given, checked, or one derived from the construct path
 * (`Names.uniqueResourceName`, stable across deployments).
 */
export function capabilityName(capability: Construct, given: string | undefined): string {
  const name = given ?? Names.uniqueResourceName(capability, { maxLength: 100, separator: '-' });
  if (!isToken(name) && !CAPABILITY_NAME.test(name)) {
    throw new ValidationError(capability, { property: 'capabilityName', value: name, allowed: '1-100 letters, digits, "-" or "_"' });
  }
  return name;
}

/**
 * The capability role: the one given (in the cluster's account, as EKS requires: "The role must be
 * in the same AWS account as the cluster and capability resource"), or a new one that the EKS
 * capabilities service assumes and tags its sessions with (the trust of the EKS user guide's
 * "Capability IAM role"; only a principal allowed iam:PassRole can hand it to EKS), without permissions.
 *
 * @param description the new role's description
 */
export function capabilityRole(capability: Construct, given: iam.IRole | undefined, description: string): CapabilityRole {
  if (given) {
    const roleAccount = given.env.account;
    const account = Stack.of(capability).account;
    if (!Token.isUnresolved(roleAccount) && !Token.isUnresolved(account) && roleAccount !== account) {
      throw new ValidationError(capability, {
        property: 'role',
        value: given.roleArn,
        allowed: `a role in the cluster's account (${account})`,
        hint: 'EKS refuses a capability role from another account; to deploy into other accounts, give this role access entries on their clusters',
      });
    }
    return { role: given };
  }
  const ownRole = new iam.Role(capability, 'Role', {
    assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('capabilities.eks.amazonaws.com')),
    description,
  });
  return { role: ownRole, ownRole };
}
