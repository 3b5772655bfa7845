import type * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Options shared by every {@link EksAddon}.
 */
export interface EksAddonOptions {
  /**
   * The add-on version, e.g. `v1.20.4-eksbuild.2` (`aws eks describe-addon-versions` lists them):
   * "v", major.minor.patch and an optional build suffix.
   *
   * @default - the version EKS marks as default for the cluster's Kubernetes version
   */
  readonly version?: string;

  /**
   * Configuration values for the add-on, as documented by its configuration schema
   * (`aws eks describe-addon-configuration`). JSON values only (strings, finite numbers, booleans,
   * null, arrays, plain objects): anything JSON would drop or change is rejected.
   *
   * @default - the add-on's defaults
   */
  readonly configurationValues?: Record<string, unknown>;

  /**
   * IAM roles for the add-on's service accounts, each through an EKS Pod Identity association the
   * add-on owns (`AWS::EKS::Addon` `PodIdentityAssociations`): no OIDC provider, no IMDS. Each role
   * trusts EKS Pod Identity only for the stack's account and this cluster's pods. Grant more to a
   * role after the cluster is built with `cluster.addonRole(name, serviceAccount)`. The typed add-ons
   * (`ebsCsiDriver`, `efsCsiDriver`, `cloudWatchObservability`, `mountpointS3CsiDriver`) already
   * have their documented service account; list another one here, not theirs.
   *
   * @default - none, besides a typed add-on's own
   */
  readonly podIdentities?: EksAddonPodIdentity[];
}

/**
 * An IAM role an add-on's service account receives through EKS Pod Identity.
 */
export interface EksAddonPodIdentity {
  /**
   * The Kubernetes service account the add-on runs as (a DNS-1123 subdomain), as the add-on's
   * documentation names it (`aws eks describe-addon-configuration` lists the ones that take a role):
   * EKS knows its namespace from the add-on.
   */
  readonly serviceAccount: string;
  /**
   * AWS managed policies the role gets: names after `arn:aws:iam::aws:policy/`, such as
   * `CloudWatchAgentServerPolicy` or `service-role/AmazonEBSCSIDriverPolicy` (an empty list when
   * the permissions come from `policyStatements` or grants).
   */
  readonly managedPolicies: string[];
  /**
   * Statements of an inline policy the role gets as well, for permissions no managed policy holds.
   *
   * @default - none
   */
  readonly policyStatements?: iam.PolicyStatement[];
}

/**
 * An EKS add-on (`AWS::EKS::Addon`): EKS installs and upgrades it, no kubectl needed.
 *
 * The core add-ons (`vpc-cni`, `coredns`, `kube-proxy`, `eks-pod-identity-agent`) are added by
 * {@link EksCluster} when the cluster has node groups or Fargate profiles; pass one of them in
 * `addons` to pin its version or configure it.
 */
export class EksAddon {
  /** The Amazon VPC CNI plugin: pod networking. */
  public static vpcCni(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('vpc-cni', options);
  }

  /** CoreDNS: cluster DNS. */
  public static coreDns(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('coredns', options);
  }

  /** kube-proxy: Kubernetes service networking on each node. */
  public static kubeProxy(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('kube-proxy', options);
  }

  /** The EKS Pod Identity agent: hands IAM credentials to pods with a Pod Identity association. */
  public static podIdentityAgent(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('eks-pod-identity-agent', options);
  }

  /**
   * The Amazon EBS CSI driver: persistent volumes on EBS. Its controller gets an IAM role with
   * `AmazonEBSCSIDriverPolicy` through a Pod Identity association (no OIDC provider needed); the role
   * trusts EKS Pod Identity only for the cluster's account and its own associations.
   * Not needed with Auto Mode alone, which ships its own block storage driver.
   */
  public static ebsCsiDriver(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('aws-ebs-csi-driver', options, {
      serviceAccount: 'ebs-csi-controller-sa',
      managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'],
    });
  }

