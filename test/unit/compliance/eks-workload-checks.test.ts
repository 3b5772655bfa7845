import { App, AspectPriority, Aspects, Lazy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ApiObject, JsonPatch } from 'cdk8s';
import { ContainersCompliance, EksClusterRule, EksWorkloadChecks, EksWorkloadRule } from '../../../lib/compliance';
import { ValidationError } from '../../../lib/errors';
import { EksCluster, EksNamespace, EksWorkload, IEksNamespace, PodSecurityStandard, WorkloadImage } from '../../../lib/eks';
import { assemblyManifests } from '../../support/kubernetes';
import { thrownBy } from '../../support/thrown';

/** The ids of EksWorkloadChecks' rules, at the start of an annotation (as test/support/compliance.ts's OWN_RULE reads them). */
const WORKLOAD_RULE = '^\\[CdkContainers-EKS([4-9]|1[0-4])\\] ';
const POD = '/spec/template/spec';

interface Checked {
  readonly app: App;
  readonly stack: Stack;
  readonly cluster: EksCluster;
  readonly shop: EksNamespace;
}

/** A stack `Test` with an Auto Mode cluster `Platform` and the namespace `shop`, checked by EksWorkloadChecks (or the whole gate). */
function checked(gate: 'aspect' | 'addChecks' = 'aspect'): Checked {
  const app = new App();
  const stack = new Stack(app, 'Test');
  if (gate === 'aspect') Aspects.of(app).add(new EksWorkloadChecks(), { priority: AspectPriority.READONLY });
  else ContainersCompliance.addChecks(app);
  const cluster = new EksCluster(stack, 'Platform');
  return { app, stack, cluster, shop: new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' }) };
}

/** A workload with the library's defaults and two containers: `web` (port 8080) and the sidecar `otel`. */
function workload(stack: Stack, namespace: IEksNamespace, id: string, workloadName: string): EksWorkload {
  return new EksWorkload(stack, id, {
    kubernetesNamespace: namespace,
    workloadName,
    containers: [
      { name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), ports: [{ containerPort: 8080 }] },
      { name: 'otel', image: WorkloadImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1') },
    ],
  });
}

/** The Deployment of a workload, for the escape hatch. */
function deployment(w: EksWorkload): ApiObject {
  return ApiObject.of(w.chart.node.findChild('Deployment'));
}

interface Messages {
  /** Error annotations of the workload rules, by construct path. */
  readonly errors: Record<string, string[]>;
  /** Info annotations of the workload rules, by construct path. */
  readonly infos: Record<string, string[]>;
}

/** Synthesizes the app and reads the workload rules' annotations. */
function messagesOf(stack: Stack): Messages {
  const annotations = Annotations.fromStack(stack);
  const byPath = (found: ReturnType<Annotations['findError']>) => {
    const result: Record<string, string[]> = {};
    for (const m of found) (result[m.id] ??= []).push(String(m.entry.data));
    return result;
  };
  return {
    errors: byPath(annotations.findError('*', Match.stringLikeRegexp(WORKLOAD_RULE))),
    infos: byPath(annotations.findInfo('*', Match.stringLikeRegexp(WORKLOAD_RULE))),
  };
}

describe('EksWorkloadChecks on the library defaults', () => {
  test('an EksWorkload with two containers and an EksNamespace give no finding', () => {
    // GIVEN
    const { stack, shop } = checked();
    // WHEN
    workload(stack, shop, 'Web', 'web');
    // THEN
    expect(messagesOf(stack)).toEqual({ errors: {}, infos: {} });
  });

  test('ContainersCompliance.addChecks: the defaults give no error annotation at all', () => {
    const { stack, shop } = checked('addChecks');
    workload(stack, shop, 'Web', 'web');
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('a workload in an existing namespace is checked too (nothing rendered for the namespace)', () => {
    const { stack, cluster } = checked();
    const w = workload(stack, EksNamespace.fromNamespaceName(cluster, 'default'), 'Web', 'web');
    deployment(w).addJsonPatch(JsonPatch.add(`${POD}/hostIpc`, true));
    expect(messagesOf(stack).errors).toEqual({ '/Test/Web': [expect.stringMatching(/^\[CdkContainers-EKS6\] Deployment\/default\/web: .*hostIPC: true/)] });
  });

  test('objects cdk8s cannot render are not judged: a warning says to review them (the construct\'s own validation fails the synth)', () => {
    const { stack, shop } = checked();
    const w = workload(stack, shop, 'Web', 'web');
    w.chart.node.addValidation({ validate: () => ['a broken object'] });
    // WHEN the aspect visits the workload (a synth would stop at the workload's validation error)
    new EksWorkloadChecks().visit(w);
    // THEN
    expect(w.node.metadata.map((m) => [m.type, String(m.data)])).toEqual([
      ['aws:cdk:warning', expect.stringMatching(/^EksWorkloadChecks could not read the Kubernetes objects of this construct \(.*a broken object.*\); review them by hand\. \[ack: cdk-containers:eks-workload-checks-skipped\]$/s)],
    ]);
  });

  test('the checks read the objects as written: a patch cdk8s would drop from the manifest fails the synth instead (KubernetesManifests), and no rule reports it', () => {
    // cdk8s's typed objects map their fields again after the patches: hostIPC is written from cdk8s's
    // hostIpc, so a patch of the Kubernetes name would be lost; the workload's own check refuses it.
    const { stack, shop } = checked();
    const w = workload(stack, shop, 'Web', 'web');
    deployment(w).addJsonPatch(JsonPatch.add(`${POD}/hostIPC`, true));
    const error = thrownBy(() => assemblyManifests(stack));
    expect(String(error)).toContain('Deployment "shop/web" spec.template.spec.hostIPC: got true; allowed: a field cdk8s\'s KubeDeployment knows');
    expect(String(error)).not.toContain('CdkContainers-EKS');
  });
});

/**
 * One case per rule: the patch the escape hatch makes on a workload's Deployment, and the findings it
 * gives (each an error on the workload naming the rule, the object and the container).
 */
const CASES: Array<[string, EksWorkloadRule, (d: ApiObject) => void, RegExp[]]> = [
  ['a privileged container', EksWorkloadRule.PRIVILEGED_CONTAINER,
    (d) => d.addJsonPatch(JsonPatch.replace(`${POD}/containers/1/securityContext/privileged`, true)),
    [/^\[CdkContainers-EKS4\] Deployment\/shop\/NAME, container otel: runs privileged \(securityContext\.privileged: true\)/]],
  ['allowPrivilegeEscalation left unset', EksWorkloadRule.PRIVILEGE_ESCALATION,
    (d) => d.addJsonPatch(JsonPatch.remove(`${POD}/containers/0/securityContext/allowPrivilegeEscalation`)),
    [/^\[CdkContainers-EKS5\] Deployment\/shop\/NAME, container web: allowPrivilegeEscalation is not set, so Kubernetes allows it/]],
  ['the host network and PID namespaces', EksWorkloadRule.HOST_NAMESPACES,
    // cdk8s's name of hostPID (its typed objects write hostPID from hostPid).
    (d) => d.addJsonPatch(JsonPatch.add(`${POD}/hostNetwork`, true), JsonPatch.add(`${POD}/hostPid`, true)),
    [/^\[CdkContainers-EKS6\] Deployment\/shop\/NAME: the pod shares its node's namespaces \(hostNetwork: true, hostPID: true\)/]],
  ['runAsUser 0 on the pod (both containers inherit it)', EksWorkloadRule.RUNS_AS_ROOT,
    (d) => d.addJsonPatch(JsonPatch.add(`${POD}/securityContext/runAsUser`, 0)),
    [/^\[CdkContainers-EKS7\] Deployment\/shop\/NAME, container web: may run as root: runs as user 0/,
      /^\[CdkContainers-EKS7\] Deployment\/shop\/NAME, container otel: may run as root: runs as user 0/]],
  ['runAsNonRoot false on a container (over the pod\'s true)', EksWorkloadRule.RUNS_AS_ROOT,
    (d) => d.addJsonPatch(JsonPatch.replace(`${POD}/containers/1/securityContext/runAsNonRoot`, false)),
    [/^\[CdkContainers-EKS7\] Deployment\/shop\/NAME, container otel: may run as root: runAsNonRoot is false/]],
  ['no limits on a container', EksWorkloadRule.RESOURCE_LIMITS,
    (d) => d.addJsonPatch(JsonPatch.remove(`${POD}/containers/1/resources/limits`)),
    [/^\[CdkContainers-EKS8\] Deployment\/shop\/NAME, container otel: has no cpu limit, memory limit:/]],
  ['no memory request', EksWorkloadRule.RESOURCE_LIMITS,
    (d) => d.addJsonPatch(JsonPatch.remove(`${POD}/containers/0/resources/requests/memory`)),
    [/^\[CdkContainers-EKS8\] Deployment\/shop\/NAME, container web: has no memory request:/]],
  ['an added capability beyond NET_BIND_SERVICE', EksWorkloadRule.CAPABILITIES,
    (d) => d.addJsonPatch(JsonPatch.add(`${POD}/containers/0/securityContext/capabilities/add`, ['NET_BIND_SERVICE', 'SYS_ADMIN'])),
    [/^\[CdkContainers-EKS9\] Deployment\/shop\/NAME, container web: adds SYS_ADMIN \(securityContext\.capabilities\)/]],
  ['capabilities not all dropped', EksWorkloadRule.CAPABILITIES,
    (d) => d.addJsonPatch(JsonPatch.replace(`${POD}/containers/1/securityContext/capabilities/drop`, ['NET_RAW'])),
    [/^\[CdkContainers-EKS9\] Deployment\/shop\/NAME, container otel: does not drop ALL/]],
  ['a hostPath volume', EksWorkloadRule.HOST_PATH_VOLUME,
    (d) => d.addJsonPatch(
      JsonPatch.add(`${POD}/volumes`, [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }]),
      JsonPatch.add(`${POD}/containers/1/volumeMounts`, [{ name: 'docker', mountPath: '/var/run/docker.sock' }])),
    [/^\[CdkContainers-EKS10\] Deployment\/shop\/NAME, volume docker: mounts the node's "\/var\/run\/docker\.sock" \(hostPath\), in container otel/]],
  ['a writable root filesystem', EksWorkloadRule.WRITABLE_ROOT_FILESYSTEM,
    (d) => d.addJsonPatch(JsonPatch.replace(`${POD}/containers/1/securityContext/readOnlyRootFilesystem`, false)),
    [/^\[CdkContainers-EKS11\] Deployment\/shop\/NAME, container otel: has a writable root filesystem \(readOnlyRootFilesystem is false\)/]],
  ['no seccomp profile on the pod (both containers)', EksWorkloadRule.SECCOMP_PROFILE,
    (d) => d.addJsonPatch(JsonPatch.remove(`${POD}/securityContext/seccompProfile`)),
    [/^\[CdkContainers-EKS13\] Deployment\/shop\/NAME, container web: runs without a seccomp profile/,
      /^\[CdkContainers-EKS13\] Deployment\/shop\/NAME, container otel: runs without a seccomp profile/]],
  ['an Unconfined seccomp profile on a container (over the pod\'s RuntimeDefault)', EksWorkloadRule.SECCOMP_PROFILE,
    (d) => d.addJsonPatch(JsonPatch.add(`${POD}/containers/0/securityContext/seccompProfile`, { type: 'Unconfined' })),
    [/^\[CdkContainers-EKS13\] Deployment\/shop\/NAME, container web: runs with seccomp profile "Unconfined"/]],
  ['a host port', EksWorkloadRule.HOST_PORTS,
    (d) => d.addJsonPatch(JsonPatch.add(`${POD}/containers/0/ports/0/hostPort`, 8080)),
    [/^\[CdkContainers-EKS14\] Deployment\/shop\/NAME, container web: binds port 8080 of its node \(hostPort\)/]],
];

const named = (patterns: RegExp[], name: string) => patterns.map((p) => expect.stringMatching(new RegExp(p.source.replace('NAME', name))));

describe.each(CASES)('EksWorkloadChecks: %s', (_name, rule, patch, expected) => {
  let messages: Messages;

  beforeAll(() => {
    // GIVEN two workloads changed the same way through the escape hatch
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    const api = workload(stack, shop, 'Api', 'api');
    patch(deployment(web));
    patch(deployment(api));
    // WHEN the finding is acknowledged on one of them
    EksWorkloadChecks.acknowledge(web, rule, 'reviewed with the security team, ticket SEC-42');
    messages = messagesOf(stack);
  });

  test('the other workload fails the synth: an error naming the rule, the object and the container', () => {
    expect(messages.errors).toEqual({ '/Test/Api': named(expected, 'api') });
  });

  test('the acknowledged workload has an info with the reason instead, and no error', () => {
    expect(messages.errors['/Test/Web']).toBeUndefined();
    expect(messages.infos['/Test/Web']).toEqual(expected.map(() => expect.stringMatching(
      new RegExp(`^\\[${rule}\\] acknowledged \\(Deployment/shop/web(, [^)]+)?\\): reviewed with the security team, ticket SEC-42$`))));
  });
});

describe('EksWorkloadChecks on init and ephemeral containers', () => {
  test('an init container added through the escape hatch is held to every rule (the pod\'s non-root and seccomp settings cover it)', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    deployment(web).addJsonPatch(JsonPatch.add(`${POD}/initContainers`, [{ name: 'migrate', image: 'public.ecr.aws/docker/library/busybox:1.36' }]));
    expect(messagesOf(stack).errors['/Test/Web']).toEqual([
      expect.stringMatching(/^\[CdkContainers-EKS5\] Deployment\/shop\/web, init container migrate: /),
      expect.stringMatching(/^\[CdkContainers-EKS8\] Deployment\/shop\/web, init container migrate: has no cpu limit, memory limit, cpu request, memory request:/),
      expect.stringMatching(/^\[CdkContainers-EKS9\] Deployment\/shop\/web, init container migrate: does not drop ALL/),
      expect.stringMatching(/^\[CdkContainers-EKS11\] Deployment\/shop\/web, init container migrate: has a writable root filesystem \(readOnlyRootFilesystem not set\)/),
    ]);
  });

  test('an ephemeral container is held to every rule but requests and limits, which Kubernetes refuses on it', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    deployment(web).addJsonPatch(JsonPatch.add(`${POD}/ephemeralContainers`, [{
      name: 'debug', image: 'public.ecr.aws/docker/library/busybox:1.36', securityContext: { privileged: true, runAsUser: 0 },
    }]));
    expect(messagesOf(stack).errors['/Test/Web']).toEqual([
      expect.stringMatching(/^\[CdkContainers-EKS4\] Deployment\/shop\/web, ephemeral container debug: runs privileged/),
      expect.stringMatching(/^\[CdkContainers-EKS5\] Deployment\/shop\/web, ephemeral container debug: /),
      expect.stringMatching(/^\[CdkContainers-EKS7\] Deployment\/shop\/web, ephemeral container debug: may run as root: runs as user 0/),
      expect.stringMatching(/^\[CdkContainers-EKS9\] Deployment\/shop\/web, ephemeral container debug: /),
      expect.stringMatching(/^\[CdkContainers-EKS11\] Deployment\/shop\/web, ephemeral container debug: /),
    ]);
  });
});

/** A container that meets every rule by itself (no pod-level settings needed). */
const HARDENED = {
  name: 'job',
  image: 'public.ecr.aws/docker/library/busybox:1.36',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  securityContext: {
    allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
  },
};
/** The selector the API requires of the workload kinds (and the template labels it matches). */
const SELECTOR = { matchLabels: { app: 'extra' } };
const hostNetworkPod = (container: Record<string, unknown> = HARDENED) => ({ hostNetwork: true, containers: [container] });

describe('EksWorkloadChecks on every kind of object that holds a pod template', () => {
  test.each([
    ['Pod', 'v1', { spec: hostNetworkPod() }],
    ['PodTemplate', 'v1', { template: { spec: hostNetworkPod() } }],
    ['ReplicationController', 'v1', { spec: { template: { spec: hostNetworkPod() } } }],
    ['Deployment', 'apps/v1', { spec: { selector: SELECTOR, template: { metadata: { labels: { app: 'extra' } }, spec: hostNetworkPod() } } }],
    ['StatefulSet', 'apps/v1', { spec: { selector: SELECTOR, serviceName: 'extra', template: { metadata: { labels: { app: 'extra' } }, spec: hostNetworkPod() } } }],
    ['DaemonSet', 'apps/v1', { spec: { selector: SELECTOR, template: { metadata: { labels: { app: 'extra' } }, spec: hostNetworkPod() } } }],
    ['ReplicaSet', 'apps/v1', { spec: { selector: SELECTOR, template: { metadata: { labels: { app: 'extra' } }, spec: hostNetworkPod() } } }],
    ['Job', 'batch/v1', { spec: { template: { spec: hostNetworkPod() } } }],
    ['CronJob', 'batch/v1', { spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: hostNetworkPod() } } } } }],
  ])('a %s added to the workload\'s chart is checked', (kind, apiVersion, body) => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    new ApiObject(web.chart, 'Extra', { apiVersion, kind, metadata: { name: 'extra', namespace: 'shop' }, ...body });
    expect(messagesOf(stack).errors).toEqual({ '/Test/Web': [expect.stringMatching(new RegExp(`^\\[CdkContainers-EKS6\\] ${kind}/shop/extra: the pod shares its node's namespaces \\(hostNetwork: true\\)`))] });
  });

  test('each container of such an object is named, and an object without a namespace is named kind/name', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    new ApiObject(web.chart, 'Report', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { containers: [HARDENED, { ...HARDENED, name: 'upload', securityContext: { ...HARDENED.securityContext, privileged: true } }] } } } } },
    });
    expect(messagesOf(stack).errors).toEqual({ '/Test/Web': [expect.stringMatching(/^\[CdkContainers-EKS4\] CronJob\/report, container upload: runs privileged/)] });
  });

  test('a kind of another API group (a custom resource named Deployment) is not read', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    new ApiObject(web.chart, 'Custom', { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'custom' }, spec: { template: { spec: hostNetworkPod() } } });
    expect(messagesOf(stack).errors).toEqual({});
  });

  test('a Windows pod is not asked for fields Kubernetes refuses on it, but a HostProcess container is privileged', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    const windows = { name: 'win', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022', resources: HARDENED.resources, securityContext: { runAsNonRoot: true } };
    new ApiObject(web.chart, 'Windows', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'win', namespace: 'shop' }, spec: { os: { name: 'windows' }, containers: [windows] } });
    new ApiObject(web.chart, 'Host', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'host', namespace: 'shop' },
      spec: { os: { name: 'windows' }, securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ ...windows, name: 'agent' }] },
    });
    expect(messagesOf(stack).errors).toEqual({ '/Test/Web': [expect.stringMatching(/^\[CdkContainers-EKS4\] Pod\/shop\/host, container agent: runs as a Windows HostProcess container/)] });
  });

  test('a Linux pod with the same container fails the rules a Windows pod is spared', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    const container = { name: 'app', image: 'public.ecr.aws/docker/library/busybox:1.36', resources: HARDENED.resources, securityContext: { runAsNonRoot: true } };
    new ApiObject(web.chart, 'Linux', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'linux', namespace: 'shop' }, spec: { containers: [container] } });
    expect(messagesOf(stack).errors['/Test/Web']!.map((m) => m.slice(0, m.indexOf(']') + 1))).toEqual([
      '[CdkContainers-EKS5]', '[CdkContainers-EKS9]', '[CdkContainers-EKS11]', '[CdkContainers-EKS13]',
    ]);
  });
});

