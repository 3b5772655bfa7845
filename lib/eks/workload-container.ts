import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IImagePullSource } from './cluster';

/**
 * Where the image of a workload container comes from ({@link WorkloadContainerProps.image}).
 */
export class WorkloadImage {
  /**
   * An image in an ECR repository (an `EcrRepository` or any `ecr.IRepository`): the workload
   * grants the cluster's image pull roles (Auto Mode nodes, node groups, Fargate pods) permission to
   * pull from it, so KMS-encrypted and cross-account repositories work too.
   *
   * @param repository the repository (`EcrRepository`, `ecr.Repository`, `ecr.Repository.fromRepositoryName(...)`)
   * @param tagOrDigest an image tag (1-128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-`)
   *   or a digest (`sha256:` and 64 hex digits); a digest pins the exact image
   */
  public static fromEcrRepository(repository: IWorkloadImageRepository, tagOrDigest: string): WorkloadImage {
    return new WorkloadImage(undefined, repository, tagOrDigest);
  }

  /**
   * An image by its full reference (`public.ecr.aws/nginx/nginx:1.27`, `registry.example.com/app@sha256:...`).
   * Nothing is granted: the registry must be reachable from the nodes and allow anonymous pulls, or
   * the pods need an image pull secret.
   */
  public static fromRegistry(imageReference: string): WorkloadImage {
    return new WorkloadImage(imageReference, undefined, undefined);
  }

  /**
   * The image reference as given to `fromRegistry`.
   * @default - an ECR image
   */
  public readonly imageReference?: string;
  /**
   * The ECR repository.
   * @default - not an ECR image
   */
  public readonly repository?: IWorkloadImageRepository;
  /**
   * The tag or digest of the ECR image.
   * @default - not an ECR image
   */
  public readonly tagOrDigest?: string;

  private constructor(imageReference: string | undefined, repository: IWorkloadImageRepository | undefined, tagOrDigest: string | undefined) {
    this.imageReference = imageReference;
    this.repository = repository;
    this.tagOrDigest = tagOrDigest;
  }
}

/**
 * An ECR repository a workload image comes from: `EcrRepository` and every `ecr.IRepository` are one.
 * Its account, Region and name must be known at synth (the stack has an `env`), because the image
 * URI is written into a manifest, not a template.
 */
export interface IWorkloadImageRepository extends IImagePullSource, IConstruct {
  /** The repository's name. */
  readonly repositoryName: string;
}

/** The protocol of a container port. */
export enum WorkloadProtocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP (an Auto Mode or AWS Load Balancer Controller NLB forwards it too). */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * A port a workload container listens on.
 */
export interface WorkloadContainerPort {
  /** The port number, 1-65535. */
  readonly containerPort: number;
  /**
   * The port's name, which a Service can target: an IANA service name (1-15 lower-case letters,
   * digits and `-`, at least one letter, no `--`, not starting or ending with `-`), unique in the pod.
   *
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   *
   * @default WorkloadProtocol.TCP
   */
  readonly protocol?: WorkloadProtocol;
}

/**
 * Timing of a {@link WorkloadProbe}. Kubernetes counts in whole seconds.
 */
export interface WorkloadProbeOptions {
  /**
   * How long after the container starts the first probe runs (whole seconds, 0 or more).
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;
  /**
   * How often the probe runs (whole seconds, 1 or more).
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;
  /**
   * How long one probe may take (whole seconds, 1 or more).
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;
  /**
   * How many failures in a row count as failed (1 or more).
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** The kinds of {@link WorkloadProbe}. */
export enum WorkloadProbeKind {
  /** An HTTP GET that must answer 200-399. */
  HTTP_GET = 'HTTP_GET',
  /** A TCP connection that must open. */
  TCP_SOCKET = 'TCP_SOCKET',
  /** A command that must exit 0. */
  EXEC = 'EXEC',
}

/**
 * How Kubernetes checks that a container is ready, alive or started.
 */
export class WorkloadProbe {
  /**
   * An HTTP GET of `path` on `port` (a container port of the same container).
   * @param path an absolute path (`/healthz`)
   */
  public static httpGet(path: string, port: number, options: WorkloadProbeOptions = {}): WorkloadProbe {
    return new WorkloadProbe(WorkloadProbeKind.HTTP_GET, options, path, port, undefined);
  }

