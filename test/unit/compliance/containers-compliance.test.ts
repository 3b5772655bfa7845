import { App, CfnResource, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ContainersCompliance } from '../../../lib/compliance';
import { ValidationError } from '../../../lib/errors';
import { thrownBy } from '../../support/thrown';

/** A validation plugin that reports every bucket, as a rule pack would. */
class BucketRule implements IPolicyValidationPluginBeta1 {
  public readonly name = 'TestPack';
  public validate(): PolicyValidationPluginReportBeta1 {
    return { success: false, violations: [{ ruleName: 'NoBuckets', description: 'no buckets', violatingResources: [{ resourceLogicalId: 'Bucket83908E77', templatePath: 'Stack.template.json', locations: ['Properties'] }] }] };
  }
}

describe('ContainersCompliance.addChecks', () => {
  test('adds the library\'s EKS checks: an EKS cluster open to everyone fails the synth', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new eks.CfnCluster(stack, 'Raw', { roleArn: 'arn:aws:iam::123456789012:role/eks', resourcesVpcConfig: { subnetIds: ['subnet-1', 'subnet-2'] } });
    ContainersCompliance.addChecks(app);
    app.synth();
    const errors = stack.node.findChild('Raw').node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => String(m.data).slice(0, 20));
    expect(errors).toEqual(expect.arrayContaining(['[CdkContainers-EKS1]']));
  });

  test('registers the given validation plugins: their findings fail the synth', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Stack'), 'Bucket');
    ContainersCompliance.addChecks(app, [new BucketRule()]);
    expect(() => app.synth()).toThrow(/NoBuckets/);
  });

  test('refuses a scope that is not an app or stage', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(thrownBy(() => ContainersCompliance.addChecks(stack as never))).toEqual(expect.objectContaining({
      name: 'ValidationError', message: expect.stringContaining('an App or a Stage'),
    }));
  });
});

describe('ContainersCompliance.acknowledge', () => {
  test('acknowledges on the one resource, for the plugins and in its template metadata', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const cfn = bucket.node.defaultChild as CfnResource;
    ContainersCompliance.acknowledge(cfn, ['TestPack::NoBuckets'], 'this bucket is the example\'s');
    expect(bucket.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    expect(cfn.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data))
      .toEqual([{ 'TestPack::NoBuckets': 'this bucket is the example\'s' }]);
    expect(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(cfn)].Metadata['cdk-containers'])
      .toEqual({ acknowledged: [{ id: 'TestPack::NoBuckets', reason: 'this bucket is the example\'s' }] });
  });

  test('an acknowledged finding no longer fails the synth; another resource\'s still does', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    ContainersCompliance.addChecks(app, [new BucketRule()]);
    ContainersCompliance.acknowledge(bucket.node.defaultChild as CfnResource, ['TestPack::NoBuckets'], 'this bucket is the example\'s');
    expect(() => app.synth()).not.toThrow();
  });

  test.each([
    ['a construct holding several resources', (s: Stack) => new s3.Bucket(s, 'B') as unknown as CfnResource, ['TestPack::NoBuckets'], 'long enough reason', 'one CloudFormation resource'],
    ['no ids', (s: Stack) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource, [], 'long enough reason', 'one or more finding ids'],
    ['an id without its plugin', (s: Stack) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource, ['AwsSolutions-S1'], 'long enough reason', '<plugin>::<rule>'],
    ['a reason too short to say why', (s: Stack) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource, ['TestPack::NoBuckets'], 'ok', 'at least 10 characters'],
  ])('refuses %s', (_name, target, ids, reason, allowed) => {
    const stack = new Stack(new App(), 'Stack');
    const error = thrownBy(() => ContainersCompliance.acknowledge(target(stack), ids, reason));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(allowed);
  });

  test('a plain construct is refused with a hint to pass its default child', () => {
    const stack = new Stack(new App(), 'Stack');
    const error = thrownBy(() => ContainersCompliance.acknowledge(new Construct(stack, 'Group') as unknown as CfnResource, ['TestPack::NoBuckets'], 'long enough reason'));
    expect((error as Error).message).toContain('node.defaultChild');
  });
});
