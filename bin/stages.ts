import { Environment } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Ec2PurchaseOption, NatMode, ServiceCapacity, ValidationError } from '../lib';

/** The stages (environments) the reference platform is deployed to. */
export enum StageName {
  /** Development: Fargate Spot, Spot EC2 workers, one NAT gateway. */
  DEV = 'dev',
  /** Production: on-demand Fargate and EC2, one NAT gateway per AZ. */
  PROD = 'prod',
}

/** What differs between the stages of the reference platform. Everything else is the same in every stage. */
export interface PlatformStage {
  /** The stage's name (`dev`, `prod`). */
  readonly name: StageName;
  /** The CloudFormation stack name of the stage's platform, the same whether `cdk deploy` or the pipeline deploys it. */
  readonly stackName: string;
  /** NAT gateways of the platform network. */
  readonly natMode: NatMode;
  /** Where the web service's tasks run. */
  readonly webCapacity: ServiceCapacity;
  /** How the worker pool's EC2 instances are bought. */
  readonly workerPurchaseOption: Ec2PurchaseOption;
}

/** The two stages. Both synthesize with no context lookups and no credentials. */
export const STAGES: Readonly<Record<StageName, PlatformStage>> = {
  [StageName.DEV]: {
    name: StageName.DEV,
    stackName: 'Platform-dev',
    natMode: NatMode.ONE, // about $33/month; an outage of its AZ cuts dev's egress, which dev can live with
    webCapacity: ServiceCapacity.fargateSpot(), // up to 70% cheaper; a Spot interruption restarts a dev task
    workerPurchaseOption: Ec2PurchaseOption.SPOT,
  },
  [StageName.PROD]: {
    name: StageName.PROD,
    stackName: 'Platform-prod',
    natMode: NatMode.PER_AZ, // egress survives the loss of an AZ
    webCapacity: ServiceCapacity.fargate(), // on-demand: no two-minute interruptions
    workerPurchaseOption: Ec2PurchaseOption.ON_DEMAND,
  },
};

/** The context key (`cdk synth -c stage=prod`) and the environment variable (`CDK_STAGE=prod`) that choose the stage. */
export const STAGE_CONTEXT_KEY = 'stage';
/** The environment variable that chooses the stage when the context does not. */
export const STAGE_ENV_VAR = 'CDK_STAGE';

/**
 * The stage a synthesis is for: the `stage` context value, else the `CDK_STAGE` environment
 * variable, else `dev`. Anything else throws, naming the allowed values.
 */
export function resolveStage(scope: IConstruct, env: NodeJS.ProcessEnv = process.env): PlatformStage {
  const fromContext: unknown = scope.node.tryGetContext(STAGE_CONTEXT_KEY);
  const value = fromContext ?? env[STAGE_ENV_VAR] ?? StageName.DEV;
  const stage = Object.values(STAGES).find((s) => s.name === value);
  if (!stage) {
    throw new ValidationError(scope, {
      property: fromContext !== undefined ? `context "${STAGE_CONTEXT_KEY}"` : `environment variable ${STAGE_ENV_VAR}`,
      value,
      allowed: Object.values(StageName).join(', '),
      hint: `e.g. cdk synth -c ${STAGE_CONTEXT_KEY}=${StageName.PROD}`,
    });
  }
  return stage;
}

/**
 * A yes/no context value (`-c key=true|false`): undefined when unset, else the boolean. Anything
 * else throws, naming the key and the allowed values.
 */
export function contextFlag(scope: IConstruct, key: string): boolean | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ValidationError(scope, { property: `context "${key}"`, value, allowed: 'true, false', hint: `e.g. cdk deploy -c ${key}=false` });
}

/**
 * The AWS environment of a stage (or of `pipeline`): account from the `<stage>Account` context value (e.g.
 * `-c prodAccount=222222222222`), region from `<stage>Region` or `region`. Unset: environment-agnostic,
 * so the stage deploys to the account and region of the credentials (or of the pipeline).
 */
export function stageEnvironment(scope: IConstruct, stage: string): Environment | undefined {
  const account = scope.node.tryGetContext(`${stage}Account`) as string | undefined;
  const region = (scope.node.tryGetContext(`${stage}Region`) ?? scope.node.tryGetContext('region')) as string | undefined;
  return account || region ? { account, region } : undefined;
}