  /** A TCP connection to `port` (a container port of the same container). */
  public static tcpSocket(port: number, options: WorkloadProbeOptions = {}): WorkloadProbe {
    return new WorkloadProbe(WorkloadProbeKind.TCP_SOCKET, options, undefined, port, undefined);
  }

  /** A command run in the container (no shell: `['cat', '/tmp/ready']`). */
  public static exec(command: string[], options: WorkloadProbeOptions = {}): WorkloadProbe {
    return new WorkloadProbe(WorkloadProbeKind.EXEC, options, undefined, undefined, command);
  }

  /** Which kind of probe this is. */
  public readonly kind: WorkloadProbeKind;
  /** The timing. */
  public readonly options: WorkloadProbeOptions;
  /**
   * The HTTP path.
   * @default - not an HTTP probe
   */
  public readonly path?: string;
  /**
   * The port probed.
   * @default - an exec probe
   */
  public readonly port?: number;
  /**
   * The command.
   * @default - not an exec probe
   */
  public readonly command?: string[];

  private constructor(kind: WorkloadProbeKind, options: WorkloadProbeOptions, path: string | undefined, port: number | undefined, command: string[] | undefined) {
    this.kind = kind;
    this.options = options;
    this.path = path;
    this.port = port;
    this.command = command;
  }
}

/**
 * A key of a Kubernetes Secret in the workload's namespace, read into an environment variable.
 */
export class WorkloadSecretKey {
  /**
   * The key `key` of the Secret `secretName`.
   *
   * @param secretName the Secret's name (a DNS-1123 subdomain)
   * @param key the key in the Secret (letters, digits, `-`, `_` or `.`, up to 253)
   */
  public static of(secretName: string, key: string): WorkloadSecretKey {
    return new WorkloadSecretKey(secretName, key);
  }

  /** The Secret's name. */
  public readonly secretName: string;
  /** The key in the Secret. */
  public readonly key: string;

  private constructor(secretName: string, key: string) {
    this.secretName = secretName;
    this.key = key;
  }
}

/** The kinds of {@link WorkloadVolume}. */
export enum WorkloadVolumeKind {
  /** Scratch space that lives as long as the pod. */
  EMPTY_DIR = 'EMPTY_DIR',
  /** The keys of a ConfigMap as files. */
  CONFIG_MAP = 'CONFIG_MAP',
  /** The keys of a Secret as files. */
  SECRET = 'SECRET',
}

/**
 * Options of {@link WorkloadVolume.emptyDir}.
 */
export interface EmptyDirOptions {
  /**
   * The most the volume may hold (a Kubernetes quantity: `64Mi`, `1Gi`).
   * @default - no limit beyond the node's ephemeral storage
   */
  readonly sizeLimit?: string;
  /**
   * Back the volume with memory (tmpfs); what it holds counts against the container's memory limit.
   * @default false
   */
  readonly inMemory?: boolean;
}

/**
 * A volume of a workload's pods, mounted into containers with {@link WorkloadVolumeMount}.
 */
export class WorkloadVolume {
  /**
   * Scratch space for the pod: where a container with a read-only root filesystem writes (`/tmp`, caches).
   * @param name the volume's name (a DNS-1123 label), unique in the pod
   */
  public static emptyDir(name: string, options: EmptyDirOptions = {}): WorkloadVolume {
    return new WorkloadVolume(WorkloadVolumeKind.EMPTY_DIR, name, undefined, options);
  }

  /**
   * The keys of a ConfigMap in the workload's namespace, one file each.
   * @param configMapName the ConfigMap's name (a DNS-1123 subdomain)
   */
  public static configMap(name: string, configMapName: string): WorkloadVolume {
    return new WorkloadVolume(WorkloadVolumeKind.CONFIG_MAP, name, configMapName, undefined);
  }

