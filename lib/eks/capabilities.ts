import { Annotations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeRolePolicies } from '../private/acknowledge';
import { EksCluster } from './cluster';
import { CapabilityRole, capabilityName, capabilityRole, claimCapability } from './private/capability';

/**
 * Properties of an {@link AckCapability} or a {@link KroCapability}.
 */
export interface EksCapabilityProps {
  /** The cluster the capability serves. EKS allows one capability of each type per cluster. */
  readonly cluster: EksCluster;

  /**
   * The capability's name, unique within the cluster: 1-100 letters, digits, "-" or "_". Changing it
   * replaces the capability.
   *
   * @default - derived from the construct path (`Names.uniqueResourceName`), stable across deployments
   */
  readonly capabilityName?: string;

  /**
   * The capability role, in the cluster's account, trusting `capabilities.eks.amazonaws.com` with
   * `sts:AssumeRole` and `sts:TagSession`.
   *
   * @default - a new role with that trust and no permissions: ACK gets the ones you add (it acts on
   * AWS with them), kro needs none (it makes no AWS call)
   */
  readonly role?: iam.IRole;
}

/** What {@link createCapability} made. */
interface Created extends CapabilityRole {
  readonly capability: eks.CfnCapability;
  readonly capabilityName: string;
}

/** The checks, the role and the `AWS::EKS::Capability` of a capability without configuration (ACK, KRO). */
function createCapability(scope: Construct, props: EksCapabilityProps, type: string, what: string, hint: string): Created {
  claimCapability(scope, props.cluster, type, `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} capability`, hint);
  const name = capabilityName(scope, props.capabilityName);
  const { role, ownRole } = capabilityRole(scope, props.role, `EKS ${what} capability ${scope.node.path}`);
  const capability = new eks.CfnCapability(scope, 'Resource', {
    capabilityName: name,
    clusterName: props.cluster.cluster.clusterName,
    type,
    roleArn: role.roleArn,
    // What EKS does with the resources the capability made when it is deleted: RETAIN is the only value it accepts.
    deletePropagationPolicy: 'RETAIN',
  });
  return { capability, capabilityName: name, role, ownRole };
}

/**
 * The EKS capability for AWS Controllers for Kubernetes (`AWS::EKS::Capability`, type `ACK`):
 * managed ACK controllers, run by EKS outside the cluster's nodes, that create and update AWS
 * resources (S3 buckets, RDS databases, SQS queues...) from Kubernetes custom resources. Native
 * CloudFormation only.
 *
 * ACK is admin-scoped: anyone who may create its custom resources in the cluster can create AWS
 * resources within the capability role's permissions. So the role made here has none until you
 * add them, and a capability whose own role has none gives a warning at synth. EKS gives the role
 * an access entry on the cluster for ACK's custom resources; deleting the capability keeps the AWS
 * resources ACK made (`RETAIN`, the only policy EKS accepts).
 *
 * @example
 * const platform = new EksCluster(this, 'Platform');
 * const ack = new AckCapability(this, 'Ack', { cluster: platform });
 * ack.addToRolePolicy(new iam.PolicyStatement({
 *   actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:TagQueue'],
 *   resources: [`arn:aws:sqs:${Stack.of(this).region}:${Stack.of(this).account}:shop-*`],
 * }));
 */
export class AckCapability extends Construct {
  /** The capability (escape hatch). */
  public readonly capability: eks.CfnCapability;
  /** The capability role: the one created here, or the one given. */
  public readonly role: iam.IRole;
  /** The capability's name in the cluster. */
  public readonly capabilityName: string;
  /** The capability's ARN. */
  public readonly capabilityArn: string;

  /** The role this construct created (its policy is acknowledged, and checked for permissions). */
  private readonly ownRole?: iam.Role;

  constructor(scope: Construct, id: string, props: EksCapabilityProps) {
    super(scope, id);
    ({ capability: this.capability, capabilityName: this.capabilityName, role: this.role, ownRole: this.ownRole } = createCapability(this, props, 'ACK', 'ACK',
      'EKS takes one capability of each type per cluster; one ACK capability manages resources of every ACK service'));
    this.capabilityArn = this.capability.attrArn;
    this.node.addValidation({ validate: () => this.warnWithoutPermissions() });
  }

  /**
   * Adds a statement to the capability role's policy: the AWS actions and resources ACK may manage.
   * The policy exists before the capability, so ACK starts with it.
   */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    const added = this.role.addToPrincipalPolicy(statement);
    if (this.ownRole) {
      acknowledgeRolePolicies(this.ownRole, {
        inline: 'aws-cdk-lib writes the statements of the ACK capability role as a policy attached to this one role, created and deleted with it',
      });
    }
    if (added.policyDependable) this.capability.node.addDependency(added.policyDependable);
  }

  private warnWithoutPermissions(): string[] {
    // addToRolePolicy and grants both write the role's default policy.
    if (this.ownRole && this.ownRole.node.tryFindChild('DefaultPolicy') === undefined) {
      Annotations.of(this).addWarningV2('cdk-containers:ack-no-permissions',
        'The ACK capability role has no permissions: ACK can create no AWS resource. Give it the actions and resources it may manage with addToRolePolicy (or grants to role).');
    }
    return [];
  }
}

/**
 * The EKS capability for kro, Kube Resource Orchestrator (`AWS::EKS::Capability`, type `KRO`):
 * managed kro, run by EKS outside the cluster's nodes, that turns a `ResourceGraphDefinition` into a
 * Kubernetes API of your own whose instances create a group of Kubernetes objects (Deployments,
 * Services, or ACK resources). Native CloudFormation only.
 *
 * kro needs no IAM permissions, so the role made here has none. EKS gives the role an access entry
 * with `AmazonEKSKROPolicy` (ResourceGraphDefinitions and their instances); the objects a
 * definition creates need Kubernetes RBAC for that role, which CloudFormation cannot write (bind it
 * with your GitOps tool or an `EksNamespace`'s manifests).
 *
 * @example
 * const platform = new EksCluster(this, 'Platform');
 * new KroCapability(this, 'Kro', { cluster: platform });
 */
export class KroCapability extends Construct {
  /** The capability (escape hatch). */
  public readonly capability: eks.CfnCapability;
  /** The capability role: the one created here, or the one given. */
  public readonly role: iam.IRole;
  /** The capability's name in the cluster. */
  public readonly capabilityName: string;
  /** The capability's ARN. */
  public readonly capabilityArn: string;

  constructor(scope: Construct, id: string, props: EksCapabilityProps) {
    super(scope, id);
    ({ capability: this.capability, capabilityName: this.capabilityName, role: this.role } = createCapability(this, props, 'KRO', 'kro',
      'EKS takes one capability of each type per cluster; one kro capability serves every ResourceGraphDefinition'));
    this.capabilityArn = this.capability.attrArn;
  }
}
