/**
 * `npm run bench [-- --quick] [--no-unit] [--only synth,scale,footprint,cost,unit] [--runs N]`
 *
 * Prints four tables (synth speed, scale, footprint, cost of defaults), each with its baseline
 * measured in the same run, and the unit tier's cold and warm time (about 40 s; `--no-unit` skips it). Figures are medians of interleaved runs in
 * fresh processes; nothing is asserted (the machines are shared and noisy). `--quick` takes one run
 * per cell and fewer scale points (about a minute).
 */
import { cost, footprint, scale, synthSpeed, unitTier } from './sections';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const flag = (name: string): string | undefined => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
};
const only = (flag('--only') ?? `synth,scale,footprint,cost${args.includes('--no-unit') ? '' : ',unit'}`).split(',');
const runs = Number(flag('--runs') ?? (quick ? 1 : 5));
const options = { runs, scale: quick ? [1, 50, 100] : [1, 10, 50, 100, 200] };

function section(title: string, body: () => string): void {
  const t0 = performance.now();
  console.log(`\n## ${title}\n`);
  console.log(body());
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

// Footprint and cost synthesize in this process: without aws-cdk-lib's validation (the timed
// workers set it per run themselves).
process.env.CDK_VALIDATION = 'false';
const started = performance.now();
console.log(`cdk-containers bench: ${quick ? 'quick' : 'full'}, ${runs} run(s) per cell, Node ${process.version}, ${new Date().toISOString()}`);
if (only.includes('synth')) section('Synth speed: reference app vs plain aws-cdk-lib (medians, interleaved fresh processes)', () => synthSpeed(options));
if (only.includes('scale')) section('Scale: one stack, N Fargate services, validation off (medians)', () => scale(options));
if (only.includes('footprint')) section('Footprint of defaults', () => footprint().text);
if (only.includes('cost')) section('Cost of defaults (fixed monthly cost while idle)', () => cost());
if (only.includes('unit')) section('Test speed: unit tier', () => unitTier());
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
