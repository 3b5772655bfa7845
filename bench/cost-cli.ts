/**
 * `npm run cost [-- <template.json | cdk.out dir> ...] [-- --json]`
 *
 * Prints the fixed monthly cost (us-east-1 list prices, lib/cost/prices.ts) of what each
 * synthesized template creates. With no argument it reads every `*.template.json` in `cdk.out`
 * (run `npx cdk synth` first).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CostEstimator } from '../lib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const inputs = args.filter((a) => !a.startsWith('--'));
const files: string[] = [];
for (const input of inputs.length ? inputs : ['cdk.out']) {
  if (!fs.existsSync(input)) {
    console.error(`${input}: not found${input === 'cdk.out' ? ' (run `npx cdk synth` first, or name a template)' : ''}`);
    process.exit(2);
  }
  if (fs.statSync(input).isDirectory()) {
    files.push(...fs.readdirSync(input).filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(input, f)));
  } else {
    files.push(input);
  }
}
if (!files.length) {
  console.error('no *.template.json found');
  process.exit(2);
}
let total = 0;
const results: Record<string, unknown> = {};
for (const file of files) {
  const estimate = CostEstimator.estimate(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
  total += estimate.totalMonthly;
  results[file] = estimate;
  if (!json) console.log(`\n# ${file}\n\n${CostEstimator.formatReport(estimate)}`);
}
if (json) console.log(JSON.stringify(results, null, 2));
else if (files.length > 1) console.log(`\nall templates: $${total.toFixed(2)} per month`);
