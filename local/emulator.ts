import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

/** A running local AWS emulator (moto with the package's CloudFormation extension). */
export interface Emulator {
  /** `http://localhost:PORT`: moto parses S3 template URLs only with `localhost`. */
  readonly endpoint: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start the emulator. */
export interface EmulatorOptions {
  /** How long to wait for the server to say it is ready. @default 60 s */
  readonly timeoutMs?: number;
  /** The Python 3 executable. @default `CDK_CONTAINERS_PYTHON`, else `python3` */
  readonly python?: string;
  /** A file the server's log is appended to. @default `EMULATOR_LOG`, else none */
  readonly logFile?: string;
}

/** The moto version the extension is written against (it patches moto internals). */
export const MOTO_VERSION = '5.2.1';
/** What to run when moto is missing. */
export const MOTO_INSTALL = `pip install 'moto[server]==${MOTO_VERSION}'`;

/**
 * The folder of the emulator's Python files (`server.py`, the CloudFormation models, `known-gaps.json`):
 * `local/emulator/` of the package, next to this file in the sources and two levels up from `dist/local/`.
 */
export const EMULATOR_DIR: string = [path.join(__dirname, 'emulator'), path.join(__dirname, '..', '..', 'local', 'emulator')]
  .find((dir) => fs.existsSync(path.join(dir, 'server.py'))) ?? path.join(__dirname, 'emulator');

/** The emulator cannot start on this machine (no python3, no moto, another moto version): the message says what to install. */
export class EmulatorSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorSetupError';
  }
}

/**
 * Checks that python3 and moto's server extras are installed, at the pinned version; throws an
 * {@link EmulatorSetupError} naming the install command otherwise.
 */
export function checkEmulatorSetup(python: string = defaultPython()): void {
  const probe = spawnSync(python, ['-c', 'import moto, moto.server; print(moto.__version__)'], { encoding: 'utf8' });
  if (probe.error) {
    throw new EmulatorSetupError(`The local AWS emulator needs Python 3 (\`${python}\` could not be run: ${probe.error.message}). ` +
      `Install Python 3, then: ${MOTO_INSTALL}`);
  }
  if (probe.status !== 0) {
    throw new EmulatorSetupError(`The local AWS emulator needs moto with its server extras, which \`${python}\` cannot import. Run: ${MOTO_INSTALL}\n` +
      probe.stderr.trim().split('\n').slice(-1)[0]);
  }
  const version = probe.stdout.trim();
  if (version !== MOTO_VERSION) {
    throw new EmulatorSetupError(`The local AWS emulator is pinned to moto ${MOTO_VERSION}; \`${python}\` has moto ${version}. Run: ${MOTO_INSTALL}`);
  }
}

/**
 * Starts moto on a free port and resolves when it is ready. The server is the package's
 * `local/emulator/server.py`, which registers the project's CloudFormation models.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const python = options.python ?? defaultPython();
  const timeoutMs = options.timeoutMs ?? 60_000;
  checkEmulatorSetup(python);
  const child = spawn(python, [path.join(EMULATOR_DIR, 'server.py'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  const log = options.logFile ?? process.env.EMULATOR_LOG;
  child.stderr!.on('data', (chunk: Buffer) => {
    if (log) fs.appendFileSync(log, chunk);
    stderr.push(chunk.toString());
    if (stderr.length > 200) stderr.shift();
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`emulator not ready after ${timeoutMs} ms: ${stderr.join('')}`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^EMULATOR READY (http:\/\/localhost:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before it was ready: ${stderr.join('')}`));
    });
  });
  return { endpoint, stop: () => stopChild(child) };
}

function defaultPython(): string {
  return process.env.CDK_CONTAINERS_PYTHON || 'python3';
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
