import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { EksCapacityKind, FargateProfileOptions } from './capacity';
import { ClusterAddons } from './cluster-addons';
import { eksServiceRole } from './private/roles';
import { SharedRoleList } from './private/shared-role-list';
import { checkNamespace, checkPrivateSubnets, checkSelectorLabels } from './private/validate';

/** What the Fargate profiles of an `EksCluster` need from it. */
export interface FargateProfilesContext {
  /** The EksCluster: the profiles and their role are created in it, errors and warnings name it. */
  readonly scope: Construct;
  /** The wrapped aws-eks-v2 cluster. */
  readonly cluster: eks.Cluster;
  /** The cluster's VPC. */
  readonly vpc: ec2.IVpc;
  /** The cluster's subnets, the default for the pods. */
  readonly vpcSubnets: ec2.SubnetSelection;
  /** The cluster's add-ons: the core add-ons come with the first profile. */
  readonly addons: ClusterAddons;
  /** Called with the shared pod execution role right after it is created (the cluster grants it the image pulls asked for so far). */
  readonly onRoleCreated: (role: iam.Role) => void;
}

/**
 * The Fargate profiles of an `EksCluster` (a part of it, not a construct): checks each profile's
 * selectors and subnets, and builds the profile (`<cluster>/<id>`) and the pod execution role all
 * profiles share (`<cluster>/FargatePodExecutionRole`).
 */
export class FargateProfiles extends SharedRoleList<eks.FargateProfile> {
  private readonly context: FargateProfilesContext;

  constructor(context: FargateProfilesContext) {
    super(() => eksServiceRole(context.scope, 'FargatePodExecutionRole', new iam.ServicePrincipal('eks-fargate-pods.amazonaws.com'),
      'EKS Fargate pod execution', ['AmazonEKSFargatePodExecutionRolePolicy']), context.onRoleCreated);
    this.context = context;
  }

  /** Checks the options and adds a Fargate profile (see `EksCluster.addFargateProfile`). */
  public add(id: string, options: FargateProfileOptions): eks.FargateProfile {
    const { scope } = this.context;
    const selectors = options.selectors;
    if (!Array.isArray(selectors) || selectors.length < 1 || selectors.length > 5) {
      throw new ValidationError(scope, {
        property: 'selectors',
        value: selectors,
        allowed: '1 to 5 selectors, each with a namespace and optional labels',
      });
    }
    for (const selector of selectors) {
      checkNamespace(scope, 'selectors namespace', selector.namespace, '*?');
      checkSelectorLabels(scope, 'selectors labels', selector.labels);
    }
    const subnets = options.subnets ?? this.context.vpcSubnets;
    checkPrivateSubnets(scope, 'subnets', subnets, this.context.vpc);

    const podExecutionRole = this.ensureRole();
    this.context.addons.beforeCapacity(EksCapacityKind.FARGATE_PROFILE);
    const profile = new eks.FargateProfile(scope, id, {
      cluster: this.context.cluster,
      selectors,
      podExecutionRole,
      vpc: this.context.vpc,
      subnetSelection: subnets,
    });
    this.context.addons.anchorCoreDns(profile);
    this.entries.push(profile);
    return profile;
  }

  /**
   * Late check for a cluster whose only capacity is Fargate (`fargateOnly`): CoreDNS needs a
   * profile that selects `kube-system`.
   */
  public lateWarnings(fargateOnly: boolean): void {
    if (!fargateOnly) return;
    if (!(this.entries.length > 0 && this.selectsKubeSystem())) {
      Annotations.of(this.context.scope).addWarningV2('cdk-containers:eks-fargate-coredns',
        'Fargate-only cluster without a profile selecting "kube-system": CoreDNS has nowhere to run.');
    }
  }

  private selectsKubeSystem(): boolean {
    return this.entries.some((p) => {
      const cfn = p.node.tryFindChild('Resource');
      if (!(cfn instanceof eks.CfnFargateProfile) || !Array.isArray(cfn.selectors)) return false;
      return cfn.selectors.some((s) => !Token.isUnresolved(s) && (s as eks.CfnFargateProfile.SelectorProperty).namespace === 'kube-system');
    });
  }
}
