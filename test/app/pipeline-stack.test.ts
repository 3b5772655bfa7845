import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformPipelineStack } from '../../bin/pipeline-stack';
import { PlatformDeployStage } from '../../bin/platform-stage';

interface Action { Name: string; RunOrder?: number; ActionTypeId: { Category: string; Provider: string }; Configuration?: Record<string, unknown> }
interface PipelineStage { Name: string; Actions: Action[] }

describe('PlatformPipelineStack (offline, environment-agnostic)', () => {
  let app: App;
  let stack: PlatformPipelineStack;
  let template: Template;
  let stages: PipelineStage[];
  beforeAll(() => {
    // GIVEN / WHEN
    app = new App();
    stack = new PlatformPipelineStack(app, 'PlatformPipeline', { repository: 'my-org/cdk-containers', imageTag: '2.3.1' });
    template = Template.fromStack(stack);
    stages = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties.Stages as PipelineStage[];
  });

  test('source, build (synth), self-mutation, then dev and prod, in that order', () => {
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Dev', 'Prod']);
  });

  test('GitHub through CodeConnections; the connection ARN is a stack parameter', () => {
    const source = stages[0].Actions[0];
    expect(source.ActionTypeId).toMatchObject({ Category: 'Source', Provider: 'CodeStarSourceConnection' });
    expect(source.Configuration).toMatchObject({ FullRepositoryId: 'my-org/cdk-containers', BranchName: 'main', ConnectionArn: { Ref: 'ConnectionArn' } });
    template.hasParameter('ConnectionArn', { Type: 'String' });
  });

  test('the synth step runs the README\'s test command before synthesizing this app in pipeline mode', () => {
    const project = Object.values(template.findResources('AWS::CodeBuild::Project'))
      .find((p) => JSON.stringify(p).includes('npm test'));
    expect(project).toBeDefined();
    const buildSpec = JSON.parse(project!.Properties.Source.BuildSpec as string) as {
      phases: { install: { 'runtime-versions': Record<string, string>; commands: string[] }; build: { commands: string[] } };
    };
    expect(buildSpec.phases.install['runtime-versions']).toEqual({ nodejs: '20', python: '3.11' });
    expect(buildSpec.phases.install.commands).toEqual(["pip install cfn-lint==1.51.0 'moto[server]==5.2.1'"]);
    expect(buildSpec.phases.build.commands).toEqual([
      'npm ci', 'npm test', 'npx cdk synth -c target=pipeline -c repository=my-org/cdk-containers -c branch=main -c imageTag=2.3.1',
    ]);
  });

  test('a manual approval precedes the prod deploy, and dev has none', () => {
    const prod = stages.find((s) => s.Name === 'Prod')!;
    const approval = prod.Actions.find((a) => a.ActionTypeId.Category === 'Approval')!;
    expect(approval.Name).toBe('PromoteToProd');
    const deploys = prod.Actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
    expect(deploys.length).toBeGreaterThan(0);
    for (const d of deploys) expect(d.RunOrder).toBeGreaterThan(approval.RunOrder ?? 1);
    expect(stages.find((s) => s.Name === 'Dev')!.Actions.some((a) => a.ActionTypeId.Category === 'Approval')).toBe(false);
  });

  test('each stage deploys the stack of its stage name, the same one `cdk deploy -c stage=...` manages', () => {
    const stackNames = (name: string) => [...new Set(stages.find((s) => s.Name === name)!.Actions.map((a) => a.Configuration?.StackName).filter(Boolean))];
    expect(stackNames('Dev')).toEqual(['Platform-dev']);
    expect(stackNames('Prod')).toEqual(['Platform-prod']);
    const dev = stack.node.findChild('Dev') as PlatformDeployStage;
    expect(dev.platform.stage.natMode).toBe('ONE');
    expect((stack.node.findChild('Prod') as PlatformDeployStage).platform.stage.natMode).toBe('PER_AZ');
  });

  test('artifacts: KMS-encrypted with rotation, versioned, TLS only, access-logged; no public access', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'artifacts/' }),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('synthesizes with no assets to publish and no custom resources', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    const assembly = app.synth();
    const stageStacks = assembly.nestedAssemblies.flatMap((a) => a.nestedAssembly.stacks);
    expect(stageStacks.map((s) => s.stackName).sort()).toEqual(['Platform-dev', 'Platform-prod']);
    expect(stageStacks.flatMap((s) => s.assets).filter((a) => !a.id.includes('template'))).toEqual([]);
  });
});

test('a custom connection ARN and branch', () => {
  const stack = new PlatformPipelineStack(new App(), 'Pipeline', {
    repository: 'my-org/platform',
    branch: 'release',
    connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-1111-2222-3333-444455556666',
  });
  const template = Template.fromStack(stack);
  expect(template.toJSON().Parameters?.ConnectionArn).toBeUndefined();
  const stages = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties.Stages as PipelineStage[];
  expect(stages[0].Actions[0].Configuration).toMatchObject({ BranchName: 'release', ConnectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-1111-2222-3333-444455556666' });
});
