import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PlatformPipelineStack } from '../../bin/pipeline-stack';
import { PlatformStack } from '../../bin/platform-stack';
import { STAGES, StageName } from '../../bin/stages';
import { synthTemplates } from '../support/cfn-lint';

// A user's own pipeline runs cfn-guard on the synthesized templates, outside CDK. The Control
// Tower rules cannot be suppressed, so docs/cfn-guard-findings.sh (shown in the README) drops the
// (rule, resource) pairs the templates record as accepted. Run here with the cfn-guard binary
// cdk-validator-cfnguard ships and every Control Tower rule folder.
const PACKAGE = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const CFN_GUARD = path.join(PACKAGE, 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu', process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
const RULES = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');
const SCRIPT = path.resolve(__dirname, '..', '..', 'docs', 'cfn-guard-findings.sh');

function guard(template: string): { status: number | null; findings: string[] } {
  const run = spawnSync('bash', [SCRIPT, template, RULES], { encoding: 'utf8', env: { ...process.env, CFN_GUARD } });
  if (run.error || (run.status !== 0 && run.status !== 1)) throw new Error(`cfn-guard-findings.sh failed (${run.status}): ${run.stderr}`);
  return { status: run.status, findings: run.stdout.split('\n').filter((l) => l) };
}

const templates = [
  ...synthTemplates((app) => new PlatformStack(app, STAGES[StageName.PROD].stackName, { stage: STAGES[StageName.PROD] })),
  ...synthTemplates((app) => new PlatformPipelineStack(app, 'PlatformPipeline', { repository: 'my-org/cdk-containers' })),
];

describe('cfn-guard outside CDK, with the exceptions the templates record', () => {
  test.each(templates.map((t) => [path.basename(t), t]))('%s: no finding left', (_name, template) => {
    expect(guard(template)).toEqual({ status: 0, findings: [] });
  });

  test('without the recorded exceptions the same run reports the accepted findings: the script drops only those', () => {
    const template = templates[0]!;
    const parsed = JSON.parse(fs.readFileSync(template, 'utf8')) as { Resources: Record<string, { Metadata?: Record<string, unknown> }> };
    for (const resource of Object.values(parsed.Resources)) delete resource.Metadata?.['cdk-containers'];
    const stripped = `${template}.stripped.json`;
    fs.writeFileSync(stripped, JSON.stringify(parsed));
    const { status, findings } = guard(stripped);
    expect(status).toBe(1);
    expect(findings).toEqual([expect.stringMatching(/^ecs_container_insights_enabled_check\tEcsCluster[0-9A-F]{8}$/)]);
  });
});
