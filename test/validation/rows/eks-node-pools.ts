import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EksCapacity } from '../../../lib/eks/capacity';
import { EksCluster } from '../../../lib/eks/cluster';
import { EksKarpenter, EksKarpenterProps } from '../../../lib/eks/karpenter';
import { EksNamespace } from '../../../lib/eks/namespace';
import {
  EksNodePool, EksNodePoolProps, NodePoolArchitecture, NodePoolCapacityType, NodePoolDisruptionBudget, NodePoolDisruptionReason, NodePoolRequirements,
} from '../../../lib/eks/node-pool';
import { KubernetesDelivery } from '../../../lib/eks/kubernetes-manifests';
import { EksWorkload } from '../../../lib/eks/workload';
import { WorkloadImage } from '../../../lib/eks/workload-container';
import { ValidationRow, error, typed, warning } from '../table';

/** The validation table's rows for custom EKS Auto Mode node pools (see ../table.ts). */

const WHERE = 'lib/eks/node-pool.ts';
const RULES = 'lib/eks/private/node-pools.ts';
const EKS_VALIDATE = 'lib/eks/private/validate.ts';
const PLACEMENT = 'lib/eks/workload-placement.ts';
const INSTANCE_TYPES = 'lib/private/instance-types.ts';
const POOL_GUIDE = 'guide: Create a Node Pool for EKS Auto Mode';
const KARPENTER = 'Karpenter NodePool CRD (karpenter.sh/v1)';
const NGINX = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

const KARPENTER_WHERE = 'lib/eks/karpenter.ts';
const KARPENTER_SETUP = 'Karpenter: Getting Started (cloudformation.yaml) and Upgrading > Compatibility';

/** A Karpenter `Karpenter` on a new node-group cluster `Platform` (Kubernetes 1.35 unless given), in a stack with an account and Region. */
function karpenter(stack: Stack, props: Partial<EksKarpenterProps> = {}, version = eks.KubernetesVersion.V1_35): EksKarpenter {
  const cluster = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()], version });
  return new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: '1.9.0', ...props });
}

/** A node pool `Pool` named `batch` on a new Auto Mode cluster `Platform`. */
function pool(stack: Stack, props: Partial<EksNodePoolProps> = {}): EksNodePool {
  return new EksNodePool(stack, 'Pool', { cluster: new EksCluster(stack, 'Platform'), nodePoolName: 'batch', ...props });
}

function requirements(stack: Stack, r: NodePoolRequirements): EksNodePool {
  return pool(stack, { requirements: r });
}

function budget(stack: Stack, b: NodePoolDisruptionBudget): EksNodePool {
  return pool(stack, { disruptionBudgets: [b] });
}

/**
 * A stack of an app of its own whose context lookup found zones us-east-1a-c (context must be set
 * before the app has children); the cluster's private subnets are in a and b.
 */
