import { Annotations, Stack, aws_codecommit as codecommit, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { acknowledgeEcrAuthToken, acknowledgeRolePolicies } from '../private/acknowledge';
import { isToken } from '../private/validate';
import { EksCluster, IImagePullSource } from './cluster';
import { capabilityName, capabilityRole, claimCapability } from './private/capability';
import { checkNamespace } from './private/validate';

/** An IAM Identity Center instance ARN (the sso-admin API's InstanceArn pattern). */
const IDC_INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9.-]{16}$/;
/** An AWS Region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
/** An Identity Center user or group ID (the identitystore API's ResourceId pattern). */
const IDENTITY_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
/** A VPC endpoint ID: `vpce-` and 8 or 17 hexadecimal digits (EC2 resource IDs). */
const VPC_ENDPOINT_ID = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** An AWS CodeConnections connection ARN. */
const CONNECTION_ARN = /^arn:aws[a-z-]*:codeconnections:[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/;
/** Identities per Argo CD capability (EKS user guide, Configure Argo CD permissions: "up to 1,000 identities"). */
const MAX_IDENTITIES = 1000;
/** Namespaces that hold other components' secrets: the capability can read every secret in its namespace. */
const SHARED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The built-in Argo CD roles of the EKS capability (`ArgoCdRoleMapping.role` in the EKS API).
 */
export enum ArgoCdRole {
  /** Full access: Applications in every project, clusters, repositories, projects and settings. */
  ADMIN = 'ADMIN',
  /** Updates projects and their roles; no global settings, clusters or repositories; Applications only through project roles. */
  EDITOR = 'EDITOR',
  /** Read-only access to projects; Applications only through project roles. */
  VIEWER = 'VIEWER',
}

/**
 * What an Identity Center identity is (`SsoIdentity.type` in the EKS API).
 */
export enum ArgoCdIdentityType {
  /** An IAM Identity Center user. */
  SSO_USER = 'SSO_USER',
  /** An IAM Identity Center group. */
  SSO_GROUP = 'SSO_GROUP',
}

/**
 * What EKS does with the Kubernetes resources the capability manages when the capability is deleted
 * (`deletePropagationPolicy` in the EKS API).
 */
export enum ArgoCdDeletePropagation {
  /**
   * Keep them: the Applications and everything Argo CD deployed stay in the cluster and keep
   * running. The only value the EKS API accepts (EKS API CreateCapability, `CapabilityDeletePropagationPolicy`).
   */
  RETAIN = 'RETAIN',
}

/**
 * The IAM Identity Center instance Argo CD users sign in with. The EKS capability requires one:
 * Argo CD's local users are not supported.
 */
export interface ArgoCdIdentityCenter {
  /**
   * The instance ARN (`aws sso-admin list-instances`), e.g. `arn:aws:sso:::instance/ssoins-1234567890abcdef`.
   */
  readonly instanceArn: string;

  /**
   * The Region the Identity Center instance is in (it may differ from the cluster's).
   *
   * @default - the stack's Region
   */
  readonly region?: string;
}

/**
 * One Identity Center user or group.
 */
export interface ArgoCdIdentity {
  /**
   * The user or group ID in the Identity Center identity store (a UUID, optionally prefixed with
   * 10 hexadecimal digits and "-"), not its display name.
   */
  readonly id: string;

  /** Whether the ID is a user or a group. */
  readonly identityType: ArgoCdIdentityType;
}

/**
 * The Identity Center identities that get one built-in Argo CD role.
 */
export interface ArgoCdRoleMapping {
  /** The Argo CD role. */
  readonly role: ArgoCdRole;

  /** The users and groups that get it: at least one, each once. */
  readonly identities: ArgoCdIdentity[];
}

/**
 * Who can reach the Argo CD UI and API of an {@link ArgoCdCapability}. Argo CD itself always reaches
 * the cluster privately, whatever this says.
 */
export class ArgoCdNetworkAccess {
  /**
   * The AWS-hosted endpoint is reachable from the internet (EKS's default); every request is
   * authenticated through Identity Center or an Argo CD account token. Git providers' webhooks
   * (`<serverUrl>/api/webhook`) can reach it.
   */
  public static readonly PUBLIC = new ArgoCdNetworkAccess([]);

  /**
   * Only through the given interface VPC endpoints (service `com.amazonaws.<region>.eks-capabilities`);
   * public access is blocked. Such endpoints take no endpoint policy.
   *
   * @param vpcEndpointIds the endpoint IDs (`vpce-` and 8 or 17 hexadecimal digits), at least one, each
   *                       once; `endpoint.vpcEndpointId` of an `ec2.InterfaceVpcEndpoint` is accepted
   */
  public static vpcEndpoints(...vpcEndpointIds: string[]): ArgoCdNetworkAccess {
    return new ArgoCdNetworkAccess(vpcEndpointIds);
  }

  /**
   * The VPC endpoint IDs (empty when public).
   *
   * Frozen: jsii has no readonly arrays, so the type says `string[]`, but changing the list throws
   * (`ArgoCdNetworkAccess.PUBLIC` is shared).
   */
  public readonly vpcEndpointIds: string[];

  private constructor(vpcEndpointIds: readonly string[]) {
    this.vpcEndpointIds = Object.freeze([...vpcEndpointIds]) as string[];
  }
}

/**
 * Properties of an {@link ArgoCdCapability}.
 */
export interface ArgoCdCapabilityProps {
  /**
   * The cluster Argo CD runs for. EKS allows one Argo CD capability per cluster; Argo CD deploys to
   * this cluster once it is registered as a target, and to others registered the same way.
   */
  readonly cluster: EksCluster;

  /** The IAM Identity Center instance Argo CD users sign in with (required by EKS). */
  readonly identityCenter: ArgoCdIdentityCenter;

  /**
   * Which Identity Center users and groups get which built-in Argo CD role: each role at most once,
   * up to 1,000 identities in all. EDITOR and VIEWER see Applications only through project roles.
   *
   * @default - none: nobody can sign in to the Argo CD UI or API until mappings are added (warned)
   */
  readonly rbacRoleMappings?: ArgoCdRoleMapping[];

  /**
   * The Kubernetes namespace of Argo CD's own resources (Applications, ApplicationSets, AppProjects,
   * cluster and repository secrets): the only namespace the capability reads Applications from, and
   * one whose every secret it can read. A DNS-1123 label; changing it replaces the capability.
   *
   * @default 'argocd'
   */
  readonly namespaceName?: string;

  /**
   * The capability's name, unique within the cluster: 1-100 letters, digits, "-" or "_". Changing it
   * replaces the capability (CloudFormation deletes the old one first).
   *
   * @default - derived from the construct path (`Names.uniqueResourceName`): `Shop-ArgoCd-` and an
   * 8-character hash for `Shop/ArgoCd`; stable across deployments
   */
  readonly capabilityName?: string;

  /**
   * Who can reach the Argo CD UI and API.
   *
   * @default ArgoCdNetworkAccess.PUBLIC
   */
  readonly networkAccess?: ArgoCdNetworkAccess;

  /**
   * What happens to the resources Argo CD manages when the capability is deleted.
   *
   * @default ArgoCdDeletePropagation.RETAIN
   */
  readonly deletePropagation?: ArgoCdDeletePropagation;

  /**
   * The capability role, in the cluster's account, trusting `capabilities.eks.amazonaws.com` with
   * `sts:AssumeRole` and `sts:TagSession`. EKS gives it an access entry on the cluster.
   *
   * @default - a new role with that trust, as the EKS user guide writes it (no condition: AWS does
   * not document that the capabilities service sends `aws:SourceAccount`, and a trust it cannot
   * satisfy fails the capability's creation), and no permissions: Argo CD needs none for public Git
   * repositories; grant sources with the `grant*` methods
   */
  readonly role?: iam.IRole;
}

/**
 * The EKS capability for Argo CD (`AWS::EKS::Capability`, type `ARGOCD`): managed Argo CD that runs
 * in AWS's accounts, not on the cluster's nodes, and deploys Kubernetes manifests from Git
 * (CodeCommit, or GitHub, GitLab and Bitbucket through CodeConnections), Helm repositories and OCI
 * artifacts in ECR. Native CloudFormation only: no kubectl, no Lambda.
 *
 * What CloudFormation cannot do: EKS gives the capability role an access entry on the cluster but
 * no Kubernetes permissions to deploy workloads there; the cluster must be registered as a target
 * (a cluster secret in the capability's namespace) and Applications created, through the Argo CD
 * API, CLI or UI, or with kubectl.
 *
 * Defaults: a role trusting the EKS capabilities service (as the EKS user guide writes it) and holding no
 * permissions; namespace `argocd`; public UI and API endpoint with Identity Center sign-in;
 * deleting the capability keeps what Argo CD deployed.
 *
 * @example
 * const platform = new EksCluster(this, 'Platform');
 * const argoCd = new ArgoCdCapability(this, 'ArgoCd', {
 *   cluster: platform,
 *   identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef', region: 'eu-west-1' },
 *   rbacRoleMappings: [{
 *     role: ArgoCdRole.ADMIN,
 *     identities: [{ id: '906757ab-1c71-7061-9d4a-1e9c2a1e6f4b', identityType: ArgoCdIdentityType.SSO_GROUP }],
 *   }],
 * });
 * argoCd.grantConnectionUse('arn:aws:codeconnections:eu-west-1:123456789012:connection/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9');
 */
export class ArgoCdCapability extends Construct {
  /** The default namespace of Argo CD's resources, the one the EKS user guide names as the capability's default. */
  public static readonly DEFAULT_NAMESPACE = 'argocd';

  /** The capability (escape hatch). */
  public readonly capability: eks.CfnCapability;
  /** The capability role: the one created here, or the one given. */
  public readonly role: iam.IRole;
  /** The capability's name in the cluster. */
  public readonly capabilityName: string;
  /** The Kubernetes namespace of Argo CD's resources. */
  public readonly namespaceName: string;
  /** The capability's ARN. */
  public readonly capabilityArn: string;
  /** The Argo CD UI and API URL; Git webhooks go to `<serverUrl>/api/webhook`. */
  public readonly serverUrl: string;

  /** The role this construct created (grants are acknowledged only on it). */
  private readonly ownRole?: iam.Role;

  constructor(scope: Construct, id: string, props: ArgoCdCapabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);

    claimCapability(this, props.cluster, 'ARGOCD', 'an Argo CD capability',
      'EKS takes one capability of each type per cluster; one Argo CD can deploy to several clusters once they are registered');
    this.capabilityName = capabilityName(this, props.capabilityName);
    this.namespaceName = props.namespaceName ?? ArgoCdCapability.DEFAULT_NAMESPACE;
    checkNamespace(this, 'namespaceName', this.namespaceName);
    if (!isToken(this.namespaceName) && SHARED_NAMESPACES.includes(this.namespaceName)) {
      Annotations.of(this).addWarningV2('cdk-containers:argocd-shared-namespace',
        `Argo CD's namespace "${this.namespaceName}" holds other components' secrets, and the capability can read every secret in its namespace. Keep the default "argocd" or another namespace of its own.`);
    }
    const region = props.identityCenter.region ?? stack.region;
    this.checkIdentityCenter(props.identityCenter.instanceArn, region);
    const mappings = props.rbacRoleMappings ?? [];
    this.checkRoleMappings(mappings);
    if (mappings.length === 0) {
      Annotations.of(this).addWarningV2('cdk-containers:argocd-no-role-mappings',
        'No Identity Center user or group is mapped to an Argo CD role: nobody can sign in to the Argo CD UI or API. Add rbacRoleMappings with at least one ADMIN.');
    }
    const networkAccess = props.networkAccess ?? ArgoCdNetworkAccess.PUBLIC;
    this.checkVpcEndpoints(networkAccess.vpcEndpointIds);
    const deletePropagation = props.deletePropagation ?? ArgoCdDeletePropagation.RETAIN;
    if (!(Object.values(ArgoCdDeletePropagation) as string[]).includes(deletePropagation)) {
      throw new ValidationError(this, { property: 'deletePropagation', value: deletePropagation, allowed: 'ArgoCdDeletePropagation.RETAIN (the only value EKS accepts)' });
    }

    ({ role: this.role, ownRole: this.ownRole } = capabilityRole(this, props.role, `EKS Argo CD capability ${this.node.path}`));

    this.capability = new eks.CfnCapability(this, 'Resource', {
      capabilityName: this.capabilityName,
      clusterName: props.cluster.cluster.clusterName,
      type: 'ARGOCD',
      roleArn: this.role.roleArn,
      deletePropagationPolicy: deletePropagation,
      configuration: {
        argoCd: {
          awsIdc: { idcInstanceArn: props.identityCenter.instanceArn, idcRegion: region },
          namespace: this.namespaceName,
          rbacRoleMappings: mappings.length === 0 ? undefined : mappings.map((m) => ({
            role: m.role,
            identities: m.identities.map((i) => ({ id: i.id, type: i.identityType })),
          })),
          networkAccess: networkAccess.vpcEndpointIds.length === 0 ? undefined : { vpceIds: [...networkAccess.vpcEndpointIds] },
        },
      },
    });
    this.capabilityArn = this.capability.attrArn;
    this.serverUrl = this.capability.attrConfigurationArgoCdServerUrl;
  }

  /**
   * Lets Argo CD read OCI artifacts and Helm charts from an ECR repository (`EcrRepository`,
   * `ecr.Repository`), referenced directly in an Application (`oci://<account>.dkr.ecr.<region>.amazonaws.com/<name>`)
   * without a repository secret: the repository's pull permissions (`ecr:BatchGetImage`,
   * `ecr:GetDownloadUrlForLayer`, `ecr:BatchCheckLayerAvailability`) and `ecr:GetAuthorizationToken`.
   */
  public grantRepositoryRead(repository: IImagePullSource): iam.Grant {
    const grant = repository.grantPull(this.role);
    this.acknowledgeGrant(true);
    grant.applyBefore(this.capability);
    return grant;
  }

  /**
   * Lets Argo CD clone a CodeCommit repository (`codecommit:GitPull` on it), referenced directly in
   * an Application (`https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>`).
   */
  public grantCodeCommitRead(repository: codecommit.IRepository): iam.Grant {
    const grant = repository.grantPull(this.role);
    this.acknowledgeGrant(false);
    grant.applyBefore(this.capability);
    return grant;
  }

  /**
   * Lets Argo CD reach GitHub, GitLab or Bitbucket repositories through a CodeConnections connection
   * (`codeconnections:UseConnection` and `codeconnections:GetConnection` on it), referenced in an
   * Application as `https://codeconnections.<region>.amazonaws.com/git-http/<account>/<region>/<connection-id>/<owner>/<repository>.git`.
   *
   * @param connectionArn the connection's ARN (`arn:aws:codeconnections:<region>:<account>:connection/<uuid>`; a token is accepted)
   */
  public grantConnectionUse(connectionArn: string): iam.Grant {
    if (!isToken(connectionArn) && !CONNECTION_ARN.test(connectionArn)) {
      throw new ValidationError(this, {
        property: 'connectionArn',
        value: connectionArn,
        allowed: 'a CodeConnections connection ARN such as "arn:aws:codeconnections:eu-west-1:123456789012:connection/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"',
        hint: 'the connection ID in an Application\'s repoURL is the UUID at the end of this ARN',
      });
    }
    const grant = iam.Grant.addToPrincipal({
      grantee: this.role,
      actions: ['codeconnections:UseConnection', 'codeconnections:GetConnection'],
      resourceArns: [connectionArn],
    });
    this.acknowledgeGrant(false);
    grant.applyBefore(this.capability);
    return grant;
  }

  /**
   * Lets Argo CD read a Secrets Manager secret holding repository credentials (a token, an SSH key
   * or a GitHub App key), which a repository secret in the capability's namespace names by
   * `secretArn`: `secretsmanager:GetSecretValue` and `DescribeSecret`, and decryption with the
   * secret's key.
   */
  public grantSecretRead(secret: secretsmanager.ISecret): iam.Grant {
    const grant = secret.grantRead(this.role);
    this.acknowledgeGrant(false);
    grant.applyBefore(this.capability);
    return grant;
  }

  /** Acknowledges, on the role this construct made, what its grants leave: the policy aws-cdk-lib attaches to it, and ECR's token wildcard. */
  private acknowledgeGrant(ecr: boolean): void {
    if (!this.ownRole) return;
    acknowledgeRolePolicies(this.ownRole, {
      inline: 'aws-cdk-lib writes the grants of the Argo CD capability role as a policy attached to this one role, created and deleted with it',
    });
    if (ecr) acknowledgeEcrAuthToken(this.ownRole);
  }

  private checkIdentityCenter(instanceArn: string, region: string): void {
    if (!isToken(instanceArn) && !IDC_INSTANCE_ARN.test(instanceArn)) {
      throw new ValidationError(this, {
        property: 'identityCenter.instanceArn',
        value: instanceArn,
        allowed: 'an IAM Identity Center instance ARN such as "arn:aws:sso:::instance/ssoins-1234567890abcdef"',
        hint: '`aws sso-admin list-instances` prints it; the identity store ID (d-...) and the application ARNs are other things',
      });
    }
    if (!isToken(region) && !REGION.test(region)) {
      throw new ValidationError(this, {
        property: 'identityCenter.region',
        value: region,
        allowed: 'an AWS Region name such as "eu-west-1", the Region of the Identity Center instance',
      });
    }
  }

  private checkRoleMappings(mappings: ArgoCdRoleMapping[]): void {
    const roles = Object.values(ArgoCdRole) as string[];
    const types = Object.values(ArgoCdIdentityType) as string[];
    const seenRoles = new Set<string>();
    let identities = 0;
    for (const mapping of mappings) {
      if (!roles.includes(mapping.role)) {
        throw new ValidationError(this, { property: 'rbacRoleMappings[].role', value: mapping.role, allowed: roles.join(', ') });
      }
      if (seenRoles.has(mapping.role)) {
        throw new ValidationError(this, {
          property: 'rbacRoleMappings[].role',
          value: mapping.role,
          allowed: 'each Argo CD role in one mapping',
          hint: `list every identity of ${mapping.role} in a single mapping`,
        });
      }
      seenRoles.add(mapping.role);
      if (mapping.identities.length === 0) {
        throw new ValidationError(this, {
          property: 'rbacRoleMappings[].identities',
          value: mapping.role,
          allowed: 'at least one Identity Center user or group per mapping',
          hint: 'leave the role out instead of mapping it to nobody',
        });
      }
      const seenIds = new Set<string>();
      for (const identity of mapping.identities) {
        if (!types.includes(identity.identityType)) {
          throw new ValidationError(this, { property: 'rbacRoleMappings[].identities[].identityType', value: identity.identityType, allowed: types.join(', ') });
        }
        if (isToken(identity.id)) continue;
        if (!IDENTITY_ID.test(identity.id)) {
          throw new ValidationError(this, {
            property: 'rbacRoleMappings[].identities[].id',
            value: identity.id,
            allowed: 'an Identity Center user or group ID: a UUID such as "906757ab-1c71-7061-9d4a-1e9c2a1e6f4b", optionally after 10 hexadecimal digits and "-"',
            hint: 'use the ID, not the user or group name (`aws identitystore list-groups` prints both)',
          });
        }
        if (seenIds.has(identity.id)) {
          throw new ValidationError(this, {
            property: 'rbacRoleMappings[].identities[].id',
            value: identity.id,
            allowed: `each identity once per role (${mapping.role} lists it twice)`,
          });
        }
        seenIds.add(identity.id);
      }
      identities += mapping.identities.length;
    }
    if (identities > MAX_IDENTITIES) {
      throw new ValidationError(this, {
        property: 'rbacRoleMappings[].identities',
        value: `${identities} identities`,
        allowed: `at most ${MAX_IDENTITIES} Identity Center identities per Argo CD capability`,
        hint: 'map groups rather than individual users',
      });
    }
  }

  private checkVpcEndpoints(ids: string[]): void {
    if (ids === ArgoCdNetworkAccess.PUBLIC.vpcEndpointIds) return;
    if (ids.length === 0) {
      throw new ValidationError(this, {
        property: 'networkAccess',
        value: ids,
        allowed: 'one or more VPC endpoint IDs',
        hint: 'for the public endpoint use ArgoCdNetworkAccess.PUBLIC',
      });
    }
    const seen = new Set<string>();
    for (const id of ids) {
      if (isToken(id)) continue;
      if (!VPC_ENDPOINT_ID.test(id)) {
        throw new ValidationError(this, {
          property: 'networkAccess',
          value: id,
          allowed: 'VPC endpoint IDs: "vpce-" and 8 or 17 lower-case hexadecimal digits, e.g. "vpce-0123456789abcdef0"',
        });
      }
      if (seen.has(id)) {
        throw new ValidationError(this, { property: 'networkAccess', value: id, allowed: 'each VPC endpoint ID once' });
      }
      seen.add(id);
    }
  }
}
