import { Annotations, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { checkNamespace, checkServiceAccountName } from './private/validate';

/**
 * Who may assume a role the library makes for EKS Pod Identity: the EKS Pod Identity service
 * (`pods.eks.amazonaws.com`), allowed `sts:AssumeRole` and `sts:TagSession` (it sets session tags on
 * every assumption), only on behalf of this account (`aws:SourceAccount`) and only for pods of
 * this cluster: Pod Identity tags every session with the cluster's ARN (`eks-cluster-arn`, one of
 * the session tags the EKS user guide lists), which the trust requires
 * (`aws:RequestTag/eks-cluster-arn`). The source ARN is not used: reports show Pod Identity
 * requests that fail an `aws:SourceArn` condition on the association ARN. Without the conditions
 * any cluster in the account, or another account's association naming the role, could use it.
 *
 * @param clusterArn the cluster's ARN (a token)
 */
export function podIdentityTrust(scope: IConstruct, clusterArn: string): iam.IPrincipal {
  const stack = Stack.of(scope);
  return new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')).withConditions({
    StringEquals: { 'aws:SourceAccount': stack.account, 'aws:RequestTag/eks-cluster-arn': clusterArn },
  });
}

/**
 * The Pod Identity associations of an `EksCluster` (a part of it, not a construct): one IAM role
 * and association per service account (`<cluster>/<id>/Role`, `<cluster>/<id>/Association`), and
 * the late warning that they do not reach pods on Fargate.
 */
export class PodIdentities {
  private readonly scope: Construct;
  private readonly cluster: eks.Cluster;
  private readonly trust: iam.IPrincipal;
  /** `namespace/serviceAccount` of each association; names that are tokens are not tracked. */
  private readonly targets = new Set<string>();

  /**
   * @param scope the EksCluster: the roles and associations are created in it, errors and warnings name it
   * @param trust who may assume the roles: {@link podIdentityTrust} of the cluster
   */
  constructor(scope: Construct, cluster: eks.Cluster, trust: iam.IPrincipal) {
    this.scope = scope;
    this.cluster = cluster;
    this.trust = trust;
  }

  /** See `EksCluster.addPodIdentity`. */
  public add(id: string, namespace: string, serviceAccount: string): iam.Role {
    checkNamespace(this.scope, 'serviceAccountNamespace', namespace);
    checkServiceAccountName(this.scope, 'serviceAccount', serviceAccount);
    if (!isToken(namespace) && !isToken(serviceAccount)) {
      const key = `${namespace}/${serviceAccount}`;
      if (this.targets.has(key)) {
        throw new ValidationError(this.scope, {
          property: 'serviceAccount',
          value: key,
          allowed: 'one Pod Identity association per service account',
          hint: 'grant more permissions to the role the first addPodIdentity call returned',
        });
      }
      this.targets.add(key);
    }
    const scope = new Construct(this.scope, id);
    const role = new iam.Role(scope, 'Role', {
      assumedBy: this.trust,
      description: `EKS Pod Identity for ${namespace}/${serviceAccount}`,
    });
    new eks.CfnPodIdentityAssociation(scope, 'Association', {
      clusterName: this.cluster.clusterName,
      namespace,
      serviceAccount,
      roleArn: role.roleArn,
    });
    return role;
  }

  /**
   * Late check for a cluster whose only capacity is Fargate (`fargateOnly`): warns when it has
   * associations, which Fargate pods cannot use.
   */
  public lateWarnings(fargateOnly: boolean): void {
    if (fargateOnly && this.targets.size > 0) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-pod-identity-fargate',
        'Pod Identity associations have no effect on Fargate pods; add a node group or Auto Mode for those service accounts.');
    }
  }
}
