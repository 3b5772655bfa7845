import { Annotations, Fn, Names, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { partitionOf } from './private/partition';
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

/** IAM role names: 1-64 letters, digits and `+=,.@_-` (IAM API CreateRole, RoleName). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * The trust policy of an IRSA role, as the JSON text CloudFormation completes at deploy: the
 * cluster's OIDC provider may be used with `sts:AssumeRoleWithWebIdentity` only by tokens whose
 * audience is STS and whose subject is this one service account. The condition keys start with the
 * issuer (`oidc.eks.<region>.amazonaws.com/id/<id>`), which EKS assigns when it creates the cluster,
 * and CloudFormation cannot compute a JSON key (cloudformation-coverage-roadmap #1090). The property
 * takes a JSON string too (the `AWS::IAM::Role` schema types it object or string), so the document
 * is written as text with the issuer joined in: no `CfnJson`, no Lambda.
 */
function irsaTrustDocument(provider: iam.IOidcProvider, namespace: string, serviceAccount: string): string {
  const issuer = provider.oidcProviderIssuer;
  return Fn.join('', [
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"', provider.oidcProviderArn,
    '"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"', issuer,
    ':aud":"sts.amazonaws.com","', issuer, `:sub":"system:serviceaccount:${namespace}:${serviceAccount}"}}}]}`,
  ]);
}

/** An IRSA role and, when its name and account are known at synth, its ARN as a literal string. */
export interface IrsaRole {
  readonly role: iam.Role;
  /** `arn:<partition>:iam::<account>:role/<name>` (for a ServiceAccount's annotation), or undefined when the stack has no account and Region. */
  readonly literalArn?: string;
}

/**
 * The IAM roles of an `EksCluster`'s service accounts (a part of it, not a construct): through EKS
 * Pod Identity, one role and association per service account (`<cluster>/<id>/Role`,
 * `<cluster>/<id>/Association`), or through IRSA, one role trusting the cluster's OIDC provider
 * (`<cluster>/<id>/Role`); at most one of them per service account. And the late warning that Pod
 * Identity does not reach pods on Fargate.
 */
export class PodIdentities {
  private readonly scope: Construct;
  private readonly cluster: eks.Cluster;
  private readonly trust: iam.IPrincipal;
  /** `namespace/serviceAccount` of each role, and how it is given; names that are tokens are not tracked. */
  private readonly targets = new Map<string, string>();
  /** Pod Identity associations made. */
  private podIdentityTargets = 0;

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
    this.claim(namespace, serviceAccount, 'Pod Identity');
    this.podIdentityTargets += 1;
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
   * See `EksCluster.addIrsaRole`.
   *
   * @param provider the cluster's OIDC provider
   * @param roleName the role's name; undefined for the generated one
   */
  public addIrsa(id: string, namespace: string, serviceAccount: string, provider: iam.IOidcProvider, roleName: string | undefined): IrsaRole {
    this.claim(namespace, serviceAccount, 'IRSA');
    if (roleName !== undefined && !isToken(roleName) && !ROLE_NAME.test(roleName)) {
      throw new ValidationError(this.scope, {
        property: 'roleName', value: roleName,
        allowed: 'an IAM role name: 1-64 letters, digits and "+=,.@_-"',
      });
    }
    const scope = new Construct(this.scope, id);
    const stack = Stack.of(this.scope);
    const envKnown = !isToken(stack.account) && !isToken(stack.region);
    // A ServiceAccount names its role by ARN in a manifest, which is written at synth: the name is
    // fixed then. IAM names are global in the account, so the Region is part of the generated one.
    const name = roleName ?? (envKnown
      ? `${Names.uniqueResourceName(scope, { maxLength: 63 - stack.region.length, separator: '-' })}-${stack.region}`
      : undefined);
    const role = new iam.Role(scope, 'Role', {
      roleName: name,
      // The document the template gets is irsaTrustDocument's; this principal only tells CDK who the role is for.
      assumedBy: new iam.OpenIdConnectPrincipal(provider),
      description: `IRSA for ${namespace}/${serviceAccount}`,
    });
    (role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = irsaTrustDocument(provider, namespace, serviceAccount);
    const literalArn = envKnown && name !== undefined && !isToken(name)
      ? `arn:${partitionOf(stack.region).name}:iam::${stack.account}:role/${name}`
      : undefined;
    return { role, literalArn };
  }

  /** One role per service account, whichever way it is given: a pod with both would get whichever credentials its SDK finds first. */
  private claim(namespace: string, serviceAccount: string, how: string): void {
    checkNamespace(this.scope, 'serviceAccountNamespace', namespace);
    checkServiceAccountName(this.scope, 'serviceAccount', serviceAccount);
    if (isToken(namespace) || isToken(serviceAccount)) return;
    const key = `${namespace}/${serviceAccount}`;
    const earlier = this.targets.get(key);
    if (earlier !== undefined) {
      throw new ValidationError(this.scope, {
        property: 'serviceAccount',
        value: key,
        allowed: 'one IAM role per service account (through Pod Identity or IRSA)',
        hint: `the service account already has a role through ${earlier}: grant more permissions to the role that call returned`,
      });
    }
    this.targets.set(key, how);
  }

  /**
   * Late check for a cluster whose only capacity is Fargate (`fargateOnly`): warns when it has
   * associations, which Fargate pods cannot use.
   */
  public lateWarnings(fargateOnly: boolean): void {
    if (fargateOnly && this.podIdentityTargets > 0) {
      Annotations.of(this.scope).addWarningV2('cdk-containers:eks-pod-identity-fargate',
        'Pod Identity associations have no effect on Fargate pods; use IRSA for those service accounts (addIrsaRole, or WorkloadIamIdentity.IRSA), or add a node group or Auto Mode.');
    }
  }
}