function zonedStack(): Stack {
  const app = new App({ context: { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] } });
  return new Stack(app, 'Zoned', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** A workload of one pod of `cpu` on a pool made with `props`, synthesized so the placement check runs. */
function podOnPool(stack: Stack, props: Partial<EksNodePoolProps>, cpu: string, replicas = 1): void {
  const made = pool(stack, props);
  new EksWorkload(stack, 'Job', {
    kubernetesNamespace: EksNamespace.fromNamespaceName(made.cluster, 'shop'),
    workloadName: 'job',
    containers: [{ name: 'app', image: NGINX, cpu, memory: '1Gi' }],
    replicas,
    nodePool: made,
  });
  (stack.node.root as App).synth();
}

export const rows: ValidationRow[] = [
  ...typed('EksNodePool', 'an EksCluster construct', 'ofCluster(cluster)'),
  ...typed('EksKarpenter', 'an EksCluster construct', 'of(cluster)'),

  // EksKarpenterProps
  error({
    type: 'EksKarpenterProps', property: 'cluster', rule: 'a cluster without Auto Mode (Auto Mode runs Karpenter itself)', source: 'guide: EKS Auto Mode', where: KARPENTER_WHERE,
    bad: (s) => new EksKarpenter(s, 'Karpenter', { cluster: new EksCluster(s, 'Platform', { capacity: [EksCapacity.autoMode(), EksCapacity.nodeGroup()], version: eks.KubernetesVersion.V1_35 }), chartVersion: '1.9.0' }),
    edge: (s) => karpenter(s),
  }),
  error({
    type: 'EksKarpenterProps', property: 'cluster (node group)', rule: 'a cluster with a managed node group for the controller (never on its own nodes; on Fargate, Pod Identity gives it no credentials)', errorProperty: 'cluster',
    source: KARPENTER_SETUP, where: KARPENTER_WHERE,
    bad: (s) => new EksKarpenter(s, 'Karpenter', { cluster: new EksCluster(s, 'Platform', { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }] })], version: eks.KubernetesVersion.V1_35 }), chartVersion: '1.9.0' }),
    edge: (s) => new EksKarpenter(s, 'Karpenter', { cluster: new EksCluster(s, 'Platform', { capacity: [EksCapacity.nodeGroup(), EksCapacity.fargateProfile({ selectors: [{ namespace: 'jobs' }] })], version: eks.KubernetesVersion.V1_35 }), chartVersion: '1.9.0' }),
  }),
  error({
    type: 'EksKarpenterProps', property: 'cluster (one)', rule: 'one Karpenter per cluster (one controller, one EC2NodeClass named default)', errorProperty: 'cluster', source: 'library', where: KARPENTER_WHERE,
    bad: (s) => { const made = karpenter(s); new EksKarpenter(s, 'Second', { cluster: made.cluster, chartVersion: '1.9.0' }); },
    edge: (s) => { karpenter(s); new EksKarpenter(s, 'Second', { cluster: new EksCluster(s, 'Other', { capacity: [EksCapacity.nodeGroup()], version: eks.KubernetesVersion.V1_35 }), chartVersion: '1.9.0' }); },
  }),
  error({
    type: 'EksKarpenterProps', property: 'chartVersion', rule: 'a Karpenter release 1.x.y (the v1 APIs the library writes)', source: KARPENTER_SETUP, where: 'lib/eks/private/node-pools.ts',
    bad: (s) => karpenter(s, { chartVersion: '0.37.0' }),
    edge: (s) => karpenter(s, { chartVersion: 'v1.9.0' }),
  }),
  error({
    type: 'EksKarpenterProps', property: 'chartVersion (Kubernetes)', rule: 'a release that supports the cluster\'s Kubernetes version (1.35 needs 1.9)', errorProperty: 'chartVersion',
    source: KARPENTER_SETUP, where: KARPENTER_WHERE,
    bad: (s) => karpenter(s, { chartVersion: '1.8.9' }),
    edge: (s) => karpenter(s, { chartVersion: '1.9.0' }),
  }),
  warning({
    type: 'EksKarpenterProps', property: 'chartVersion (newer Kubernetes)', rule: 'for a Kubernetes version newer than the matrix the library has (1.35), check the release supports it',
    source: KARPENTER_SETUP, where: KARPENTER_WHERE, warningId: 'cdk-containers:karpenter-compatibility',
    bad: (s) => karpenter(s, {}, eks.KubernetesVersion.V1_36),
    edge: (s) => karpenter(s, {}, eks.KubernetesVersion.V1_35),
  }),
  ...typed('EksKarpenterProps', 'a KarpenterAmiFamily', 'amiFamily'),
  error({
    type: 'EksKarpenterProps', property: 'nodeVolumeSizeGiB', rule: 'a whole number of GiB from 20 to 16,384 (gp3)', source: 'EC2 API EbsBlockDevice (VolumeSize, gp3)', where: KARPENTER_WHERE,
    bad: (s) => karpenter(s, { nodeVolumeSizeGiB: 19 }),
    edge: (s) => karpenter(s, { nodeVolumeSizeGiB: 16_384 }),
  }),
  error({
    type: 'EksKarpenterProps', property: 'namespaceName', rule: 'a Kubernetes namespace name (DNS-1123 label)', source: 'guide: Kubernetes namespaces', where: 'lib/eks/private/kubernetes-names.ts',
    bad: (s) => karpenter(s, { namespaceName: 'karpenter_system' }),
    edge: (s) => karpenter(s, { namespaceName: 'karpenter' }),
  }),
  error({
    type: 'EksKarpenterProps', property: 'delivery', rule: 'KUBECTL only on a cluster with a kubectl provider', source: 'library', where: 'lib/eks/kubernetes-manifests.ts',
    bad: (s) => karpenter(s, { delivery: KubernetesDelivery.KUBECTL }),
    edge: (s) => karpenter(s, { delivery: KubernetesDelivery.CLOUD_ASSEMBLY }),
  }),
  warning({
    type: 'EksKarpenterProps', property: 'cluster (subnets)', rule: 'the nodes\' subnets carry the karpenter.sh/discovery tag the EC2NodeClass selects: the library tags the subnets it makes, a VPC made elsewhere must be tagged by its owner',
    source: KARPENTER_SETUP, where: KARPENTER_WHERE, warningId: 'cdk-containers:karpenter-untagged-subnets',
    bad: (s) => new EksKarpenter(s, 'Karpenter', {
      cluster: new EksCluster(s, 'Platform', {
        capacity: [EksCapacity.nodeGroup()], version: eks.KubernetesVersion.V1_35,
        vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] }),
      }),
      chartVersion: '1.9.0',
    }),
    edge: (s) => karpenter(s),
  }),

  // EksNodePoolProps
  error({
    type: 'EksNodePoolProps', property: 'cluster', rule: 'an EKS Auto Mode cluster (node pools are how Auto Mode launches nodes)',
    source: POOL_GUIDE, where: WHERE,
    bad: (s) => new EksNodePool(s, 'Pool', { cluster: new EksCluster(s, 'Platform', { capacity: [EksCapacity.nodeGroup()] }), nodePoolName: 'batch' }),
    edge: (s) => new EksNodePool(s, 'Pool', { cluster: new EksCluster(s, 'Platform', { capacity: [EksCapacity.autoMode(), EksCapacity.nodeGroup()] }), nodePoolName: 'batch' }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'nodePoolName', rule: 'a DNS-1123 label (it is the value of the nodes\' karpenter.sh/nodepool label); a token is refused',
    source: 'guide: Kubernetes object names', where: 'lib/eks/private/kubernetes-names.ts',
    bad: (s) => pool(s, { nodePoolName: 'a'.repeat(64) }),
    edge: (s) => pool(s, { nodePoolName: 'a'.repeat(63) }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'nodePoolName (built-in)', rule: 'not a built-in pool\'s name (system, general-purpose), which EKS owns', errorProperty: 'nodePoolName',
    source: 'guide: Enable or Disable Built-in NodePools', where: WHERE,
    bad: (s) => pool(s, { nodePoolName: 'system' }),
    edge: (s) => pool(s, { nodePoolName: 'systems' }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'nodePoolName (unique)', rule: 'unique among the cluster\'s node pools (one object per name)', errorProperty: 'nodePoolName',
    source: 'Kubernetes: object names are unique per kind', where: WHERE,
    bad: (s) => { const made = pool(s); new EksNodePool(s, 'Other', { cluster: made.cluster, nodePoolName: 'batch' }); },
    edge: (s) => { const made = pool(s); new EksNodePool(s, 'Other', { cluster: made.cluster, nodePoolName: 'batch-2' }); },
  }),
  error({
    type: 'EksNodePoolProps', property: 'cpuLimit', rule: 'a literal whole number of vCPUs, 1 or more',
    source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { cpuLimit: 0 }),
    edge: (s) => pool(s, { cpuLimit: 1 }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'memoryLimitGiB', rule: 'a literal whole number of GiB, 1 or more',
    source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { memoryLimitGiB: 1.5 }),
    edge: (s) => pool(s, { memoryLimitGiB: 1 }),
  }),
  warning({
    type: 'EksNodePoolProps', property: 'cpuLimit (pods)', rule: 'the pods on the pool (at their most replicas) request no more than its CPU and memory limits, or some stay Pending',
    source: KARPENTER, where: PLACEMENT, warningId: 'cdk-containers:eks-node-pool-limit',
    bad: (s) => podOnPool(s, { cpuLimit: 8 }, '1', 9),
    edge: (s) => podOnPool(s, { cpuLimit: 8 }, '1', 8),
  }),
  error({
    type: 'EksNodePoolProps', property: 'labels', rule: 'Kubernetes label keys and values of 1-63 characters, no key kubelet keeps (kubernetes.io, k8s.io)',
    source: 'guide: Kubernetes labels', where: EKS_VALIDATE,
    bad: (s) => pool(s, { labels: { team: 'a'.repeat(64) } }),
    edge: (s) => pool(s, { labels: { team: 'a'.repeat(63) } }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'labels (reserved)', rule: 'no key of karpenter.sh/, karpenter.k8s.aws/ or eks.amazonaws.com/ (EKS and Karpenter set those)', errorProperty: 'labels',
    source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { labels: { 'eks.amazonaws.com/compute-type': 'auto' } }),
    edge: (s) => pool(s, { labels: { 'example.com/compute-type': 'auto' } }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'taints', rule: 'as a node group\'s: a key on each, one taint per key and effect, at most 50',
    source: 'guide: Kubernetes taints and tolerations', where: EKS_VALIDATE,
    bad: (s) => pool(s, { taints: [{ key: 'batch', effect: eks.TaintEffect.NO_SCHEDULE }, { key: 'batch', effect: eks.TaintEffect.NO_SCHEDULE }] }),
    edge: (s) => pool(s, { taints: [{ key: 'batch', effect: eks.TaintEffect.NO_SCHEDULE }, { key: 'batch', effect: eks.TaintEffect.NO_EXECUTE }] }),
  }),
  ...typed('EksNodePoolProps', 'a NodePoolConsolidationPolicy', 'consolidationPolicy'),
  error({
    type: 'EksNodePoolProps', property: 'consolidateAfter', rule: 'whole seconds, 0 to 21 days', source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { consolidateAfter: Duration.millis(500) }),
    edge: (s) => pool(s, { consolidateAfter: Duration.seconds(0) }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'disruptionBudgets', rule: '1-50 budgets', source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { disruptionBudgets: [] }),
    edge: (s) => pool(s, { disruptionBudgets: [{ nodes: '1' }] }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'expireAfter', rule: 'whole seconds, 1 hour to 21 days (Auto Mode replaces every node within 21 days)',
    source: 'guide: Learn about EKS Auto Mode (21-day maximum node lifetime)', where: WHERE,
    bad: (s) => pool(s, { expireAfter: Duration.hours(505) }),
    edge: (s) => pool(s, { expireAfter: Duration.hours(504) }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'terminationGracePeriod', rule: 'whole seconds, 0 to 21 days', source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { terminationGracePeriod: Duration.days(22) }),
    edge: (s) => pool(s, { terminationGracePeriod: Duration.days(21) }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'weight', rule: 'a whole number from 1 to 100', source: KARPENTER, where: WHERE,
    bad: (s) => pool(s, { weight: 0 }),
    edge: (s) => pool(s, { weight: 1 }),
  }),
  error({
    type: 'EksNodePoolProps', property: 'delivery', rule: 'KUBECTL only on a cluster with a kubectl provider', source: 'library', where: 'lib/eks/kubernetes-manifests.ts',
    bad: (s) => pool(s, { delivery: KubernetesDelivery.KUBECTL }),
    edge: (s) => pool(s, { delivery: KubernetesDelivery.CLOUD_ASSEMBLY }),
  }),
  ...typed('EksNodePoolProps', 'a NodePoolRequirements struct; its fields are checked', 'requirements'),

  // NodePoolRequirements
  error({
    type: 'NodePoolRequirements', property: 'instanceCategories', rule: 'distinct EC2 instance categories (the letters before the generation: c, m, r, g, inf, ...), at least one',
    source: 'guide: EKS Auto Mode Supported Labels (eks.amazonaws.com/instance-category)', where: WHERE,
    bad: (s) => requirements(s, { instanceCategories: ['q'] }),
    edge: (s) => requirements(s, { instanceCategories: ['inf'] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'instanceFamilies', rule: 'distinct EC2 instance families, at least one', source: 'guide: EKS Auto Mode Supported Labels (eks.amazonaws.com/instance-family)', where: WHERE,
    bad: (s) => requirements(s, { instanceFamilies: ['m7g', 'm7g'] }),
    edge: (s) => requirements(s, { instanceFamilies: ['m7g', 'c7g'] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'instanceFamilies (satisfiable)', rule: 'each family of the given categories and not older than minimumGeneration: some instance type satisfies every requirement', errorProperty: 'instanceFamilies',
    source: POOL_GUIDE, where: WHERE,
    bad: (s) => requirements(s, { instanceFamilies: ['m5'], minimumGeneration: 6 }),
    edge: (s) => requirements(s, { instanceFamilies: ['m6g'], minimumGeneration: 6 }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'instanceTypes', rule: 'EC2 instance types of a known family, distinct', source: 'EC2 instance type names', where: INSTANCE_TYPES,
    bad: (s) => requirements(s, { instanceTypes: [new ec2.InstanceType('m7g.huge')] }),
    edge: (s) => requirements(s, { instanceTypes: [new ec2.InstanceType('m7g.medium')] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'instanceTypes (satisfiable)', rule: 'each type of the given families, categories, architectures, generation and vCPU and memory bounds', errorProperty: 'instanceTypes',
    source: POOL_GUIDE, where: WHERE,
    bad: (s) => requirements(s, { instanceTypes: [new ec2.InstanceType('m7i.large')], architectures: [NodePoolArchitecture.ARM64] }),
    edge: (s) => requirements(s, { instanceTypes: [new ec2.InstanceType('m7g.large')], architectures: [NodePoolArchitecture.ARM64] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'minimumGeneration', rule: 'a whole number from 1 to 9', source: 'guide: EKS Auto Mode Supported Labels (eks.amazonaws.com/instance-generation)', where: WHERE,
    bad: (s) => requirements(s, { minimumGeneration: 10 }),
    edge: (s) => requirements(s, { minimumGeneration: 9, instanceCategories: ['m'] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'maximumVcpus', rule: 'a whole number, 1 or more', source: 'guide: EKS Auto Mode Supported Labels (eks.amazonaws.com/instance-cpu)', where: WHERE,
    bad: (s) => requirements(s, { maximumVcpus: 0 }),
    edge: (s) => requirements(s, { maximumVcpus: 1 }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'maximumVcpus (pods)', rule: 'each pod on the pool fits its largest node (instance types, vCPU and memory bounds, limits), or it never schedules', errorProperty: 'containers',
    source: 'Kubernetes scheduler: a pod fits one node', where: PLACEMENT,
    bad: (s) => podOnPool(s, { requirements: { maximumVcpus: 2 } }, '2'),
    edge: (s) => podOnPool(s, { requirements: { maximumVcpus: 2 } }, '1900m'),
  }),
  error({
    type: 'NodePoolRequirements', property: 'maximumMemoryGiB', rule: 'a whole number, 1 or more', source: 'guide: EKS Auto Mode Supported Labels (eks.amazonaws.com/instance-memory)', where: WHERE,
    bad: (s) => requirements(s, { maximumMemoryGiB: 0.5 }),
    edge: (s) => requirements(s, { maximumMemoryGiB: 1 }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'architectures', rule: 'distinct NodePoolArchitecture values, at least one', source: KARPENTER, where: WHERE,
    bad: (s) => requirements(s, { architectures: [] }),
    edge: (s) => requirements(s, { architectures: [NodePoolArchitecture.AMD64] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'capacityTypes', rule: 'distinct NodePoolCapacityType values, at least one', source: KARPENTER, where: WHERE,
    bad: (s) => requirements(s, { capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.SPOT] }),
    edge: (s) => requirements(s, { capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.ON_DEMAND] }),
  }),
  error({
    type: 'NodePoolRequirements', property: 'availabilityZones', rule: 'zone names of the stack\'s Region, and of the cluster\'s private subnets when those are known at synth',
    source: 'guide: EKS Auto Mode Supported Labels (topology.kubernetes.io/zone)', where: WHERE,
    bad: () => requirements(zonedStack(), { availabilityZones: ['us-east-1c'] }),
    edge: () => requirements(zonedStack(), { availabilityZones: ['us-east-1b'] }),
  }),

  // EksWorkloadProps
  error({
    type: 'EksWorkloadProps', property: 'nodePool', rule: 'a node pool of the workload\'s cluster (pods run on their own cluster\'s nodes)', source: 'library', where: 'lib/eks/workload.ts',
    bad: (s) => {
      const made = pool(s);
      new EksWorkload(s, 'Job', { kubernetesNamespace: EksNamespace.fromNamespaceName(new EksCluster(s, 'Other'), 'shop'), workloadName: 'job', containers: [{ name: 'app', image: NGINX }], nodePool: made });
    },
    edge: (s) => {
      const made = pool(s);
      new EksWorkload(s, 'Job', { kubernetesNamespace: EksNamespace.fromNamespaceName(made.cluster, 'shop'), workloadName: 'job', containers: [{ name: 'app', image: NGINX }], nodePool: made });
    },
  }),

  // NodePoolDisruptionBudget
  error({
    type: 'NodePoolDisruptionBudget', property: 'nodes', rule: 'a whole number or a percentage from 0% to 100%', source: KARPENTER, where: RULES,
    bad: (s) => budget(s, { nodes: '101%' }),
    edge: (s) => budget(s, { nodes: '100%' }),
  }),
  error({
    type: 'NodePoolDisruptionBudget', property: 'schedule', rule: 'five cron fields (UTC; day of week 0-6, as Karpenter\'s cron parser takes it) or a macro (@daily, ...), with a duration', source: KARPENTER, where: RULES,
    bad: (s) => budget(s, { nodes: '0', schedule: '0 9 * * 7', duration: Duration.hours(8) }),
    edge: (s) => budget(s, { nodes: '0', schedule: '0 9 * * 6', duration: Duration.hours(8) }),
  }),
  error({
    type: 'NodePoolDisruptionBudget', property: 'duration', rule: 'whole minutes, 1 or more, with a schedule', source: KARPENTER, where: WHERE,
    bad: (s) => budget(s, { nodes: '0', schedule: '@daily', duration: Duration.seconds(30) }),
    edge: (s) => budget(s, { nodes: '0', schedule: '@daily', duration: Duration.minutes(1) }),
  }),
  error({
    type: 'NodePoolDisruptionBudget', property: 'reasons', rule: 'distinct NodePoolDisruptionReason values, at least one', source: KARPENTER, where: WHERE,
    bad: (s) => budget(s, { nodes: '1', reasons: [] }),
    edge: (s) => budget(s, { nodes: '1', reasons: [NodePoolDisruptionReason.DRIFTED] }),
  }),
];
