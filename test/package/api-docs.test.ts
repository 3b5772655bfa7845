import * as fs from 'fs';
import * as path from 'path';
import { Assembly, BUILT_ASSEMBLY, ROOT, readAssembly, repositoryPackageJson, stageModule, tempDir } from './support/jsii';
import { childEnv, run, RunResult } from './support/run';

/**
 * API.md is the API reference in Construct Hub's format: what jsii-docgen (TypeScript, one file: the
 * package has no submodules) makes of the assembly `npm run compile` wrote. It is checked in, so it
 * must be regenerated whenever the public API or its TSDoc changes. The check regenerates it from a
 * copy of the module in a temporary directory (the repository is only read) and compares.
 *
 * Can it fail? The same generation from a copy of the assembly with one doc comment changed must be
 * reported stale, naming the line that differs.
 */

const API_MD = path.join(ROOT, 'API.md');
const DOCGEN = path.join(ROOT, 'node_modules', '.bin', 'jsii-docgen');
/** The doc comment the can-fail proof puts on EcrRepository. */
const CHANGED_SUMMARY = 'A changed summary that the checked-in API.md does not have.';

const work = tempDir('api-docs');
let current: { result: RunResult; markdown: string };
let changed: { result: RunResult; markdown: string };
let originalSummary: string;

/**
 * Why `checkedIn` is not `generated`, or undefined when they are the same: the first line that
 * differs, as checked in and as generated, and the command that brings API.md up to date.
 */
function staleness(checkedIn: string, generated: string): string | undefined {
  if (checkedIn === generated) return undefined;
  const a = checkedIn.split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  return [
    `API.md is stale (it differs from jsii-docgen's output from line ${line + 1}):`,
    `  checked in: ${a[line] ?? '(end of file)'}`,
    `  generated:  ${b[line] ?? '(end of file)'}`,
    'run `npm run docs:api` and check in API.md',
  ].join('\n');
}

/** jsii-docgen (TypeScript, markdown) over a staged copy of the module `assembly`, into a file of its own. */
async function generate(name: string, assembly: Assembly | string, pkg: object): Promise<{ result: RunResult; markdown: string }> {
  const dir = stageModule(path.join(work, name), assembly, { packageJson: pkg });
  const output = path.join(work, `${name}.API.md`);
  const result = await run(DOCGEN, ['--output', output], dir, childEnv(ROOT));
  return { result, markdown: fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '' };
}

function report(result: RunResult): string {
  return `${result.command} exited ${result.code} after ${result.seconds.toFixed(1)} s\n${result.stdout}\n${result.stderr}`.trim();
}

beforeAll(async () => {
  const pkg = repositoryPackageJson();
  const edited = readAssembly(BUILT_ASSEMBLY);
  const ecr = edited.types['cdk-containers.EcrRepository'] as { docs?: { summary?: string } } | undefined;
  if (!ecr?.docs?.summary) throw new Error('cdk-containers.EcrRepository has no doc summary in .jsii to change');
  originalSummary = ecr.docs.summary;
  ecr.docs.summary = CHANGED_SUMMARY;
  [current, changed] = await Promise.all([generate('current', BUILT_ASSEMBLY, pkg), generate('changed', edited, pkg)]);
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test('API.md is what jsii-docgen makes of the current assembly', () => {
  if (current.result.code !== 0 || !current.markdown) throw new Error(report(current.result));
  expect(current.markdown).toMatch(/^# API Reference/);
  if (!fs.existsSync(API_MD)) throw new Error('API.md is missing: run `npm run docs:api` and check it in');
  const message = staleness(fs.readFileSync(API_MD, 'utf8'), current.markdown);
  if (message) throw new Error(message);
});

test('the check reports API.md stale when a doc comment changed, naming the line', () => {
  if (changed.result.code !== 0 || !changed.markdown) throw new Error(report(changed.result));
  const checkedIn = fs.readFileSync(API_MD, 'utf8');
  const message = staleness(checkedIn, changed.markdown);
  expect(message).toContain('run `npm run docs:api`');
  expect(message).toContain(`generated:  ${CHANGED_SUMMARY}`);
  // That doc comment is the only difference between the two generated references.
  expect(changed.markdown.split(CHANGED_SUMMARY).join(originalSummary)).toBe(current.markdown);
  expect(staleness(checkedIn, checkedIn)).toBeUndefined();
});
