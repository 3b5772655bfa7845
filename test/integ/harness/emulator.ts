import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

/** A running local AWS emulator (moto with the project's CloudFormation extension). */
export interface Emulator {
  /** `http://localhost:PORT`: moto parses S3 template URLs only with `localhost`. */
  readonly endpoint: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

const SERVER = path.join(__dirname, '..', 'emulator', 'server.py');
const INSTALL = "pip install 'moto[server]==5.2.1'";

/**
 * Starts moto on a free port and resolves when it is ready. The server is the project's
 * `test/integ/emulator/server.py`, which registers the EKS and ECS capacity-provider models.
 */
export async function startEmulator(timeoutMs = 60_000): Promise<Emulator> {
  const probe = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`The local AWS emulator needs python3 with moto's server extras: ${INSTALL}\n${probe.stderr ?? probe.error}`);
  }
  const child = spawn('python3', [SERVER, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  const log = process.env.EMULATOR_LOG; // set EMULATOR_LOG=/path to keep the server's log
  child.stderr!.on('data', (chunk: Buffer) => {
    if (log) fs.appendFileSync(log, chunk);
    stderr.push(chunk.toString());
    if (stderr.length > 200) stderr.shift();
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator not ready after ${timeoutMs} ms: ${stderr.join('')}`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^EMULATOR READY (http:\/\/localhost:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before it was ready: ${stderr.join('')}`));
    });
  });
  return { endpoint, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
