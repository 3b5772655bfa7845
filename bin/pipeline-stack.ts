import * as path from 'path';
import { CfnElement, CfnParameter, CfnResource, Duration, RemovalPolicy, Stack, StackProps, Token } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { rules as nagRules } from 'cdk-nag';
import { CodeBuildStep, CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep } from 'aws-cdk-lib/pipelines';
import { Construct, IConstruct } from 'constructs';
import { ContainersCompliance, EcrRepository, ImageTagMutability, PlatformKey } from '../lib';
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

/** The oras CLI the publish step installs, checked against the checksums of its release. */
const ORAS_VERSION = '1.2.3';

/**
 * A CDK Pipelines pipeline for the reference platform: GitHub source (CodeConnections), a synth
 * step that runs the project's tests (`npm ci && npm test`) before `cdk synth`, then one stage per
 * environment with a manual approval before prod. After each stage's deploy, the Kubernetes
 * manifests of its EKS cluster (written by the synth into the stage's cloud assembly) are published
 * to the `Manifests` ECR repository as an OCI artifact, tagged `<stage>-<commit>` and `<stage>`,
 * for Argo CD to sync. Self-mutating; synthesizes offline.
 */
export class PlatformPipelineStack extends Stack {
  /** The pipeline. */
  public readonly pipeline: CodePipeline;
  /** The repository the stages' Kubernetes manifests are published to (OCI artifacts Argo CD syncs). */
  public readonly manifests: EcrRepository;

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
      // Every run rebuilds its artifacts from the source: keep three months of them.
      lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const bucket of [accessLogs, artifacts]) {
      // Object Lock on (no default retention, so the lifecycle rules still expire objects) and object
      // events to EventBridge, both natively (aws-cdk-lib's eventBridgeEnabled adds a custom resource).
      const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
      cfnBucket.objectLockEnabled = true;
      cfnBucket.objectLockConfiguration = { objectLockEnabled: 'Enabled' };
      cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    }
    // CodeBuild's logs: in a log group of the stack, encrypted with the pipeline's key, kept a year.
    PlatformKey.allowCloudWatchLogs(key);
    const buildLogs = new logs.LogGroup(this, 'BuildLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });

    const context = [`-c target=pipeline`, `-c repository=${props.repository}`, `-c branch=${branch}`,
      ...(props.imageTag ? [`-c imageTag=${props.imageTag}`] : [])].join(' ');
    const source = CodePipelineSource.connection(props.repository, branch, { connectionArn });
    const synth = new ShellStep('Synth', {
      input: source,
      installCommands: ['pip install cfn-lint==1.51.0 \'moto[server]==5.2.1\''],
      // The README's test command, then the synth of this same app in pipeline mode.
      commands: ['npm ci', 'npm test', `npx cdk synth ${context}`],
    });
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'cdk-containers-platform',
      artifactBucket: artifacts,
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth,
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM },
        // The image's default Node.js is older than the project's tools need (eslint 10: Node >= 20.19).
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: '20', python: '3.11' } } } }),
        logging: { cloudWatch: { logGroup: buildLogs } },
      },
    });

    const stages = props.stages ?? [STAGES[StageName.DEV], STAGES[StageName.PROD]];
    const stageAccounts = stages.map((stage) => stageEnvironment(this, stage.name)?.account)
      .filter((account): account is string => account !== undefined && !Token.isUnresolved(account) && account !== this.account);
    this.manifests = new EcrRepository(this, 'Manifests', {
      repositoryName: 'cdk-containers-platform/manifests',
      // A stage's channel tag (`dev`, `prod`) moves to its newest publish, which Argo CD follows;
      // every `<stage>-<commit>` tag stays as published, for rollback and audit.
      tagMutability: ImageTagMutability.immutableExcept(stages.map((stage) => stage.name)),
      // Argo CD in each stage's account pulls the artifacts (its capability role is granted there).
      pullAccounts: [...new Set(stageAccounts)],
    });
    const publishRole = new iam.Role(this, 'PublishManifestsRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: 'Publishes the stages\' Kubernetes manifests to the Manifests repository',
    });
    this.manifests.grantPush(publishRole);

    for (const stage of stages) {
      const id = stage.name.charAt(0).toUpperCase() + stage.name.slice(1);
      const deploy = new PlatformDeployStage(this, id, { stage, imageTag: props.imageTag, env: stageEnvironment(this, stage.name) });
      const pre = stage.name === StageName.PROD ? [new ManualApprovalStep('PromoteToProd', { comment: 'Deploy the platform to prod?' })] : [];
      // After the stage's deploy has created the AWS side (IAM, Pod Identity, pull grants).
      const post = [new CodeBuildStep('PublishManifests', {
        input: synth,
        role: publishRole,
        env: {
          STAGE: stage.name,
          COMMIT_ID: source.sourceAttribute('CommitId'),
          // The stage's cloud assembly inside the synth output, then the cluster's folder in it.
          MANIFESTS: path.posix.join(path.basename(deploy.outdir), deploy.platform.eks.manifestDirectory),
        },
        buildEnvironment: { environmentVariables: { REPOSITORY_URI: { value: this.manifests.repositoryUri } } },
        commands: publishCommands(),
      })];
      this.pipeline.addStage(deploy, { pre, post });
    }

    // Build the pipeline now (CDK Pipelines would at synth) so its roles and policies can be acknowledged below.
    this.pipeline.buildPipeline();
    acknowledgePipelineFindings(this.pipeline, accessLogs, artifacts, publishRole);
  }
}

