import * as fs from 'fs';
import * as path from 'path';
import { repositoryPackageJson, ROOT, runJsiiTool, tempDir } from './support/jsii';
import { RunResult } from './support/run';

/**
 * The jsii rules ARCHITECTURE.md ("Build") says the public API follows are enforced by the project's
 * own compile command, not just by jsii's defaults: jsii only *prints* a dropped free function or
 * constant (JSII9998, a message), so package.json's `jsii.diagnostics` makes that an error, and
 * `--fail-on-warnings` makes a reserved word (JSII5018) one.
 *
 * A probe module in a temporary directory (the repository's `jsii` settings and `tsconfig.lib.json`,
 * one `lib/index.ts`) is compiled with `npm run compile`'s command: once clean, to show the set-up
 * compiles, and once per rule with one export that breaks it.
 */

type Pkg = { jsii: object; scripts: Record<string, string>; peerDependencies: Record<string, string>; devDependencies: Record<string, string>; author: object; repository: object };

/** Each rule: the export that breaks it, the text of the line jsii reports, and the diagnostic code. */
const VIOLATIONS: ReadonlyArray<{ rule: string; source: string; at: string; code: string }> = [
  { rule: 'no free function', source: '/** A free function. */\nexport function freeFunction(): number { return 1; }', at: 'export function', code: 'JSII9998' },
  { rule: 'no exported constant', source: '/** A constant. */\nexport const CONSTANT = 1;', at: 'export const', code: 'JSII9998' },
  { rule: 'no C# keyword as a member name', source: '/** Props. */\nexport interface KeywordProps {\n  /** A keyword. */\n  readonly base?: number;\n}', at: 'readonly base', code: 'JSII5018' },
  { rule: 'no readonly array', source: '/** Props. */\nexport interface ArrayProps {\n  /** Readonly. */\n  readonly cidrs?: readonly string[];\n}', at: 'readonly cidrs', code: 'JSII3001' },
  { rule: 'no exported Error subclass', source: '/** An error. */\nexport class ProbeError extends Error {}', at: 'extends Error', code: 'JSII3004' },
];

const CLEAN = '/** A class jsii accepts. */\nexport class Probe {\n  /** A static facade. */\n  public static answer(): number { return 42; }\n}\n';

const pkg = repositoryPackageJson<Pkg>();
const work = tempDir('jsii-rules');
let clean: RunResult;
/** The compile of the clean probe plus one violation, per rule. */
const broken = new Map<string, { source: string; result: RunResult }>();

/** A probe module with `source` as its lib/index.ts, compiled with the project's compile command. */
async function compileProbe(name: string, source: string): Promise<RunResult> {
  const dir = path.join(work, name);
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: `jsii-rules-${name}`, version: '0.0.0', license: 'Apache-2.0', author: pkg.author, repository: pkg.repository,
    main: 'dist/lib/index.js', types: 'dist/lib/index.d.ts', peerDependencies: pkg.peerDependencies,
    devDependencies: Object.fromEntries(Object.keys(pkg.peerDependencies).map((name) => [name, pkg.devDependencies[name]])), jsii: pkg.jsii,
  }, undefined, 2));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.lib.json'), path.join(dir, 'tsconfig.lib.json'));
  fs.writeFileSync(path.join(dir, 'README.md'), '# probe\n');
  fs.writeFileSync(path.join(dir, 'lib', 'index.ts'), source);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const [tool, ...args] = pkg.scripts.compile.split(' ');
  return runJsiiTool(tool, args, { cwd: dir });
}

beforeAll(async () => {
  const sources = VIOLATIONS.map((v) => `${CLEAN}\n${v.source}\n`);
  const results = await Promise.all([compileProbe('clean', CLEAN), ...sources.map((source, i) => compileProbe(`rule-${i}`, source))]);
  clean = results[0];
  VIOLATIONS.forEach((v, i) => broken.set(v.rule, { source: sources[i], result: results[i + 1] }));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('npm run compile is jsii with warnings as errors and JSII9998 raised to an error', () => {
  expect(pkg.scripts.compile).toBe('jsii --fail-on-warnings');
  expect(pkg.jsii).toMatchObject({ diagnostics: { JSII9998: 'error' } });
});

test('the probe module with only a static facade compiles clean', () => {
  expect(`${clean.stdout}${clean.stderr}`).toMatch(/Errors: 0 \| Warnings: 0/);
  expect(clean.code).toBe(0);
});

test.each(VIOLATIONS)('$rule: $code at the line that breaks it, and the compile fails', ({ rule, at, code }) => {
  const { source, result } = broken.get(rule)!;
  const line = source.split('\n').findIndex((l) => l.includes(at)) + 1;
  expect(line).toBeGreaterThan(0);
  // A warning (JSII5018) is printed as one; --fail-on-warnings fails the compile on it.
  expect(result.stdout + result.stderr).toMatch(new RegExp(`lib/index\\.ts:${line}:\\d+ - (error|warning) ${code}:`));
  expect(result.code).not.toBe(0);
});
