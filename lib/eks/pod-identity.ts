import { Annotations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { checkNamespace, checkServiceAccountName } from './private/validate';

/**
 * The Pod Identity associations of an `EksCluster` (a part of it, not a construct): one IAM role
 * and association per service account (`<cluster>/<id>/Role`, `<cluster>/<id>/Association`), and
 * the late warning that they do not reach pods on Fargate.
 */
export class PodIdentities {
  private readonly scope: Construct;
  private readonly cluster: eks.Cluster;
  /** `namespace/serviceAccount` of each association; names that are tokens are not tracked. */
  private readonly targets = new Set<string>();

  /** @param scope the EksCluster: the roles and associations are created in it, errors and warnings name it */
  constructor(scope: Construct, cluster: eks.Cluster) {
    this.scope = scope;
    this.cluster = cluster;
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
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
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
