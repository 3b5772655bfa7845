import { Stack } from 'aws-cdk-lib';
import { EksCapacity, EksCluster } from '../../lib/eks';
import { runCompliance } from '../support/compliance';

// cdk-nag AwsSolutions, the Control Tower cfn-guard rules, strict CloudFormation validation and
// cfn-lint must find nothing in the EKS defaults (DESIGN principle 1). NIST 800-53 R5 is reported
// by the shared harness but is not part of that contract.
const CONTRACT_TOOLS = ['AwsSolutions', 'cdk-validator-cfnguard', 'CloudFormation Validate', 'cfn-lint'];

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
    expect(result.findings.filter((f) => CONTRACT_TOOLS.includes(f.tool))).toEqual([]);
  }, 180_000);
});
