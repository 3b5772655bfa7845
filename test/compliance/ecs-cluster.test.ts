import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ClusterCapacity, Ec2PurchaseOption, EcsCluster } from '../../lib/ecs';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../lib/network';
import { runCompliance } from '../support/compliance';

describe('compliance of clusters and networks', () => {
  test('the default cluster, EC2 + Spot capacity with ECS Exec, and an endpoint-only network: 0 findings from every tool', () => {
    // GIVEN / WHEN
    const result = runCompliance((app) => {
      new EcsCluster(new Stack(app, 'DefaultCluster'), 'Cluster');
      new EcsCluster(new Stack(app, 'Ec2Cluster'), 'Cluster', {
        enableExecuteCommand: true,
        networkProps: { natMode: NatMode.NONE, endpoints: VpcEndpointSet.ECS_FULL },
        capacity: [
          ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('c7g.xlarge')] }),
          ClusterCapacity.ec2({ name: 'Spot', purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('c7g.xlarge')] }),
        ],
      });
      new PlatformNetwork(new Stack(app, 'Network'), 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.ECS_FULL });
    });

    // THEN
    expect(result.templates).toHaveLength(3);
    expect(result.findings).toEqual([]);
  });
});
