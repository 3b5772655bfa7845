import { App, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiObject, JsonPatch } from 'cdk8s';
import {
  EcrRepository,
  EksCapacity,
  EksCluster,
  EksClusterProps,
  EksNamespace,
  EksNamespaceProps,
  EksUpgradePolicy,
  EksWorkload,
  EksWorkloadProps,
  KubernetesDelivery,
  WorkloadAutoscalingOptions,
  WorkloadContainerProps,
  WorkloadExposure,
  WorkloadIamIdentity,
  WorkloadImage,
  WorkloadLoadBalancerOptions,
  WorkloadProbe,
  WorkloadProbeOptions,
  WorkloadProtocol,
  WorkloadSecretKey,
  WorkloadVolume,
  WorkloadVolumeMount,
} from '../../../lib';
import { ValidationRow, error, typed, warning } from '../table';

/**
 * The validation table's rows for EKS workloads and namespaces (see ../table.ts): EksWorkload, its
 * containers, probes, volumes, Service and autoscaling, EksNamespace, and the delivery of their
 * Kubernetes objects. The placement check's warnings (pods against the cluster's capacity) have rows
 * of their own.
 */

const WORKLOAD = 'lib/eks/workload.ts';
const SPEC = 'lib/eks/workload-spec.ts';
const NAMESPACE = 'lib/eks/namespace.ts';
const MANIFESTS = 'lib/eks/kubernetes-manifests.ts';
const NAMES = 'lib/eks/private/kubernetes-names.ts';
const PLACEMENT = 'lib/eks/workload-placement.ts';
const QUANTITIES = 'lib/private/kubernetes-quantities.ts';
const EKS_VALIDATE = 'lib/eks/private/validate.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };
const NGINX = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const DIGEST = `sha256:${'a'.repeat(64)}`;
/** A DNS-1123 subdomain of the most characters Kubernetes allows (253: three labels of 63, one of 61). */
const LONGEST_SUBDOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
const DB_PASSWORD = WorkloadSecretKey.of('db', 'password');

/** The container `web` (nginx, port 8080), with overrides. */
function container(overrides: Partial<WorkloadContainerProps> = {}): WorkloadContainerProps {
  return { name: 'web', image: NGINX, ports: [{ containerPort: 8080 }], ...overrides };
}

/**
 * A workload `web` (the container above) in `props.kubernetesNamespace`, else in the existing
 * namespace `shop` of a new cluster `Platform` (Auto Mode unless `clusterProps` say otherwise).
 */
function workload(stack: Stack, props: Partial<EksWorkloadProps> = {}, clusterProps: EksClusterProps = {}): EksWorkload {
  const kubernetesNamespace = props.kubernetesNamespace ?? EksNamespace.fromNamespaceName(new EksCluster(stack, 'Platform', clusterProps), 'shop');
  return new EksWorkload(stack, 'Web', { workloadName: 'web', containers: [container()], ...props, kubernetesNamespace });
}

/** A workload whose Deployment has `patch`. */
function patched(stack: Stack, patch: JsonPatch): EksWorkload {
  const web = workload(stack);
  ApiObject.of(web.chart.node.findChild('Deployment')).addJsonPatch(patch);
  return web;
}

/** A workload with `object` (in its namespace) added to its chart. */
function withObject(stack: Stack, object: { apiVersion: string; kind: string; metadata: { name: string }; [field: string]: unknown }, clusterProps: EksClusterProps = {}): EksWorkload {
  const web = workload(stack, {}, clusterProps);
  new ApiObject(web.chart, 'Extra', { ...object, metadata: { ...object.metadata, namespace: 'shop' } });
  return web;
}

/** A workload whose one container has the given overrides. */
function withContainer(stack: Stack, overrides: Partial<WorkloadContainerProps>, props: Partial<EksWorkloadProps> = {}, clusterProps: EksClusterProps = {}): EksWorkload {
  return workload(stack, { containers: [container(overrides)], ...props }, clusterProps);
}

/** A t4g.medium node group of 1 to `maxSize` nodes. */
function t4gMedium(maxSize: number): EksCapacity {
  return EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('t4g.medium')], minSize: 1, desiredSize: 1, maxSize });
}

/** A workload with the emptyDir volumes `tmp` and `cache`, whose container mounts them as given. */
function mounted(stack: Stack, ...mounts: WorkloadVolumeMount[]): EksWorkload {
  return withContainer(stack, { mounts }, { volumes: [WorkloadVolume.emptyDir('tmp'), WorkloadVolume.emptyDir('cache')] });
}

/** A workload with one volume, mounted at /data. */
function volume(stack: Stack, v: WorkloadVolume): EksWorkload {
  return withContainer(stack, { mounts: [{ volume: v.name, path: '/data' }] }, { volumes: [v] });
}

/** A workload whose container has a liveness probe on its port 8080 with the given timing. */
function probeTiming(stack: Stack, options: WorkloadProbeOptions): EksWorkload {
  return withContainer(stack, { livenessProbe: WorkloadProbe.tcpSocket(8080, options) });
}

function autoscaled(stack: Stack, autoscaling: WorkloadAutoscalingOptions): EksWorkload {
  return workload(stack, { autoscaling });
}

/** A workload with a Service on port 80 behind a Network Load Balancer (Auto Mode unless clusterProps say otherwise). */
function loadBalanced(stack: Stack, options: WorkloadLoadBalancerOptions = {}, clusterProps: EksClusterProps = {}): EksWorkload {
  return workload(stack, { service: { port: 80, exposure: WorkloadExposure.loadBalancer(options) } }, clusterProps);
}

/** `count` distinct client CIDR blocks. */
function cidrs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `203.0.${i}.0/24`);
}

/**
 * A stack of the same app with an account and Region: an ECR image's URI is written into the
 * manifest at synth, so its account and Region must be known then.
 */
function envStack(stack: Stack): Stack {
  return new Stack(stack.node.root as App, 'Env', { env: ENV });
}

/** A workload in an environment stack whose container runs `shop/web` of an EcrRepository, at `tagOrDigest`. */
function ecrImage(stack: Stack, tagOrDigest: string): EksWorkload {
  const env = envStack(stack);
  return withContainer(env, { image: WorkloadImage.fromEcrRepository(new EcrRepository(env, 'Images', { repositoryName: 'shop/web' }), tagOrDigest) });
}

/** A cluster `Platform` with a kubectl provider (a Lambda layer imported by ARN). */
function kubectlCluster(stack: Stack): EksCluster {
  const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1');
  return new EksCluster(stack, 'Platform', { kubectlProviderOptions: { kubectlLayer } });
}

/** A namespace `Shop` in a new cluster `Platform`. */
function namespace(stack: Stack, props: Partial<EksNamespaceProps> = {}, cluster?: EksCluster): EksNamespace {
  return new EksNamespace(stack, 'Shop', { cluster: cluster ?? new EksCluster(stack, 'Platform'), namespaceName: 'shop', ...props });
}

