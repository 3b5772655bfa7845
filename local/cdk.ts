import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EMULATOR_ACCOUNT, EMULATOR_REGION, Target } from './target';
import { timed } from './timing';

/** Which CDK app to run, and with which CLI. */
export interface CdkAppOptions {
  /** The app command (the CLI's `--app`). @default the `app` of `cdk.json` in `cwd` */
  readonly app?: string;
  /** The project directory: the CLI runs there and reads its `cdk.json` (context, feature flags). @default the current directory */
  readonly cwd?: string;
  /** The CDK CLI to run. @default `node_modules/.bin/cdk` of `cwd` or a folder above it, else `cdk` on the PATH */
  readonly cli?: string;
  /** A short name for timings and the temporary folder. @default the folder name of `cwd` */
  readonly name?: string;
}

/** A stack of a synthesized cloud assembly. */
export interface AssemblyStack {
  /** The artifact id: what the CLI selects stacks by. */
  readonly id: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The template's path. */
  readonly templateFile: string;
}

/**
 * The CDK CLI, run on one app. Each context variant of the app is synthesized once (`cdk synth`)
 * into its own cloud assembly, and `deploy`/`destroy` run on that assembly (`--app <dir>`): the
 * CLI then deploys exactly what was synthesized, and the next variant can be synthesized while the
 * previous one deploys. Deploys go through change sets, as `cdk deploy` does by default.
 */
export class CdkCli {
  /** The directory holding this app's cloud assemblies. */
  public readonly outdir: string;
  private readonly assemblies = new Map<string, Promise<string>>();
  private readonly cwd: string;
  private readonly cli: string;
  private readonly name: string;

  constructor(private readonly target: Target, private readonly options: CdkAppOptions = {}) {
    this.cwd = path.resolve(options.cwd ?? process.cwd());
    this.cli = options.cli ?? findCdkCli(this.cwd);
    this.name = options.name ?? path.basename(this.cwd);
    this.outdir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-local-${this.name.replace(/[^A-Za-z0-9.-]/g, '-')}-`));
  }

  /**
   * `cdk bootstrap` of the target's environment. Runs outside the project (no cdk.json, no `--app`)
   * so the CLI does not synthesize an app just to learn the environment.
   */
  public bootstrap(): Promise<string> {
    const environment = this.target.kind === 'emulator'
      ? `aws://${EMULATOR_ACCOUNT}/${EMULATOR_REGION}`
      : `aws://unknown-account/${this.target.clientConfig.region}`; // the CLI resolves the caller's account
    return timed(`cdk bootstrap (${this.name})`, () => this.run(['bootstrap', environment, '--no-notices'], this.outdir));
  }

  /** The cloud assembly of the app with this context (synthesized once per distinct context). */
  public synth(context: Record<string, string> = {}): Promise<string> {
    const key = JSON.stringify(Object.entries(context).sort());
    let assembly = this.assemblies.get(key);
    if (!assembly) {
      const dir = path.join(this.outdir, `assembly-${this.assemblies.size}`);
      const app = this.options.app ? ['--app', this.options.app] : [];
      assembly = timed(`cdk synth ${this.name} ${key}`, () => this.run(['synth', ...app, '--output', dir, '--quiet', ...this.flags(context)]))
        .then(() => dir);
      this.assemblies.set(key, assembly);
    }
    return assembly;
  }

  /** The stacks of the assembly synthesized with this context (top-level stacks, in the manifest's order). */
  public async stacks(context: Record<string, string> = {}): Promise<AssemblyStack[]> {
    const assembly = await this.synth(context);
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly, 'manifest.json'), 'utf8')) as
      { artifacts?: Record<string, { type: string; properties?: { stackName?: string; templateFile?: string } }> };
    return Object.entries(manifest.artifacts ?? {})
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => ({ id, stackName: a.properties?.stackName ?? id, templateFile: path.join(assembly, a.properties?.templateFile ?? `${id}.template.json`) }));
  }

  /** The stacks named (by artifact id or stack name) in the assembly with this context; an unknown name fails. */
  public async select(names: string[], context: Record<string, string> = {}): Promise<AssemblyStack[]> {
    const all = await this.stacks(context);
    return names.map((name) => {
      const found = all.find((s) => s.id === name || s.stackName === name);
      if (!found) throw new Error(`no stack ${name} in the app (it has: ${all.map((s) => s.id).join(', ') || 'none'})`);
      return found;
    });
  }

  /** `cdk deploy --require-approval never --method change-set` of the given stacks, synthesized with the given context. */
  public async deploy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    const assembly = await this.synth(context);
    const ids = (await this.select(stacks, context)).map((s) => s.id);
    return timed(`cdk deploy ${stacks.join(' ')} ${JSON.stringify(context)}`, () =>
      this.run(['deploy', ...ids, '--app', assembly, '--require-approval', 'never', '--method', 'change-set', '--progress', 'events', ...this.flags({})]));
  }

  /** `cdk destroy --force` of the given stacks, as synthesized with the given context. */
  public async destroy(stacks: string[], context: Record<string, string> = {}): Promise<string> {
    const assembly = await this.synth(context);
    const ids = (await this.select(stacks, context)).map((s) => s.id);
    return timed(`cdk destroy ${stacks.join(' ')}`, () => this.run(['destroy', ...ids, '--app', assembly, '--force', ...this.flags({})]));
  }

  /** Path of a stack's template in the assembly synthesized with the given context. */
  public async template(stack: string, context: Record<string, string> = {}): Promise<string> {
    return (await this.select([stack], context))[0]!.templateFile;
  }

  /** Path of a stack's template in the first (default-context) assembly, named after its artifact id. */
  public templateFile(stackId: string): string {
    return path.join(this.outdir, 'assembly-0', `${stackId}.template.json`);
  }

  private flags(context: Record<string, string>): string[] {
    const ctx = Object.entries(context).flatMap(([k, v]) => ['--context', `${k}=${v}`]);
    return ['--no-notices', '--no-version-reporting', ...ctx];
  }

  private run(args: string[], cwd: string = this.cwd): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.cli, args, { cwd, env: { ...this.target.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } });
      let output = '';
      child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
      child.on('error', (err) => reject(new Error(`the CDK CLI (${this.cli}) could not be run: ${err.message}. ` +
        'Install it in the project: npm install --save-dev aws-cdk')));
      child.on('exit', (code) => {
        if (code === 0) resolve(output);
        else reject(new Error(`cdk ${args[0]} failed (exit ${code}):\n${output.slice(-6000)}`));
      });
    });
  }
}

/** The project's own CDK CLI (`node_modules/.bin/cdk` here or above), else `cdk` from the PATH. */
export function findCdkCli(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const cli = path.join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'cdk.cmd' : 'cdk');
    if (fs.existsSync(cli)) return cli;
    if (path.dirname(dir) === dir) return 'cdk';
  }
}
