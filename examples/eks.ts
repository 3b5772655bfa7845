/**
 * The EKS examples of the README (EKS section), compiled by the repository's tsconfig and
 * synthesized by test/examples/eks.test.ts.
 */
import { Aspects, AspectPriority, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AckCapability, EcrRepository, EksAddon, EksCapacity, EksCluster, EksClusterChecks, EksClusterRule, EksEndpointAccess, EksKarpenter, EksNodePool, EksUpgradePolicy,
  KroCapability, NodePoolCapacityType,
} from '../lib';

/** What {@link buildEksExamples} created, for tests to inspect. */
export interface EksExamples {
  /** Secure defaults: Auto Mode, private endpoint, KMS secrets, all logs. */
  readonly quickStart: EksCluster;
  /** Managed node groups (Graviton on-demand + x86 Spot), team access, Pod Identity, EBS CSI. */
  readonly nodeGroups: EksCluster;
  /** Nodes pulling images from an ECR repository of this library. */
  readonly withImages: EksCluster;
  /** Fargate profiles next to Auto Mode, public endpoint limited to an office range. */
  readonly mixed: EksCluster;
  /** A Kubernetes upgrade in two deployments: the control plane and one node group, then the other node group. */
  readonly upgrading: EksCluster;
  /** Add-ons with IAM roles through Pod Identity: typed ones, a grant, and one by name with its managed policy. */
  readonly observed: EksCluster;
  /** EKS Hybrid Nodes: on-premises hosts on 192.168.100.0/23 joining over the VPN, their pods on 192.168.64.0/20. */
  readonly hybrid: EksCluster;
  /** ACK on the shop cluster, allowed to manage the shop's SQS queues. */
  readonly ack: AckCapability;
  /** kro on the shop cluster. */
  readonly kro: KroCapability;
  /** Karpenter on the shop cluster (its node groups), with a Spot node pool. */
  readonly karpenter: EksKarpenter;
  /** The Spot node pool Karpenter launches nodes for. */
  readonly spotPool: EksNodePool;
}