export const rows: ValidationRow[] = [

  // The pod placement check (lib/eks/workload-placement.ts): the pods of every workload of a cluster against its capacity.
  error({
    type: 'EksWorkloadProps', property: 'containers (pod size on nodes)', rule: 'the requests of one pod fit one node of some node group (allocatable: capacity minus kube-reserved, the eviction threshold and the add-on DaemonSets), on a cluster without Auto Mode',
    source: 'EKS AMI: kubelet reservations (amazon-eks-ami max-pods-calculator, kube-reserved)', where: PLACEMENT, errorProperty: 'containers',
    bad: (s) => withContainer(s, { cpu: '2' }, {}, { capacity: [t4gMedium(4)] }),
    edge: (s) => withContainer(s, { cpu: '1500m' }, {}, { capacity: [t4gMedium(4)] }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'containers (pod size on Fargate)', rule: 'at most 16 vCPU and 120 GiB per pod (the requests plus the 256 MiB Fargate adds) when a Fargate profile selects the namespace',
    source: 'EKS guide: Fargate pod configuration', where: PLACEMENT, errorProperty: 'containers',
    bad: (s) => withContainer(s, { cpu: '17' }, {}, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })] }),
    edge: (s) => withContainer(s, { cpu: '16' }, {}, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })] }),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'replicas', rule: 'legal, but pods that do not all fit on the node groups at their maximum size stay Pending (warned with the shortfall)',
    source: 'Kubernetes docs: Resource Management for Pods and Containers (scheduling)', where: PLACEMENT, warningId: 'cdk-containers:eks-placement-shortfall',
    bad: (s) => workload(s, { replicas: 10, containers: [container({ cpu: '500m', memory: '512Mi' })] }, { capacity: [t4gMedium(2)] }),
    edge: (s) => workload(s, { replicas: 4, containers: [container({ cpu: '500m', memory: '512Mi' })] }, { capacity: [t4gMedium(4)] }),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'kubernetesNamespace (no capacity)', rule: 'legal, but pods of a cluster with no Auto Mode, no node group and no Fargate profile selecting their namespace stay Pending',
    source: 'EKS guide: Fargate profiles (selectors)', where: PLACEMENT, warningId: 'cdk-containers:eks-placement-no-capacity',
    bad: (s) => workload(s, {}, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })] }),
    edge: (s) => workload(s, {}, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'sh?p' }] })] }),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'containers (unknown node size)', rule: 'the placement check is skipped (warned) for a node group whose instance type is not in the library\'s table or whose maxSize is a token',
    source: 'library', where: PLACEMENT, warningId: 'cdk-containers:eks-placement-skipped',
    bad: (s) => workload(s, {}, { capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m8g.large')] })] }),
    edge: (s) => workload(s, {}, { capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m7g.large')] })] }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'containers (rendered objects, chart patches included: API schema)', rule: 'every object rendered or added to the chart, patches included, as the API of the cluster\'s Kubernetes version decodes it with strict field validation: fields it defines, values of their type and format (integers, 32-bit ports, quantities, int-or-strings, base64 Secret data), required fields set',
    source: 'Kubernetes API OpenAPI definitions of each version (schemas/kubernetes-openapi.json)', where: MANIFESTS, errorProperty: 'Kubernetes objects',
    bad: (s) => patched(s, JsonPatch.replace('/spec/replicas', '3')),
    edge: (s) => patched(s, JsonPatch.replace('/spec/replicas', 2_147_483_647)),
  }),
  error({
    type: 'EksWorkloadProps', property: 'containers (objects added to the chart: API version)', rule: 'an apiVersion and kind the cluster\'s Kubernetes version serves (objects of groups Kubernetes does not define, custom resources, are not checked)',
    source: 'Kubernetes docs: Deprecated API Migration Guide', where: MANIFESTS, errorProperty: 'Kubernetes objects',
    bad: (s) => withObject(s, { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'old' } }, { version: eks.KubernetesVersion.V1_32, upgradePolicy: EksUpgradePolicy.EXTENDED }),
    edge: (s) => withObject(s, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'old' }, spec: { maxUnavailable: 1 } }, { version: eks.KubernetesVersion.V1_32, upgradePolicy: EksUpgradePolicy.EXTENDED }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'containers (chart patches cdk8s drops)', rule: 'a patch of a typed cdk8s object (KubeDeployment, ...) by cdk8s\'s field names (hostPid, quantities as { value }); cdk8s silently drops any other field',
    source: 'library (cdk8s applies patches to the props, then converts them)', where: MANIFESTS, errorProperty: 'Kubernetes objects',
    bad: (s) => patched(s, JsonPatch.add('/spec/template/spec/hostPID', false)),
    edge: (s) => patched(s, JsonPatch.add('/spec/template/spec/hostPid', false)),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'containers (rendered objects on a cluster newer than the schemas)', rule: 'on a cluster newer than the newest schema the library has, a field or kind that schema lacks (and that is no near miss of one it has) may be new: warned, not refused',
    source: 'Kubernetes API OpenAPI definitions of each version (schemas/kubernetes-openapi.json)', where: MANIFESTS, warningId: 'cdk-containers:eks-kubernetes-schema-newer',
    bad: (s) => withObject(s, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' }, futureField: true }, { version: eks.KubernetesVersion.of('1.38') }),
    edge: (s) => withObject(s, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }, { version: eks.KubernetesVersion.of('1.38') }),
  }),
  warning({
    type: 'EksClusterProps', property: 'kubectlProviderOptions', rule: 'a kubectl layer older than the cluster\'s Kubernetes version is warned about (kubectl supports one minor version of skew); told from the layer class (KubectlV36Layer) or its ARN',
    source: 'Kubernetes docs: Version Skew Policy (kubectl)', where: 'lib/eks/cluster.ts', warningId: 'cdk-containers:eks-kubectl-older-than-cluster',
    bad: (s) => new EksCluster(s, 'Platform', { kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v36:1') } }),
    edge: (s) => new EksCluster(s, 'Platform', { kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v37:1') } }),
  }),
  warning({
    type: 'EksClusterProps', property: 'kubectlProviderOptions', rule: 'a kubectl layer more than one minor version newer than the cluster\'s Kubernetes version is warned about',
    source: 'Kubernetes docs: Version Skew Policy (kubectl)', where: 'lib/eks/cluster.ts', warningId: 'cdk-containers:eks-kubectl-newer-than-cluster',
    bad: (s) => new EksCluster(s, 'Platform', { version: eks.KubernetesVersion.V1_35, kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v37:1') } }),
    edge: (s) => new EksCluster(s, 'Platform', { version: eks.KubernetesVersion.V1_36, kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl-v37:1') } }),
  }),
  // EksNamespace
  ...typed('EksNamespace', 'an EksCluster construct', 'fromNamespaceName(cluster)'),
  error({
    type: 'EksNamespace', property: 'fromNamespaceName(namespaceName)', rule: 'a namespace name: a DNS-1123 label (1-63 lower-case letters, digits or "-", starting and ending with a letter or digit); default and kube-* are allowed (they exist); a token is refused',
    source: 'Kubernetes docs: Namespaces (DNS-1123 label)', where: NAMES, errorProperty: 'namespaceName',
    bad: (s) => workload(s, { kubernetesNamespace: EksNamespace.fromNamespaceName(new EksCluster(s, 'Platform'), 'kube_system') }),
    edge: (s) => workload(s, { kubernetesNamespace: EksNamespace.fromNamespaceName(new EksCluster(s, 'Platform'), 'kube-system') }),
  }),

  // EksNamespaceProps
  ...typed('EksNamespaceProps', 'an EksCluster construct', 'cluster'),
  error({
    type: 'EksNamespaceProps', property: 'delivery', rule: 'KUBECTL only on a cluster with a kubectl provider (kubectlProviderOptions); CLOUD_ASSEMBLY on any',
    source: 'library (aws-eks-v2 addCdk8sChart needs the kubectl provider)', where: MANIFESTS,
    bad: (s) => namespace(s, { delivery: KubernetesDelivery.KUBECTL }),
    edge: (s) => namespace(s, { delivery: KubernetesDelivery.KUBECTL }, kubectlCluster(s)),
  }),
  error({
    type: 'EksNamespaceProps', property: 'labels.key', rule: 'a Kubernetes label key: an optional DNS-1123 subdomain prefix (up to 253 characters) and "/", then a name of 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit; a token is refused',
    source: 'Kubernetes docs: Labels and Selectors (syntax and character set)', where: EKS_VALIDATE, errorProperty: 'labels',
    bad: (s) => namespace(s, { labels: { 'Example.com/team': 'shop' } }),
    edge: (s) => namespace(s, { labels: { [`example.com/${'a'.repeat(63)}`]: 'shop' } }),
  }),
  error({
    type: 'EksNamespaceProps', property: 'labels.value', rule: 'a Kubernetes label value: empty, or 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit; a token is refused',
    source: 'Kubernetes docs: Labels and Selectors (syntax and character set)', where: EKS_VALIDATE, errorProperty: 'labels["team"]',
    bad: (s) => namespace(s, { labels: { team: 'shop-' } }),
    edge: (s) => namespace(s, { labels: { team: 'a'.repeat(63), tier: '' } }),
  }),
  error({
    type: 'EksNamespaceProps', property: 'namespaceName', rule: 'a DNS-1123 label (1-63 lower-case letters, digits or "-", starting and ending with a letter or digit); a token is refused',
    source: 'Kubernetes docs: Namespaces (DNS-1123 label)', where: NAMES,
    bad: (s) => namespace(s, { namespaceName: 'Shop' }),
    edge: (s) => namespace(s, { namespaceName: 'a'.repeat(63) }),
  }),
  error({
    type: 'EksNamespaceProps', property: 'namespaceName (reserved)', rule: 'not default and not starting with "kube-": the cluster creates those itself (EksNamespace.fromNamespaceName uses them)',
    source: 'Kubernetes docs: Namespaces (initial namespaces; the kube- prefix is reserved)', where: NAMESPACE,
    bad: (s) => namespace(s, { namespaceName: 'kube-shop' }),
    edge: (s) => namespace(s, { namespaceName: 'kube' }),
  }),
  ...typed('EksNamespaceProps', 'a PodSecurityStandard (restricted, baseline or privileged), set as the enforce, warn and audit labels', 'podSecurity'),

  // EksWorkloadProps
  ...typed('EksWorkloadProps', 'a WorkloadAutoscalingOptions; its fields are checked (replicas must then be unset)', 'autoscaling'),
  error({
    type: 'EksWorkloadProps', property: 'containers', rule: 'one or more containers',
    source: 'Kubernetes API: PodSpec (containers: at least one)', where: SPEC,
    bad: (s) => workload(s, { containers: [] }),
    edge: (s) => workload(s, { containers: [container()] }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'delivery', rule: 'the namespace\'s delivery when the library creates the namespace (an existing namespace takes either)',
    source: 'library (the namespace must reach the cluster before the workloads in it)', where: WORKLOAD,
    bad: (s) => workload(s, { kubernetesNamespace: namespace(s), delivery: KubernetesDelivery.KUBECTL }),
    edge: (s) => workload(s, { kubernetesNamespace: namespace(s), delivery: KubernetesDelivery.CLOUD_ASSEMBLY }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'delivery (kubectl provider)', rule: 'KUBECTL only on a cluster with a kubectl provider (kubectlProviderOptions); CLOUD_ASSEMBLY on any',
    source: 'library (aws-eks-v2 addCdk8sChart needs the kubectl provider)', where: MANIFESTS,
    bad: (s) => workload(s, { delivery: KubernetesDelivery.KUBECTL }),
    edge: (s) => workload(s, { kubernetesNamespace: EksNamespace.fromNamespaceName(kubectlCluster(s), 'shop'), delivery: KubernetesDelivery.KUBECTL }),
  }),
  ...typed('EksWorkloadProps', 'an IEksNamespace (an EksNamespace, or EksNamespace.fromNamespaceName, whose name is checked there); the workload runs in its cluster', 'kubernetesNamespace'),
  error({
    type: 'EksWorkloadProps', property: 'labels.key', rule: 'a Kubernetes label key: an optional DNS-1123 subdomain prefix (up to 253 characters) and "/", then a name of 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit; a token is refused',
    source: 'Kubernetes docs: Labels and Selectors (syntax and character set)', where: EKS_VALIDATE, errorProperty: 'labels',
    bad: (s) => workload(s, { labels: { 'example.com/-tier': 'web' } }),
    edge: (s) => workload(s, { labels: { [`example.com/${'a'.repeat(63)}`]: 'web' } }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'labels.value', rule: 'a Kubernetes label value: empty, or 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit; a token is refused',
    source: 'Kubernetes docs: Labels and Selectors (syntax and character set)', where: EKS_VALIDATE, errorProperty: 'labels["tier"]',
    bad: (s) => workload(s, { labels: { tier: 'a'.repeat(64) } }),
    edge: (s) => workload(s, { labels: { tier: 'a'.repeat(63), team: '' } }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'labels (selector label)', rule: 'not app.kubernetes.io/name: the library sets it to the workload name and selects the pods by it',
    source: 'library', where: WORKLOAD,
    bad: (s) => workload(s, { labels: { 'app.kubernetes.io/name': 'shop-web' } }),
    edge: (s) => workload(s, { labels: { 'app.kubernetes.io/part-of': 'shop' } }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'maxUnavailable', rule: 'a literal whole number, 1 or more (Kubernetes takes 0, but a budget that allows no disruption blocks node drains, so node group and Auto Mode upgrades never finish)',
    source: 'Kubernetes docs: Specifying a Disruption Budget for your Application; library (1 or more)', where: WORKLOAD,
    bad: (s) => workload(s, { maxUnavailable: 0 }),
    edge: (s) => workload(s, { maxUnavailable: 1 }),
  }),
  ...typed('EksWorkloadProps', 'a boolean (the pods\' token is not mounted unless true)', 'mountServiceAccountToken'),
  ...typed('EksWorkloadProps', 'a boolean (deprecated; true adds a Pod Identity association and role for the workload\'s service account)', 'podIdentity'),
  error({
    type: 'EksWorkloadProps', property: 'podIdentity (with iamIdentity)', rule: 'unset when iamIdentity is set (it is the deprecated form of iamIdentity: POD_IDENTITY)',
    source: 'library', where: WORKLOAD,
    bad: (s) => workload(envStack(s), { podIdentity: true, iamIdentity: WorkloadIamIdentity.IRSA }),
    edge: (s) => workload(envStack(s), { iamIdentity: WorkloadIamIdentity.IRSA }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'iamIdentity (Fargate)', rule: 'not POD_IDENTITY for pods a Fargate profile of the cluster selects (Fargate runs no Pod Identity agent); IRSA serves them',
    source: 'EKS user guide: Learn how EKS Pod Identity grants pods access to AWS services (considerations: Fargate is not supported)', where: PLACEMENT,
    bad: (s) => workload(s, { iamIdentity: WorkloadIamIdentity.POD_IDENTITY }, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })] }),
    edge: (s) => workload(envStack(s), { iamIdentity: WorkloadIamIdentity.IRSA }, { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })] }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'iamIdentity (IRSA)', rule: 'IRSA in a stack whose account and Region are known at synth (the ServiceAccount names the role\'s ARN in a manifest)',
    source: 'EKS user guide: Assign IAM roles to Kubernetes service accounts (eks.amazonaws.com/role-arn)', where: WORKLOAD,
    bad: (s) => workload(s, { iamIdentity: WorkloadIamIdentity.IRSA }),
    edge: (s) => workload(envStack(s), { iamIdentity: WorkloadIamIdentity.IRSA }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'replicas', rule: 'a literal whole number, 0 or more',
    source: 'Kubernetes API: DeploymentSpec (replicas)', where: WORKLOAD,
    bad: (s) => workload(s, { replicas: -1 }),
    edge: (s) => workload(s, { replicas: 0 }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'replicas (with autoscaling)', rule: 'unset when autoscaling is set: the autoscaler owns the replica count (set autoscaling.minReplicas instead)',
    source: 'Kubernetes docs: Horizontal Pod Autoscaling (migrating Deployments to horizontal autoscaling)', where: WORKLOAD,
    bad: (s) => workload(s, { replicas: 3, autoscaling: { maxReplicas: 5 } }),
    edge: (s) => workload(s, { autoscaling: { minReplicas: 3, maxReplicas: 5 } }),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'replicas', rule: 'legal as 1, but every node drain, upgrade or Auto Mode node replacement then takes the workload down',
    source: 'Kubernetes docs: Disruptions (how to perform disruptive actions)', where: WORKLOAD, warningId: 'cdk-containers:eks-single-replica',
    bad: (s) => workload(s, { replicas: 1 }),
    edge: (s) => workload(s, { replicas: 2 }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'service', rule: 'a Service only when a container declares a port (it needs a port to send traffic to)',
    source: 'library (a Service sends traffic to a container port)', where: WORKLOAD,
    bad: (s) => withContainer(s, { ports: [] }, { service: { port: 80 } }),
    edge: (s) => withContainer(s, { ports: [{ containerPort: 1 }] }, { service: { port: 80 } }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'volumes', rule: 'each volume name once in the pod',
    source: 'Kubernetes API: PodSpec (volumes: names unique)', where: SPEC, errorProperty: 'volumes[1] name',
    bad: (s) => withContainer(s, { mounts: [{ volume: 'tmp', path: '/tmp' }] }, { volumes: [WorkloadVolume.emptyDir('tmp'), WorkloadVolume.configMap('tmp', 'web-config')] }),
    edge: (s) => withContainer(s, { mounts: [{ volume: 'tmp', path: '/tmp' }, { volume: 'tmp2', path: '/etc/web' }] },
      { volumes: [WorkloadVolume.emptyDir('tmp'), WorkloadVolume.configMap('tmp2', 'web-config')] }),
  }),
  warning({
    type: 'EksWorkloadProps', property: 'volumes', rule: 'legal when no container mounts a volume, but it is then unused',
    source: 'library', where: SPEC, warningId: 'cdk-containers:eks-unused-volume',
    bad: (s) => workload(s, { volumes: [WorkloadVolume.emptyDir('tmp')] }),
    edge: (s) => withContainer(s, { mounts: [{ volume: 'tmp', path: '/tmp' }] }, { volumes: [WorkloadVolume.emptyDir('tmp')] }),
  }),
  error({
    type: 'EksWorkloadProps', property: 'workloadName', rule: 'a DNS-1035 label (1-63 lower-case letters, digits or "-", starting with a letter, ending with a letter or digit): it names the Service too; a token is refused',
    source: 'Kubernetes docs: Object names (RFC 1035 label names; Service names)', where: NAMES,
    bad: (s) => workload(s, { workloadName: '1web' }),
    edge: (s) => workload(s, { workloadName: `w${'-0'.repeat(31)}` }),
  }),

  // EmptyDirOptions
  ...typed('EmptyDirOptions', 'a boolean (true: a tmpfs volume, whose contents count against the container\'s memory limit)', 'inMemory'),
  error({
    type: 'EmptyDirOptions', property: 'sizeLimit', rule: 'a Kubernetes quantity (a number with an optional case-sensitive suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent), 0 or more; a token is refused',
    source: 'Kubernetes API: Quantity; Kubernetes API: EmptyDirVolumeSource (sizeLimit)', where: QUANTITIES,
    bad: (s) => volume(s, WorkloadVolume.emptyDir('tmp', { sizeLimit: '64MB' })),
    edge: (s) => volume(s, WorkloadVolume.emptyDir('tmp', { sizeLimit: '64M' })),
  }),
  warning({
    type: 'EmptyDirOptions', property: 'sizeLimit', rule: 'legal below 1 MiB as a plain number or with a m, u or n suffix, but then almost surely not what was meant ("512" is 512 bytes)',
    source: 'Kubernetes docs: Resource Management for Pods and Containers (meaning of memory)', where: SPEC, warningId: 'cdk-containers:eks-unlikely-quantity',
    bad: (s) => volume(s, WorkloadVolume.emptyDir('tmp', { sizeLimit: '512' })),
    edge: (s) => volume(s, WorkloadVolume.emptyDir('tmp', { sizeLimit: '1048576' })),
  }),

  // WorkloadAutoscalingOptions
  error({
    type: 'WorkloadAutoscalingOptions', property: 'cpuUtilizationPercent', rule: 'a literal whole number, 1 or more (percent of the CPU request)',
    source: 'Kubernetes API: HorizontalPodAutoscaler autoscaling/v2 (MetricTarget.averageUtilization)', where: WORKLOAD,
    bad: (s) => autoscaled(s, { maxReplicas: 4, cpuUtilizationPercent: 0 }),
    edge: (s) => autoscaled(s, { maxReplicas: 4, cpuUtilizationPercent: 1 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'cpuUtilizationPercent (maximum)', rule: 'at most 1000 (ten times the request; more is almost surely a typo)',
    source: 'library', where: WORKLOAD, errorProperty: 'cpuUtilizationPercent',
    bad: (s) => autoscaled(s, { maxReplicas: 4, cpuUtilizationPercent: 1001 }),
    edge: (s) => autoscaled(s, { maxReplicas: 4, cpuUtilizationPercent: 1000 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'maxReplicas', rule: 'a literal whole number, 1 or more',
    source: 'Kubernetes API: HorizontalPodAutoscaler autoscaling/v2 (maxReplicas)', where: WORKLOAD,
    bad: (s) => autoscaled(s, { minReplicas: 1, maxReplicas: 0 }),
    edge: (s) => autoscaled(s, { minReplicas: 1, maxReplicas: 1 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'maxReplicas (at least minReplicas)', rule: 'at least minReplicas (2 when unset)',
    source: 'Kubernetes API: HorizontalPodAutoscaler autoscaling/v2 (maxReplicas)', where: WORKLOAD, errorProperty: 'maxReplicas',
    bad: (s) => autoscaled(s, { maxReplicas: 1 }),
    edge: (s) => autoscaled(s, { maxReplicas: 2 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'memoryUtilizationPercent', rule: 'a literal whole number, 1 or more (percent of the memory request)',
    source: 'Kubernetes API: HorizontalPodAutoscaler autoscaling/v2 (MetricTarget.averageUtilization)', where: WORKLOAD,
    bad: (s) => autoscaled(s, { maxReplicas: 4, memoryUtilizationPercent: 0 }),
    edge: (s) => autoscaled(s, { maxReplicas: 4, memoryUtilizationPercent: 1 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'memoryUtilizationPercent (maximum)', rule: 'at most 1000 (ten times the request; more is almost surely a typo)',
    source: 'library', where: WORKLOAD, errorProperty: 'memoryUtilizationPercent',
    bad: (s) => autoscaled(s, { maxReplicas: 4, memoryUtilizationPercent: 1001 }),
    edge: (s) => autoscaled(s, { maxReplicas: 4, memoryUtilizationPercent: 1000 }),
  }),
  error({
    type: 'WorkloadAutoscalingOptions', property: 'minReplicas', rule: 'a literal whole number, 1 or more',
    source: 'Kubernetes API: HorizontalPodAutoscaler autoscaling/v2 (minReplicas)', where: WORKLOAD,
    bad: (s) => autoscaled(s, { minReplicas: 0, maxReplicas: 2 }),
    edge: (s) => autoscaled(s, { minReplicas: 1, maxReplicas: 2 }),
  }),

  // WorkloadContainerPort
  error({
    type: 'WorkloadContainerPort', property: 'containerPort', rule: 'a literal whole number from 1 to 65535',
    source: 'Kubernetes API: Container (ports.containerPort)', where: SPEC,
    bad: (s) => withContainer(s, { ports: [{ containerPort: 65536 }] }),
    edge: (s) => withContainer(s, { ports: [{ containerPort: 65535 }] }),
  }),
  error({
    type: 'WorkloadContainerPort', property: 'containerPort (in the pod)', rule: 'a port number and protocol no other port of the pod has (the containers of a pod share one network namespace)',
    source: 'Kubernetes docs: Pods (resource sharing and communication)', where: SPEC, errorProperty: 'containerPort',
    bad: (s) => workload(s, { containers: [container(), container({ name: 'side' })] }),
    edge: (s) => workload(s, { containers: [container(), container({ name: 'side', ports: [{ containerPort: 8080, protocol: WorkloadProtocol.UDP }] })] }),
  }),
  error({
    type: 'WorkloadContainerPort', property: 'name', rule: 'an IANA service name: 1-15 lower-case letters, digits or "-", at least one letter, no "--", not starting or ending with "-"',
    source: 'Kubernetes API: Container (ports.name: IANA_SVC_NAME)', where: NAMES,
    bad: (s) => withContainer(s, { ports: [{ containerPort: 8080, name: 'h'.repeat(16) }] }),
    edge: (s) => withContainer(s, { ports: [{ containerPort: 8080, name: `h${'-1'.repeat(7)}` }] }),
  }),
  error({
    type: 'WorkloadContainerPort', property: 'name (in the pod)', rule: 'each port name once in the pod',
    source: 'Kubernetes API: Container (ports.name: unique within the pod)', where: SPEC, errorProperty: 'name',
    bad: (s) => workload(s, { containers: [container({ ports: [{ containerPort: 8080, name: 'http' }] }), container({ name: 'side', ports: [{ containerPort: 9090, name: 'http' }] })] }),
    edge: (s) => workload(s, { containers: [container({ ports: [{ containerPort: 8080, name: 'http' }] }), container({ name: 'side', ports: [{ containerPort: 9090, name: 'admin' }] })] }),
  }),
  ...typed('WorkloadContainerPort', 'a WorkloadProtocol (TCP, UDP or SCTP)', 'protocol'),

  // WorkloadContainerProps
  error({
    type: 'WorkloadContainerProps', property: 'args', rule: 'literal strings (any text, empty too); a token is refused: the manifest never passes through CloudFormation',
    source: 'library', where: SPEC,
    bad: (s) => withContainer(s, { args: ['--account', Aws.ACCOUNT_ID] }),
    edge: (s) => withContainer(s, { args: ['--account', '$(ACCOUNT_ID)', ''] }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'command', rule: 'literal strings (any text, empty too); a token is refused: the manifest never passes through CloudFormation',
    source: 'library', where: SPEC,
    bad: (s) => withContainer(s, { command: ['/bin/web', Aws.REGION] }),
    edge: (s) => withContainer(s, { command: ['/bin/web', '$(AWS_REGION)'] }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'cpu', rule: 'a Kubernetes CPU quantity ("250m", "0.5", "2", "2.5e-1"; suffixes case-sensitive), 0 or more; a token is refused',
    source: 'Kubernetes API: Quantity; Kubernetes docs: Resource Management for Pods and Containers (CPU units)', where: QUANTITIES,
    bad: (s) => withContainer(s, { cpu: '250 m' }),
    edge: (s) => withContainer(s, { cpu: '2.5e-1' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'cpu (minimum)', rule: 'at least 1m (a thousandth of a vCPU; finer values round up to 1m, as the scheduler counts)',
    source: 'Kubernetes docs: Resource Management for Pods and Containers (CPU units: 1m is the finest precision); library (0 refused)', where: SPEC, errorProperty: 'cpu',
    bad: (s) => withContainer(s, { cpu: '0' }),
    edge: (s) => withContainer(s, { cpu: '1m' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'cpuLimit', rule: 'a Kubernetes CPU quantity ("250m", "0.5", "2"; suffixes case-sensitive); a token is refused',
    source: 'Kubernetes API: Quantity', where: QUANTITIES,
    bad: (s) => withContainer(s, { cpuLimit: '500mi' }),
    edge: (s) => withContainer(s, { cpuLimit: '500m' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'cpuLimit (at least cpu)', rule: 'at least the CPU request (cpu): Kubernetes refuses a request above its limit',
    source: 'Kubernetes API: ResourceRequirements (requests cannot exceed limits)', where: SPEC, errorProperty: 'cpuLimit',
    bad: (s) => withContainer(s, { cpu: '500m', cpuLimit: '499m' }),
    edge: (s) => withContainer(s, { cpu: '500m', cpuLimit: '0.5' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'environment.key', rule: 'an environment variable name: on Kubernetes 1.34 and later (the default 1.37) printable ASCII but "="; before, letters, digits, "_", "-" or ".", not starting with a digit',
    source: 'Kubernetes validation: IsEnvVarName, relaxed by RelaxedEnvironmentVariableValidation (GA in 1.34)', where: NAMES, errorProperty: 'environment',
    bad: (s) => withContainer(s, { environment: { 'LOG=LEVEL': 'info' } }),
    edge: (s) => withContainer(s, { environment: { '1_LEVEL': 'info', 'log level~2': 'info' } }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'environment.value', rule: 'a literal string (any text, empty too); a token is refused: the manifest never passes through CloudFormation (use a ConfigMap or Secret)',
    source: 'library', where: SPEC, errorProperty: 'environment["AWS_ACCOUNT"]',
    bad: (s) => withContainer(s, { environment: { AWS_ACCOUNT: Aws.ACCOUNT_ID } }),
    edge: (s) => withContainer(s, { environment: { AWS_ACCOUNT: '', LEVEL: '$(OTHER)' } }),
  }),
  ...typed('WorkloadContainerProps', 'a WorkloadImage from its factories, which check the reference', 'image'),
  error({
    type: 'WorkloadContainerProps', property: 'livenessProbe', rule: 'a port probe on a port this container declares in ports',
    source: 'library (Kubernetes probes any port; a declared one is what the Service and the placement check know)', where: SPEC, errorProperty: 'livenessProbe port',
    bad: (s) => withContainer(s, { livenessProbe: WorkloadProbe.tcpSocket(8081) }),
    edge: (s) => withContainer(s, { livenessProbe: WorkloadProbe.tcpSocket(8080) }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'memory', rule: 'a Kubernetes memory quantity ("256Mi", "1Gi", "512M"; suffixes case-sensitive), 0 or more; a token is refused',
    source: 'Kubernetes API: Quantity; Kubernetes docs: Resource Management for Pods and Containers (memory units)', where: QUANTITIES,
    bad: (s) => withContainer(s, { memory: '256MI' }),
    edge: (s) => withContainer(s, { memory: '256Mi' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'memory (minimum)', rule: 'at least 6Mi (6,291,456 bytes): the container runtime refuses a smaller memory limit',
    source: 'library (the container runtime\'s smallest memory limit)', where: SPEC, errorProperty: 'memory',
    bad: (s) => withContainer(s, { memory: '6291455' }),
    edge: (s) => withContainer(s, { memory: '6Mi' }),
  }),
  warning({
    type: 'WorkloadContainerProps', property: 'memory', rule: 'legal with a m, u or n suffix, but then a fraction of a byte per unit ("512m" is 0.512 bytes), almost surely a typo for Mi',
    source: 'Kubernetes docs: Resource Management for Pods and Containers (meaning of memory)', where: SPEC, warningId: 'cdk-containers:eks-unlikely-quantity',
    bad: (s) => withContainer(s, { memory: '7000000000m', memoryLimit: '7M' }),
    edge: (s) => withContainer(s, { memory: '7M', memoryLimit: '7M' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'memoryLimit', rule: 'a Kubernetes memory quantity ("256Mi", "1Gi", "512M"; suffixes case-sensitive); a token is refused',
    source: 'Kubernetes API: Quantity', where: QUANTITIES,
    bad: (s) => withContainer(s, { memoryLimit: '1GiB' }),
    edge: (s) => withContainer(s, { memoryLimit: '1Gi' }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'memoryLimit (at least memory)', rule: 'at least the memory request (memory): Kubernetes refuses a request above its limit',
    source: 'Kubernetes API: ResourceRequirements (requests cannot exceed limits)', where: SPEC, errorProperty: 'memoryLimit',
    bad: (s) => withContainer(s, { memory: '1Gi', memoryLimit: '1073741823' }),
    edge: (s) => withContainer(s, { memory: '1Gi', memoryLimit: '1073741824' }),
  }),
  warning({
    type: 'WorkloadContainerProps', property: 'memoryLimit', rule: 'legal with a m, u or n suffix, but then a fraction of a byte per unit ("512m" is 0.512 bytes), almost surely a typo for Mi',
    source: 'Kubernetes docs: Resource Management for Pods and Containers (meaning of memory)', where: SPEC, warningId: 'cdk-containers:eks-unlikely-quantity',
    bad: (s) => withContainer(s, { memoryLimit: '1000000000000m' }),
    edge: (s) => withContainer(s, { memoryLimit: '1G' }),
  }),
  ...typed('WorkloadContainerProps', 'a list of WorkloadVolumeMount; each is checked', 'mounts'),
  error({
    type: 'WorkloadContainerProps', property: 'name', rule: 'a DNS-1123 label (1-63 lower-case letters, digits or "-", starting and ending with a letter or digit); a token is refused',
    source: 'Kubernetes API: Container (name: DNS_LABEL)', where: NAMES,
    bad: (s) => withContainer(s, { name: 'Web' }),
    edge: (s) => withContainer(s, { name: 'a'.repeat(63) }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'name (in the pod)', rule: 'each container name once in the pod',
    source: 'Kubernetes API: Container (name: unique in the pod)', where: SPEC, errorProperty: 'containers[1] name',
    bad: (s) => workload(s, { containers: [container(), container({ ports: [] })] }),
    edge: (s) => workload(s, { containers: [container(), container({ name: 'web-2', ports: [] })] }),
  }),
  ...typed('WorkloadContainerProps', 'a list of WorkloadContainerPort; each is checked', 'ports'),
  warning({
    type: 'WorkloadContainerProps', property: 'readOnlyRootFilesystem', rule: 'legal as false, but anything that gets into the container can then change the image\'s files (mount an emptyDir where it writes)',
    source: 'Kubernetes docs: Configure a Security Context for a Pod or Container (readOnlyRootFilesystem)', where: SPEC, warningId: 'cdk-containers:eks-writable-root-filesystem',
    bad: (s) => withContainer(s, { readOnlyRootFilesystem: false }),
    edge: (s) => withContainer(s, { readOnlyRootFilesystem: true }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'readinessProbe', rule: 'a port probe on a port this container declares in ports',
    source: 'library (Kubernetes probes any port; a declared one is what the Service and the placement check know)', where: SPEC, errorProperty: 'readinessProbe port',
    bad: (s) => withContainer(s, { readinessProbe: WorkloadProbe.httpGet('/ready', 80) }),
    edge: (s) => withContainer(s, { readinessProbe: WorkloadProbe.httpGet('/ready', 8080) }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'runAsUser', rule: 'not 0 (root): the restricted Pod Security Standard refuses it',
    source: 'Kubernetes docs: Pod Security Standards (restricted: running as non-root user)', where: SPEC,
    bad: (s) => withContainer(s, { runAsUser: 0 }),
    edge: (s) => withContainer(s, { runAsUser: 1 }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'runAsUser (maximum)', rule: 'a literal whole number up to 2147483647',
    source: 'Kubernetes API: SecurityContext (runAsUser: a user id from 0 to 2147483647)', where: SPEC, errorProperty: 'runAsUser',
    bad: (s) => withContainer(s, { runAsUser: 2_147_483_648 }),
    edge: (s) => withContainer(s, { runAsUser: 2_147_483_647 }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'secretEnvironment.key', rule: 'an environment variable name, by the same rule as environment (the cluster version\'s)',
    source: 'Kubernetes validation: IsEnvVarName, relaxed by RelaxedEnvironmentVariableValidation (GA in 1.34)', where: NAMES, errorProperty: 'secretEnvironment',
    bad: (s) => withContainer(s, { secretEnvironment: { 'DB=PASSWORD': DB_PASSWORD } }),
    edge: (s) => withContainer(s, { secretEnvironment: { '1_PASSWORD': DB_PASSWORD } }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'secretEnvironment (also in environment)', rule: 'names that are not also in environment',
    source: 'library (Kubernetes keeps the last of two variables of one name)', where: SPEC, errorProperty: 'secretEnvironment',
    bad: (s) => withContainer(s, { environment: { DB_PASSWORD: 'x' }, secretEnvironment: { DB_PASSWORD } }),
    edge: (s) => withContainer(s, { environment: { DB_USER: 'x' }, secretEnvironment: { DB_PASSWORD } }),
  }),
  error({
    type: 'WorkloadContainerProps', property: 'startupProbe', rule: 'a port probe on a port this container declares in ports',
    source: 'library (Kubernetes probes any port; a declared one is what the Service and the placement check know)', where: SPEC, errorProperty: 'startupProbe port',
    bad: (s) => withContainer(s, { startupProbe: WorkloadProbe.tcpSocket(9090) }),
    edge: (s) => withContainer(s, { startupProbe: WorkloadProbe.tcpSocket(8080) }),
  }),

  // WorkloadImage
  error({
    type: 'WorkloadImage', property: 'fromEcrRepository(repository)', rule: 'an ECR repository whose account, Region and name are known at synth (a stack with env, or a repository imported by ARN): the image URI is written into the manifest',
    source: 'Amazon ECR User Guide: Private registry concepts (registry URI)', where: SPEC, errorProperty: 'image',
    bad: (s) => withContainer(s, { image: WorkloadImage.fromEcrRepository(new EcrRepository(s, 'Images', { repositoryName: 'shop/web' }), 'v1') }),
    edge: (s) => withContainer(s, { image: WorkloadImage.fromEcrRepository(ecr.Repository.fromRepositoryArn(s, 'Images', 'arn:aws:ecr:eu-west-1:210987654321:repository/shop/web'), 'v1') }),
  }),
  error({
    type: 'WorkloadImage', property: 'fromEcrRepository(tagOrDigest)', rule: 'an image tag: 1-128 letters, digits, "_", "." or "-", not starting with "." or "-"; a token is refused',
    source: 'OCI Distribution Spec: pulling manifests (tag grammar); Amazon ECR API: ImageIdentifier (imageTag)', where: SPEC, errorProperty: 'tagOrDigest',
    bad: (s) => ecrImage(s, '-v1'),
    edge: (s) => ecrImage(s, `_${'a'.repeat(127)}`),
  }),
  error({
    type: 'WorkloadImage', property: 'fromEcrRepository(tagOrDigest) (digest)', rule: 'or a digest: "sha256:" and 64 lower-case hex digits',
    source: 'OCI Image Spec: Descriptor (digests); Amazon ECR API: ImageIdentifier (imageDigest)', where: SPEC, errorProperty: 'tagOrDigest',
    bad: (s) => ecrImage(s, `sha256:${'A'.repeat(64)}`),
    edge: (s) => ecrImage(s, DIGEST),
  }),
  error({
    type: 'WorkloadImage', property: 'fromRegistry(imageReference)', rule: 'an image reference: [registry[:port]/]path[:tag][@sha256:digest], the path in lower case; a token is refused',
    source: 'Kubernetes docs: Images (image names); distribution reference grammar', where: SPEC, errorProperty: 'image',
    bad: (s) => withContainer(s, { image: WorkloadImage.fromRegistry('docker.io/Library/nginx:1.27') }),
    edge: (s) => withContainer(s, { image: WorkloadImage.fromRegistry(`Registry.example.com:5000/team/web-app:1.0@${DIGEST}`) }),
  }),
  warning({
    type: 'WorkloadImage', property: 'fromRegistry(imageReference)', rule: 'legal without a tag or digest, but every node then pulls whatever "latest" is at the time',
    source: 'Kubernetes docs: Images (image names: the tag defaults to latest)', where: SPEC, warningId: 'cdk-containers:eks-image-untagged',
    bad: (s) => withContainer(s, { image: WorkloadImage.fromRegistry('registry.example.com:5000/team/web') }),
    edge: (s) => withContainer(s, { image: WorkloadImage.fromRegistry('registry.example.com:5000/team/web:latest') }),
  }),

  // WorkloadLoadBalancerOptions
  error({
    type: 'WorkloadLoadBalancerOptions', property: 'allowFrom', rule: 'literal IPv4 or IPv6 CIDR blocks',
    source: 'Kubernetes API: ServiceSpec (loadBalancerSourceRanges)', where: WORKLOAD,
    bad: (s) => loadBalanced(s, { allowFrom: ['203.0.113.0/33'] }),
    edge: (s) => loadBalanced(s, { allowFrom: ['203.0.113.7/32', '2001:db8::/128'] }),
  }),
  warning({
    type: 'WorkloadLoadBalancerOptions', property: 'allowFrom (count)', rule: 'legal past 60 blocks, but each is an inbound rule of the load balancer\'s security group, which takes 60 unless the quota is raised',
    source: 'VPC quotas: inbound rules per security group (60)', where: WORKLOAD, warningId: 'cdk-containers:eks-load-balancer-many-sources',
    bad: (s) => loadBalanced(s, { allowFrom: cidrs(61) }),
    edge: (s) => loadBalanced(s, { allowFrom: cidrs(60) }),
  }),
  warning({
    type: 'WorkloadLoadBalancerOptions', property: 'allowFrom', rule: 'legal as 0.0.0.0/0 or ::/0, but anyone on the internet can then reach the pods',
    source: 'Kubernetes docs: Create an External Load Balancer (loadBalancerSourceRanges)', where: WORKLOAD, warningId: 'cdk-containers:eks-load-balancer-open',
    bad: (s) => loadBalanced(s, { internetFacing: true, allowFrom: ['0.0.0.0/0'] }),
    edge: (s) => loadBalanced(s, { internetFacing: true, allowFrom: ['0.0.0.0/1'] }),
  }),
  error({
    type: 'WorkloadLoadBalancerOptions', property: 'internetFacing', rule: 'true only with one or more allowFrom blocks (an internet-facing load balancer names who may connect)',
    source: 'library', where: WORKLOAD, errorProperty: 'allowFrom',
    bad: (s) => loadBalanced(s, { internetFacing: true }),
    edge: (s) => loadBalanced(s, { internetFacing: true, allowFrom: ['203.0.113.0/24'] }),
  }),

  // WorkloadProbe
  error({
    type: 'WorkloadProbe', property: 'exec(command)', rule: 'one or more literal, non-empty strings (no shell: ["cat", "/tmp/ready"])',
    source: 'Kubernetes API: ExecAction (command); library (non-empty, literal)', where: SPEC, errorProperty: 'command',
    bad: (s) => withContainer(s, { startupProbe: WorkloadProbe.exec(['cat', '']) }),
    edge: (s) => withContainer(s, { startupProbe: WorkloadProbe.exec(['c']) }),
  }),
  error({
    type: 'WorkloadProbe', property: 'httpGet(path)', rule: 'a literal absolute path without spaces ("/healthz")',
    source: 'library (Kubernetes API: HTTPGetAction (path) takes any string)', where: SPEC, errorProperty: 'path',
    bad: (s) => withContainer(s, { readinessProbe: WorkloadProbe.httpGet('healthz', 8080) }),
    edge: (s) => withContainer(s, { readinessProbe: WorkloadProbe.httpGet('/', 8080) }),
  }),
  error({
    type: 'WorkloadProbe', property: 'httpGet(port)', rule: 'a literal whole number from 1 to 65535 (and a port the container declares)',
    source: 'Kubernetes API: HTTPGetAction (port)', where: SPEC, errorProperty: 'readinessProbe port',
    bad: (s) => withContainer(s, { ports: [{ containerPort: 65535 }], readinessProbe: WorkloadProbe.httpGet('/ready', 65536) }),
    edge: (s) => withContainer(s, { ports: [{ containerPort: 65535 }], readinessProbe: WorkloadProbe.httpGet('/ready', 65535) }),
  }),
  error({
    type: 'WorkloadProbe', property: 'tcpSocket(port)', rule: 'a literal whole number from 1 to 65535 (and a port the container declares)',
    source: 'Kubernetes API: TCPSocketAction (port)', where: SPEC, errorProperty: 'livenessProbe port',
    bad: (s) => withContainer(s, { ports: [{ containerPort: 1 }], livenessProbe: WorkloadProbe.tcpSocket(0) }),
    edge: (s) => withContainer(s, { ports: [{ containerPort: 1 }], livenessProbe: WorkloadProbe.tcpSocket(1) }),
  }),

  // WorkloadProbeOptions
  error({
    type: 'WorkloadProbeOptions', property: 'failureThreshold', rule: 'a whole number, 1 or more',
    source: 'Kubernetes API: Probe (failureThreshold: minimum 1)', where: SPEC,
    bad: (s) => probeTiming(s, { failureThreshold: 0 }),
    edge: (s) => probeTiming(s, { failureThreshold: 1 }),
  }),
  error({
    type: 'WorkloadProbeOptions', property: 'initialDelay', rule: 'a literal duration in whole seconds, 0 or more (Kubernetes counts in seconds)',
    source: 'Kubernetes API: Probe (initialDelaySeconds)', where: SPEC,
    bad: (s) => probeTiming(s, { initialDelay: Duration.millis(1500) }),
    edge: (s) => probeTiming(s, { initialDelay: Duration.millis(1000) }),
  }),
  error({
    type: 'WorkloadProbeOptions', property: 'period', rule: 'a literal duration in whole seconds, 1 or more',
    source: 'Kubernetes API: Probe (periodSeconds: minimum 1)', where: SPEC,
    bad: (s) => probeTiming(s, { period: Duration.seconds(0) }),
    edge: (s) => probeTiming(s, { period: Duration.seconds(1) }),
  }),
  error({
    type: 'WorkloadProbeOptions', property: 'timeout', rule: 'a literal duration in whole seconds, 1 or more',
    source: 'Kubernetes API: Probe (timeoutSeconds: minimum 1)', where: SPEC,
    bad: (s) => probeTiming(s, { timeout: Duration.seconds(0) }),
    edge: (s) => probeTiming(s, { timeout: Duration.seconds(1) }),
  }),

  // WorkloadSecretKey
  error({
    type: 'WorkloadSecretKey', property: 'of(key)', rule: 'a Secret key: 1-253 letters, digits, "-", "_" or ".", not "." or ".."',
    source: 'Kubernetes API: Secret (data keys); SecretKeySelector (key)', where: NAMES, errorProperty: 'key',
    bad: (s) => withContainer(s, { secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of('db', '..') } }),
    edge: (s) => withContainer(s, { secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of('db', `.${'a'.repeat(252)}`) } }),
  }),
  error({
    type: 'WorkloadSecretKey', property: 'of(secretName)', rule: 'a Secret name: a DNS-1123 subdomain (1-253 lower-case letters, digits, "-" or ".")',
    source: 'Kubernetes docs: Object names (DNS subdomain names)', where: NAMES, errorProperty: 'secretName',
    bad: (s) => withContainer(s, { secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of('DB', 'password') } }),
    edge: (s) => withContainer(s, { secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of(LONGEST_SUBDOMAIN, 'password') } }),
  }),

  // WorkloadServiceOptions
  warning({
    type: 'WorkloadServiceOptions', property: 'exposure', rule: 'a load balancer on any cluster, but without Auto Mode only the AWS Load Balancer Controller (not part of the cluster) provides one',
    source: 'Amazon EKS User Guide: Route TCP and UDP traffic with Network Load Balancers', where: WORKLOAD, warningId: 'cdk-containers:eks-load-balancer-controller',
    bad: (s) => loadBalanced(s, {}, { capacity: [EksCapacity.nodeGroup()] }),
    edge: (s) => loadBalanced(s, {}, { capacity: [EksCapacity.autoMode()] }),
  }),
  error({
    type: 'WorkloadServiceOptions', property: 'port', rule: 'a literal whole number from 1 to 65535',
    source: 'Kubernetes API: ServiceSpec (ports.port)', where: WORKLOAD,
    bad: (s) => workload(s, { service: { port: 65536 } }),
    edge: (s) => workload(s, { service: { port: 65535 } }),
  }),
  error({
    type: 'WorkloadServiceOptions', property: 'targetPort', rule: 'a port one of the containers declares',
    source: 'library (Kubernetes API: ServiceSpec (ports.targetPort) takes any port; an undeclared one is where nothing listens)', where: WORKLOAD,
    bad: (s) => workload(s, { containers: [container(), container({ name: 'admin', ports: [{ containerPort: 9090 }] })], service: { port: 80, targetPort: 9091 } }),
    edge: (s) => workload(s, { containers: [container(), container({ name: 'admin', ports: [{ containerPort: 9090 }] })], service: { port: 80, targetPort: 9090 } }),
  }),

  // WorkloadVolume
  error({
    type: 'WorkloadVolume', property: 'configMap(configMapName)', rule: 'a ConfigMap name: a DNS-1123 subdomain (1-253 lower-case letters, digits, "-" or ".")',
    source: 'Kubernetes docs: Object names (DNS subdomain names)', where: NAMES, errorProperty: 'configMapName',
    bad: (s) => volume(s, WorkloadVolume.configMap('config', 'web_config')),
    edge: (s) => volume(s, WorkloadVolume.configMap('config', LONGEST_SUBDOMAIN)),
  }),
  error({
    type: 'WorkloadVolume', property: 'configMap(name)', rule: 'a volume name: a DNS-1123 label (1-63 lower-case letters, digits or "-")',
    source: 'Kubernetes API: Volume (name: DNS_LABEL)', where: NAMES, errorProperty: 'volumes[0] name',
    bad: (s) => volume(s, WorkloadVolume.configMap('web.config', 'web-config')),
    edge: (s) => volume(s, WorkloadVolume.configMap('a'.repeat(63), 'web-config')),
  }),
  error({
    type: 'WorkloadVolume', property: 'emptyDir(name)', rule: 'a volume name: a DNS-1123 label (1-63 lower-case letters, digits or "-")',
    source: 'Kubernetes API: Volume (name: DNS_LABEL)', where: NAMES, errorProperty: 'volumes[0] name',
    bad: (s) => volume(s, WorkloadVolume.emptyDir('Tmp')),
    edge: (s) => volume(s, WorkloadVolume.emptyDir('a'.repeat(63))),
  }),
  error({
    type: 'WorkloadVolume', property: 'secret(name)', rule: 'a volume name: a DNS-1123 label (1-63 lower-case letters, digits or "-")',
    source: 'Kubernetes API: Volume (name: DNS_LABEL)', where: NAMES, errorProperty: 'volumes[0] name',
    bad: (s) => volume(s, WorkloadVolume.secret('a'.repeat(64), 'web-tls')),
    edge: (s) => volume(s, WorkloadVolume.secret('a'.repeat(63), 'web-tls')),
  }),
  error({
    type: 'WorkloadVolume', property: 'secret(secretName)', rule: 'a Secret name: a DNS-1123 subdomain (1-253 lower-case letters, digits, "-" or ".")',
    source: 'Kubernetes docs: Object names (DNS subdomain names)', where: NAMES, errorProperty: 'secretName',
    bad: (s) => volume(s, WorkloadVolume.secret('tls', `${LONGEST_SUBDOMAIN}d`)),
    edge: (s) => volume(s, WorkloadVolume.secret('tls', LONGEST_SUBDOMAIN)),
  }),

  // WorkloadVolumeMount
  error({
    type: 'WorkloadVolumeMount', property: 'path', rule: 'an absolute path other than "/"; a token is refused',
    source: 'Kubernetes API: VolumeMount (mountPath); library (absolute, not "/")', where: SPEC,
    bad: (s) => mounted(s, { volume: 'tmp', path: '/' }, { volume: 'cache', path: '/cache' }),
    edge: (s) => mounted(s, { volume: 'tmp', path: '/t' }, { volume: 'cache', path: '/cache' }),
  }),
  error({
    type: 'WorkloadVolumeMount', property: 'path (colon)', rule: 'no ":"',
    source: 'Kubernetes API: VolumeMount (mountPath: must not contain \':\')', where: SPEC, errorProperty: 'path',
    bad: (s) => mounted(s, { volume: 'tmp', path: '/tmp:rw' }, { volume: 'cache', path: '/cache' }),
    edge: (s) => mounted(s, { volume: 'tmp', path: '/tmp;rw' }, { volume: 'cache', path: '/cache' }),
  }),
  error({
    type: 'WorkloadVolumeMount', property: 'path (in the container)', rule: 'each path once in the container',
    source: 'Kubernetes API: VolumeMount (mountPath: unique in the container)', where: SPEC, errorProperty: 'path',
    bad: (s) => mounted(s, { volume: 'tmp', path: '/tmp' }, { volume: 'cache', path: '/tmp' }),
    edge: (s) => mounted(s, { volume: 'tmp', path: '/tmp' }, { volume: 'cache', path: '/tmp/cache' }),
  }),
  ...typed('WorkloadVolumeMount', 'a boolean (ConfigMap and Secret volumes are always read-only)', 'readOnly'),
  error({
    type: 'WorkloadVolumeMount', property: 'volume', rule: 'the name of a volume in the workload\'s volumes',
    source: 'Kubernetes API: VolumeMount (name: must match the name of a volume)', where: SPEC,
    bad: (s) => mounted(s, { volume: 'tmp', path: '/tmp' }, { volume: 'caches', path: '/cache' }),
    edge: (s) => mounted(s, { volume: 'tmp', path: '/tmp' }, { volume: 'cache', path: '/cache' }),
  }),
];
