import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { STAGES } from '../../bin/stages';

interface Step { readonly uses?: string; readonly run?: string; readonly with?: Record<string, unknown> }
interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { readonly matrix: { readonly include: Array<Record<string, string>> } };
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, '..', '..', '.github', 'workflows', 'deploy.yml');

describe('.github/workflows/deploy.yml', () => {
  let text: string;
  let workflow: Workflow;
  beforeAll(() => {
    text = fs.readFileSync(FILE, 'utf8');
    const doc = parseDocument(text, { strict: true, uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    workflow = doc.toJS() as Workflow;
  });

  const runs = (job: Job) => job.steps.map((s) => s.run).filter((r): r is string => !!r);

  test('runs on pull requests and pushes to main (and by hand)', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  test('has the test, diff and per-stage deploy jobs, deploying prod only after dev', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'diff', 'deploy-dev', 'deploy-prod']);
    expect(workflow.jobs.diff.needs).toBe('test');
    expect(workflow.jobs['deploy-dev'].needs).toBe('test');
    expect(workflow.jobs['deploy-prod'].needs).toBe('deploy-dev');
  });

  test('test: installs exactly the lock file, then the README\'s test command', () => {
    const commands = runs(workflow.jobs.test);
    expect(commands.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('npm test')).toBeGreaterThan(commands.indexOf('npm ci'));
  });

  test('diff: cdk diff of every stage on pull requests (read-only: no change set)', () => {
    const diff = workflow.jobs.diff;
    expect(diff.if).toContain("github.event_name == 'pull_request'");
    expect(diff.strategy!.matrix.include.map((m) => m.stage)).toEqual(Object.keys(STAGES));
    expect(runs(diff).some((r) => /^npx cdk diff --no-change-set -c stage=\$\{\{ matrix.stage \}\}/.test(r))).toBe(true);
  });

  test.each(Object.keys(STAGES))('deploy-%s: cdk deploy of that stage\'s stack on main, in the GitHub environment the deploy role trusts', (stage) => {
    const job = workflow.jobs[`deploy-${stage}`];
    expect(job.environment).toBe(stage); // GitHubRolesStack trusts `repo:<owner/name>:environment:<stage>`
    if (stage === 'dev') expect(job.if).toContain("github.ref == 'refs/heads/main'");
    expect(runs(job).some((r) => r.startsWith(`npx cdk deploy ${STAGES[stage as keyof typeof STAGES].stackName} -c stage=${stage} `) && r.includes('--require-approval never'))).toBe(true);
  });

  test('AWS access through OIDC only: id-token only where AWS is used, no static keys anywhere', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.test.permissions).toBeUndefined();
    for (const name of ['diff', 'deploy-dev', 'deploy-prod']) {
      const job = workflow.jobs[name];
      expect([name, job.permissions]).toEqual([name, { contents: 'read', 'id-token': 'write' }]);
      const creds = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(creds?.with).toEqual({ 'role-to-assume': expect.stringMatching(/^\$\{\{ vars/), 'aws-region': '${{ vars.AWS_REGION }}' });
    }
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./);
  });
});

describe('.github/workflows/integ-aws.yml', () => {
  let text: string;
  let workflow: Workflow;
  beforeAll(() => {
    text = fs.readFileSync(path.join(path.dirname(FILE), 'integ-aws.yml'), 'utf8');
    const doc = parseDocument(text, { strict: true, uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    workflow = doc.toJS() as Workflow;
  });

  test('runs by hand only, one run at a time, asking for the certificate the Fargate app needs', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.on.workflow_dispatch).toMatchObject({ inputs: { certificateArn: { required: true } } });
    expect(text).toMatch(/concurrency:\n {2}group: integ-aws\n {2}cancel-in-progress: false/);
  });

  test('runs the integ tier against the account, in band, after npm ci and the build', () => {
    const job = workflow.jobs.integ!;
    const steps = job.steps;
    const at = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);
    const tier = steps[at((s) => s.run === 'npx jest --selectProjects integ --runInBand')] as Step & { env?: Record<string, string> };
    expect(tier.env).toEqual({ INTEG_TARGET: 'aws', INTEG_CERTIFICATE_ARN: '${{ inputs.certificateArn }}' });
    expect(at((s) => s.run === 'npm ci')).toBeLessThan(at((s) => s.run === 'npm run build'));
    expect(at((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false)).toBeLessThan(steps.indexOf(tier));
  });

  test('AWS access through OIDC only, in the integ environment: no static keys anywhere', () => {
    const job = workflow.jobs.integ!;
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect([job.environment, job.permissions]).toEqual(['integ', { contents: 'read', 'id-token': 'write' }]);
    const creds = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with).toMatchObject({ 'role-to-assume': '${{ vars.INTEG_ROLE_ARN }}', 'aws-region': '${{ vars.AWS_REGION }}' });
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./);
  });
});
