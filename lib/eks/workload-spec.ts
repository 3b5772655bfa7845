import { Annotations, aws_ecr as ecr, Duration, IResource, Stack, Token } from 'aws-cdk-lib';
import type { k8s as k8sModule } from 'cdk8s-plus-33';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { k8s } from './private/cdk8s';
import { checkKubernetesName, checkPortName } from './private/kubernetes-names';
import { partitionOf } from './private/partition';
import { parseCpuQuantity, parseMemoryQuantity } from '../private/kubernetes-quantities';
import {
  WorkloadContainerPort, WorkloadContainerProps, WorkloadImage, WorkloadProbe, WorkloadProbeKind, WorkloadProtocol, WorkloadVolume,
  WorkloadVolumeKind,
} from './workload-container';

/** The requests of one container when the props leave them out. */
const DEFAULT_CPU = '250m';
const DEFAULT_MEMORY = '256Mi';
/** The smallest memory limit the container runtime (runc) accepts: 6 MiB. */
const MIN_MEMORY_BYTES = 6 * 1024 * 1024;
/** An ECR image tag, as ECR accepts it. */
const ECR_TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** An image digest. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** An image reference: registry/path, lower-case path components joined by `.`, `_`, `__` or dashes, then an optional tag and/or digest (the distribution grammar). */
const IMAGE_REFERENCE = /^([a-zA-Z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*(:[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
/** The distribution spec's limit on a repository name (the part before the tag or digest). */
const MAX_IMAGE_NAME = 255;

/** The requests and limits of one container, as numbers. */
export interface ContainerResources {
  readonly name: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly cpuLimitMillis: number;
  readonly memoryLimitBytes: number;
}

/** The rendered pod spec, and what the placement check and the Service need from it. */
export interface RenderedPod {
  readonly spec: k8sModule.PodSpec;
  readonly resources: ContainerResources[];
  /** Every container port, with the container it is on. */
  readonly ports: ReadonlyArray<{ readonly container: string; readonly port: WorkloadContainerPort }>;
  /** The ECR images (their repositories get the pull grant). */
  readonly images: WorkloadImage[];
}

/** What {@link renderPod} needs besides the containers. */
export interface PodOptions {
  readonly volumes: WorkloadVolume[];
  readonly serviceAccountName: string;
  readonly mountServiceAccountToken: boolean;
  /** Labels of the pods (the selector). */
  readonly selector: Record<string, string>;
  /** The cluster runs Kubernetes 1.34 or later, which takes any printable ASCII but "=" in environment variable names. */
  readonly relaxedEnvNames: boolean;
}

function quantity(scope: IConstruct, property: string, value: string, kind: 'cpu' | 'memory'): number {
  if (isToken(value)) {
    throw new ValidationError(scope, {
      property, value, allowed: 'a literal Kubernetes quantity',
      hint: 'Kubernetes manifests are rendered at synth and never pass through CloudFormation, so a token would reach the cluster unresolved',
    });
  }
  const parsed = kind === 'cpu' ? parseCpuQuantity(value) : parseMemoryQuantity(value);
  if (!parsed.ok) {
    const example = kind === 'cpu' ? '"250m", "0.5" or "2"' : '"256Mi", "1Gi" or "512M"';
    throw new ValidationError(scope, { property, value, allowed: `a Kubernetes ${kind} quantity such as ${example}`, hint: parsed.reason });
  }
  if (parsed.note !== undefined) {
    Annotations.of(scope).addWarningV2('cdk-containers:eks-unlikely-quantity', `${property} "${value}": ${parsed.note}`);
  }
  return parsed.value;
}

function wholeSeconds(scope: IConstruct, property: string, value: Duration | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (Token.isUnresolved(value.toSeconds({ integral: false }))) {
    throw new ValidationError(scope, { property, value: value.toString(), allowed: 'a literal duration in whole seconds' });
  }
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min) {
    throw new ValidationError(scope, { property, value: `${seconds} seconds`, allowed: `whole seconds, ${min} or more` });
  }
  return seconds;
}

function checkPortNumber(scope: IConstruct, property: string, port: number): void {
  if (isToken(port) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ValidationError(scope, { property, value: port, allowed: 'a literal whole number from 1 to 65535' });
  }
}

function renderProbe(scope: IConstruct, property: string, probe: WorkloadProbe | undefined, declared: Set<number>): k8sModule.Probe | undefined {
  if (probe === undefined) return undefined;
  const lib = k8s();
  const timing = {
    initialDelaySeconds: wholeSeconds(scope, `${property} initialDelay`, probe.options.initialDelay, 0),
    periodSeconds: wholeSeconds(scope, `${property} period`, probe.options.period, 1),
    timeoutSeconds: wholeSeconds(scope, `${property} timeout`, probe.options.timeout, 1),
    failureThreshold: probe.options.failureThreshold,
  };
  if (timing.failureThreshold !== undefined && (isToken(timing.failureThreshold) || !Number.isInteger(timing.failureThreshold) || timing.failureThreshold < 1)) {
    throw new ValidationError(scope, { property: `${property} failureThreshold`, value: timing.failureThreshold, allowed: 'a literal whole number, 1 or more' });
  }
  if (probe.kind === WorkloadProbeKind.EXEC) {
    const command = probe.command ?? [];
    if (command.length === 0 || command.some((part) => typeof part !== 'string' || part.length === 0 || isToken(part))) {
      throw new ValidationError(scope, { property: `${property} command`, value: command, allowed: 'one or more literal, non-empty strings (no shell: ["cat", "/tmp/ready"])' });
    }
    return { ...timing, exec: { command } };
  }
  const port = probe.port!;
  checkPortNumber(scope, `${property} port`, port);
  if (!declared.has(port)) {
    throw new ValidationError(scope, {
      property: `${property} port`,
      value: port,
      allowed: `a port of this container (${[...declared].join(', ') || 'none declared'})`,
      hint: 'declare the port in the container\'s ports, so the Service and the placement check know it',
    });
  }
  if (probe.kind === WorkloadProbeKind.TCP_SOCKET) return { ...timing, tcpSocket: { port: lib.IntOrString.fromNumber(port) } };
  const path = probe.path ?? '';
  if (isToken(path) || !path.startsWith('/') || /\s/.test(path)) {
    throw new ValidationError(scope, { property: `${property} path`, value: path, allowed: 'a literal absolute path without spaces ("/healthz")' });
  }
  return { ...timing, httpGet: { path, port: lib.IntOrString.fromNumber(port) } };
}

/**
 * The URI of an ECR repository as a literal string: a manifest is rendered at synth, so the
 * account, Region and name must be known then (CloudFormation never resolves a manifest's tokens).
 * The name comes from the repository, or from the `AWS::ECR::Repository` it defines.
 */
function literalRepositoryUri(scope: IConstruct, property: string, repository: WorkloadImage['repository'] & object): string {
  const stack = Stack.of(repository);
  const env = (repository as Partial<IResource>).env;
  const account = env?.account ?? stack.account;
  const region = env?.region ?? stack.region;
  let name: unknown = repository.repositoryName;
  if (isToken(name)) {
    const cfn = repository.node.findAll().find((c): c is ecr.CfnRepository => c instanceof ecr.CfnRepository);
    name = cfn?.repositoryName === undefined ? undefined : stack.resolve(cfn.repositoryName);
  }
  if (isToken(account) || isToken(region) || typeof name !== 'string' || isToken(name)) {
    throw new ValidationError(scope, {
      property,
      value: `ECR repository ${repository.node.path}`,
      allowed: 'an ECR repository whose account, Region and name are known at synth',
      hint: 'Kubernetes manifests are rendered at synth: give the stack an account and Region (env: { account, region }) and the repository a name (EcrRepository always has one), or use WorkloadImage.fromRegistry with the full image URI',
    });
  }
  return `${account}.dkr.ecr.${region}.${partitionOf(region).dnsSuffix}/${name}`;
}

/** The image reference of a container, checked. */
export function imageReference(scope: IConstruct, property: string, image: WorkloadImage): string {
  if (image.repository !== undefined) {
    const tag = image.tagOrDigest ?? '';
    if (isToken(tag) || (!ECR_TAG.test(tag) && !DIGEST.test(tag))) {
      throw new ValidationError(scope, {
        property: `${property} tagOrDigest`,
        value: tag,
        allowed: 'a literal ECR image tag (1-128 letters, digits, "_", "." or "-", not starting with "." or "-") or a digest ("sha256:" and 64 hex digits)',
      });
    }
    const separator = DIGEST.test(tag) ? '@' : ':';
    return `${literalRepositoryUri(scope, property, image.repository)}${separator}${tag}`;
  }
  const reference = image.imageReference ?? '';
  const name = reference.split('@')[0]!.replace(/:[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/, '');
  if (isToken(reference) || !IMAGE_REFERENCE.test(reference) || name.length > MAX_IMAGE_NAME) {
    throw new ValidationError(scope, {
      property,
      value: reference,
      allowed: 'a literal image reference: [registry[:port]/]path[:tag][@sha256:digest], the path in lower case, its parts joined by ".", "_", "__" or dashes, the name at most 255 characters ("public.ecr.aws/nginx/nginx:1.27")',
      hint: 'for an ECR repository of this app use WorkloadImage.fromEcrRepository(repository, tag), which also grants the pull',
    });
  }
  if (!reference.includes('@') && !/:[^/]+$/.test(reference)) {
    Annotations.of(scope).addWarningV2('cdk-containers:eks-image-untagged',
      `${property}: "${reference}" has no tag or digest, so every node pulls whatever "latest" is at the time; pin a tag or a digest.`);
  }
  return reference;
}

function renderVolumes(scope: IConstruct, volumes: WorkloadVolume[]): k8sModule.Volume[] {
  const seen = new Set<string>();
  return volumes.map((volume, index) => {
    const property = `volumes[${index}]`;
    checkKubernetesName(scope, `${property} name`, volume.name, 'dns1123Label');
    if (seen.has(volume.name)) {
      throw new ValidationError(scope, { property: `${property} name`, value: volume.name, allowed: 'a name unique among the pod\'s volumes' });
    }
    seen.add(volume.name);
    switch (volume.kind) {
      case WorkloadVolumeKind.EMPTY_DIR: {
        const options = volume.emptyDirOptions ?? {};
        const sizeLimit = options.sizeLimit === undefined ? undefined : quantity(scope, `${property} sizeLimit`, options.sizeLimit, 'memory');
        return {
          name: volume.name,
          emptyDir: {
            ...(options.inMemory ? { medium: 'Memory' } : {}),
            ...(sizeLimit === undefined ? {} : { sizeLimit: k8s().Quantity.fromString(options.sizeLimit!) }),
          },
        };
      }
      case WorkloadVolumeKind.CONFIG_MAP:
        checkKubernetesName(scope, `${property} configMapName`, volume.sourceName!, 'dns1123Subdomain');
        return { name: volume.name, configMap: { name: volume.sourceName! } };
      default:
        checkKubernetesName(scope, `${property} secretName`, volume.sourceName!, 'dns1123Subdomain');
        return { name: volume.name, secret: { secretName: volume.sourceName!, defaultMode: 0o400 } };
    }
  });
}

function renderContainer(scope: IConstruct, index: number, props: WorkloadContainerProps, volumes: Map<string, WorkloadVolume>,
  podPorts: Map<string, string>, portNames: Set<string>, envGrammar: 'envVarName' | 'relaxedEnvVarName'): { container: k8sModule.Container; resources: ContainerResources; ports: WorkloadContainerPort[] } {
  const property = `containers[${index}]`;
  const lib = k8s();
  const image = imageReference(scope, `${property} image`, props.image);

  const ports = props.ports ?? [];
  const declared = new Set<number>();
  for (const [p, port] of ports.entries()) {
    const portProperty = `${property} ports[${p}]`;
    checkPortNumber(scope, `${portProperty} containerPort`, port.containerPort);
    const protocol = port.protocol ?? WorkloadProtocol.TCP;
    const key = `${port.containerPort}/${protocol}`;
    const owner = podPorts.get(key);
    if (owner !== undefined) {
      throw new ValidationError(scope, {
        property: `${portProperty} containerPort`,
        value: key,
        allowed: 'a port number and protocol no other container of the pod listens on',
        hint: `containers of a pod share one network namespace, and ${owner} already has ${key}`,
      });
    }
    podPorts.set(key, props.name);
    declared.add(port.containerPort);
    if (port.name !== undefined) {
      checkPortName(scope, `${portProperty} name`, port.name);
      if (portNames.has(port.name)) {
        throw new ValidationError(scope, { property: `${portProperty} name`, value: port.name, allowed: 'a port name unique in the pod' });
      }
      portNames.add(port.name);
    }
  }

  const env: k8sModule.EnvVar[] = [];
  for (const [name, value] of Object.entries(props.environment ?? {})) {
    checkKubernetesName(scope, `${property} environment`, name, envGrammar);
    if (isToken(value)) {
      throw new ValidationError(scope, {
        property: `${property} environment["${name}"]`, value, allowed: 'a literal string',
        hint: 'Kubernetes manifests never pass through CloudFormation; put values that come from the deploy in a ConfigMap or Secret',
      });
    }
    env.push({ name, value });
  }
  for (const [name, key] of Object.entries(props.secretEnvironment ?? {})) {
    checkKubernetesName(scope, `${property} secretEnvironment`, name, envGrammar);
    if (props.environment?.[name] !== undefined) {
      throw new ValidationError(scope, { property: `${property} secretEnvironment`, value: name, allowed: 'a name that is not also in environment' });
    }
    checkKubernetesName(scope, `${property} secretEnvironment["${name}"] secretName`, key.secretName, 'dns1123Subdomain');
    checkKubernetesName(scope, `${property} secretEnvironment["${name}"] key`, key.key, 'configMapKey');
    env.push({ name, valueFrom: { secretKeyRef: { name: key.secretName, key: key.key } } });
  }

  const cpu = props.cpu ?? DEFAULT_CPU;
  const memory = props.memory ?? DEFAULT_MEMORY;
  const cpuLimit = props.cpuLimit ?? cpu;
  const memoryLimit = props.memoryLimit ?? memory;
  const resources: ContainerResources = {
    name: props.name,
    cpuMillis: quantity(scope, `${property} cpu`, cpu, 'cpu'),
    memoryBytes: quantity(scope, `${property} memory`, memory, 'memory'),
    cpuLimitMillis: quantity(scope, `${property} cpuLimit`, cpuLimit, 'cpu'),
    memoryLimitBytes: quantity(scope, `${property} memoryLimit`, memoryLimit, 'memory'),
  };
  if (resources.cpuMillis < 1) {
    throw new ValidationError(scope, { property: `${property} cpu`, value: cpu, allowed: 'at least 1m (a thousandth of a vCPU)' });
  }
  if (resources.memoryBytes < MIN_MEMORY_BYTES) {
    throw new ValidationError(scope, { property: `${property} memory`, value: memory, allowed: 'at least 6Mi: the container runtime refuses a smaller memory limit' });
  }
  if (resources.cpuLimitMillis < resources.cpuMillis) {
    throw new ValidationError(scope, { property: `${property} cpuLimit`, value: cpuLimit, allowed: `at least the CPU request (${cpu}): Kubernetes refuses a request above its limit` });
  }
  if (resources.memoryLimitBytes < resources.memoryBytes) {
    throw new ValidationError(scope, { property: `${property} memoryLimit`, value: memoryLimit, allowed: `at least the memory request (${memory}): Kubernetes refuses a request above its limit` });
  }

  const mounts: k8sModule.VolumeMount[] = [];
  const paths = new Set<string>();
  for (const [m, mount] of (props.mounts ?? []).entries()) {
    const mountProperty = `${property} mounts[${m}]`;
    const volume = volumes.get(mount.volume);
    if (volume === undefined) {
      throw new ValidationError(scope, {
        property: `${mountProperty} volume`, value: mount.volume,
        allowed: `a volume of the workload (${[...volumes.keys()].join(', ') || 'none: add it to volumes'})`,
      });
    }
    if (isToken(mount.path) || !mount.path.startsWith('/') || mount.path === '/' || mount.path.includes(':') || paths.has(mount.path)) {
      throw new ValidationError(scope, { property: `${mountProperty} path`, value: mount.path, allowed: 'an absolute path other than "/", without ":", unique in the container' });
    }
    paths.add(mount.path);
    const readOnly = mount.readOnly === true || volume.kind !== WorkloadVolumeKind.EMPTY_DIR;
    mounts.push({ name: mount.volume, mountPath: mount.path, ...(readOnly ? { readOnly: true } : {}) });
  }

  if (props.runAsUser !== undefined && (isToken(props.runAsUser) || !Number.isInteger(props.runAsUser) || props.runAsUser < 1 || props.runAsUser > 2_147_483_647)) {
    throw new ValidationError(scope, {
      property: `${property} runAsUser`, value: props.runAsUser, allowed: 'a literal user id from 1 to 2147483647',
      ...(props.runAsUser === 0 ? { hint: '0 is root, which the restricted Pod Security Standard refuses' } : {}),
    });
  }
  const readOnlyRoot = props.readOnlyRootFilesystem ?? true;
  if (!readOnlyRoot) {
    Annotations.of(scope).addWarningV2('cdk-containers:eks-writable-root-filesystem',
      `${property} (${props.name}) has a writable root filesystem: anything that gets in can change the image's files. Mount an emptyDir where the application writes instead.`);
  }
  for (const [name, list] of [['command', props.command], ['args', props.args]] as const) {
    if (list !== undefined && list.some((part) => typeof part !== 'string' || isToken(part))) {
      throw new ValidationError(scope, { property: `${property} ${name}`, value: list, allowed: 'literal strings' });
    }
  }

  const container: k8sModule.Container = {
    name: props.name,
    image,
    ...(props.command ? { command: props.command } : {}),
    ...(props.args ? { args: props.args } : {}),
    ...(ports.length > 0 ? {
      ports: ports.map((port) => ({
        containerPort: port.containerPort,
        ...(port.name ? { name: port.name } : {}),
        protocol: port.protocol ?? WorkloadProtocol.TCP,
      })),
    } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: {
      // The quantities as written (checked above): Kubernetes takes them as they are.
      requests: { cpu: lib.Quantity.fromString(cpu), memory: lib.Quantity.fromString(memory) },
      limits: { cpu: lib.Quantity.fromString(cpuLimit), memory: lib.Quantity.fromString(memoryLimit) },
    },
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    readinessProbe: renderProbe(scope, `${property} readinessProbe`, props.readinessProbe, declared),
    livenessProbe: renderProbe(scope, `${property} livenessProbe`, props.livenessProbe, declared),
    startupProbe: renderProbe(scope, `${property} startupProbe`, props.startupProbe, declared),
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: readOnlyRoot,
      runAsNonRoot: true,
      ...(props.runAsUser !== undefined ? { runAsUser: props.runAsUser } : {}),
      capabilities: { drop: ['ALL'] },
    },
  };
  return { container, resources, ports };
}

/**
 * Checks the containers and volumes of a workload and renders its pod spec: every container
 * non-root, read-only root filesystem, no privilege escalation, capabilities dropped, seccomp
 * RuntimeDefault, requests and limits set.
 */
export function renderPod(scope: IConstruct, containers: WorkloadContainerProps[], options: PodOptions): RenderedPod {
  if (containers.length === 0) {
    throw new ValidationError(scope, { property: 'containers', value: [], allowed: 'one or more containers' });
  }
  const volumes = renderVolumes(scope, options.volumes);
  const volumesByName = new Map(options.volumes.map((v) => [v.name, v]));
  const podPorts = new Map<string, string>();
  const portNames = new Set<string>();
  const names = new Set<string>();
  const rendered = containers.map((props, index) => {
    checkKubernetesName(scope, `containers[${index}] name`, props.name, 'dns1123Label');
    if (names.has(props.name)) {
      throw new ValidationError(scope, { property: `containers[${index}] name`, value: props.name, allowed: 'a name unique in the pod' });
    }
    names.add(props.name);
    return renderContainer(scope, index, props, volumesByName, podPorts, portNames, options.relaxedEnvNames ? 'relaxedEnvVarName' : 'envVarName');
  });
  const used = new Set(containers.flatMap((c) => (c.mounts ?? []).map((m) => m.volume)));
  const unused = options.volumes.filter((v) => !used.has(v.name)).map((v) => v.name);
  if (unused.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-containers:eks-unused-volume', `Volumes no container mounts: ${unused.join(', ')}.`);
  }

  const spec: k8sModule.PodSpec = {
    serviceAccountName: options.serviceAccountName,
    automountServiceAccountToken: options.mountServiceAccountToken,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: rendered.map((r) => r.container),
    ...(volumes.length > 0 ? { volumes } : {}),
    // Spread the replicas over zones (and nodes), preferring but not requiring it, so a zone's loss takes some, not all.
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: options.selector } },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: options.selector } },
    ],
  };
  return {
    spec,
    resources: rendered.map((r) => r.resources),
    ports: rendered.flatMap((r) => r.ports.map((port) => ({ container: r.resources.name, port }))),
    images: containers.map((c) => c.image).filter((image) => image.repository !== undefined),
  };
}
