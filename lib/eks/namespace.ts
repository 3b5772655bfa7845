import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { EksCluster } from './cluster';
import { KubernetesDelivery, KubernetesManifests } from './kubernetes-manifests';
import { k8s } from './private/cdk8s';
import { checkKubernetesName } from './private/kubernetes-names';
import { checkObjectLabels } from './private/validate';

/**
 * The Kubernetes Pod Security Standards, enforced on a namespace by Pod Security Admission.
 */
export enum PodSecurityStandard {
  /** Hardened: non-root, no privilege escalation, capabilities dropped, seccomp on. What `EksWorkload` pods meet. */
  RESTRICTED = 'restricted',
  /** Blocks known privilege escalations (privileged containers, host namespaces) but allows root. */
  BASELINE = 'baseline',
  /** No restriction. */
  PRIVILEGED = 'privileged',
}

/**
 * A Kubernetes namespace an {@link EksWorkload} runs in: one the library creates
 * ({@link EksNamespace}) or one that exists ({@link EksNamespace.fromNamespaceName}).
 */
export interface IEksNamespace {
  /** The namespace's name. */
  readonly namespaceName: string;
  /** The cluster the namespace is in. */
  readonly cluster: EksCluster;
  /**
   * How the namespace's own manifest is delivered.
   * @default - the namespace exists already: nothing to deliver
   */
  readonly delivery?: KubernetesDelivery;
  /**
   * The construct that applies the namespace through kubectl (a workload applied the same way waits for it).
   * @default - not applied through kubectl
   */
  readonly kubectlManifest?: Construct;
}

/**
 * Properties of an {@link EksNamespace}.
 */
export interface EksNamespaceProps {
  /** The cluster. */
  readonly cluster: EksCluster;
  /** The namespace's name: a DNS-1123 label, not `default` and not starting with `kube-` (those exist already). */
  readonly namespaceName: string;
  /**
   * The Pod Security Standard enforced on the namespace's pods (and reported at the same level as
   * warnings and audit annotations).
   *
   * @default PodSecurityStandard.RESTRICTED
   */
  readonly podSecurity?: PodSecurityStandard;
  /**
   * Extra labels of the namespace (Kubernetes label keys and values).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * How the namespace reaches the cluster.
   * @default KubernetesDelivery.CLOUD_ASSEMBLY
   */
  readonly delivery?: KubernetesDelivery;
}

/** An existing namespace. */
class ExistingNamespace implements IEksNamespace {
  public readonly namespaceName: string;
  public readonly cluster: EksCluster;
  constructor(cluster: EksCluster, namespaceName: string) {
    this.cluster = cluster;
    this.namespaceName = namespaceName;
  }
}

/**
 * A Kubernetes namespace, with the `restricted` Pod Security Standard enforced by default.
 *
 * Its manifest goes into the cloud assembly (`cdk.out/kubernetes/<cluster>/<namespace>/namespace.yaml`)
 * for Argo CD to sync, or through the opt-in kubectl provider.
 *
 * @example
 * const shop = new EksNamespace(this, 'Shop', { cluster: platform, namespaceName: 'shop' });
 */
export class EksNamespace extends Construct implements IEksNamespace {
  /**
   * A namespace that exists in the cluster (created by someone else, or `default`). Nothing is rendered for it.
   */
  public static fromNamespaceName(cluster: EksCluster, namespaceName: string): IEksNamespace {
    checkKubernetesName(cluster, 'namespaceName', namespaceName, 'dns1123Label');
    return new ExistingNamespace(cluster, namespaceName);
  }

  public readonly namespaceName: string;
  public readonly cluster: EksCluster;
  /** How the namespace reaches the cluster (always set; optional only as {@link IEksNamespace} has it). */
  public readonly delivery?: KubernetesDelivery;
  /**
   * The construct that applies the namespace through kubectl.
   * @default - delivered through the cloud assembly
   */
  public readonly kubectlManifest?: Construct;
  /** The Pod Security Standard enforced. */
  public readonly podSecurity: PodSecurityStandard;
  /** The YAML file of the namespace in the cloud assembly, relative to its root. */
  public readonly manifestFile: string;

  constructor(scope: Construct, id: string, props: EksNamespaceProps) {
    super(scope, id);
    checkKubernetesName(this, 'namespaceName', props.namespaceName, 'dns1123Label');
    if (props.namespaceName === 'default' || props.namespaceName.startsWith('kube-')) {
      throw new ValidationError(this, {
        property: 'namespaceName',
        value: props.namespaceName,
        allowed: 'a namespace the cluster does not create itself (not "default", not "kube-...")',
        hint: 'use EksNamespace.fromNamespaceName(cluster, name) to run workloads in an existing namespace',
      });
    }
    this.namespaceName = props.namespaceName;
    this.cluster = props.cluster;
    this.delivery = props.delivery ?? KubernetesDelivery.CLOUD_ASSEMBLY;
    this.podSecurity = props.podSecurity ?? PodSecurityStandard.RESTRICTED;
    checkObjectLabels(this, 'labels', props.labels);
    const own = Object.keys(props.labels ?? {}).filter((key) => key === 'app.kubernetes.io/managed-by' || key.startsWith('pod-security.kubernetes.io/'));
    if (own.length > 0) {
      throw new ValidationError(this, {
        property: 'labels', value: own, allowed: 'labels other than app.kubernetes.io/managed-by and pod-security.kubernetes.io/...',
        hint: 'the library sets those: choose the Pod Security Standard with podSecurity',
      });
    }

    const manifests = new KubernetesManifests(this, this.cluster, `${this.namespaceName}/namespace.yaml`);
    this.manifestFile = manifests.file;
    new (k8s().KubeNamespace)(manifests.chart, 'Namespace', {
      metadata: {
        name: this.namespaceName,
        labels: {
          ...props.labels,
          'app.kubernetes.io/managed-by': 'cdk-containers',
          'pod-security.kubernetes.io/enforce': this.podSecurity,
          'pod-security.kubernetes.io/warn': this.podSecurity,
          'pod-security.kubernetes.io/audit': this.podSecurity,
        },
      },
    });
    if (this.delivery === KubernetesDelivery.KUBECTL) {
      this.kubectlManifest = manifests.applyWithKubectl(this.cluster, `Namespace-${this.namespaceName}`, []);
    }
  }
}
