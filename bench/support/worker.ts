/**
 * One measured synthesis in a fresh process: `node --require tsx/cjs bench/support/worker.ts <json>`.
 * Prints one JSON line (see WorkerResult). Loading (require), construction and synthesis are timed
 * separately in-process; the parent also times the whole process.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What the parent asks for. */
export interface WorkerRequest {
  readonly app: 'library' | 'baseline' | 'scale-library' | 'scale-baseline';
  readonly services?: number;
  readonly outdir: string;
  /** Also time the stack-limits check on the finished stack. */
  readonly limitsCheck?: boolean;
  /** Load the reference or baseline app from `npm run build`'s JavaScript in dist/dev/, as users of the package do. */
  readonly compiled?: boolean;
}

/** What the worker prints. */
export interface WorkerResult {
  readonly loadMs: number;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly resources: number;
  readonly templateBytes: number;
  readonly limitsCheckMs?: number;
}

/** Where `npm run build` writes the JavaScript of the whole tree (tsconfig.json); this file runs from there too when compiled. */
const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.basename(path.dirname(ROOT)) === 'dist' ? ROOT : path.join(ROOT, 'dist', 'dev');

function main(): void {
  const req = JSON.parse(process.argv[2]) as WorkerRequest;
  const t0 = performance.now();
  // Loading is part of what a user waits for: time the requires too.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  let build: (stack: import('aws-cdk-lib').Stack) => void;
  let stackName = 'Bench';
  let app: import('aws-cdk-lib').App;
  if (req.app === 'library') {
    const { PlatformStack } = require(req.compiled ? path.join(DIST, 'bin', 'platform-stack.js') : '../../bin/platform-stack') as typeof import('../../bin/platform-stack');
    const t1 = performance.now();
    app = new cdk.App({ outdir: req.outdir });
    new PlatformStack(app, stackName);
    return finish(t0, t1, app, stackName, req);
  } else if (req.app === 'baseline') {
    const { BaselinePlatformStack } = require(req.compiled ? path.join(DIST, 'bench', 'apps', 'baseline-platform.js') : '../apps/baseline-platform') as typeof import('../apps/baseline-platform');
    const t1 = performance.now();
    app = new cdk.App({ outdir: req.outdir });
    new BaselinePlatformStack(app, stackName);
    return finish(t0, t1, app, stackName, req);
  } else {
    if (req.app === 'scale-library') {
      const { buildLibraryServices } = require('../apps/scale-library') as typeof import('../apps/scale-library');
      build = (s) => buildLibraryServices(s, req.services ?? 1);
    } else {
      const { buildBaselineServices } = require('../apps/scale-baseline') as typeof import('../apps/scale-baseline');
      build = (s) => buildBaselineServices(s, req.services ?? 1);
    }
    stackName = 'Scale';
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const t1 = performance.now();
  // Past 500 resources aws-cdk-lib refuses to synthesize; lift its limit to measure growth (the table marks those rows).
  app = new cdk.App({ outdir: req.outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  build(new cdk.Stack(app, stackName));
  finish(t0, t1, app, stackName, req);
}

function finish(t0: number, t1: number, app: import('aws-cdk-lib').App, stackName: string, req: WorkerRequest): void {
  const t2 = performance.now();
  let limitsCheckMs: number | undefined;
  if (req.limitsCheck) {
    // The stack's own validations are the library's stack-limit check (every construct registers it on its stack).
    const stack = app.node.findChild(stackName) as import('aws-cdk-lib').Stack;
    const c0 = performance.now();
    stack.node.validate();
    limitsCheckMs = performance.now() - c0;
  }
  const t3 = performance.now();
  const assembly = app.synth();
  const t4 = performance.now();
  const artifact = assembly.getStackByName(stackName);
  const file = path.join(assembly.directory, artifact.templateFile);
  const result: WorkerResult = {
    loadMs: t1 - t0,
    constructMs: t2 - t1,
    synthMs: t4 - t3,
    totalMs: t4 - t3 + (t2 - t0),
    resources: Object.keys(artifact.template.Resources ?? {}).length,
    templateBytes: fs.statSync(file).size,
    limitsCheckMs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
