import { Annotations, IAspect, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgementsOf, asRecord, recordAcknowledgement } from './private/acknowledgements';
import { KubernetesObjectJson, kubernetesObjectsOf } from '../private/kubernetes-objects';

/** The Pod Security Admission label that enforces a standard on a namespace's pods. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The one capability the restricted Pod Security Standard lets a container add. */
const ALLOWED_CAPABILITY = 'NET_BIND_SERVICE';

/** The seccomp profile types the restricted Pod Security Standard accepts. */
const CONFINED_SECCOMP = ['RuntimeDefault', 'Localhost'];

/**
 * Where each kind of object holds its pod template, and the API groups it is served from
 * (`''` is the core group, `apiVersion: v1`). Other kinds, and these kinds of other groups
 * (a custom resource called `Deployment`), are not read.
 */
const POD_SPECS = new Map<string, { readonly groups: string[]; readonly path: string[] }>([
  ['Pod', { groups: [''], path: ['spec'] }],
  ['PodTemplate', { groups: [''], path: ['template', 'spec'] }],
  ['ReplicationController', { groups: [''], path: ['spec', 'template', 'spec'] }],
  ['Deployment', { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] }],
  ['StatefulSet', { groups: ['apps'], path: ['spec', 'template', 'spec'] }],
  ['DaemonSet', { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] }],
  ['ReplicaSet', { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] }],
  ['Job', { groups: ['batch'], path: ['spec', 'template', 'spec'] }],
  ['CronJob', { groups: ['batch'], path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] }],
]);

/** The three lists of containers of a pod spec, and how a finding names a container of each. */
const CONTAINER_LISTS: ReadonlyArray<readonly [field: string, noun: string]> = [
  ['containers', 'container'],
  ['initContainers', 'init container'],
  ['ephemeralContainers', 'ephemeral container'],
];

/**
 * The rules of {@link EksWorkloadChecks}: the Kubernetes objects a workload runs, held to the
 * restricted Pod Security Standard and to requests and limits on every container.
 */
export enum EksWorkloadRule {
  /** A container runs privileged (`securityContext.privileged: true`, or a Windows HostProcess container). */
  PRIVILEGED_CONTAINER = 'CdkContainers-EKS4',
  /** A container may gain more privileges than its process has (`allowPrivilegeEscalation` not `false`). */
  PRIVILEGE_ESCALATION = 'CdkContainers-EKS5',
  /** A pod shares a namespace of its node (`hostNetwork`, `hostPID` or `hostIPC`). */
  HOST_NAMESPACES = 'CdkContainers-EKS6',
  /** A container may run as root (`runAsNonRoot` not `true` on the container or the pod, or `runAsUser: 0`). */
  RUNS_AS_ROOT = 'CdkContainers-EKS7',
  /** A container has no CPU or memory limit, or no CPU or memory request (ephemeral containers, which Kubernetes gives none, excepted). */
  RESOURCE_LIMITS = 'CdkContainers-EKS8',
  /** A container adds a Linux capability other than `NET_BIND_SERVICE`, or does not drop `ALL`. */
  CAPABILITIES = 'CdkContainers-EKS9',
  /** A pod mounts a directory of its node (a `hostPath` volume). */
  HOST_PATH_VOLUME = 'CdkContainers-EKS10',
  /** A container's root filesystem is writable (`readOnlyRootFilesystem` not `true`). */
  WRITABLE_ROOT_FILESYSTEM = 'CdkContainers-EKS11',
  /** A Namespace enforces a Pod Security Standard weaker than `restricted`, or none (`pod-security.kubernetes.io/enforce`). */
  NAMESPACE_POD_SECURITY = 'CdkContainers-EKS12',
  /** A container runs without a seccomp profile (`seccompProfile.type` neither `RuntimeDefault` nor `Localhost`, on the container or the pod). */
  SECCOMP_PROFILE = 'CdkContainers-EKS13',
  /** A container binds a port of its node (`ports[].hostPort`). */
  HOST_PORTS = 'CdkContainers-EKS14',
}

/** One finding: the rule, the object (and container) it is about, and what is wrong. */
interface Finding {
  readonly rule: EksWorkloadRule;
  readonly where: string;
  readonly message: string;
}

