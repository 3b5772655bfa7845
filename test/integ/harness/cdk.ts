import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EMULATOR_ACCOUNT, EMULATOR_REGION, Target } from './target';
import { timed } from './timing';

const ROOT = path.join(__dirname, '..', '..', '..');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * The pinned CDK CLI, run on one integration app. Each context variant of the app is synthesized
 * once (`cdk synth`) into its own cloud assembly, and `deploy`/`destroy` run on that assembly
 * (`--app <dir>`): the CLI then deploys exactly what was synthesized, and a test can synthesize the
 * next variant while the previous one deploys.
 */
export class CdkCli {
  /** The directory holding this app's cloud assemblies. */
  public readonly outdir: string;
  private readonly assemblies = new Map<string, Promise<string>>();

  constructor(private readonly target: Target, private readonly appFile: string) {
    this.outdir = fs.mkdtempSync(path.join(os.tmpdir(), `integ-${path.basename(appFile, '.ts')}-`));
  }

  /**
   * `cdk bootstrap` of the target's environment. Runs outside the project (no cdk.json, no `--app`)
   * so the CLI does not synthesize an app just to learn the environment.
   */
  public bootstrap(): Promise<string> {
    const environment = this.target.kind === 'emulator'
      ? `aws://${EMULATOR_ACCOUNT}/${EMULATOR_REGION}`
      : `aws://unknown-account/${this.target.clientConfig.region}`; // the CLI resolves the caller's account
    return timed(`cdk bootstrap (${path.basename(this.appFile)})`,
      () => this.run(['bootstrap', environment, '--no-notices'], this.outdir));
  }

  /** The cloud assembly of the app with this context (synthesized once per distinct context). */
  public synth(context: Record<string, string> = {}): Promise<string> {
    const key = JSON.stringify(Object.entries(context).sort());
    let assembly = this.assemblies.get(key);
    if (!assembly) {
      const dir = path.join(this.outdir, `assembly-${this.assemblies.size}`);
      assembly = timed(`cdk synth ${path.basename(this.appFile)} ${key}`, () =>
        this.run(['synth', '--app', `${TSX} ${this.appFile}`, '--output', dir, '--quiet', ...this.flags(context)]))
        .then(() => dir);
      this.assemblies.set(key, assembly);
    }
    return assembly;
  }

  /** `cdk deploy --require-approval never` of the given stacks, synthesized with the given context. */
  public async deploy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    const assembly = await this.synth(context);
    return timed(`cdk deploy ${stacks.join(' ')} ${JSON.stringify(context)}`, () =>
      this.run(['deploy', ...stacks, '--app', assembly, '--require-approval', 'never', '--progress', 'events', ...this.flags({})]));
  }

  /** `cdk destroy --force` of the given stacks, as synthesized with the given context. */
  public async destroy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    const assembly = await this.synth(context);
    return timed(`cdk destroy ${stacks.join(' ')}`, () =>
      this.run(['destroy', ...stacks, '--app', assembly, '--force', ...this.flags({})]));
  }

  /** Path of a stack's template in the assembly synthesized with the given context. */
  public async template(stackName: string, context: Record<string, string> = {}): Promise<string> {
    return path.join(await this.synth(context), `${stackName}.template.json`);
  }

  /** Path of a stack's template in the first (default-context) assembly. */
  public templateFile(stackName: string): string {
    return path.join(this.outdir, 'assembly-0', `${stackName}.template.json`);
  }

  private flags(context: Record<string, string>): string[] {
    const ctx = Object.entries(context).flatMap(([k, v]) => ['--context', `${k}=${v}`]);
    return ['--no-notices', '--no-version-reporting', ...ctx];
  }

  private run(args: string[], cwd: string = ROOT): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(CDK, args, { cwd, env: { ...this.target.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } });
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
