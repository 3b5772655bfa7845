/**
 * Integration app: the reference platform (bin/platform-stack.ts) in its dev stage, built as
 * bin/app.ts builds it with no context: stack `Platform-dev`, the stage's NAT mode and Spot
 * capacity, an environment from `devAccount`/`devRegion` context (none: environment-agnostic) and
 * the app's description (integ-runner format; `build` is also used by the deploy test and the
 * template snapshot). `imageTag`, `desiredCount` and `deletionProtection` context values pass through as in bin/app.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { PlatformStack } from '../../bin/platform-stack';
import { contextFlag, stageEnvironment, STAGES, StageName } from '../../bin/stages';
import { runIntegApp } from './harness/integ-app';

/** The dev stage: bin/app.ts's default (`-c stage=dev` or no stage at all). */
export const STAGE = STAGES[StageName.DEV];
export const STACK = STAGE.stackName;
/** What the reference platform names (everything else gets a generated name). */
export const REPOSITORY_NAME = 'platform/app';
/** bin/platform-stack.ts's defaults when bin/app.ts is given no `imageTag` or `desiredCount`. */
export const DEFAULTS = { imageTag: '1.0.0', desiredCount: 2 } as const;

export function build(app: App): Stack[] {
  const imageTag = app.node.tryGetContext('imageTag') as string | undefined;
  const desiredCount = app.node.tryGetContext('desiredCount') as string | number | undefined;
  const stack = new PlatformStack(app, STAGE.stackName, {
    stage: STAGE,
    imageTag,
    desiredCount: desiredCount === undefined ? undefined : Number(desiredCount),
    deletionProtection: contextFlag(app, 'deletionProtection'),
    env: stageEnvironment(app, STAGE.name),
    description: `cdk-containers reference platform (${STAGE.name})`,
  });
  return [stack];
}

if (require.main === module) runIntegApp('Platform', build);
