/**
 * Integration app: an EKS cluster with a managed node group and a Fargate profile (integ-runner
 * format; `build` is also used by the deploy test and the template snapshot). Deployed to the
 * emulator, the cluster, node group and profile are created in moto's EKS backend by the project's
 * CloudFormation extension, so the EKS API can read them back. The node group sets every size and
 * option to a value that is not the library's default, so a setting the library drops is seen.
 * Context `integ:variant=v2` is the update test/integ/eks.test.ts deploys on top of v1: the
 * Kubernetes version raised one minor version (the control plane, then the node group that follows
 * it), the node group scaled and its update budget changed, all in place. Karpenter's AWS side
 * (node role and access entry, controller role through Pod Identity, interruption queue and its
 * rules) is deployed with it.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EksCapacity, EksCluster, EksKarpenter, EksNodePool, NodePoolCapacityType } from '../../lib/eks';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEks';
export const CLUSTER_NAME = 'integ-eks';

/** The node group of v1 and v2, for the test to compare with what the EKS API answers (library defaults: 1/2/4, 1, 20 GiB, on demand, auto-repair on). */
export const NODE_GROUP = {
  v1: { minSize: 2, desiredSize: 3, maxSize: 6, maxUnavailable: 2, diskSize: 40 },
  v2: { minSize: 2, desiredSize: 4, maxSize: 8, maxUnavailable: 3, diskSize: 40 },
} as const;

/** The remote networks of EKS Hybrid Nodes (the VPC is 10.0.0.0/16). */
export const HYBRID_NODE_NETWORK = '192.168.100.0/24';
export const HYBRID_POD_NETWORK = '192.168.64.0/20';

/** The Karpenter release the app installs. */
export const KARPENTER_VERSION = '1.9.0';

/** The Kubernetes version of v1 and v2: an upgrade by one minor version. */
export const VERSION = { v1: eks.KubernetesVersion.V1_36, v2: eks.KubernetesVersion.V1_37 } as const;

export function build(app: App): Stack[] {
  const v2 = app.node.tryGetContext('integ:variant') === 'v2';
  const variant = v2 ? NODE_GROUP.v2 : NODE_GROUP.v1;
  const stack = new Stack(app, STACK);
  // The versions this app pins are placed in the EKS release calendar on a fixed day, so the app
  // keeps synthesizing the same way as they age (the default is the day of synthesis).
  stack.node.setContext('cdk-containers:kubernetesSupportDate', '2026-12-07');
  const cluster = new EksCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    version: v2 ? VERSION.v2 : VERSION.v1,
    // A test cluster is destroyed after each run: no deletion protection.
    deletionProtection: false,
    hybridNodes: { remoteNodeNetworks: [HYBRID_NODE_NETWORK], remotePodNetworks: [HYBRID_POD_NETWORK] },
    capacity: [
      EksCapacity.nodeGroup({
        id: 'General',
        instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')],
        ...variant,
        capacityType: eks.CapacityType.SPOT,
        autoRepair: false,
        labels: { workload: 'general' },
        taints: [{ key: 'dedicated', value: 'general', effect: eks.TaintEffect.NO_SCHEDULE }],
      }),
      EksCapacity.fargateProfile({ id: 'Jobs', selectors: [{ namespace: 'jobs', labels: { tier: 'batch' } }] }),
    ],
  });
  // The log group has a fixed name (/aws/eks/integ-eks/cluster): a retained one would make the next
  // deploy to the same account fail, so this test app deletes it with the stack.
  cluster.controlPlaneLogGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
  // Karpenter: its AWS side deploys (the controller itself cannot run on the emulator).
  new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: KARPENTER_VERSION });
  new EksNodePool(stack, 'SpotPool', { cluster, nodePoolName: 'spot', requirements: { capacityTypes: [NodePoolCapacityType.SPOT] }, cpuLimit: 64 });
  return [stack];
}

if (require.main === module) runIntegApp('Eks', build);