  /**
   * The Amazon EFS CSI driver: persistent volumes on EFS file systems (which you create). Its
   * controller gets a role with `AmazonEFSCSIDriverPolicy` through Pod Identity. Also needed with
   * Auto Mode, which ships no EFS driver.
   */
  public static efsCsiDriver(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('aws-efs-csi-driver', options, {
      serviceAccount: 'efs-csi-controller-sa',
      managedPolicies: ['service-role/AmazonEFSCSIDriverPolicy'],
    });
  }

  /**
   * The Mountpoint for Amazon S3 CSI driver: S3 buckets mounted as volumes. Its service account
   * (`s3-csi-driver-sa`) gets a role through Pod Identity with no permissions of its own: grant it
   * the buckets it may mount (`bucket.grantRead(cluster.addonRole('aws-mountpoint-s3-csi-driver',
   * 's3-csi-driver-sa')!)`), so no managed policy opens every bucket of the account.
   */
  public static mountpointS3CsiDriver(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('aws-mountpoint-s3-csi-driver', options, { serviceAccount: 's3-csi-driver-sa', managedPolicies: [] });
  }

  /**
   * Amazon CloudWatch Observability: the CloudWatch agent and Fluent Bit, for Container Insights
   * and Application Signals. Its agent (`cloudwatch-agent`) gets a role with
   * `CloudWatchAgentServerPolicy` and `AWSXrayWriteOnlyAccess` through Pod Identity (add-on
   * v3.1.0 and later). Container Insights and Application Signals are billed by usage.
   */
  public static cloudWatchObservability(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('amazon-cloudwatch-observability', options, {
      serviceAccount: 'cloudwatch-agent',
      managedPolicies: ['CloudWatchAgentServerPolicy', 'AWSXrayWriteOnlyAccess'],
    });
  }

  /** The Kubernetes Metrics Server (an EKS community add-on): the resource metrics `kubectl top` and the HorizontalPodAutoscaler read. */
  public static metricsServer(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('metrics-server', options);
  }

  /** The CSI snapshot controller: `VolumeSnapshot` objects for the EBS and EFS CSI drivers. */
  public static snapshotController(options: EksAddonOptions = {}): EksAddon {
    return new EksAddon('snapshot-controller', options);
  }

  /**
   * Any other EKS add-on by name (e.g. `amazon-cloudwatch-observability`, `snapshot-controller`).
   *
   * @param name the add-on name as `aws eks describe-addon-versions` lists it (1-100 lower-case
   *             letters, digits, "-" or "_"; checked when the cluster is built)
   */
  public static of(name: string, options: EksAddonOptions = {}): EksAddon {
    return new EksAddon(name, options);
  }

  /** The add-on name. */
  public readonly name: string;
  /**
   * The pinned version.
   * @default - EKS default for the cluster version
   */
  public readonly version?: string;
  /**
   * The configuration values.
   * @default - the add-on's defaults
   */
  public readonly configurationValues?: Record<string, unknown>;
  /**
   * The first of `podIdentities`.
   * @default - none
   * @deprecated use `podIdentities`, which holds every service account's role
   */
  public readonly podIdentity?: EksAddonPodIdentity;
  /**
   * The IAM roles the add-on's service accounts receive through Pod Identity: a typed add-on's
   * own first, then `podIdentities` of the options.
   */
  public readonly podIdentities: EksAddonPodIdentity[];
  /**
   * How many of `podIdentities` the library wrote from the add-on's documentation (their managed
   * policies are acknowledged for cdk-nag's AwsSolutions-IAM4; the user's are not).
   * @internal
   */
  public readonly _documentedIdentities: number;

  private constructor(name: string, options: EksAddonOptions, documented?: EksAddonPodIdentity) {
    this.name = name;
    this.version = options.version;
    this.configurationValues = options.configurationValues;
    this.podIdentities = [...(documented ? [documented] : []), ...(options.podIdentities ?? [])];
    this.podIdentity = this.podIdentities[0];
    this._documentedIdentities = documented ? 1 : 0;
  }
}
