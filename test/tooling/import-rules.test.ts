/**
 * Each import rule of .dependency-cruiser.cjs fires on its fixture, and the allowed imports pass.
 *
 * Every folder of fixtures/ is a tiny tree laid out like the repository (lib/, local/, bin/, test/unit/, ...),
 * cruised from that folder with the project's own config, so the rules' `^lib/...` paths match there
 * as they do on the real tree. A fixture named after a rule breaks that rule and no other; `clean`
 * holds only allowed imports. The fixtures are excluded from tsconfig.json, eslint and the real
 * `npm run lint:imports`.
 *
 * dependency-cruiser is ESM-only and jest runs this file as CommonJS, so the test starts `cruise.mjs`
 * once: it runs dependency-cruiser's API (the engine behind the CLI `npm run lint:imports` uses) over
 * every fixture and the real test/tooling folder in one process, instead of one CLI process each.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNNER = path.join(__dirname, 'cruise.mjs');
const FIXTURES = path.join(__dirname, 'fixtures');
/** The folders `npm run lint:imports` cruises. */
const ROOMS = ['lib', 'local', 'bin', 'examples', 'bench', 'test'];

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

interface CruiseResult {
  readonly modules: ReadonlyArray<{ readonly source: string }>;
  readonly summary: {
    readonly violations: ReadonlyArray<{
      readonly from: string;
      readonly to: string;
      readonly rule: { readonly name: string; readonly severity: string };
      readonly cycle?: ReadonlyArray<{ readonly name: string; readonly dependencyTypes: readonly string[] }>;
    }>;
    readonly ruleSetUsed: { readonly forbidden: ReadonlyArray<{ readonly name: string; readonly severity: string }> };
  };
}

/** One tree to cruise: the directory the cruise runs from, the folders it reads there, the tsconfig it resolves with. */
interface CruiseRequest {
  readonly dir: string;
  readonly rooms: readonly string[];
  readonly tsConfig?: string;
}

/** Cruises every tree with the project's config in one dependency-cruiser process; results by `dir`. */
function cruiseAll(requests: readonly CruiseRequest[]): Promise<Map<string, CruiseResult>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [RUNNER, JSON.stringify(requests)], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`dependency-cruiser failed (${error.message}):\n${stderr}`));
        return;
      }
      resolve(new Map(Object.entries(JSON.parse(stdout) as Record<string, CruiseResult>)));
    });
  });
}

