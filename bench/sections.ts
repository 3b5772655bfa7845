import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as eksV1 from 'aws-cdk-lib/aws-eks';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { BaselinePlatformStack } from './apps/baseline-platform';
import { dirBytes, Measured, runWorker } from './support/run';
import { median, ratio, secs, table } from './support/stats';
import { PlatformStack } from '../bin/platform-stack';
import {
  CostEstimator, EcrRegistrySettings, EcrRepository, EcsCluster, EcsScheduledTask, EcsService, EcsTaskDefinition, EksCluster, PlatformNetwork,
} from '../lib';

/** Options shared by every section. */
export interface BenchOptions {
  /** Runs per measured cell (interleaved). */
  readonly runs: number;
  /** Service counts of the scale table. */
  readonly scale: number[];
}

/** Synth speed: the reference app vs the baseline, validation on and off, interleaved runs. */
export function synthSpeed(o: BenchOptions): string {
  const rows = [['app', 'code', 'validation', 'runs', 'load s', 'construct s', 'synth s', 'in-process s', 'process s', 'ratio (in-process)', 'ratio (process)', 'resources']];
  // Both apps also run from npm run build's JavaScript, as an app using the published package loads it.
  execFileSync(path.resolve(__dirname, '..', 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: path.resolve(__dirname, '..'), stdio: 'pipe' });
  for (const [validation, compiled] of [[false, false], [false, true], [true, false]] as const) {
    const ours: Measured[] = [];
    const base: Measured[] = [];
    // Validation costs seconds per process: fewer runs with it on keep the whole bench near 5 minutes.
    const runs = validation ? Math.min(o.runs, 3) : o.runs;
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first so drift in machine load hits both sides alike.
      const runOurs = () => ours.push(runWorker({ app: 'library', compiled }, validation));
      const runBase = () => base.push(runWorker({ app: 'baseline', compiled }, validation));
      if (i % 2 === 0) { runOurs(); runBase(); } else { runBase(); runOurs(); }
    }
    const m = (xs: Measured[], k: keyof Measured): number => median(xs.map((x) => Number(x[k])));
    for (const [name, xs] of [['reference app (cdk-containers)', ours], ['baseline (plain aws-cdk-lib)', base]] as const) {
      const mine = name.startsWith('reference');
      rows.push([name, compiled ? 'dist/*.js (node)' : 'ts (tsx)', validation ? 'on' : 'off', String(xs.length), secs(m(xs, 'loadMs')), secs(m(xs, 'constructMs')), secs(m(xs, 'synthMs')), secs(m(xs, 'totalMs')), secs(m(xs, 'processMs')),
        mine ? ratio(m(ours, 'totalMs'), m(base, 'totalMs')) : '1.00', mine ? ratio(m(ours, 'processMs'), m(base, 'processMs')) : '1.00', String(xs[0].resources)]);
    }
  }
  return table(rows);
}

/** Scale: one stack with N services, library vs baseline, validation off. */
export function scale(o: BenchOptions): string {
  const rows = [['services', 'ours s', 'baseline s', 'ratio', 'ours construct s', 'base construct s', 'ours resources', 'base resources', 'ours KB', 'base KB', 's per 100 svc (ours)', 'limit check ms', 'CloudFormation']];
  const runs = Math.max(1, Math.min(o.runs, 3));
  for (const n of o.scale) {
    const ours: Measured[] = [];
    const base: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { ours.push(runWorker({ app: 'scale-library', services: n, limitsCheck: true }, false)); base.push(runWorker({ app: 'scale-baseline', services: n }, false)); } else { base.push(runWorker({ app: 'scale-baseline', services: n }, false)); ours.push(runWorker({ app: 'scale-library', services: n, limitsCheck: true }, false)); }
    }
    const t = median(ours.map((x) => x.totalMs));
    const b = median(base.map((x) => x.totalMs));
    const res = ours[0].resources;
    rows.push([String(n), secs(t), secs(b), ratio(t, b), secs(median(ours.map((x) => x.constructMs))), secs(median(base.map((x) => x.constructMs))),
      String(res), String(base[0].resources), (ours[0].templateBytes / 1024).toFixed(0), (base[0].templateBytes / 1024).toFixed(0),
      secs((t / n) * 100), median(ours.map((x) => x.limitsCheckMs ?? 0)).toFixed(1),
      res > 500 ? 'over 500: split' : res >= 400 ? 'warned (>= 80%)' : 'ok']);
  }
  return table(rows);
}

