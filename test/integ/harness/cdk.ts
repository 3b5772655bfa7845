import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Target } from './target';

const ROOT = path.join(__dirname, '..', '..', '..');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** The pinned CDK CLI, run on one integration app. */
export class CdkCli {
  /** The cloud assembly directory of this app. */
  public readonly outdir: string;

  constructor(private readonly target: Target, private readonly appFile: string) {
    this.outdir = fs.mkdtempSync(path.join(os.tmpdir(), `integ-${path.basename(appFile, '.ts')}-`));
  }

  /** `cdk bootstrap` into the target's account and region. */
  public bootstrap(): Promise<string> {
    return this.run(['bootstrap', '--app', this.app(), '--output', path.join(this.outdir, 'bootstrap')]);
  }

  /** `cdk deploy --require-approval never` of the given stacks, with context for the app. */
  public deploy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    return this.run(['deploy', ...stacks, '--require-approval', 'never', '--progress', 'events', ...this.common(context)]);
  }

  /** `cdk destroy --force` of the given stacks. */
  public destroy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    return this.run(['destroy', ...stacks, '--force', ...this.common(context)]);
  }

  /** Path of a stack's synthesized template in the assembly. */
  public templateFile(stackName: string): string {
    return path.join(this.outdir, `${stackName}.template.json`);
  }

  private app(): string {
    return `${TSX} ${this.appFile}`;
  }

  private common(context: Record<string, string>): string[] {
    const ctx = Object.entries(context).flatMap(([k, v]) => ['--context', `${k}=${v}`]);
    return ['--app', this.app(), '--output', this.outdir, '--no-notices', '--no-version-reporting', ...ctx];
  }

  private run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(CDK, args, { cwd: ROOT, env: { ...this.target.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } });
      let output = '';
      child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (code === 0) resolve(output);
        else reject(new Error(`cdk ${args[0]} failed (exit ${code}):\n${output.slice(-6000)}`));
      });
    });
  }
}
