/**
 * Integration app: an EKS cluster with a managed node group and a Fargate profile (integ-runner
 * format; `build` is also used by the deploy test and the template snapshot). Deployed to the
 * emulator, the cluster, node group and profile are created in moto's EKS backend by the project's
 * CloudFormation extension (test/integ/emulator), so the EKS API can read them back.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EksCapacity, EksCluster } from '../../lib/eks';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEks';
export const CLUSTER_NAME = 'integ-eks';

export function build(app: App): Stack[] {
  const stack = new Stack(app, STACK);
  new EksCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    version: eks.KubernetesVersion.V1_33,
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
  return [stack];
}

if (require.main === module) runIntegApp('Eks', build);