/** The violations as rule, from, to; sorted by code unit, so the order does not depend on the cruise's. */
function violations(result: CruiseResult): Violation[] {
  const key = (v: Violation) => `${v.rule} ${v.from} ${v.to}`;
  return result.summary.violations
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const fixtureNames = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const results = new Map<string, CruiseResult>();

/** The real `npm run lint:imports` run, restricted to this folder: from the repository root, with its own tsconfig.json. */
let toolingFolder: CruiseResult;

beforeAll(async () => {
  // A fixture has no tsconfig.json of its own: it resolves with the repository's.
  const tsConfig = path.join(ROOT, 'tsconfig.json');
  const requests = fixtureNames.map((name) => ({ dir: path.join(FIXTURES, name), rooms: ROOMS, tsConfig }));
  const cruised = await cruiseAll([...requests, { dir: ROOT, rooms: ['test/tooling'] }]);
  fixtureNames.forEach((name, i) => results.set(name, cruised.get(requests[i]!.dir)!));
  toolingFolder = cruised.get(ROOT)!;
});

function fixture(name: string): CruiseResult {
  const result = results.get(name);
  if (!result) throw new Error(`no fixture ${name} in ${FIXTURES}`);
  return result;
}

test('every rule is an error and has a fixture that breaks it', () => {
  const rules = fixture('clean').summary.ruleSetUsed.forbidden;
  expect(rules.map((r) => r.name).sort()).toEqual(fixtureNames.filter((name) => name !== 'clean'));
  expect(rules.every((r) => r.severity === 'error')).toBe(true);
});

test('allowed imports give no violation', () => {
  const result = fixture('clean');
  expect(violations(result)).toEqual([]);
  // The fixture was cruised whole: a module's own private/ and lib/private/, unit tests in private/, bin via lib/index.ts.
  expect(result.modules.map((m) => m.source)).toEqual(expect.arrayContaining([
    'bin/app.ts',
    'examples/quick-start.ts',
    'lib/ecs/cluster.ts',
    'lib/ecs/private/x.ts',
    'lib/private/y.ts',
    'local/deploy.ts',
    'test/integ/harness/session.ts',
    'test/unit/ecs/cluster.test.ts',
    'test/unit/ecs/private/x.test.ts',
    'test/unit/private/y.test.ts',
  ]));
});

test('no-circular: a cycle closed only through `import type`', () => {
  const [cycle, ...others] = fixture('no-circular').summary.violations;
  expect(others).toEqual([]);
  expect(cycle.rule.name).toBe('no-circular');
  expect([cycle.from, cycle.to].sort()).toEqual(['lib/ecs/a.ts', 'lib/ecs/b.ts']);
  expect(cycle.cycle?.map((step) => step.name).sort()).toEqual(['lib/ecs/a.ts', 'lib/ecs/b.ts']);
  // The way back to a.ts is b.ts's `import type`: counted because of tsPreCompilationDeps.
  expect(cycle.cycle?.find((step) => step.name === 'lib/ecs/a.ts')?.dependencyTypes).toContain('type-only');
});

test("module-private-is-leaf: a module's private file imports its own module (type only) or another module", () => {
  expect(violations(fixture('module-private-is-leaf'))).toEqual([
    { rule: 'module-private-is-leaf', from: 'lib/ecs/private/other-module.ts', to: 'lib/eks/cluster.ts' },
    { rule: 'module-private-is-leaf', from: 'lib/ecs/private/x.ts', to: 'lib/ecs/cluster.ts' },
  ]);
});

test('shared-private-is-leaf: lib/private/ imports a module file', () => {
  expect(violations(fixture('shared-private-is-leaf'))).toEqual([
    { rule: 'shared-private-is-leaf', from: 'lib/private/y.ts', to: 'lib/ecs/cluster.ts' },
  ]);
});

test("module-private-only-in-module: another module and another module's unit test import lib/ecs/private/", () => {
  expect(violations(fixture('module-private-only-in-module'))).toEqual([
    { rule: 'module-private-only-in-module', from: 'lib/eks/foo.ts', to: 'lib/ecs/private/x.ts' },
    { rule: 'module-private-only-in-module', from: 'test/unit/eks/foo.test.ts', to: 'lib/ecs/private/x.ts' },
  ]);
});

test('module-private-not-outside-modules: the package root and an integration test import lib/ecs/private/', () => {
  expect(violations(fixture('module-private-not-outside-modules'))).toEqual([
    { rule: 'module-private-not-outside-modules', from: 'lib/index.ts', to: 'lib/ecs/private/x.ts' },
    { rule: 'module-private-not-outside-modules', from: 'test/integ/foo.test.ts', to: 'lib/ecs/private/x.ts' },
  ]);
});

test("shared-private-not-in-tests: an integration test and a module's unit test import lib/private/", () => {
  expect(violations(fixture('shared-private-not-in-tests'))).toEqual([
    { rule: 'shared-private-not-in-tests', from: 'test/integ/foo.test.ts', to: 'lib/private/y.ts' },
    { rule: 'shared-private-not-in-tests', from: 'test/unit/ecs/cluster.test.ts', to: 'lib/private/y.ts' },
  ]);
});

test('apps-use-package-root: bin/ imports a module file and lib/private/ (lib/index.ts is fine)', () => {
  expect(violations(fixture('apps-use-package-root'))).toEqual([
    { rule: 'apps-use-package-root', from: 'bin/app.ts', to: 'lib/ecs/cluster.ts' },
    { rule: 'apps-use-package-root', from: 'bin/app.ts', to: 'lib/private/y.ts' },
  ]);
});

test('local-is-standalone: the shipped local-deploy room imports a lib/ module (node and its own files are fine)', () => {
  expect(violations(fixture('local-is-standalone'))).toEqual([
    { rule: 'local-is-standalone', from: 'local/deploy.ts', to: 'lib/ecs/cluster.ts' },
  ]);
});

test('lib-not-local: a lib/ module imports the local-deploy room', () => {
  expect(violations(fixture('lib-not-local'))).toEqual([
    { rule: 'lib-not-local', from: 'lib/ecs/cluster.ts', to: 'local/deploy.ts' },
  ]);
});

test('the real lint run leaves the fixtures out', () => {
  const result = toolingFolder;
  const sources = result.modules.map((m) => m.source);
  expect(sources).toContain('test/tooling/import-rules.test.ts');
  expect(sources.filter((source) => source.startsWith('test/tooling/fixtures/'))).toEqual([]);
  expect(violations(result)).toEqual([]);
});