/**
 * The library's checks of the Kubernetes objects your app runs on EKS, which no CloudFormation
 * tool sees (cdk-nag and the Control Tower rules read templates; the objects are manifests).
 *
 * Visits every construct that renders Kubernetes objects (`EksWorkload`, `EksNamespace`) and reads
 * the objects as they are written, escape-hatch changes included (`workload.chart`,
 * `ApiObject.of(...).addJsonPatch(...)`, objects you add to the chart). Each pod template
 * (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod,
 * PodTemplate) is held to the restricted Pod Security Standard, every container, init container
 * and ephemeral container included; each Namespace must enforce `restricted`. Every finding is an
 * error annotation on the construct, naming the rule id, the object (`kind/namespace/name`) and
 * the container, which fails `cdk synth`/`cdk deploy`:
 *
 * - `CdkContainers-EKS4`: a privileged container (or a Windows HostProcess container);
 * - `CdkContainers-EKS5`: privilege escalation not turned off (`allowPrivilegeEscalation: false`);
 * - `CdkContainers-EKS6`: the host's network, PID or IPC namespace;
 * - `CdkContainers-EKS7`: root (`runAsNonRoot` not true, or `runAsUser: 0`);
 * - `CdkContainers-EKS8`: a missing CPU or memory limit or request;
 * - `CdkContainers-EKS9`: capabilities added beyond `NET_BIND_SERVICE`, or `ALL` not dropped;
 * - `CdkContainers-EKS10`: a `hostPath` volume;
 * - `CdkContainers-EKS11`: a writable root filesystem;
 * - `CdkContainers-EKS12`: a Namespace enforcing a standard weaker than `restricted`, or none;
 * - `CdkContainers-EKS13`: no seccomp profile (`RuntimeDefault` or `Localhost`);
 * - `CdkContainers-EKS14`: a host port.
 *
 * Windows pods (`spec.os.name: windows`) are not held to EKS5, EKS9, EKS11 and EKS13: Kubernetes
 * refuses those fields on them. Values that are unresolved tokens are not judged.
 *
 * The library's own objects meet every rule by default. Acknowledge a finding in code, with a
 * reason, on the workload (or namespace) or any of its parents:
 * `EksWorkloadChecks.acknowledge(workload, EksWorkloadRule.HOST_NAMESPACES, 'why')` or
 * `Validations.of(workload).acknowledge({ id: 'CdkContainers-EKS6', reason })`. An acknowledged
 * finding becomes an info annotation that keeps the reason; it covers the constructs at and below
 * the scope only. `ContainersCompliance.addChecks(app)` adds these checks; to add them alone:
 * `Aspects.of(app).add(new EksWorkloadChecks(), { priority: AspectPriority.READONLY })`.
 */
export class EksWorkloadChecks implements IAspect {
  /**
   * Acknowledges a rule for every construct at or below `scope` that renders Kubernetes objects.
   *
   * @param scope the workload or namespace (or a parent: stack, app)
   * @param rule the rule id, e.g. `CdkContainers-EKS6`
   * @param reason why the finding is acceptable (required, at least 10 characters, shown in the synth output)
   */
  public static acknowledge(scope: IConstruct, rule: EksWorkloadRule, reason: string): void {
    recordAcknowledgement(scope, Object.values(EksWorkloadRule), rule, reason);
  }

  /**
   * Checks the Kubernetes objects of `node`, if it renders any.
   *
   * @param node the construct the aspect is visiting
   */
  public visit(node: IConstruct): void {
    let objects: KubernetesObjectJson[] | undefined;
    try {
      objects = kubernetesObjectsOf(node);
    } catch (error) {
      // The objects cannot be rendered (cdk8s's own validation failed): the construct's validation reports why.
      Annotations.of(node).addWarningV2('cdk-containers:eks-workload-checks-skipped',
        `EksWorkloadChecks could not read the Kubernetes objects of this construct (${(error as Error).message}); review them by hand.`);
      return;
    }
    if (objects === undefined) return;
    const findings = objects.flatMap((object) => checkObject(object));
    const acknowledged = acknowledgementsOf(node, Object.values(EksWorkloadRule));
    for (const finding of findings) {
      const reason = acknowledged.get(finding.rule);
      if (reason !== undefined) {
        Annotations.of(node).addInfo(`[${finding.rule}] acknowledged (${finding.where}): ${reason}`);
      } else {
        Annotations.of(node).addError(`[${finding.rule}] ${finding.where}: ${finding.message}`);
      }
    }
  }
}

