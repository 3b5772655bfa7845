// The examples of the README (Networks and ECS clusters), type-checked by `npm run build` and synthesized by
// test/examples/ecs-compute.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ClusterCapacity, Ec2AmiFamily, Ec2PurchaseOption, EcsCluster, NatMode, PlatformNetwork, VpcEndpointSet,
} from '../lib';

/** What {@link ecsCompute} builds, for tests. */
export interface EcsCompute {
  readonly network: PlatformNetwork;
  readonly privateNetwork: PlatformNetwork;
  readonly fargateCluster: EcsCluster;
  readonly ec2Cluster: EcsCluster;
  readonly defaultCluster: EcsCluster;
}

/** Builds every example of the README (Networks and ECS clusters) into `stack`, each in its own scope. */
export function ecsCompute(stack: Stack): EcsCompute {
  // --- PlatformNetwork: the default (one NAT gateway, 2 AZs, flow logs, default SG closed) ---
  const network = new PlatformNetwork(stack, 'Network');

  // --- PlatformNetwork with no NAT at all: VPC endpoints carry image pulls, logs and the ECS agent ---
  const isolated = new Construct(stack, 'Isolated');
  const privateNetwork = new PlatformNetwork(isolated, 'Network', {
    cidr: '10.20.0.0/16',
    natMode: NatMode.NONE,
    endpoints: VpcEndpointSet.ECS_FULL,
    flowLogRetention: logs.RetentionDays.ONE_YEAR,
  });

  // --- EcsCluster on Fargate: one on-demand task always, then 1 on-demand for every 3 on Spot ---
  const fargateCluster = new EcsCluster(stack, 'Cluster', {
    vpc: network.vpc,
    capacity: [
      ClusterCapacity.fargate({ baseTasks: 1, weight: 1 }),
      ClusterCapacity.fargateSpot({ weight: 3 }),
    ],
    enableExecuteCommand: true,
  });

  // --- EcsCluster on EC2: Graviton On-Demand first, Spot across several types, Bottlerocket ---
  const ec2Cluster = new EcsCluster(isolated, 'Cluster', {
    vpc: privateNetwork.vpc,
    capacity: [
      ClusterCapacity.ec2({
        name: 'General',
        instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('r7g.large')],
        minCapacity: 1,
        maxCapacity: 6,
        baseTasks: 1,
      }),
      ClusterCapacity.ec2({
        name: 'Spot',
        purchaseOption: Ec2PurchaseOption.SPOT,
        instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('r7g.large'), new ec2.InstanceType('c7g.xlarge')],
        amiFamily: Ec2AmiFamily.BOTTLEROCKET,
        maxCapacity: 10,
        weight: 3,
      }),
      ClusterCapacity.ec2({
        name: 'Legacy',                      // instance types the library does not know:
        instanceTypes: [new ec2.InstanceType('m5dn.large'), new ec2.InstanceType('m5n.large')],
        architecture: ec2.InstanceArchitecture.X86_64, // say its architecture so the AMI matches
        maxCapacity: 2,
        weight: 0,                            // only for services that ask for it
      }),
    ],
  });

  // --- The synth-time placement check: what EcsService reports for tasks on EC2 capacity ---
  ec2Cluster.addTaskDemand({ source: ec2Cluster, name: 'Isolated/Api', cpu: 1024, memoryMiB: 2048, count: 6, capacityName: 'General' });

  // --- All defaults: Fargate, in a PlatformNetwork created inside the cluster ---
  const defaults = new Construct(stack, 'Defaults');
  const defaultCluster = new EcsCluster(defaults, 'Cluster');

  return { network, privateNetwork, fargateCluster, ec2Cluster, defaultCluster };
}