describe('EksWorkloadChecks on namespaces', () => {
  test('an EksNamespace enforcing baseline fails; an acknowledgement on it turns that into an info', () => {
    const { stack, cluster } = checked();
    new EksNamespace(stack, 'Ops', { cluster, namespaceName: 'ops', podSecurity: PodSecurityStandard.BASELINE });
    const legacy = new EksNamespace(stack, 'Legacy', { cluster, namespaceName: 'legacy', podSecurity: PodSecurityStandard.PRIVILEGED });
    EksWorkloadChecks.acknowledge(legacy, EksWorkloadRule.NAMESPACE_POD_SECURITY, 'the legacy agents need host access until Q3');
    const messages = messagesOf(stack);
    expect(messages.errors).toEqual({
      '/Test/Ops': [expect.stringMatching(/^\[CdkContainers-EKS12\] Namespace\/ops: the Pod Security Standard enforced is "baseline", weaker than restricted/)],
    });
    expect(messages.infos).toEqual({
      '/Test/Legacy': ['[CdkContainers-EKS12] acknowledged (Namespace/legacy): the legacy agents need host access until Q3'],
    });
  });

  test('a Namespace without the enforce label fails; one whose label is a token is not judged', () => {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    new ApiObject(web.chart, 'Bare', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } });
    new ApiObject(web.chart, 'Late', {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: 'late', labels: { 'pod-security.kubernetes.io/enforce': Lazy.string({ produce: () => 'restricted' }) } },
    });
    expect(messagesOf(stack).errors).toEqual({
      '/Test/Web': [expect.stringMatching(/^\[CdkContainers-EKS12\] Namespace\/bare: no Pod Security Standard is enforced \(no pod-security\.kubernetes\.io\/enforce label\)/)],
    });
  });
});