  /**
   * The keys of a Secret in the workload's namespace, one file each (mode 0400).
   * @param secretName the Secret's name (a DNS-1123 subdomain)
   */
  public static secret(name: string, secretName: string): WorkloadVolume {
    return new WorkloadVolume(WorkloadVolumeKind.SECRET, name, secretName, undefined);
  }

  /** Which kind of volume this is. */
  public readonly kind: WorkloadVolumeKind;
  /** The volume's name. */
  public readonly name: string;
  /**
   * The ConfigMap or Secret the volume shows.
   * @default - an emptyDir
   */
  public readonly sourceName?: string;
  /**
   * The emptyDir options.
   * @default - not an emptyDir
   */
  public readonly emptyDirOptions?: EmptyDirOptions;

  private constructor(kind: WorkloadVolumeKind, name: string, sourceName: string | undefined, emptyDir: EmptyDirOptions | undefined) {
    this.kind = kind;
    this.name = name;
    this.sourceName = sourceName;
    this.emptyDirOptions = emptyDir;
  }
}

/**
 * Where a container sees one of the pod's volumes.
 */
export interface WorkloadVolumeMount {
  /** The name of a volume in {@link EksWorkloadProps.volumes}. */
  readonly volume: string;
  /** The absolute path in the container (not `/`, no `:`), unique in the container. */
  readonly path: string;
  /**
   * Mount it read-only. ConfigMap and Secret volumes are always read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * One container of an {@link EksWorkload}'s pods.
 *
 * Every container runs as a non-root user with a read-only root filesystem, no privilege
 * escalation, all Linux capabilities dropped and the runtime's default seccomp profile: what the
 * Kubernetes "restricted" Pod Security Standard requires. Requests and limits are always set,
 * limits equal to requests by default (the Guaranteed QoS class: not evicted before others, never
 * throttled below what it asked for).
 */
export interface WorkloadContainerProps {
  /** The container's name: a DNS-1123 label (1-63 lower-case letters, digits and `-`), unique in the pod. */
  readonly name: string;
  /** The image. */
  readonly image: WorkloadImage;
  /**
   * The command (replaces the image's ENTRYPOINT).
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * The arguments (replace the image's CMD).
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The ports the container listens on (numbers unique per protocol in the pod).
   * @default - none
   */
  readonly ports?: WorkloadContainerPort[];
  /**
   * Environment variables. Names: on Kubernetes 1.34 and later any printable ASCII but `=`; before,
   * letters, digits, `_`, `-` or `.`, not starting with a digit.
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Environment variables read from Secrets of the namespace. A name may not also be in `environment`.
   * @default - none
   */
  readonly secretEnvironment?: Record<string, WorkloadSecretKey>;
  /**
   * The CPU request: a Kubernetes quantity (`250m`, `0.5`, `2`), at least 1m.
   * @default '250m'
   */
  readonly cpu?: string;
  /**
   * The memory request: a Kubernetes quantity (`256Mi`, `1Gi`), at least 6Mi (the container runtime's minimum).
   * @default '256Mi'
   */
  readonly memory?: string;
  /**
   * The CPU limit (at least `cpu`).
   * @default - equal to `cpu`
   */
  readonly cpuLimit?: string;
  /**
   * The memory limit (at least `memory`). The container is killed when it uses more.
   * @default - equal to `memory`
   */
  readonly memoryLimit?: string;
  /**
   * When the container may take traffic (a Service sends it none before).
   * @default - none: ready as soon as it starts
   */
  readonly readinessProbe?: WorkloadProbe;
  /**
   * When the container is restarted.
   * @default - none
   */
  readonly livenessProbe?: WorkloadProbe;
  /**
   * What must succeed before the readiness and liveness probes start (for slow starts).
   * @default - none
   */
  readonly startupProbe?: WorkloadProbe;
  /**
   * Volumes of the pod this container mounts.
   * @default - none
   */
  readonly mounts?: WorkloadVolumeMount[];
  /**
   * Keep the root filesystem read-only; mount an `emptyDir` where the application writes.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * The user id the container runs as (1-2147483647; 0, root, is refused).
   * @default - the image's USER, which Kubernetes refuses to start when it is root
   */
  readonly runAsUser?: number;
}
