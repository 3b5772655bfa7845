import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { childEnv, run, RunResult } from './run';

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

/** A JSON file's content. */
export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Reads an assembly file; a missing one is reported with the command that writes it. */
export function readAssembly(file: string, writtenBy = '`npm run compile` (or `npm run build`)'): Assembly {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run ${writtenBy} first`);
  }
  return readJson<Assembly>(file);
}

/** The repository's package.json. */
export function repositoryPackageJson<T extends object = { name: string; version: string }>(): T {
  return readJson<T>(path.join(ROOT, 'package.json'));
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
 * command that runs the rest of its arguments) in the package tests' environment (`childEnv`: no
 * jsii end-of-life banner, nothing an outer `npm test` tells its children about the repository),
 * with `env` added.
 */
export function runJsiiTool(tool: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; wrapper?: readonly string[] }): Promise<RunResult> {
  const [command, ...rest] = [...options.wrapper ?? [], path.join(ROOT, 'node_modules', '.bin', tool), ...args];
  return run(command, rest, options.cwd, { ...childEnv(ROOT), ...options.env });
}