describe('EksWorkloadChecks acknowledgements', () => {
  function hostNetworkWorkloads(): { stack: Stack; web: EksWorkload; api: EksWorkload } {
    const { stack, shop } = checked();
    const web = workload(stack, shop, 'Web', 'web');
    const api = workload(stack, shop, 'Api', 'api');
    for (const w of [web, api]) deployment(w).addJsonPatch(JsonPatch.add(`${POD}/hostNetwork`, true), JsonPatch.remove(`${POD}/containers/0/resources/limits`));
    return { stack, web, api };
  }

  test('an acknowledgement covers its rule only: another finding of the same workload still fails', () => {
    const { stack, web } = hostNetworkWorkloads();
    EksWorkloadChecks.acknowledge(web, EksWorkloadRule.HOST_NAMESPACES, 'the CNI agent needs the node network');
    expect(messagesOf(stack).errors['/Test/Web']).toEqual([expect.stringMatching(/^\[CdkContainers-EKS8\] Deployment\/shop\/web, container web:/)]);
  });

  test('an acknowledgement on a parent (the stack) covers every workload below it', () => {
    const { stack } = hostNetworkWorkloads();
    EksWorkloadChecks.acknowledge(stack, EksWorkloadRule.HOST_NAMESPACES, 'the node agents of this stack need it');
    EksWorkloadChecks.acknowledge(stack, EksWorkloadRule.RESOURCE_LIMITS, 'the agents are sized by the node');
    const messages = messagesOf(stack);
    expect(messages.errors).toEqual({});
    expect(Object.keys(messages.infos).sort()).toEqual(['/Test/Api', '/Test/Web']);
  });

  test('Validations.of(scope).acknowledge is honoured too, on that workload only', () => {
    const { stack, web } = hostNetworkWorkloads();
    Validations.of(web).acknowledge({ id: 'CdkContainers-EKS6', reason: 'the CNI agent needs the node network' });
    const messages = messagesOf(stack);
    expect(messages.errors['/Test/Web']).toEqual([expect.stringMatching(/^\[CdkContainers-EKS8\]/)]);
    expect(messages.errors['/Test/Api']).toEqual([expect.stringMatching(/^\[CdkContainers-EKS6\]/), expect.stringMatching(/^\[CdkContainers-EKS8\]/)]);
    expect(messages.infos['/Test/Web']).toEqual(['[CdkContainers-EKS6] acknowledged (Deployment/shop/web): the CNI agent needs the node network']);
  });

  test('EksClusterChecks\' acknowledgements do not cover workload rules (CdkContainers-EKS1 is not EKS10 to EKS14)', () => {
    const { stack, web } = hostNetworkWorkloads();
    Validations.of(web).acknowledge({ id: 'CdkContainers-EKS1', reason: 'a cluster rule, not a workload one' });
    expect(messagesOf(stack).errors['/Test/Web']).toHaveLength(2);
  });

  test('an acknowledgement needs a real reason and a known rule', () => {
    const stack = new Stack(new App(), 'Test');
    expect(thrownBy(() => EksWorkloadChecks.acknowledge(stack, EksWorkloadRule.HOST_NAMESPACES, 'ok'))).toBeInstanceOf(ValidationError);
    expect(() => EksWorkloadChecks.acknowledge(stack, EksWorkloadRule.HOST_NAMESPACES, '   short  '))
      .toThrow(/^\[Test\] reason: got " {3}short {2}"; allowed: a reason of at least 10 characters/);
    expect(() => EksWorkloadChecks.acknowledge(stack, EksClusterRule.CONTROL_PLANE_LOGS as unknown as EksWorkloadRule, 'a long enough reason'))
      .toThrow(/^\[Test\] rule: got "CdkContainers-EKS2"; allowed: CdkContainers-EKS4, CdkContainers-EKS5, .*CdkContainers-EKS14\./);
  });
});

describe('ContainersCompliance.addChecks', () => {
  test('adds EksWorkloadChecks next to EksClusterChecks: a workload changed through the escape hatch fails the synth', () => {
    const { app, stack, shop } = checked('addChecks');
    const web = workload(stack, shop, 'Web', 'web');
    deployment(web).addJsonPatch(JsonPatch.replace(`${POD}/containers/0/securityContext/privileged`, true));
    app.synth();
    const errors = stack.node.findChild('Web').node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => String(m.data));
    expect(errors).toEqual([expect.stringMatching(/^\[CdkContainers-EKS4\] Deployment\/shop\/web, container web: runs privileged/)]);
  });
});
