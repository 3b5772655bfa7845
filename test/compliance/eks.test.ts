import { Stack } from 'aws-cdk-lib';
import { EksCapacity, EksCluster, EksKarpenter, EksNodePool } from '../../lib/eks';
import { runCompliance } from '../support/compliance';

// cdk-nag (AwsSolutions, NIST 800-53 R5), the Control Tower cfn-guard rules, strict CloudFormation
// validation, cfn-lint and the library's own EKS checks must find nothing in the EKS defaults
// (DESIGN principle 1).

describe('EKS defaults under the compliance tools', () => {
  test.each([
    ['the default cluster (Auto Mode)', undefined],
    ['a node group and a Fargate profile', [EksCapacity.nodeGroup(), EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }] })]],
  ])('%s has no finding', (_name, capacity) => {
    // GIVEN / WHEN
    const result = runCompliance((app) => {
      const cluster = new EksCluster(new Stack(app, 'Test'), 'Platform', { capacity });
      cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/admins');
    });
    // THEN
    expect(result.findings).toEqual([]);
    expect(result.counts['cdk-containers']).toBe(0);
  }, 180_000);

  test('Karpenter on a node-group cluster, with a node pool, has no finding: only its documented wildcards are acknowledged, on its policy', () => {
    // GIVEN / WHEN
    const result = runCompliance((app) => {
      const stack = new Stack(app, 'Test');
      const cluster = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()] });
      cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/admins');
      new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: '1.9.0' });
      new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'general' });
    });
    // THEN
    expect(result.findings).toEqual([]);
    expect(result.counts['cdk-containers']).toBe(0);
  }, 180_000);
});
