/**
 * Integration app: an EKS cluster with a managed node group and a Fargate profile (integ-runner
 * format; `build` is also used by the deploy test and the template snapshot). Deployed to the
 * emulator, the cluster, node group and profile are created in moto's EKS backend by the project's
 * CloudFormation extension (test/integ/emulator), so the EKS API can read them back.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EksCapacity, EksCluster } from '../../lib/eks';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEks';
export const CLUSTER_NAME = 'integ-eks';

export function build(app: App): Stack[] {
  const stack = new Stack(app, STACK);
  const cluster = new EksCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    version: eks.KubernetesVersion.V1_33,
    // A test cluster is destroyed after each run: no deletion protection.
    deletionProtection: false,
    capacity: [
      EksCapacity.nodeGroup({
        id: 'General',
        instanceTypes: [new ec2.InstanceType('m7g.large')],
        minSize: 1,
        desiredSize: 2,
        maxSize: 4,
        labels: { workload: 'general' },
      }),
      EksCapacity.fargateProfile({ id: 'Jobs', selectors: [{ namespace: 'jobs', labels: { tier: 'batch' } }] }),
    ],
  });
  // The log group has a fixed name (/aws/eks/integ-eks/cluster): a retained one would make the next
  // deploy to the same account fail, so this test app deletes it with the stack.
  cluster.controlPlaneLogGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
  return [stack];
}

if (require.main === module) runIntegApp('Eks', build);
