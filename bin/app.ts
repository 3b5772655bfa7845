#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ValidationError } from '../lib';
import { GitHubRolesStack } from './github-roles-stack';
import { PlatformPipelineStack } from './pipeline-stack';
import { PlatformStack } from './platform-stack';
import { contextFlag, resolveStage, stageEnvironment } from './stages';

/**
 * The reference app. What it synthesizes is chosen by context (`-c key=value`) or environment
 * variables, never by lookups, so `cdk synth` is deterministic and needs no credentials:
 *
 * - `-c stage=dev|prod` (or `CDK_STAGE`; default `dev`): the platform stack of that stage,
 *   `Platform-dev` or `Platform-prod`. `-c imageTag=...` picks the application image (tag or `sha256:` digest);
 *   `-c desiredCount=0` is for a stage's first deploy, before an image exists; `-c deletionProtection=false`
 *   turns the EKS cluster's deletion protection off, deployed before a `cdk destroy`.
 * - `-c target=pipeline`: the CDK Pipelines stack `PlatformPipeline` instead (`-c repository=owner/name`, `-c branch=main`).
 * - `-c target=github-roles`: the OIDC roles `.github/workflows/deploy.yml` assumes in the stage's account, `PlatformGitHubRoles-<stage>`.
 */
const app = new App();
const imageTag = app.node.tryGetContext('imageTag') as string | undefined;
const repository = (app.node.tryGetContext('repository') as string | undefined) ?? 'my-org/cdk-containers';
const target = (app.node.tryGetContext('target') as string | undefined) ?? process.env.CDK_TARGET ?? 'platform';
const stage = resolveStage(app);
const desiredCount = app.node.tryGetContext('desiredCount') as string | number | undefined;

switch (target) {
  case 'platform':
    new PlatformStack(app, stage.stackName, {
      stage,
      imageTag,
      desiredCount: desiredCount === undefined ? undefined : Number(desiredCount),
      deletionProtection: contextFlag(app, 'deletionProtection'),
      env: stageEnvironment(app, stage.name),
      description: `cdk-containers reference platform (${stage.name})`,
    });
    break;
  case 'pipeline':
    new PlatformPipelineStack(app, 'PlatformPipeline', {
      repository,
      branch: app.node.tryGetContext('branch') as string | undefined,
      imageTag,
      env: stageEnvironment(app, 'pipeline'),
      description: 'cdk-containers reference platform: CDK Pipelines pipeline (dev, then prod after approval)',
    });
    break;
  case 'github-roles':
    new GitHubRolesStack(app, `PlatformGitHubRoles-${stage.name}`, {
      repository,
      stage,
      createOidcProvider: app.node.tryGetContext('createOidcProvider') !== 'false',
      env: stageEnvironment(app, stage.name),
      description: `OIDC roles for GitHub Actions to deploy the ${stage.name} platform through the CDK bootstrap roles`,
    });
    break;
  default:
    throw new ValidationError(app, { property: 'context "target"', value: target, allowed: 'platform, pipeline, github-roles' });
}
app.synth();