/** The findings of one rendered object: a Namespace, or an object that holds a pod template. */
function checkObject(object: KubernetesObjectJson): Finding[] {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  const metadata = asRecord(object.metadata);
  const name = [kind, metadata.namespace, metadata.name].filter((part) => typeof part === 'string' && part.length > 0).join('/');
  if (kind === 'Namespace' && group === '') return checkNamespace(name, asRecord(metadata.labels));
  const pod = POD_SPECS.get(kind);
  if (pod === undefined || !pod.groups.includes(group)) return [];
  const spec = pod.path.reduce<Record<string, unknown>>((value, key) => asRecord(value[key]), object);
  return checkPod(name, spec);
}

function checkNamespace(name: string, labels: Record<string, unknown>): Finding[] {
  const enforce = labels[ENFORCE_LABEL];
  if (enforce === 'restricted' || Token.isUnresolved(enforce)) return [];
  const message = enforce === undefined
    ? `no Pod Security Standard is enforced (no ${ENFORCE_LABEL} label), so the cluster's default applies, which on EKS is privileged: any pod is admitted.`
    : `the Pod Security Standard enforced is ${JSON.stringify(enforce)}, weaker than restricted: pods that run as root or keep capabilities are admitted.`;
  return [{
    rule: EksWorkloadRule.NAMESPACE_POD_SECURITY, where: name,
    message: `${message} Enforce restricted (EksNamespace's podSecurity: PodSecurityStandard.RESTRICTED, the default).`,
  }];
}

