import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';

/** One cfn-lint finding, as its JSON formatter prints it. */
export interface CfnLintFinding {
  readonly Rule: { readonly Id: string; readonly Description: string };
  readonly Message: string;
  readonly Level: string;
  readonly Filename: string;
}

/**
 * Runs cfn-lint over the given template files and returns its findings.
 * cfn-lint is a Python tool installed on the project's machines; elsewhere `pip install cfn-lint`.
 */
export function cfnLint(files: string[]): CfnLintFinding[] {
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`cfn-lint could not be run (${result.error.message}); install it with: pip install cfn-lint`);
  }
  // Exit codes: 0 clean, 2 errors, 4 warnings, 8 informational (bit flags); anything else is a crash.
  if (result.status !== null && result.status > 14) {
    throw new Error(`cfn-lint failed (exit ${result.status}): ${result.stderr}`);
  }
  return result.stdout.trim() ? JSON.parse(result.stdout) as CfnLintFinding[] : [];
}

/** Synthesizes an app into a fresh temporary directory and returns the template paths of all its stacks. */
export function synthTemplates(build: (app: App) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-containers-'));
  const app = new App({ outdir });
  build(app);
  const assembly = app.synth();
  return assembly.stacksRecursively.map((s) => s.templateFullPath);
}

/** Every stack of an app, recursively through stages. */
export function stacksOf(app: App): Stack[] {
  return app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}
