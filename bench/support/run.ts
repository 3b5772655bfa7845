import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { WorkerRequest, WorkerResult } from './worker';

const ROOT = path.resolve(__dirname, '..', '..');

/** A worker's result plus the wall time of its whole process. */
export interface Measured extends WorkerResult {
  readonly processMs: number;
}

/** Runs one measured synthesis in a fresh Node.js process (validation on or off). */
export function runWorker(request: Omit<WorkerRequest, 'outdir'>, validation: boolean): Measured {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkc-bench-'));
  try {
    const t0 = performance.now();
    // Compiled apps run on plain Node.js, as `node bin/app.js` or ts-node (cdk init's runner) load an
    // installed package: tsx would also transform every JavaScript file of the library it loads.
    const worker = request.compiled
      ? [path.join(ROOT, 'dist', 'dev', 'bench', 'support', 'worker.js')]
      : ['--require', 'tsx/cjs', path.join(__dirname, 'worker.ts')];
    const child = spawnSync(process.execPath, [...worker, JSON.stringify({ ...request, outdir })], {
      cwd: ROOT,
      env: { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const processMs = performance.now() - t0;
    if (child.status !== 0) throw new Error(`bench worker failed (${JSON.stringify(request)}):\n${child.stderr}`);
    const line = child.stdout.trim().split('\n').pop() ?? '{}';
    return { ...(JSON.parse(line) as WorkerResult), processMs };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The total size of a directory's files, in bytes. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}