function checkPod(name: string, spec: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const windows = asRecord(spec.os).name === 'windows';
  const hostNamespaces = ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => spec[field] === true);
  if (hostNamespaces.length > 0) {
    findings.push({
      rule: EksWorkloadRule.HOST_NAMESPACES, where: name,
      message: `the pod shares its node's namespaces (${hostNamespaces.map((f) => `${f}: true`).join(', ')}): it sees the node's network, processes or shared memory, and every other pod's. Remove them.`,
    });
  }

  const containers = CONTAINER_LISTS.flatMap(([field, noun]) => asArray(spec[field]).map((c) => ({ noun, container: asRecord(c) })));
  for (const volume of asArray(spec.volumes).map(asRecord)) {
    if (volume.hostPath === undefined) continue;
    const mountedBy = containers
      .filter(({ container }) => asArray(container.volumeMounts).some((m) => asRecord(m).name === volume.name))
      .map(({ noun, container }) => `${noun} ${String(container.name)}`);
    findings.push({
      rule: EksWorkloadRule.HOST_PATH_VOLUME, where: `${name}, volume ${String(volume.name)}`,
      message: `mounts the node's ${JSON.stringify(asRecord(volume.hostPath).path)} (hostPath), ${mountedBy.length > 0 ? `in ${mountedBy.join(', ')}` : 'mounted by no container'}: a container can read or change the node's files. Use an emptyDir, a ConfigMap, a Secret or a persistent volume claim.`,
    });
  }

  const podContext = asRecord(spec.securityContext);
  for (const { noun, container } of containers) {
    const where = `${name}, ${noun} ${String(container.name)}`;
    const context = asRecord(container.securityContext);
    const add = (rule: EksWorkloadRule, message: string) => findings.push({ rule, where, message });

    if (context.privileged === true) {
      add(EksWorkloadRule.PRIVILEGED_CONTAINER, 'runs privileged (securityContext.privileged: true): it has every capability and the node\'s devices, as root on the node. Remove privileged.');
    }
    if ((asRecord(context.windowsOptions).hostProcess ?? asRecord(podContext.windowsOptions).hostProcess) === true) {
      add(EksWorkloadRule.PRIVILEGED_CONTAINER, 'runs as a Windows HostProcess container (windowsOptions.hostProcess: true), with the node\'s privileges. Remove hostProcess.');
    }
    const escalation = context.allowPrivilegeEscalation;
    if (!windows && escalation !== false && !Token.isUnresolved(escalation)) {
      add(EksWorkloadRule.PRIVILEGE_ESCALATION, `allowPrivilegeEscalation is ${escalation === undefined ? 'not set, so Kubernetes allows it' : JSON.stringify(escalation)}: a setuid binary can gain more privileges than the process has. Set securityContext.allowPrivilegeEscalation: false.`);
    }
    const nonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    const user = context.runAsUser ?? podContext.runAsUser;
    const root = [
      ...(user === 0 ? ['runs as user 0 (runAsUser: 0)'] : []),
      ...(nonRoot !== true && !Token.isUnresolved(nonRoot) ? [`runAsNonRoot is ${nonRoot === undefined ? 'not set on the container or the pod' : JSON.stringify(nonRoot)}`] : []),
    ];
    if (root.length > 0) {
      add(EksWorkloadRule.RUNS_AS_ROOT, `may run as root: ${root.join('; ')}. Set securityContext.runAsNonRoot: true (on the pod or the container) and a non-zero runAsUser.`);
    }
    if (noun !== 'ephemeral container') {
      const resources = asRecord(container.resources);
      const missing = (['limits', 'requests'] as const).flatMap((kind) => (['cpu', 'memory'] as const)
        .filter((resource) => !present(asRecord(resources[kind])[resource])).map((resource) => `${resource} ${kind === 'limits' ? 'limit' : 'request'}`));
      if (missing.length > 0) {
        add(EksWorkloadRule.RESOURCE_LIMITS, `has no ${missing.join(', ')}: without limits one container can starve its node's other pods; without requests the scheduler places it blind. Set resources.requests and resources.limits for cpu and memory.`);
      }
    }
    const capabilities = context.capabilities;
    if (!windows && !Token.isUnresolved(capabilities)) {
      const added = asArray(asRecord(capabilities).add).filter((c) => c !== ALLOWED_CAPABILITY && !Token.isUnresolved(c));
      const dropsAll = asArray(asRecord(capabilities).drop).includes('ALL') || Token.isUnresolved(asRecord(capabilities).drop);
      const problems = [
        ...(added.length > 0 ? [`adds ${added.map((c) => String(c)).join(', ')}`] : []),
        ...(dropsAll ? [] : ['does not drop ALL']),
      ];
      if (problems.length > 0) {
        add(EksWorkloadRule.CAPABILITIES, `${problems.join(' and ')} (securityContext.capabilities): the process keeps Linux capabilities it should not have. Drop ALL and add at most ${ALLOWED_CAPABILITY}.`);
      }
    }
    const readOnlyRoot = context.readOnlyRootFilesystem;
    if (!windows && readOnlyRoot !== true && !Token.isUnresolved(readOnlyRoot)) {
      add(EksWorkloadRule.WRITABLE_ROOT_FILESYSTEM, `has a writable root filesystem (readOnlyRootFilesystem ${readOnlyRoot === undefined ? 'not set' : `is ${JSON.stringify(readOnlyRoot)}`}): anything that gets in can change the image's files. Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes.`);
    }
    const seccomp = asRecord(context.seccompProfile).type ?? asRecord(podContext.seccompProfile).type;
    if (!windows && !CONFINED_SECCOMP.includes(seccomp as string) && !Token.isUnresolved(seccomp)) {
      add(EksWorkloadRule.SECCOMP_PROFILE, `runs ${seccomp === undefined ? 'without a seccomp profile' : `with seccomp profile ${JSON.stringify(seccomp)}`}: every system call is open to it. Set securityContext.seccompProfile.type: RuntimeDefault (on the pod or the container).`);
    }
    const hostPorts = asArray(container.ports).map((p) => asRecord(p).hostPort).filter((p) => p !== undefined && p !== 0);
    if (hostPorts.length > 0) {
      add(EksWorkloadRule.HOST_PORTS, `binds port ${hostPorts.map((p) => String(p)).join(', ')} of its node (hostPort): it bypasses network policies and limits the pod to one per node. Reach it through a Service instead.`);
    }
  }
  return findings;
}

/** A resource quantity that is set (a token counts: it is resolved where the manifest is applied). */
function present(value: unknown): boolean {
  return (typeof value === 'string' && value.length > 0) || typeof value === 'number' || Token.isUnresolved(value);
}


function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
