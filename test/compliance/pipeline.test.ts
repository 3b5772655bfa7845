import { App } from 'aws-cdk-lib';
import { GitHubRolesStack } from '../../bin/github-roles-stack';
import { PlatformPipelineStack } from '../../bin/pipeline-stack';
import { PlatformStack } from '../../bin/platform-stack';
import { STAGES, StageName } from '../../bin/stages';
import { inexactAcknowledgements, runCompliance } from '../support/compliance';

/** The shipping apps: each stage of the reference platform, the pipeline (with both stages inside) and the GitHub OIDC roles. */
const APPS: Array<[string, (app: App) => void]> = [
  ['reference platform, dev stage', (app) => new PlatformStack(app, STAGES[StageName.DEV].stackName, { stage: STAGES[StageName.DEV] })],
  ['reference platform, prod stage', (app) => new PlatformStack(app, STAGES[StageName.PROD].stackName, { stage: STAGES[StageName.PROD] })],
  ['CDK Pipelines stack (bin/pipeline-stack.ts) with its dev and prod stages', (app) => new PlatformPipelineStack(app, 'PlatformPipeline', { repository: 'my-org/cdk-containers' })],
  ['GitHub OIDC deploy and diff roles (bin/github-roles-stack.ts)', (app) => new GitHubRolesStack(app, 'PlatformGitHubRoles-prod', { repository: 'my-org/cdk-containers', stage: STAGES[StageName.PROD] })],
];

describe('compliance tier: stages, pipeline and deploy roles', () => {
  test.each(APPS)('%s: 0 unacknowledged findings from every tool', (name, build) => {
    // WHEN
    const result = runCompliance(build);

    // THEN
    console.log(`${name}: ${JSON.stringify(result.counts)}`);
    expect(result.templates.length).toBeGreaterThan(0);
    expect(result.findings).toEqual([]);
    expect(inexactAcknowledgements(result)).toEqual({ misplaced: [], unused: [] });
  });
});
