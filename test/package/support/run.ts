import { spawn } from 'child_process';
import * as path from 'path';

/** What one command printed and how it ended. */
export interface RunResult {
  /** The command line, for messages. */
  readonly command: string;
  readonly cwd: string;
  /** The exit code (null when a signal ended the process). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock seconds the command took. */
  readonly seconds: number;
}

/**
 * The environment of every command: the test's own, without what an outer `npm test` tells its
 * children about the repository (`npm_config_local_prefix`, `npm_package_*`, ...) and without the
 * repository's `node_modules/.bin` on PATH, so a command in the consumer app uses what the app
 * installed, never the repository's tools. No AWS credentials or network are needed or looked for.
 */
export function childEnv(repositoryRoot: string): NodeJS.ProcessEnv {
  const env = withoutOuterNpm();
  env.PATH = (process.env.PATH ?? '').split(path.delimiter)
    .filter((entry) => !path.resolve(entry).startsWith(path.join(repositoryRoot, 'node_modules')))
    .join(path.delimiter);
  return {
    ...env,
    // jsii's banner about Node 20's end of life, printed by every compile on the project's machines.
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // No instance metadata lookups when the CDK CLI looks for a default account.
    AWS_EC2_METADATA_DISABLED: 'true',
    npm_config_update_notifier: 'false',
  };
}

/**
 * The test's environment without what an outer `npm test` tells its children about the repository
 * (`npm_config_local_prefix`, `npm_package_*`, ...), so an `npm` a child runs sees only its own directory.
 */
function withoutOuterNpm(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^npm_(package|lifecycle)_/.test(key) && !['npm_command', 'npm_config_local_prefix', 'npm_config_call', 'INIT_CWD', 'JEST_WORKER_ID'].includes(key)));
}

/** Runs a command to its end; never rejects (a failed start is exit code null with the error in stderr). */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const commandLine = [command, ...args].join(' ');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const done = (code: number | null, extra = '') => resolve({
      command: commandLine, cwd, code, stdout, stderr: stderr + extra, seconds: (Date.now() - started) / 1000,
    });
    child.on('error', (error) => done(null, `\n${error.message}`));
    child.on('close', (code) => done(code));
  });
}

/** The result, if the command exited 0; otherwise an error that shows the command, its exit code and its output. */
export function succeeded(result: RunResult): RunResult {
  if (result.code === 0) return result;
  const tail = (text: string) => (text.length > 8000 ? `[...]\n${text.slice(-8000)}` : text);
  throw new Error([
    `\`${result.command}\` exited ${result.code} after ${result.seconds.toFixed(1)} s in ${result.cwd}`,
    '--- stdout', tail(result.stdout), '--- stderr', tail(result.stderr),
  ].join('\n'));
}
