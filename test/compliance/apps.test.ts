import { App, CfnResource } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PlatformStack } from '../../bin/platform-stack';
import * as ecr from '../integ/integ.ecr';
import * as ecsEc2 from '../integ/integ.ecs-ec2';
import * as ecsFargate from '../integ/integ.ecs-fargate';
import * as ecsTraffic from '../integ/integ.ecs-traffic';
import * as integEks from '../integ/integ.eks';
import * as integEksWorkloads from '../integ/integ.eks-workloads';
import { inexactAcknowledgements, runCompliance } from '../support/compliance';

/** Every app the compliance tier checks: the reference app and each integration-test app. */
const APPS: Array<[string, (app: App) => void]> = [
  ['reference platform (bin/app.ts)', (app) => new PlatformStack(app, 'Platform')],
  ['integ.ecr', (app) => ecr.build(app)],
  ['integ.ecs-fargate', (app) => ecsFargate.build(app)],
  ['integ.ecs-ec2', (app) => ecsEc2.build(app)],
  ['integ.ecs-traffic', (app) => ecsTraffic.build(app)],
  ['integ.eks', (app) => integEks.build(app)],
  ['integ.eks-workloads', (app) => integEksWorkloads.build(app)],
];

describe('compliance tier', () => {
  test.each(APPS)('%s: 0 unacknowledged findings from every tool, and every acknowledgement exact', (_name, build) => {
    // WHEN
    const result = runCompliance(build);

    // THEN
    console.log(`${_name}: ${JSON.stringify(result.counts)}`);
    expect(result.templates.length).toBeGreaterThan(0);
    expect(result.findings).toEqual([]);
    // Every acknowledgement sits on the one resource it covers, and each covers a finding.
    expect(result.suppressed.length).toBeGreaterThan(0);
    expect(inexactAcknowledgements(result)).toEqual({ misplaced: [], unused: [] });
  });

  test('the tier can fail: every tool reports a broken app', () => {
    const result = runCompliance((app) => {
      const stack = new PlatformStack(app, 'Broken');
      new s3.Bucket(stack, 'Bucket');
      // A function without tracing, DLQ or concurrency limit: what the Serverless pack checks.
      new lambda.CfnFunction(stack, 'RawFunction', {
        role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs20.x', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' },
      });
      new CfnResource(stack, 'Raw', { type: 'AWS::ECR::Repository', properties: { ImageTagMutability: 'SOMETIMES' } });
      // Public endpoint, no logs, no secrets encryption: what only the library's own checks see.
      new eks.CfnCluster(stack, 'RawCluster', {
        roleArn: 'arn:aws:iam::123456789012:role/eks',
        resourcesVpcConfig: { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
      });
    });
    for (const tool of Object.keys(result.counts)) {
      expect([tool, result.counts[tool]]).toEqual([tool, expect.any(Number)]);
      expect(result.counts[tool]).toBeGreaterThan(0);
    }
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining([
      'AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'ecr_private_tag_immutability_enabled_check', 'E3030',
      'CdkContainers-EKS1', 'CdkContainers-EKS2', 'CdkContainers-EKS3',
    ]));
    expect(result.findings.filter((f) => f.tool === 'cdk-containers').map((f) => f.path)).toEqual(
      ['Broken/RawCluster', 'Broken/RawCluster', 'Broken/RawCluster']);
  });
});