interface Footprint { resources: number; custom: number; lambdas: number; nested: number; assets: number; bytes: number; template: Record<string, unknown> }

function footprintOf(build: (app: App) => Stack): Footprint {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkc-foot-'));
  try {
    const app = new App({ outdir });
    const stack = build(app);
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    const resources = Object.values((artifact.template.Resources ?? {}) as Record<string, { Type: string }>);
    let assets = 0;
    for (const file of fs.readdirSync(assembly.directory).filter((f) => f.endsWith('.assets.json'))) {
      const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')) as { files?: Record<string, { source: { path: string } }>; dockerImages?: Record<string, unknown> };
      // The template itself is published as a file asset: do not count it.
      assets += Object.values(manifest.files ?? {}).filter((f) => !f.source.path.endsWith('.template.json')).length + Object.keys(manifest.dockerImages ?? {}).length;
    }
    return {
      resources: resources.length,
      custom: resources.filter((r) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource').length,
      lambdas: resources.filter((r) => r.Type === 'AWS::Lambda::Function').length,
      nested: resources.filter((r) => r.Type === 'AWS::CloudFormation::Stack').length,
      assets,
      bytes: dirBytes(assembly.directory),
      template: artifact.template as Record<string, unknown>,
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const stackIn = (app: App, f: (s: Stack) => void): Stack => { const s = new Stack(app, 'Foot'); f(s); return s; };
const peerAlbService = (s: Stack, id = 'Svc'): void => {
  new ecsPatterns.ApplicationLoadBalancedFargateService(s, id, { taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') } });
};
const peerEksV2 = (s: Stack): void => { new eks.Cluster(s, 'Eks', { version: eks.KubernetesVersion.V1_33 }); };

/** Footprint of each construct's default, the reference app, the baseline and the peers. */
export function footprint(): { text: string; templates: Record<string, Record<string, unknown>> } {
  const cases: Array<[string, (app: App) => Stack]> = [
    ['EcrRepository (default)', (a) => stackIn(a, (s) => new EcrRepository(s, 'Repo'))],
    ['EcrRegistrySettings (default)', (a) => stackIn(a, (s) => new EcrRegistrySettings(s, 'Registry'))],
    ['PlatformNetwork (default)', (a) => stackIn(a, (s) => new PlatformNetwork(s, 'Network'))],
    ['EcsCluster (default, own network)', (a) => stackIn(a, (s) => new EcsCluster(s, 'Cluster'))],
    ['EcsTaskDefinition + EcsService', (a) => stackIn(a, (s) => {
      const c = new EcsCluster(s, 'Cluster');
      const td = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') }] });
      new EcsService(s, 'Service', { cluster: c.cluster, taskDefinition: td });
    })],
    ['EcsScheduledTask', (a) => stackIn(a, (s) => {
      const c = new EcsCluster(s, 'Cluster');
      const td = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') }] });
      new EcsScheduledTask(s, 'Nightly', { cluster: c.cluster, taskDefinition: td, schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' }) });
    })],
    ['EksCluster (default, own network)', (a) => stackIn(a, (s) => new EksCluster(s, 'Eks'))],
    ['reference app (bin/platform-stack.ts)', (a) => new PlatformStack(a, 'Foot')],
    ['baseline app (plain aws-cdk-lib)', (a) => new BaselinePlatformStack(a, 'Foot')],
    ['peer: ecs-patterns ALB Fargate service', (a) => stackIn(a, (s) => peerAlbService(s))],
    ['peer: aws-eks-v2 Cluster (default)', (a) => stackIn(a, peerEksV2)],
    ['peer: aws-eks (v1) Cluster', (a) => stackIn(a, (s) => new eksV1.Cluster(s, 'Eks', {
      version: eksV1.KubernetesVersion.V1_32,
      // The real layer ships in @aws-cdk/lambda-layer-kubectl-v32 (an asset); an imported layer keeps this offline.
      kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1'),
    }))],
  ];
  const rows = [['stack', 'resources', 'Custom::', 'Lambda functions', 'nested stacks', 'assets', 'cdk.out KB']];
  const templates: Record<string, Record<string, unknown>> = {};
  for (const [name, build] of cases) {
    try {
      const f = footprintOf(build);
      templates[name] = f.template;
      rows.push([name, String(f.resources), String(f.custom), String(f.lambdas), String(f.nested), String(f.assets), (f.bytes / 1024).toFixed(0)]);
    } catch (e) {
      rows.push([name, `failed: ${(e as Error).message.split('\n')[0].slice(0, 80)}`, '', '', '', '', '']);
    }
  }
  return { text: table(rows), templates };
}

/** Cost of defaults: the reference platform vs the peers' defaults for the same services. */
export function cost(): string {
  const tpl = (build: (app: App) => Stack): Record<string, unknown> => footprintOf(build).template;
  const ours = CostEstimator.estimate(tpl((a) => new PlatformStack(a, 'Foot')));
  const base = CostEstimator.estimate(tpl((a) => new BaselinePlatformStack(a, 'Foot')));
  const alb = CostEstimator.estimate(tpl((a) => stackIn(a, (s) => peerAlbService(s))));
  const eksPeer = CostEstimator.estimate(tpl((a) => stackIn(a, peerEksV2)));
  // The reference app runs two ECS services (web, worker) and one EKS cluster: the peers' defaults
  // for the same are two ALB Fargate services (each with its own default VPC) and one aws-eks-v2 cluster.
  const peers = 2 * alb.totalMonthly + eksPeer.totalMonthly;
  const byKind = (e: typeof ours): Record<string, number> => {
    const k: Record<string, number> = {};
    for (const i of e.lineItems) {
      const kind = i.description.replace(/ \(.*$/, '').replace(/^public IPv4.*/, 'public IPv4').replace(/^interface endpoint.*/, 'interface endpoints').replace(/^EBS.*/, 'EBS');
      k[kind] = (k[kind] ?? 0) + i.monthly;
    }
    return k;
  };
  const cols: Array<[string, typeof ours, number]> = [['reference app', ours, 1], ['baseline (same infra, plain L2s)', base, 1], ['peer: ALB Fargate service x2', alb, 2], ['peer: aws-eks-v2 cluster', eksPeer, 1]];
  const kinds = [...new Set(cols.flatMap(([, e]) => Object.keys(byKind(e))))];
  const rows = [['USD per month (us-east-1)', ...cols.map(([n]) => n)]];
  for (const kind of kinds) rows.push([kind, ...cols.map(([, e, x]) => `$${((byKind(e)[kind] ?? 0) * x).toFixed(2)}`)]);
  rows.push(['total fixed', ...cols.map(([, e, x]) => `$${(e.totalMonthly * x).toFixed(2)}`)]);
  const lines = [table(rows), '',
    `reference platform idle: $${ours.totalMonthly.toFixed(2)}; peer defaults for the same services (2 ALB Fargate services + 1 aws-eks-v2 cluster): $${peers.toFixed(2)}; ratio ${(100 * ours.totalMonthly / peers).toFixed(0)}% (goal <= 40%)`,
    `prices: ${ours.region}, as of ${ours.pricesAsOf}; source in lib/cost/prices.ts`];
  return lines.join('\n');
}

/** The worker count the jest config asks for (jest's own default: CPUs - 1). */
function jestWorkers(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.resolve(__dirname, '..', 'jest.config.js')) as { maxWorkers?: number };
  return config.maxWorkers ?? Math.max(1, os.cpus().length - 1);
}

/** Unit tier cold (fresh jest cache) and warm (same cache again), in a child process each. */
export function unitTier(): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkc-jest-'));
  const jest = path.resolve(__dirname, '..', 'node_modules', '.bin', 'jest');
  const run = (): number => {
    const t0 = performance.now();
    execFileSync(jest, ['--selectProjects', 'unit', '--ci', '--silent', '--cacheDirectory', cache], { cwd: path.resolve(__dirname, '..'), stdio: 'pipe' });
    return performance.now() - t0;
  };
  try {
    const cold = run();
    const warm = run();
    return table([['unit tier (jest --selectProjects unit)', 'seconds', 'goal'], ['cold (empty transform cache)', secs(cold), '< 30'], ['warm (same cache)', secs(warm), '-'], ['workers (jest.config.js maxWorkers)', String(jestWorkers()), '']]);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}
