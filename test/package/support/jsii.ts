import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withoutOuterNpm } from './run';

/** The repository root. */
export const ROOT = path.join(__dirname, '..', '..', '..');

/** The assembly `npm run compile` (jsii) writes at the repository root. */
export const BUILT_ASSEMBLY = path.join(ROOT, '.jsii');

/** The parts of a jsii assembly (`.jsii`, schema jsii/0.10.0) the package tests read or change. */
export interface Assembly {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly types: Record<string, AssemblyType>;
  readonly [key: string]: unknown;
}

/** One type of an assembly: a class, interface or enum, by fully qualified name. */
export interface AssemblyType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  properties?: Array<{ name: string; optional?: boolean; [key: string]: unknown }>;
  readonly [key: string]: unknown;
}

/** Reads an assembly file; a missing one is reported with the command that writes it. */
export function readAssembly(file: string, writtenBy = '`npm run compile` (or `npm run build`)'): Assembly {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run ${writtenBy} first`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Assembly;
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk-containers-${prefix}-`));
}

/**
 * Lays out a jsii module directory in `dir`, the shape jsii-pacmak and jsii-diff load a module from:
 * `package.json` (with a "jsii" section), the assembly as `.jsii`, and `node_modules` linked to the
 * repository's so the dependencies' assemblies (aws-cdk-lib, constructs) resolve. The assembly is a
 * copy taken now, so a later compile of the repository cannot change what the test reads, and
 * nothing is ever written into the repository. `packageJson` defaults to the minimal manifest the
 * assembly implies (its name, version and dependencies); `copy` lists more repository paths to copy.
 */
export function stageModule(dir: string, assembly: Assembly | string, options: { packageJson?: object; copy?: string[] } = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  if (typeof assembly === 'string') {
    fs.copyFileSync(assembly, path.join(dir, '.jsii'));
  } else {
    fs.writeFileSync(path.join(dir, '.jsii'), JSON.stringify(assembly, undefined, 2));
  }
  const spec = readAssembly(path.join(dir, '.jsii'));
  const manifest = options.packageJson
    ?? { name: spec.name, version: spec.version, jsii: { outdir: 'dist', targets: {} }, peerDependencies: spec.dependencies ?? {} };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, undefined, 2));
  for (const file of options.copy ?? []) {
    fs.cpSync(path.join(ROOT, file), path.join(dir, file), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Runs one of the project's jsii tools (`node_modules/.bin/<tool>`, after `wrapper` when given: a
 * command that runs the rest of its arguments), without jsii's end-of-life Node banner and without
 * what an outer `npm test` tells its children about the repository (`npm_config_local_prefix`,
 * `npm_package_*`, ...), so an `npm` the tool runs sees only its own directory.
 */
export function runJsiiTool(tool: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; wrapper?: string[] } = {}): SpawnSyncReturns<string> {
  const env = withoutOuterNpm();
  const command = [...options.wrapper ?? [], path.join(ROOT, 'node_modules', '.bin', tool), ...args];
  const result = spawnSync(command[0], command.slice(1), {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', npm_config_update_notifier: 'false', ...options.env },
  });
  if (result.error) {
    throw new Error(`${tool} could not be run: ${result.error.message}`);
  }
  return result;
}
