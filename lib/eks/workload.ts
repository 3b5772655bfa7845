import { Annotations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as cdk8sModule from 'cdk8s';
import type { k8s as k8sModule } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { parseCidr } from '../private/cidr';
import { kubernetesMinor } from '../private/kubernetes-calendar';
import { isToken } from '../private/validate';
import { EksCluster } from './cluster';
import { KubernetesDelivery, KubernetesManifests } from './kubernetes-manifests';
import { IEksNamespace } from './namespace';
import { EksNodePool } from './node-pool';
import { k8s } from './private/cdk8s';
import { checkKubernetesName } from './private/kubernetes-names';
import { kubernetesEffect, NODE_POOL_LABEL } from './private/node-pools';
import { checkObjectLabels } from './private/validate';
import { WorkloadContainerProps, WorkloadProtocol, WorkloadVolume } from './workload-container';
import { WorkloadPlacement } from './workload-placement';
import { renderPod } from './workload-spec';

/**
 * Horizontal pod autoscaling of an {@link EksWorkload} (a HorizontalPodAutoscaler, autoscaling/v2).
 * Needs the Kubernetes metrics server (an EKS community add-on `metrics-server`; Auto Mode clusters need it too).
 */
export interface WorkloadAutoscalingOptions {
  /**
   * The fewest replicas (1 or more).
   * @default 2
   */
  readonly minReplicas?: number;
  /** The most replicas (at least `minReplicas`). */
  readonly maxReplicas: number;
  /**
   * The average CPU use, in percent of the pods' CPU requests, that the autoscaler keeps (1-1000).
   * @default 70
   */
  readonly cpuUtilizationPercent?: number;
  /**
   * The average memory use, in percent of the pods' memory requests, that the autoscaler keeps (1-1000).
   * @default - memory is not a scaling metric
   */
  readonly memoryUtilizationPercent?: number;
}

/** The kinds of {@link WorkloadExposure}. */
export enum WorkloadExposureKind {
  /** Reachable inside the cluster only (a ClusterIP Service). */
  CLUSTER_IP = 'CLUSTER_IP',
  /** Behind a Network Load Balancer (a LoadBalancer Service). */
  LOAD_BALANCER = 'LOAD_BALANCER',
}

/**
 * Options of {@link WorkloadExposure.loadBalancer}.
 */
export interface WorkloadLoadBalancerOptions {
  /**
   * Put the load balancer in public subnets with a public address. Needs `allowFrom`.
   * @default false - internal, reachable from the VPC and what is connected to it
   */
  readonly internetFacing?: boolean;
  /**
   * The client CIDR blocks the load balancer lets in (`loadBalancerSourceRanges`, IPv4 or IPv6, up to 100).
   * @default - the VPC (internal load balancers only)
   */
  readonly allowFrom?: string[];
}

/**
 * Who can reach an {@link EksWorkload}'s Service.
 */
export class WorkloadExposure {
  /** Inside the cluster only, at `<name>.<namespace>.svc.cluster.local` (the default). */
  public static clusterIp(): WorkloadExposure {
    return new WorkloadExposure(WorkloadExposureKind.CLUSTER_IP, {});
  }

  /**
   * A Network Load Balancer, with the pods as IP targets. On an Auto Mode cluster EKS runs it
   * (load balancer class `eks.amazonaws.com/nlb`); on other clusters the AWS Load Balancer Controller
   * must be installed (class `service.k8s.aws/nlb`), and synth warns that it is not part of the cluster.
   */
  public static loadBalancer(options: WorkloadLoadBalancerOptions = {}): WorkloadExposure {
    return new WorkloadExposure(WorkloadExposureKind.LOAD_BALANCER, options);
  }

  /** Which kind of exposure this is. */
  public readonly kind: WorkloadExposureKind;
  /** The load balancer options. */
  public readonly loadBalancerOptions: WorkloadLoadBalancerOptions;

  private constructor(kind: WorkloadExposureKind, options: WorkloadLoadBalancerOptions) {
    this.kind = kind;
    this.loadBalancerOptions = options;
  }
}

/**
 * How a workload's pods get the credentials of their IAM role.
 */
export enum WorkloadIamIdentity {
  /**
   * EKS Pod Identity: an `AWS::EKS::PodIdentityAssociation` for the service account; the Pod
   * Identity agent (Auto Mode runs it; on node groups, the `eks-pod-identity-agent` add-on) hands out
   * the credentials. No OIDC provider, and the role's trust names no cluster-specific issuer. Does not
   * work on Fargate.
   */
  POD_IDENTITY = 'POD_IDENTITY',
  /**
   * IRSA (IAM roles for service accounts): the role trusts the cluster's OIDC provider for this
   * service account only, and the ServiceAccount names the role (`eks.amazonaws.com/role-arn`); EKS
   * mounts a web identity token into the pods, on Fargate too. The stack needs an account and Region,
   * because the annotation is written at synth.
   */
  IRSA = 'IRSA',
}

/**
 * The Service of an {@link EksWorkload}: a stable DNS name for its pods.
 */
export interface WorkloadServiceOptions {
  /** The port the Service listens on (1-65535). */
  readonly port: number;
  /**
   * The container port the Service sends traffic to (a declared port of one of the containers).
   * @default - the first port of the first container that has one
   */
  readonly targetPort?: number;
  /**
   * Who can reach it.
   * @default WorkloadExposure.clusterIp()
   */
  readonly exposure?: WorkloadExposure;
}

/**
 * Properties of an {@link EksWorkload}.
 */
export interface EksWorkloadProps {
  /** The namespace (`EksNamespace`, or `EksNamespace.fromNamespaceName(cluster, name)`); the workload runs in its cluster. */
  readonly kubernetesNamespace: IEksNamespace;
  /**
   * The name of the Deployment, its Service, ServiceAccount, autoscaler and disruption budget:
   * a DNS-1035 label (1-63 lower-case letters, digits or `-`, starting with a letter), unique in the namespace.
   */
  readonly workloadName: string;
  /** The containers of each pod (one or more; names unique). */
  readonly containers: WorkloadContainerProps[];
  /**
   * Volumes the containers mount.
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * The number of pods (0 or more). Not with `autoscaling`, which sets it.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Scale the pods on CPU (and memory) use.
   * @default - a fixed number of `replicas`
   */
  readonly autoscaling?: WorkloadAutoscalingOptions;
  /**
   * The most pods a voluntary disruption (node drain, upgrade, Auto Mode's node replacement) may
   * take down at once (1 or more: 0 would block node upgrades for good).
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * A Service in front of the pods.
   * @default - no Service
   */
  readonly service?: WorkloadServiceOptions;
  /**
   * Give the pods an IAM role through EKS Pod Identity (`workload.role`).
   * @default false
   * @deprecated use `iamIdentity: WorkloadIamIdentity.POD_IDENTITY`, which also offers IRSA for pods on Fargate
   */
  readonly podIdentity?: boolean;
  /**
   * Give the pods an IAM role (`workload.role`), and how they get its credentials: EKS Pod Identity
   * (nodes and Auto Mode) or IRSA (Fargate too). Pods a Fargate profile selects with
   * `POD_IDENTITY` are a ValidationError: Pod Identity does not reach Fargate pods.
   * @default - no role (`WorkloadIamIdentity.POD_IDENTITY` when the deprecated `podIdentity` is true)
   */
  readonly iamIdentity?: WorkloadIamIdentity;
  /**
   * Mount the service account token into the pods (for applications that call the Kubernetes API).
   * @default false
   */
  readonly mountServiceAccountToken?: boolean;
  /**
   * Extra labels of every object and pod (Kubernetes label keys and values; not `app.kubernetes.io/name`,
   * which the library sets to the workload's name and selects the pods by).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * The node pool (Auto Mode's or Karpenter's, of the same cluster) the pods run on: the pods select its nodes
   * (`karpenter.sh/nodepool`) and tolerate its taints, and the placement check fits them against its
   * largest node and its limits.
   * @default - wherever the cluster places them (Auto Mode's general-purpose pool, the node groups)
   */
  readonly nodePool?: EksNodePool;
  /**
   * How the objects reach the cluster. Must match the namespace's when the library creates it.
   * @default - the namespace's delivery, else KubernetesDelivery.CLOUD_ASSEMBLY
   */
  readonly delivery?: KubernetesDelivery;
}

/**
 * An application on EKS, the Kubernetes twin of `EcsService`: a Deployment of one or more
 * containers with requests and limits, probes and a hardened security context, a ServiceAccount,
 * a PodDisruptionBudget, optionally a HorizontalPodAutoscaler and a Service (with a DNS name and,
 * optionally, a Network Load Balancer), with its IAM role through EKS Pod Identity and the pull
 * grant of its ECR images.
 *
 * The Kubernetes objects are built with cdk8s and checked at synth (names, quantities, ports,
 * probes, mounts, requests against limits, and the pods against the cluster's node groups). By
 * default they are written to the cloud assembly (`workload.manifestFile`) for Argo CD to sync:
 * no Lambda, no custom resource. No Kubernetes API server checks them before they reach a cluster.
 *
 * @example
 * new EksWorkload(this, 'Web', {
 *   kubernetesNamespace: shopNamespace,
 *   workloadName: 'web',
 *   containers: [{ name: 'web', image: WorkloadImage.fromEcrRepository(images, '1.4.2'), ports: [{ containerPort: 8080 }] }],
 *   service: { port: 80 },
 * });
 */
export class EksWorkload extends Construct {
  /** The workload's name (of its Deployment, Service, ServiceAccount, ...). */
  public readonly workloadName: string;
  /** The namespace. */
  public readonly namespaceName: string;
  /** The cluster. */
  public readonly cluster: EksCluster;
  /** The ServiceAccount the pods run as. */
  public readonly serviceAccountName: string;
  /**
   * The DNS name of the Service inside the cluster (`<name>.<namespace>.svc.cluster.local`).
   * @default - no Service
   */
  public readonly dnsName?: string;
  /**
   * The IAM role of the pods.
   * @default - no role (no `iamIdentity`)
   */
  public readonly role?: iam.IRole;
  /** The cdk8s chart that holds the Kubernetes objects (escape hatch: `ApiObject.of(...).addJsonPatch`). */
  public readonly chart: cdk8sModule.Chart;
  /** The YAML file of the objects in the cloud assembly, relative to its root. */
  public readonly manifestFile: string;
  /** How the objects reach the cluster. */
  public readonly delivery: KubernetesDelivery;

  constructor(scope: Construct, id: string, props: EksWorkloadProps) {
    super(scope, id);
    const lib = k8s();
    this.cluster = props.kubernetesNamespace.cluster;
    this.namespaceName = props.kubernetesNamespace.namespaceName;
    checkKubernetesName(this, 'workloadName', props.workloadName, 'dns1035Label');
    this.workloadName = props.workloadName;
    this.serviceAccountName = props.workloadName;
    this.delivery = props.delivery ?? props.kubernetesNamespace.delivery ?? KubernetesDelivery.CLOUD_ASSEMBLY;
    if (props.kubernetesNamespace.delivery !== undefined && props.kubernetesNamespace.delivery !== this.delivery) {
      throw new ValidationError(this, {
        property: 'delivery',
        value: this.delivery,
        allowed: `the namespace's delivery (${props.kubernetesNamespace.delivery})`,
        hint: 'the namespace must reach the cluster the same way as the workloads in it, or they are applied before it exists',
      });
    }
    checkObjectLabels(this, 'labels', props.labels);
    for (const key of ['app.kubernetes.io/name', 'app.kubernetes.io/managed-by']) {
      if (props.labels?.[key] !== undefined) {
        throw new ValidationError(this, {
          property: 'labels', value: key, allowed: 'labels other than app.kubernetes.io/name and app.kubernetes.io/managed-by',
          hint: 'the library sets app.kubernetes.io/name to the workload name (the pods are selected by it) and app.kubernetes.io/managed-by to cdk-containers',
        });
      }
    }

    const { replicas, autoscaling } = this.checkScaling(props);
    const maxUnavailable = props.maxUnavailable ?? 1;
    if (isToken(maxUnavailable) || !Number.isInteger(maxUnavailable) || maxUnavailable < 1) {
      throw new ValidationError(this, {
        property: 'maxUnavailable', value: maxUnavailable, allowed: 'a literal whole number, 1 or more',
        hint: 'a budget that allows no disruption blocks node drains, so node group and Auto Mode upgrades never finish',
      });
    }

    const selector = { 'app.kubernetes.io/name': this.workloadName };
    const labels = { ...props.labels, ...selector, 'app.kubernetes.io/managed-by': 'cdk-containers' };
    const pod = renderPod(this, props.containers, {
      volumes: props.volumes ?? [],
      serviceAccountName: this.serviceAccountName,
      mountServiceAccountToken: props.mountServiceAccountToken ?? false,
      selector,
      relaxedEnvNames: (kubernetesMinor(this.cluster.version.version) ?? 0) >= 34,
    });

    const podSpec = props.nodePool === undefined ? pod.spec : { ...pod.spec, ...this.runOn(props.nodePool) };

    const manifests = new KubernetesManifests(this, this.cluster, `${this.namespaceName}/${this.workloadName}.yaml`);
    this.chart = manifests.chart;
    this.manifestFile = manifests.file;
    const metadata = { name: this.workloadName, namespace: this.namespaceName, labels };

    const identity = this.iamIdentityOf(props);
    let roleAnnotation: Record<string, string> | undefined;
    if (identity === WorkloadIamIdentity.IRSA) {
      const irsa = this.cluster._addIrsaRole(`Irsa-${this.namespaceName}-${this.workloadName}`, {
        serviceAccountNamespace: this.namespaceName,
        serviceAccount: this.serviceAccountName,
      });
      if (irsa.literalArn === undefined) {
        throw new ValidationError(this, {
          property: 'iamIdentity', value: identity,
          allowed: 'IRSA in a stack whose account and Region are known at synth',
          hint: 'the ServiceAccount names its role by ARN in a manifest written at synth: give the stack an account and Region (env: { account, region })',
        });
      }
      this.role = irsa.role;
      roleAnnotation = { 'eks.amazonaws.com/role-arn': irsa.literalArn };
    }
    new lib.KubeServiceAccount(this.chart, 'ServiceAccount', {
      metadata: roleAnnotation ? { ...metadata, annotations: roleAnnotation } : metadata,
      automountServiceAccountToken: props.mountServiceAccountToken ?? false,
    });
    new lib.KubeDeployment(this.chart, 'Deployment', {
      metadata,
      spec: {
        ...(autoscaling ? {} : { replicas }),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: lib.IntOrString.fromString('25%'), maxUnavailable: lib.IntOrString.fromNumber(0) } },
        template: { metadata: { labels }, spec: podSpec },
      },
    });
    new lib.KubePodDisruptionBudget(this.chart, 'DisruptionBudget', {
      metadata,
      spec: { maxUnavailable: lib.IntOrString.fromNumber(maxUnavailable), selector: { matchLabels: selector } },
    });
    if (autoscaling) {
      const metrics = [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuUtilizationPercent ?? 70 } } },
        ...(autoscaling.memoryUtilizationPercent === undefined ? []
          : [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: autoscaling.memoryUtilizationPercent } } }]),
      ];
      new lib.KubeHorizontalPodAutoscalerV2(this.chart, 'Autoscaler', {
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.workloadName },
          minReplicas: autoscaling.minReplicas ?? 2,
          maxReplicas: autoscaling.maxReplicas,
          metrics,
        },
      });
    }
    if (props.service) {
      this.dnsName = `${this.workloadName}.${this.namespaceName}.svc.cluster.local`;
      new lib.KubeService(this.chart, 'Service', { metadata: this.serviceMetadata(metadata, props.service), spec: this.serviceSpec(props.service, pod.ports, selector) });
    }

    for (const image of pod.images) this.cluster.grantImagePull(image.repository!);
    if (identity === WorkloadIamIdentity.POD_IDENTITY) {
      this.role = this.cluster.addPodIdentity(`PodIdentity-${this.namespaceName}-${this.workloadName}`, {
        serviceAccountNamespace: this.namespaceName,
        serviceAccount: this.serviceAccountName,
      });
    }

    new WorkloadPlacement(this, this.cluster, this.namespaceName, this.workloadName, labels, pod.resources, autoscaling?.maxReplicas ?? replicas,
      identity === WorkloadIamIdentity.POD_IDENTITY ? (props.iamIdentity === undefined ? 'podIdentity' : 'iamIdentity') : undefined);

    if (this.delivery === KubernetesDelivery.KUBECTL) {
      manifests.applyWithKubectl(this.cluster, `Workload-${this.namespaceName}-${this.workloadName}`,
        props.kubernetesNamespace.kubectlManifest ? [props.kubernetesNamespace.kubectlManifest] : []);
    }
  }

  /** Selects the node pool's nodes and tolerates its taints. */
  private runOn(pool: EksNodePool): { nodeSelector: Record<string, string>; tolerations?: k8sModule.Toleration[] } {
    if (pool.cluster !== this.cluster) {
      throw new ValidationError(this, {
        property: 'nodePool', value: pool.node.path, allowed: `a node pool of the workload's cluster (${this.cluster.node.path})`,
        hint: 'a pod can only run on nodes of its own cluster',
      });
    }
    return {
      nodeSelector: { [NODE_POOL_LABEL]: pool.nodePoolName },
      tolerations: pool.taints.length === 0 ? undefined
        : pool.taints.map((t) => ({ key: t.key, operator: 'Equal', value: t.value ?? '', effect: kubernetesEffect(t.effect) })),
    };
  }

  private iamIdentityOf(props: EksWorkloadProps): WorkloadIamIdentity | undefined {
    if (props.podIdentity !== undefined && props.iamIdentity !== undefined) {
      throw new ValidationError(this, {
        property: 'podIdentity', value: props.podIdentity,
        allowed: 'unset when iamIdentity is set',
        hint: 'podIdentity is the deprecated form of iamIdentity: WorkloadIamIdentity.POD_IDENTITY; set iamIdentity alone',
      });
    }
    return props.iamIdentity ?? (props.podIdentity ? WorkloadIamIdentity.POD_IDENTITY : undefined);
  }

  private checkScaling(props: EksWorkloadProps): { replicas: number; autoscaling?: WorkloadAutoscalingOptions } {
    const autoscaling = props.autoscaling;
    if (autoscaling === undefined) {
      const replicas = props.replicas ?? 2;
      if (isToken(replicas) || !Number.isInteger(replicas) || replicas < 0) {
        throw new ValidationError(this, { property: 'replicas', value: replicas, allowed: 'a literal whole number, 0 or more' });
      }
      if (replicas === 1) this.warnSingleReplica('replicas');
      return { replicas };
    }
    if (props.replicas !== undefined) {
      throw new ValidationError(this, {
        property: 'replicas', value: props.replicas, allowed: 'unset when autoscaling is set',
        hint: 'the autoscaler owns the replica count; set autoscaling.minReplicas instead (a replica count in the manifest would fight it on every sync)',
      });
    }
    const min = autoscaling.minReplicas ?? 2;
    for (const [name, value] of [['minReplicas', min], ['maxReplicas', autoscaling.maxReplicas]] as const) {
      if (isToken(value) || !Number.isInteger(value) || value < 1) {
        throw new ValidationError(this, { property: `autoscaling ${name}`, value, allowed: 'a literal whole number, 1 or more' });
      }
    }
    if (min === 1) this.warnSingleReplica('autoscaling minReplicas');
    if (autoscaling.maxReplicas < min) {
      throw new ValidationError(this, { property: 'autoscaling maxReplicas', value: autoscaling.maxReplicas, allowed: `at least minReplicas (${min})` });
    }
    for (const [name, value] of [['cpuUtilizationPercent', autoscaling.cpuUtilizationPercent], ['memoryUtilizationPercent', autoscaling.memoryUtilizationPercent]] as const) {
      if (value !== undefined && (isToken(value) || !Number.isInteger(value) || value < 1 || value > 1000)) {
        throw new ValidationError(this, { property: `autoscaling ${name}`, value, allowed: 'a literal whole number from 1 to 1000 (percent of the request)' });
      }
    }
    return { replicas: min, autoscaling };
  }

  private warnSingleReplica(property: string): void {
    Annotations.of(this).addWarningV2('cdk-containers:eks-single-replica',
      `${property} is 1: every node drain, upgrade or Auto Mode node replacement takes the workload down. Run 2 or more.`);
  }

  private serviceMetadata(metadata: { name: string; namespace: string; labels: Record<string, string> }, service: WorkloadServiceOptions) {
    const exposure = service.exposure ?? WorkloadExposure.clusterIp();
    if (exposure.kind !== WorkloadExposureKind.LOAD_BALANCER) return metadata;
    const internetFacing = exposure.loadBalancerOptions.internetFacing ?? false;
    return {
      ...metadata,
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-scheme': internetFacing ? 'internet-facing' : 'internal',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      },
    };
  }

  private serviceSpec(service: WorkloadServiceOptions, ports: ReadonlyArray<{ container: string; port: { containerPort: number; protocol?: WorkloadProtocol } }>,
    selector: Record<string, string>) {
    const lib = k8s();
    if (isToken(service.port) || !Number.isInteger(service.port) || service.port < 1 || service.port > 65535) {
      throw new ValidationError(this, { property: 'service port', value: service.port, allowed: 'a literal whole number from 1 to 65535' });
    }
    if (ports.length === 0) {
      throw new ValidationError(this, {
        property: 'service', value: service.port, allowed: 'a Service only for containers with ports',
        hint: 'declare the port the application listens on in the container\'s ports',
      });
    }
    const targetPort = service.targetPort ?? ports[0]!.port.containerPort;
    const target = ports.find((p) => p.port.containerPort === targetPort);
    if (target === undefined) {
      throw new ValidationError(this, {
        property: 'service targetPort', value: targetPort,
        allowed: `a declared container port (${ports.map((p) => `${p.container}:${p.port.containerPort}`).join(', ')})`,
      });
    }
    const exposure = service.exposure ?? WorkloadExposure.clusterIp();
    const portSpec = { port: service.port, targetPort: lib.IntOrString.fromNumber(targetPort), protocol: target.port.protocol ?? WorkloadProtocol.TCP };
    if (exposure.kind === WorkloadExposureKind.CLUSTER_IP) return { type: 'ClusterIP', selector, ports: [portSpec] };

    const options = exposure.loadBalancerOptions;
    const internetFacing = options.internetFacing ?? false;
    const allowFrom = options.allowFrom ?? [];
    if (internetFacing && allowFrom.length === 0) {
      throw new ValidationError(this, {
        property: 'service exposure allowFrom', value: [], allowed: 'one or more client CIDR blocks for an internet-facing load balancer',
        hint: 'name who may connect (["203.0.113.0/24"]); ["0.0.0.0/0"] opens the workload to the internet and is warned about',
      });
    }
    if (allowFrom.length > 60) {
      // Each block becomes an inbound rule of the load balancer's security group: 60 per group by default (VPC quotas).
      Annotations.of(this).addWarningV2('cdk-containers:eks-load-balancer-many-sources',
        `allowFrom has ${allowFrom.length} CIDR blocks: each becomes an inbound rule of the load balancer's security group, and a group takes 60 inbound rules unless the quota is raised.`);
    }
    for (const cidr of allowFrom) {
      const parsed = isToken(cidr) ? undefined : parseCidr(cidr);
      if (parsed === undefined) {
        throw new ValidationError(this, { property: 'service exposure allowFrom', value: cidr, allowed: 'literal IPv4 or IPv6 CIDR blocks ("203.0.113.0/24")' });
      }
      if (parsed.prefix === 0) {
        Annotations.of(this).addWarningV2('cdk-containers:eks-load-balancer-open',
          `The load balancer of ${this.workloadName} lets in ${cidr}: anyone on the internet can reach the pods.`);
      }
    }
    if (!this.cluster.autoMode) {
      Annotations.of(this).addWarningV2('cdk-containers:eks-load-balancer-controller',
        'The Service asks for a Network Load Balancer of class service.k8s.aws/nlb, which only the AWS Load Balancer Controller provides; it is not part of a cluster without Auto Mode. Install it, or use EksCapacity.autoMode().');
    }
    return {
      type: 'LoadBalancer',
      loadBalancerClass: this.cluster.autoMode ? 'eks.amazonaws.com/nlb' : 'service.k8s.aws/nlb',
      selector,
      ports: [portSpec],
      ...(allowFrom.length > 0 ? { loadBalancerSourceRanges: allowFrom } : {}),
    };
  }
}
