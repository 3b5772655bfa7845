import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { DEPLOY_BRANCH, GitHubRolesStack } from '../../bin/github-roles-stack';
import { STAGES } from '../../bin/stages';

const REPO = 'my-org/cdk-containers';
const ISSUER = 'token.actions.githubusercontent.com';
const WORKFLOW = path.join(__dirname, '..', '..', '.github', 'workflows', 'deploy.yml');

interface Workflow {
  readonly on: { readonly push: { readonly branches: string[] } };
  readonly jobs: Record<string, { readonly if?: string; readonly environment?: string }>;
}

/** The trust policy condition of the stack's role whose logical id starts with `id`. */
function conditionOf(template: Template, id: string): unknown {
  const [role, ...others] = Object.entries(template.findResources('AWS::IAM::Role')).filter(([logicalId]) => logicalId.startsWith(id));
  expect(others).toEqual([]);
  return (role![1].Properties.AssumeRolePolicyDocument.Statement as Array<{ Condition: unknown }>).map((s) => s.Condition);
}

describe.each(Object.values(STAGES))('GitHubRolesStack ($name)', (stage) => {
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    template = Template.fromStack(new GitHubRolesStack(new App(), `PlatformGitHubRoles-${stage.name}`, { repository: REPO, stage }));
  });

  test('Deploy trusts the job in the stage\'s GitHub environment in runs on the deploy branch only', () => {
    expect(conditionOf(template, 'Deploy')).toEqual([{
      StringEquals: {
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        [`${ISSUER}:sub`]: [`repo:${REPO}:environment:${stage.name}`],
        [`${ISSUER}:ref`]: [`refs/heads/${DEPLOY_BRANCH}`],
      },
    }]);
  });

  test('Diff trusts pull requests, with no ref condition (a pull request\'s ref is refs/pull/<n>/merge)', () => {
    expect(conditionOf(template, 'Diff')).toEqual([{
      StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: [`repo:${REPO}:pull_request`] },
    }]);
  });
});

describe('the deploy role and .github/workflows/deploy.yml agree on the branch', () => {
  const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as Workflow;

  test('the workflow deploys on pushes to the deploy branch only', () => {
    expect(workflow.on.push.branches).toEqual([DEPLOY_BRANCH]);
  });

  test('the first deploy job runs only on the deploy branch (a manual run on another branch would be refused by the role)', () => {
    expect(workflow.jobs['deploy-dev']!.if).toContain(`github.ref == 'refs/heads/${DEPLOY_BRANCH}'`);
  });
});