/**
 * The publish step's commands: install oras (its release checked against the release's checksum
 * file), sign in to ECR, pack the cluster's folder as one gzipped tar layer (the layer type Argo CD
 * unpacks; `path: .` in the Application is the folder's root) and push it under both tags.
 */
function publishCommands(): string[] {
  const release = `https://github.com/oras-project/oras/releases/download/v${ORAS_VERSION}`;
  const archive = `oras_${ORAS_VERSION}_linux_amd64.tar.gz`;
  return [
    `curl -sSfLO ${release}/${archive}`,
    `curl -sSfLO ${release}/oras_${ORAS_VERSION}_checksums.txt`,
    `sha256sum --check --ignore-missing oras_${ORAS_VERSION}_checksums.txt`,
    `tar -xzf ${archive} -C /usr/local/bin oras`,
    // The registry is the URI up to its first "/" (cut, not ${VAR%%...}: the buildspec rendering eats a "%").
    'aws ecr get-login-password | oras login --username AWS --password-stdin "$(echo "$REPOSITORY_URI" | cut -d / -f 1)"',
    'test -d "$MANIFESTS"',
    'tar -czf manifests.tar.gz -C "$MANIFESTS" .',
    'oras push "$REPOSITORY_URI:$STAGE-$COMMIT_ID,$STAGE" manifests.tar.gz:application/vnd.oci.image.layer.v1.tar+gzip',
  ];
}

/**
 * What CDK Pipelines (aws-cdk-lib) forces on the pipeline and its buckets, each on the exact
 * resource it concerns and with its reason. Everything else is met.
 */
