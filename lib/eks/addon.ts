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
}

/**
 * An IAM permission an add-on's service account receives through EKS Pod Identity.
 */
export interface EksAddonPodIdentity {
  /** The Kubernetes service account the add-on runs as (in `kube-system`). */
  readonly serviceAccount: string;
  /** AWS managed policies (names after `arn:aws:iam::aws:policy/`) the add-on's role gets. */
  readonly managedPolicies: string[];
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
   * The IAM permissions the add-on receives through Pod Identity.
   * @default - none
   */
  public readonly podIdentity?: EksAddonPodIdentity;

  private constructor(name: string, options: EksAddonOptions, podIdentity?: EksAddonPodIdentity) {
    this.name = name;
    this.version = options.version;
    this.configurationValues = options.configurationValues;
    this.podIdentity = podIdentity;
  }
}
