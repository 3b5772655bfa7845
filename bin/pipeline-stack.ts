import { CfnElement, CfnParameter, Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep } from 'aws-cdk-lib/pipelines';
import { Construct, IConstruct } from 'constructs';
import { PlatformKey } from '../lib';
import { PlatformDeployStage } from './platform-stage';
import { PlatformStage, STAGES, StageName, stageEnvironment } from './stages';

/** Properties of the {@link PlatformPipelineStack}. */
export interface PlatformPipelineStackProps extends StackProps {
  /** The GitHub repository the pipeline builds, `owner/name`. */
  readonly repository: string;
  /**
   * The branch it builds.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * The ARN of the AWS CodeConnections connection to GitHub (created and authorized once in the console).
   * @default - a stack parameter `ConnectionArn`, given at the first deploy (`--parameters ConnectionArn=...`) and kept after
   */
  readonly connectionArn?: string;
  /**
   * The stages, in order. A manual approval precedes every stage named `prod`.
   * @default - dev, then prod
   */
  readonly stages?: PlatformStage[];
  /**
   * The application image tag or `sha256:` digest every stage runs (passed on as `-c imageTag=...`).
   * @default - none: the stages use PlatformStack's default
   */
  readonly imageTag?: string;
}

/**
 * A CDK Pipelines pipeline for the reference platform: GitHub source (CodeConnections), a synth
 * step that runs the project's tests (`npm ci && npm test`) before `cdk synth`, then one stage per
 * environment with a manual approval before prod. Self-mutating; synthesizes offline.
 */
export class PlatformPipelineStack extends Stack {
  /** The pipeline. */
  public readonly pipeline: CodePipeline;

  constructor(scope: Construct, id: string, props: PlatformPipelineStackProps) {
    super(scope, id, props);
    // Access logs are delivered under a bucket policy, not the log-delivery ACL (ACLs stay disabled).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const branch = props.branch ?? 'main';
    const connectionArn = props.connectionArn ?? new CfnParameter(this, 'ConnectionArn', {
      description: 'ARN of the AWS CodeConnections connection to GitHub',
      allowedPattern: '^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]+$',
    }).valueAsString;

    // The artifact store: KMS-encrypted (the pipeline's key), versioned, TLS only, access-logged.
    const key = PlatformKey.create(this, 'ArtifactKey', 'Pipeline artifacts');
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to a bucket with SSE-S3 (not SSE-KMS) encryption.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const artifacts = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const context = [`-c target=pipeline`, `-c repository=${props.repository}`, `-c branch=${branch}`,
      ...(props.imageTag ? [`-c imageTag=${props.imageTag}`] : [])].join(' ');
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'cdk-containers-platform',
      artifactBucket: artifacts,
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new ShellStep('Synth', {
        input: CodePipelineSource.connection(props.repository, branch, { connectionArn }),
        installCommands: ['pip install cfn-lint==1.51.0 \'moto[server]==5.2.1\''],
        // The README's test command, then the synth of this same app in pipeline mode.
        commands: ['npm ci', 'npm test', `npx cdk synth ${context}`],
      }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM },
        // The image's default Node.js is older than the project's tools need (eslint 10: Node >= 20.19).
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: '20', python: '3.11' } } } }),
      },
    });

    for (const stage of props.stages ?? [STAGES[StageName.DEV], STAGES[StageName.PROD]]) {
      const id = stage.name.charAt(0).toUpperCase() + stage.name.slice(1);
      this.pipeline.addStage(
        new PlatformDeployStage(this, id, { stage, imageTag: props.imageTag, env: stageEnvironment(this, stage.name) }),
        stage.name === StageName.PROD ? { pre: [new ManualApprovalStep('PromoteToProd', { comment: 'Deploy the platform to prod?' })] } : {},
      );
    }

    // Build the pipeline now (CDK Pipelines would at synth) so its roles and policies can be acknowledged below.
    this.pipeline.buildPipeline();
    acknowledgePipelineFindings(this.pipeline, accessLogs, artifacts);
  }
}

/** What CDK Pipelines (aws-cdk-lib) forces on the pipeline and its buckets; each with its reason. Everything else is met. */
function acknowledgePipelineFindings(pipeline: CodePipeline, accessLogs: s3.IBucket, artifacts: s3.IBucket): void {
  // The roles' policies are CDK Pipelines' own grants; this app adds no statement. cdk-nag names each wildcard.
  const stack = Stack.of(pipeline);
  const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const projects = pipeline.node.findAll().filter((c): c is codebuild.Project => c instanceof codebuild.Project).map(logicalId);
  const wildcards: Array<[string, string]> = [
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a): [string, string] =>
      [`Action::${a}`, 'aws-cdk-lib\'s read/write grant on the pipeline\'s own artifact bucket']),
    ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((a): [string, string] =>
      [`Action::${a}`, 'aws-cdk-lib\'s encrypt/decrypt grant on the pipeline\'s own artifact key']),
    [`Resource::<${logicalId(artifacts)}.Arn>/*`, 'objects of the pipeline\'s own artifact bucket (object keys are generated per run)'],
    ...projects.flatMap((p): Array<[string, string]> => [
      [`Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<${p}>:*`, 'the log streams of that CodeBuild project\'s own log group'],
      [`Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<${p}>-*`, 'that CodeBuild project\'s own test report groups'],
    ]),
    ['Resource::arn:*:iam::<AWS::AccountId>:role/*', 'self-mutation assumes only roles tagged aws-cdk:bootstrap-role (the CDK bootstrap roles), by an iam:ResourceTag condition'],
    ['Resource::*', 'self-mutation lists stacks (cloudformation:DescribeStacks) and buckets (s3:ListBucket), actions without resource-level scoping here'],
  ];
  for (const policy of pipeline.node.findAll().filter((c): c is iam.Policy => c instanceof iam.Policy)) {
    Validations.of(policy).acknowledge(
      ...wildcards.map(([finding, reason]) => ({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason: `CDK Pipelines: ${reason}` })),
      { id: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy', reason: 'aws-cdk-lib writes each role\'s grants as a policy attached to that one role, created and deleted with it' },
    );
  }
  Validations.of(artifacts).acknowledge({ id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
    reason: 'pipeline artifacts are rebuilt from the source repository on every run; a replica would only copy transient build output' });
  Validations.of(accessLogs).acknowledge(
    { id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled', reason: 'access logs of transient build artifacts, kept a year; not worth a second region' },
    { id: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS', reason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS' },
  );
  // cfn-lint on the CodePipeline resource: aws-cdk-lib writes the CloudFormation actions' RoleArn as Fn::Join
  // (E3703 prefers Fn::Sub: style only) and a DependsOn on the pipeline role it also references (W3005: redundant, harmless).
  const cfnPipeline = pipeline.pipeline.node.defaultChild as codepipeline.CfnPipeline;
  cfnPipeline.addMetadata('cfn-lint', { config: { ignore_checks: ['E3703', 'W3005'] } });
}