/** Builds every EKS example of the README into `stack`. */
export function buildEksExamples(stack: Stack): EksExamples {
  // 1. Quick start: every default. Auto Mode, Kubernetes 1.37, private endpoint, KMS-encrypted
  //    secrets, all five control-plane log types, no kubectl Lambda.
  const quickStart = new EksCluster(stack, 'QuickStart');
  quickStart.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');

  // 2. Managed node groups: Graviton on demand for the steady load, x86 Spot for batch.
  const shop = new EksCluster(stack, 'Shop', {
    capacity: [
      EksCapacity.nodeGroup({ id: 'General', instanceTypes: [new ec2.InstanceType('m7g.large')], minSize: 2, maxSize: 6 }),
      EksCapacity.nodeGroup({
        id: 'Batch',
        instanceTypes: [new ec2.InstanceType('m7i.large'), new ec2.InstanceType('m6i.large'), new ec2.InstanceType('m6a.large')],
        capacityType: eks.CapacityType.SPOT,
        minSize: 0,
        desiredSize: 0,
        maxSize: 10,
        labels: { workload: 'batch' },
        taints: [{ key: 'workload', value: 'batch', effect: eks.TaintEffect.NO_SCHEDULE }],
      }),
    ],
    addons: [EksAddon.ebsCsiDriver()],
  });
  shop.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');
  shop.grantNamespaceAccess('ShopTeam', 'arn:aws:iam::123456789012:role/shop-developers', ['shop', 'shop-staging']);
  shop.grantNamespaceAccess('Auditors', 'arn:aws:iam::123456789012:role/auditors', ['shop'], eks.AccessPolicyArn.AMAZON_EKS_VIEW_POLICY);

  // Pod Identity: pods running as service account shop/api get this role's credentials.
  const orders = new s3.Bucket(stack, 'Orders', { enforceSSL: true });
  const apiRole = shop.addPodIdentity('ApiIdentity', { serviceAccountNamespace: 'shop', serviceAccount: 'api' });
  orders.grantReadWrite(apiRole);

  // 3. Images from an ECR repository: the nodes' roles get pull permission (also for capacity added later).
  const images = new EcrRepository(stack, 'ShopImages', { repositoryName: 'shop/api' });
  const withImages = new EksCluster(stack, 'Images', { capacity: [EksCapacity.nodeGroup()] });
  withImages.grantImagePull(images);
  withImages.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');
  // Use in a pod spec (applied by your GitOps tool, or by kubectl if you opt in):
  const image = images.imageUri('1.4.2');
  new ExampleImageReference(stack, 'ApiImage', image);

  // 4. Auto Mode plus Fargate for one namespace, sharing a VPC; public endpoint for the office only.
  const mixed = new EksCluster(stack, 'Mixed', {
    vpc: shop.vpc,
    endpointAccess: EksEndpointAccess.publicAndPrivate('203.0.113.0/24'),
    capacity: [
      EksCapacity.autoMode(),
      EksCapacity.fargateProfile({ id: 'Jobs', selectors: [{ namespace: 'jobs' }] }),
    ],
  });
  mixed.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');

  // 5. The library's own EKS checks, for every AWS::EKS::Cluster in the app (also ones made elsewhere).
  const app = stack.node.root;
  Aspects.of(app).add(new EksClusterChecks(), { priority: AspectPriority.READONLY });
  // A sandbox cluster whose audit-heavy logs are not worth their cost: acknowledged in code, with the reason.
  const sandboxCluster = new EksCluster(stack, 'Sandbox', { vpc: shop.vpc, clusterLogging: [eks.ClusterLoggingTypes.AUDIT] });
  sandboxCluster.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');
  EksClusterChecks.acknowledge(sandboxCluster, EksClusterRule.CONTROL_PLANE_LOGS, 'sandbox: audit logs only, the rest cost more than they are worth');

  // 6. A Kubernetes upgrade from 1.36 in two deployments: first the control plane and the node group
  //    that follows it ("Web"), while "Stateful" stays on the version it runs; then remove that pin.
  const upgrading = new EksCluster(stack, 'Upgrading', {
    vpc: shop.vpc,
    version: eks.KubernetesVersion.V1_37,
    upgradePolicy: EksUpgradePolicy.STANDARD,
    capacity: [
      EksCapacity.nodeGroup({ id: 'Web' }),
      EksCapacity.nodeGroup({ id: 'Stateful', version: eks.KubernetesVersion.V1_36 }),
    ],
  });
  upgrading.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');

  // 7. Add-ons with their IAM roles through Pod Identity: CloudWatch Observability (its documented
  //    policies), the Metrics Server for HorizontalPodAutoscalers, the Mountpoint for S3 driver granted
  //    one bucket, and an add-on by name with the managed policy its documentation names.
  const observed = new EksCluster(stack, 'Observed', {
    vpc: shop.vpc,
    capacity: [EksCapacity.nodeGroup()],
    addons: [
      EksAddon.cloudWatchObservability(),
      EksAddon.metricsServer(),
      EksAddon.mountpointS3CsiDriver(),
      EksAddon.of('aws-network-flow-monitoring-agent', {
        podIdentities: [{ serviceAccount: 'aws-network-flow-monitor-agent-service-account', managedPolicies: ['CloudWatchNetworkFlowMonitorAgentPublishPolicy'] }],
      }),
    ],
  });
  orders.grantRead(observed.addonRole('aws-mountpoint-s3-csi-driver', 's3-csi-driver-sa')!);
  observed.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');

  // 8. EKS Hybrid Nodes: hosts in a data centre, reached over a VPN or Direct Connect that routes
  //    192.168.100.0/23 and 192.168.64.0/20 to the VPC, join with the role of an SSM hybrid activation.
  const hybrid = new EksCluster(stack, 'Hybrid', {
    vpc: shop.vpc,
    hybridNodes: { remoteNodeNetworks: ['192.168.100.0/23'], remotePodNetworks: ['192.168.64.0/20'] },
  });
  hybrid.grantHybridNodes('DataCentreNodes', 'arn:aws:iam::123456789012:role/hybrid-nodes');
  hybrid.grantClusterAdmin('PlatformAdmins', 'arn:aws:iam::123456789012:role/platform-admins');

  // 9. EKS capabilities on the shop cluster: ACK, allowed to manage the shop's SQS queues only, and kro.
  const ack = new AckCapability(stack, 'Ack', { cluster: shop });
  ack.addToRolePolicy(new iam.PolicyStatement({
    actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:TagQueue'],
    resources: [stack.formatArn({ service: 'sqs', resource: 'shop-*' })],
  }));
  const kro = new KroCapability(stack, 'Kro', { cluster: shop });

  // 10. Karpenter on the shop cluster: right-sized Spot nodes (on-demand when Spot has none) for the
  //     pods its node groups cannot take, at most 128 vCPUs in all.
  const karpenter = new EksKarpenter(stack, 'Karpenter', { cluster: shop, chartVersion: '1.9.0' });
  const spotPool = new EksNodePool(stack, 'SpotPool', {
    cluster: shop,
    nodePoolName: 'spot',
    requirements: { capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.ON_DEMAND], maximumVcpus: 16 },
    cpuLimit: 128,
    memoryLimitGiB: 512,
  });

  return { quickStart, nodeGroups: shop, withImages, mixed, upgrading, observed, hybrid, ack, kro, karpenter, spotPool };
}

/** Holds an image URI so the example shows where it goes; a real app puts it in a pod spec. */
class ExampleImageReference extends Construct {
  /** The image URI. */
  public readonly uri: string;

  constructor(scope: Construct, id: string, uri: string) {
    super(scope, id);
    this.uri = uri;
  }
}