function acknowledgePipelineFindings(pipeline: CodePipeline, accessLogs: s3.IBucket, artifacts: s3.IBucket, publishRole: iam.Role): void {
  const stack = Stack.of(pipeline);
  const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const projects = pipeline.node.findAll().filter((c): c is codebuild.Project => c instanceof codebuild.Project);
  // The wildcards CDK Pipelines' own grants carry, as cdk-nag names them (AwsSolutions-IAM5[...]).
  const wildcards = new Map<string, string>([
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a): [string, string] =>
      [`Action::${a}`, 'aws-cdk-lib\'s read/write grant on the pipeline\'s own artifact bucket']),
    ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((a): [string, string] =>
      [`Action::${a}`, 'aws-cdk-lib\'s encrypt/decrypt grant on the pipeline\'s own artifact key']),
    [`Resource::<${logicalId(artifacts)}.Arn>/*`, 'objects of the pipeline\'s own artifact bucket (object keys are generated per run)'],
    ...projects.map(logicalId).flatMap((p): Array<[string, string]> => [
      [`Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<${p}>:*`, 'the log streams of that CodeBuild project\'s default log group'],
      [`Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<${p}>-*`, 'that CodeBuild project\'s own test report groups'],
    ]),
  ]);
  const selfMutation = new Map<string, string>([
    ['Resource::arn:*:iam::<AWS::AccountId>:role/*', 'self-mutation assumes only roles tagged aws-cdk:bootstrap-role (the CDK bootstrap roles), by an iam:ResourceTag condition'],
    ['Resource::*', 'self-mutation lists stacks (cloudformation:DescribeStacks) and buckets (s3:ListBucket), actions without resource-level scoping here'],
  ]);
  // The publish step's role: CDK Pipelines grants it the artifact reads as to every step; the ECR sign-in is its own.
  const publish = new Map<string, string>([['Resource::*', 'ecr:GetAuthorizationToken, which has no resource-level permissions; the push actions are on the Manifests repository only']]);
  const policies = [...pipeline.node.findAll(), ...publishRole.node.findAll()].filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy);
  for (const policy of policies) {
    // Only the wildcards this policy has: cdk-nag's own rule names them, and one it does not know stays reported.
    const found = nagRules.iam.IAMNoWildcardPermissions(policy);
    const known = policy.node.path.includes('/UpdatePipeline/SelfMutation/') ? new Map([...wildcards, ...selfMutation])
      : policy.node.scope?.node.scope === publishRole ? new Map([...wildcards, ...publish]) : wildcards;
    for (const f of (Array.isArray(found) ? found : []).filter((w) => known.has(w))) {
      ContainersCompliance.acknowledge(policy, [`AwsSolutions::AwsSolutions-IAM5[${f}]`], `CDK Pipelines: ${known.get(f)}`);
    }
    ContainersCompliance.acknowledge(policy, inPacks('IAMNoInlinePolicy', ALL_PACKS),
      'aws-cdk-lib writes each role\'s grants as a policy attached to that one role, created and deleted with it');
  }
  for (const project of projects) {
    ContainersCompliance.acknowledge(project.node.defaultChild as CfnResource, inPacks('CodeBuildProjectSourceRepoUrl', ['HIPAA.Security', 'NIST.800.53.R4', 'PCI.DSS.321']),
      'the project\'s source is the pipeline\'s artifact (Source.Type CODEPIPELINE), with no repository URL or credentials; the pipeline reaches GitHub through a CodeConnections connection');
  }
  const artifactBucket = artifacts.node.defaultChild as CfnResource;
  const logBucket = accessLogs.node.defaultChild as CfnResource;
  ContainersCompliance.acknowledge(artifactBucket, inPacks('S3BucketReplicationEnabled', ALL_PACKS),
    'pipeline artifacts are rebuilt from the source repository on every run; a replica would only copy transient build output');
  ContainersCompliance.acknowledge(logBucket, inPacks('S3BucketReplicationEnabled', ALL_PACKS),
    'access logs of transient build artifacts, kept a year; not worth a second region');
  ContainersCompliance.acknowledge(logBucket,
    [...inPacks('S3DefaultEncryptionKMS', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']), 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check'],
    'S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS');
  // cdk-nag's logging rules accept a bucket that receives access logs; Control Tower's does not.
  ContainersCompliance.acknowledge(logBucket, ['cdk-validator-cfnguard::s3_bucket_logging_enabled_check'],
    'this bucket receives the artifact bucket\'s access logs; logging access to it would need another bucket, and so on');
  // cfn-lint on the CodePipeline resource: aws-cdk-lib writes a DependsOn on the pipeline role it
  // also references (W3005: redundant, harmless) and, in an environment-agnostic stack only, the
  // deploy actions' RoleArn as Fn::Join of the account and partition (E3703 prefers Fn::Sub: style only).
  const cfnPipeline = pipeline.pipeline.node.defaultChild as codepipeline.CfnPipeline;
  const envAgnostic = Token.isUnresolved(stack.account);
  cfnPipeline.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005', ...(envAgnostic ? ['E3703'] : [])] } });
}

/** The cdk-nag packs that share rule names, as their plugins report them. */
const ALL_PACKS = ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'];

/** One cdk-nag rule as each of the given packs reports it: `<pack>::<pack>-<rule>`. */
function inPacks(rule: string, packs: string[]): string[] {
  return packs.map((pack) => `${pack}::${pack}-${rule}`);
}
