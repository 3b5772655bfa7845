import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Runs bin/app.ts as `cdk synth` does (context in CDK_CONTEXT_JSON), with no AWS credentials or network lookups. */
function synthApp(context: Record<string, string>, env: NodeJS.ProcessEnv = {}): { stacks: string[]; stderr: string; status: number | null; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-containers-app-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'CDK_STAGE'));
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'bin', 'app.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...clean, ...env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_VALIDATION: 'false', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  const manifestFile = path.join(outdir, 'manifest.json');
  const stacks = fs.existsSync(manifestFile)
    ? Object.entries((JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { artifacts: Record<string, { type: string }> }).artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id]) => id)
    : [];
  return { stacks, stderr: result.stderr, status: result.status, outdir };
}

describe('bin/app.ts', () => {
  test.each<[string, Record<string, string>, NodeJS.ProcessEnv, string[]]>([
    ['no context: the dev platform', {}, {}, ['Platform-dev']],
    ['-c stage=prod', { stage: 'prod' }, {}, ['Platform-prod']],
    ['CDK_STAGE=prod', {}, { CDK_STAGE: 'prod' }, ['Platform-prod']],
    ['-c desiredCount=0 -c imageTag=<digest> (first deploy, digest pinning)', { desiredCount: '0', imageTag: `sha256:${'a'.repeat(64)}` }, {}, ['Platform-dev']],
    ['-c target=pipeline: the pipeline stack', { target: 'pipeline' }, {}, ['PlatformPipeline']],
    ['-c target=github-roles -c stage=prod', { target: 'github-roles', stage: 'prod', repository: 'my-org/platform' }, {}, ['PlatformGitHubRoles-prod']],
  ])('%s', (_name, context, env, stacks) => {
    const result = synthApp(context, env);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stacks).toEqual(stacks);
  });

  test('a desiredCount that is not a number fails the synth', () => {
    const result = synthApp({ desiredCount: 'two' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/desiredCount/);
  });

  test('-c deletionProtection=false turns the EKS cluster\'s deletion protection off; the default keeps it on', () => {
    const template = (context: Record<string, string>) => {
      const { outdir, status } = synthApp(context);
      expect(status).toBe(0);
      const resources = (JSON.parse(fs.readFileSync(path.join(outdir, 'Platform-dev.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { DeletionProtection?: boolean } }> }).Resources;
      return Object.values(resources).filter((r) => r.Type === 'AWS::EKS::Cluster').map((r) => r.Properties.DeletionProtection);
    };
    expect(template({})).toEqual([true]);
    expect(template({ deletionProtection: 'false' })).toEqual([false]);
  });

  test('a deletionProtection that is not true or false fails the synth, naming the allowed values', () => {
    const result = synthApp({ deletionProtection: 'off' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/context "deletionProtection": got "off"; allowed: true, false/);
  });

  test('an unknown stage fails the synth, naming the allowed stages', () => {
    const result = synthApp({ stage: 'staging' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/context "stage": got "staging"; allowed: dev, prod/);
  });
});
