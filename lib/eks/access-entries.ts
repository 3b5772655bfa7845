import { Annotations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { checkNamespace, checkPrincipalArn } from './private/validate';

/**
 * The access entries of an `EksCluster` (a part of it, not a construct): who may use the
 * Kubernetes API, one entry per principal (`<cluster>/<id>`), and the late warning when nobody is
 * a cluster admin.
 */
export class AccessEntries {
  private readonly scope: Construct;
  private readonly cluster: eks.Cluster;
  /** The principal ARNs with an entry; ARNs that are tokens are not tracked. */
  private readonly principals = new Set<string>();
  /** Set by grantClusterAdmin, also for principal ARNs that are tokens. */
  private hasClusterAdmin = false;

  /** @param scope the EksCluster: the entries are created in it, errors and warnings name it */
  constructor(scope: Construct, cluster: eks.Cluster) {
    this.scope = scope;
    this.cluster = cluster;
  }

  /** See `EksCluster.grantClusterAdmin`. */
  public grantClusterAdmin(id: string, principalArn: string): eks.AccessEntry {
    checkPrincipalArn(this.scope, 'principalArn', principalArn);
    this.claimPrincipal(principalArn);
    this.hasClusterAdmin = true;
    return new eks.AccessEntry(this.scope, id, {
      cluster: this.cluster,
      principal: principalArn,
      accessPolicies: [eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', { accessScopeType: eks.AccessScopeType.CLUSTER })],
    });
  }

  /** See `EksCluster.grantNamespaceAccess`. */
  public grantNamespaceAccess(id: string, principalArn: string, namespaces: string[], policy: eks.AccessPolicyArn): eks.AccessEntry {
    checkPrincipalArn(this.scope, 'principalArn', principalArn);
    if (!isToken(namespaces) && (namespaces.length === 0 || new Set(namespaces).size !== namespaces.length)) {
      throw new ValidationError(this.scope, {
        property: 'namespaces',
        value: namespaces,
        allowed: 'one or more distinct Kubernetes namespace names',
      });
    }
    // Access scopes take "*" wildcards ("dev-*"): EKS user guide, Associate access policies with access entries.
    for (const ns of namespaces) checkNamespace(this.scope, 'namespaces', ns, '*');
    if (policy.policyName === 'AmazonEKSClusterAdminPolicy') {
      throw new ValidationError(this.scope, {
        property: 'policy',
        value: policy.policyName,
        allowed: 'AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy or another namespace-scoped policy',
        hint: 'cluster admin is cluster-wide by nature; use grantClusterAdmin for it',
      });
    }
    this.claimPrincipal(principalArn);
    return new eks.AccessEntry(this.scope, id, {
      cluster: this.cluster,
      principal: principalArn,
      accessPolicies: [new eks.AccessPolicy({ accessScope: { type: eks.AccessScopeType.NAMESPACE, namespaces }, policy })],
    });
  }

  /**
   * An access entry of type `HYBRID_LINUX` for the IAM role hybrid nodes join with: EKS gives it the
   * node permissions itself, so it takes no access policy. The principal must be a role.
   */
  public grantHybridNodes(id: string, roleArn: string): eks.AccessEntry {
    checkPrincipalArn(this.scope, 'roleArn', roleArn);
    if (!isToken(roleArn) && !/:role\//.test(roleArn)) {
      throw new ValidationError(this.scope, {
        property: 'roleArn', value: roleArn, allowed: 'an IAM role ARN: hybrid nodes join with a role (SSM hybrid activations or IAM Roles Anywhere)',
      });
    }
    this.claimPrincipal(roleArn);
    return new eks.AccessEntry(this.scope, id, {
      cluster: this.cluster,
      principal: roleArn,
      accessEntryType: eks.AccessEntryType.HYBRID_LINUX,
      accessPolicies: [],
    });
  }

  /** Late check: warns when no cluster admin entry exists. */
  public lateWarnings(): void {
    if (!this.hasClusterAdmin) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-no-admin',
        'No cluster admin access entry: nobody can use the Kubernetes API. Call grantClusterAdmin(id, roleArn).');
    }
  }

  /** EKS allows one access entry per principal. */
  private claimPrincipal(principalArn: string): void {
    if (isToken(principalArn)) return;
    if (this.principals.has(principalArn)) {
      throw new ValidationError(this.scope, {
        property: 'principalArn',
        value: principalArn,
        allowed: 'a principal without an access entry on this cluster yet (EKS allows one entry per principal)',
      });
    }
    this.principals.add(principalArn);
  }
}
