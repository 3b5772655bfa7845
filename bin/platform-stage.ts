import { Stage, StageProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformStack } from './platform-stack';
import { PlatformStage } from './stages';

/** Properties of a {@link PlatformDeployStage}. */
export interface PlatformDeployStageProps extends StageProps {
  /** The stage's configuration. */
  readonly stage: PlatformStage;
  /**
   * The application image tag or `sha256:` digest.
   * @default '1.0.0'
   */
  readonly imageTag?: string;
}

/**
 * One stage of the reference platform as a CDK `Stage`, for the pipeline. Its stack has the
 * stage's stack name (`Platform-dev`, `Platform-prod`), so the pipeline and a direct
 * `cdk deploy -c stage=...` manage the same CloudFormation stack.
 */
export class PlatformDeployStage extends Stage {
  /** The platform stack of this stage. */
  public readonly platform: PlatformStack;

  constructor(scope: Construct, id: string, props: PlatformDeployStageProps) {
    super(scope, id, props);
    this.platform = new PlatformStack(this, 'Platform', {
      stackName: props.stage.stackName,
      stage: props.stage,
      imageTag: props.imageTag,
      description: `cdk-containers reference platform (${props.stage.name})`,
    });
  }
}
