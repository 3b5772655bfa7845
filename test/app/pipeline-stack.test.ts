import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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

  test('after each stage\'s deploy, its cluster\'s Kubernetes manifests are published to the Manifests repository, under a commit tag and the stage\'s channel tag', () => {
    const projects = template.findResources('AWS::CodeBuild::Project');
    const assembly = app.synth();
    for (const name of ['Dev', 'Prod']) {
      const stage = stages.find((s) => s.Name === name)!;
      const deploys = stage.Actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
      const publish = stage.Actions.find((a) => a.Name === 'PublishManifests')!;
      expect(publish.ActionTypeId).toMatchObject({ Category: 'Build', Provider: 'CodeBuild' });
      for (const d of deploys) expect(publish.RunOrder).toBeGreaterThan(d.RunOrder ?? 1);
      // Static variables are the project's, the commit (a pipeline variable) is the action's.
      const project = projects[(publish.Configuration as { ProjectName: { Ref: string } }).ProjectName.Ref];
      const variables = new Map<string, unknown>((project.Properties.Environment.EnvironmentVariables as Array<{ Name: string; Value: unknown }>).map((v) => [v.Name, v.Value]));
      const actionVariables = JSON.parse((publish.Configuration as { EnvironmentVariables: string }).EnvironmentVariables) as Array<{ name: string; value: unknown }>;
      expect(actionVariables).toEqual([{ name: 'COMMIT_ID', type: 'PLAINTEXT', value: '#{Source@my-org_cdk-containers.CommitId}' }]);
      expect(variables.get('STAGE')).toBe(name.toLowerCase());
      expect(variables.get('REPOSITORY_URI')).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
      // The folder the step packs exists in the synth output and holds the platform's workload.
      const folder = variables.get('MANIFESTS') as string;
      const deployStage = stack.node.findChild(name) as PlatformDeployStage;
      expect(folder).toBe(`assembly-PlatformPipeline-${name}/${deployStage.platform.eks.manifestDirectory}`);
      const text = fs.readFileSync(path.join(assembly.directory, folder, 'platform', 'web.yaml'), 'utf8');
      expect(text).toContain('kind: Deployment');
      const buildSpec = JSON.parse(project.Properties.Source.BuildSpec as string) as { phases: { build: { commands: string[] } } };
      expect(buildSpec.phases.build.commands).toEqual(expect.arrayContaining([
        'sha256sum --check --ignore-missing oras_1.2.3_checksums.txt',
        'aws ecr get-login-password | oras login --username AWS --password-stdin "$(echo "$REPOSITORY_URI" | cut -d / -f 1)"',
        'tar -czf manifests.tar.gz -C "$MANIFESTS" .',
        'oras push "$REPOSITORY_URI:$STAGE-$COMMIT_ID,$STAGE" manifests.tar.gz:application/vnd.oci.image.layer.v1.tar+gzip',
      ]));
    }
  });

  test('the publish commands, run by bash with stand-ins for curl, sha256sum, aws and oras, pack the cluster\'s folder at the archive\'s root and push it under both tags', () => {
    const stage = stages.find((s) => s.Name === 'Dev')!;
    const publish = stage.Actions.find((a) => a.Name === 'PublishManifests')!;
    const project = template.findResources('AWS::CodeBuild::Project')[(publish.Configuration as { ProjectName: { Ref: string } }).ProjectName.Ref];
    const commands = (JSON.parse(project.Properties.Source.BuildSpec as string) as { phases: { build: { commands: string[] } } }).phases.build.commands;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'));
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin);
    // Each stand-in records its arguments; tar is the real one, except that it may not write to /usr/local/bin.
    for (const tool of ['curl', 'sha256sum', 'aws', 'oras']) {
      fs.writeFileSync(path.join(bin, tool), `#!/bin/bash\necho "${tool} $*" >> "${work}/calls"\n${tool === 'aws' ? 'echo token' : 'cat > /dev/null || true'}\n`, { mode: 0o755 });
    }
    const folder = path.join(work, 'assembly', 'kubernetes', 'Cluster');
    fs.mkdirSync(path.join(folder, 'platform'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'platform', 'web.yaml'), 'kind: Deployment\n');
    const script = commands.filter((c) => !c.startsWith('tar -xzf')).join(' && ');
    execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: work,
      env: { PATH: `${bin}:${process.env.PATH}`, MANIFESTS: folder, STAGE: 'dev', COMMIT_ID: 'abc123', REPOSITORY_URI: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/cdk-containers-platform/manifests' },
      stdio: 'pipe',
    });
    const calls = fs.readFileSync(path.join(work, 'calls'), 'utf8').trim().split('\n');
    expect(calls).toContain('oras login --username AWS --password-stdin 111111111111.dkr.ecr.eu-west-1.amazonaws.com');
    expect(calls).toContain('oras push 111111111111.dkr.ecr.eu-west-1.amazonaws.com/cdk-containers-platform/manifests:dev-abc123,dev manifests.tar.gz:application/vnd.oci.image.layer.v1.tar+gzip');
    const listing = execFileSync('tar', ['-tzf', path.join(work, 'manifests.tar.gz')], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('./platform/web.yaml');
  });

  test('the Manifests repository: immutable tags except the stage channels; the publish role may push there and nowhere else', () => {
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: 'cdk-containers-platform/manifests',
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'dev' }, { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'prod' }],
    });
    const repository = Object.keys(template.findResources('AWS::ECR::Repository', { Properties: { RepositoryName: 'cdk-containers-platform/manifests' } }))[0];
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('PublishManifestsRole'));
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const pushes = statements.filter((st) => [st.Action].flat().includes('ecr:PutImage'));
    expect(pushes).toHaveLength(1);
    expect(pushes[0].Resource).toEqual({ 'Fn::GetAtt': [repository, 'Arn'] });
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
