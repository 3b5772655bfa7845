import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * test/unit/ mirrors lib/ file for file (ARCHITECTURE.md, "Tests"): `lib/x/y.ts` is tested by
 * `test/unit/x/y.test.ts`, `lib/x/private/y.ts` by `test/unit/x/private/y.test.ts`, and every test
 * file of test/unit/ has its lib file. Parts are tested through their public construct, in the
 * part's own test file.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * lib files that need no test file because they hold no runtime code: interfaces and types only
 * (checked below: a file with any runtime code is never exempt). `index.ts` barrels need none either.
 */
const TYPE_ONLY = [
  // EcsWorkloadProps, the props EcsService and EcsScheduledTask share; their tests cover it.
  'lib/ecs/workload.ts',
];

/**
 * test/unit files allowed, for now, without a lib file of their own. Each entry must name a file that
 * exists, so an entry left behind after its tests have been placed fails the check.
 */
const PENDING: string[] = [];

/** What {@link checkMirror} found, each list sorted. */
interface MirrorReport {
  /** lib files with no test file (barrels and exempt files left out). */
  readonly missingTests: string[];
  /** test/unit test files with no lib file (pending ones left out). */
  readonly orphanTests: string[];
  /** Exempt or pending entries that name no existing file. */
  readonly staleEntries: string[];
}

/** The test file of a lib file: `lib/ecs/private/x.ts` → `test/unit/ecs/private/x.test.ts`. */
function testFileOf(libFile: string): string {
  return `test/unit/${libFile.slice('lib/'.length).replace(/\.ts$/, '.test.ts')}`;
}

/** The lib file of a test file: `test/unit/ecs/x.test.ts` → `lib/ecs/x.ts`. */
function libFileOf(testFile: string): string {
  return `lib/${testFile.slice('test/unit/'.length).replace(/\.test\.ts$/, '.ts')}`;
}

/**
 * Compares lib files (`lib/**\/*.ts`) with test files (`test/unit/**\/*.test.ts`), paths relative to
 * the repository root with `/` separators.
 */
function checkMirror(libFiles: readonly string[], testFiles: readonly string[], exempt: readonly string[] = [], pending: readonly string[] = []): MirrorReport {
  const libs = new Set(libFiles);
  const tests = new Set(testFiles);
  const missingTests = libFiles
    .filter((f) => path.posix.basename(f) !== 'index.ts' && !exempt.includes(f))
    .filter((f) => !tests.has(testFileOf(f)));
  const orphanTests = testFiles.filter((f) => !pending.includes(f) && !libs.has(libFileOf(f)));
  const staleEntries = [...exempt.filter((f) => !libs.has(f)), ...pending.filter((f) => !tests.has(f))];
  return { missingTests: missingTests.sort(), orphanTests: orphanTests.sort(), staleEntries: staleEntries.sort() };
}

/** The folder of lib/ (or test/unit/) a path is in: `ecs` for `lib/ecs/private/x.ts`, `.` for `lib/errors.ts`. */
function moduleOf(file: string): string {
  const rest = file.replace(/^(lib|test\/unit)\//, '');
  return rest.includes('/') ? rest.split('/')[0]! : '.';
}

/** Every file under `dir` (relative to the root) whose name ends with `suffix`, as root-relative posix paths. */
function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(suffix)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** True when a TypeScript file compiles to nothing but the CommonJS preamble: types and interfaces only. */
function isTypeOnly(file: string): boolean {
  const output = ts.transpileModule(fs.readFileSync(path.join(ROOT, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: true },
  }).outputText;
  const statements = output.split('\n').map((l) => l.trim())
    .filter((l) => l && l !== '"use strict";' && l !== 'Object.defineProperty(exports, "__esModule", { value: true });' && !l.startsWith('//# sourceMappingURL'));
  return statements.length === 0;
}

describe('checkMirror (on made-up trees)', () => {
  const LIB = ['lib/index.ts', 'lib/errors.ts', 'lib/ecs/index.ts', 'lib/ecs/cluster.ts', 'lib/ecs/private/sizes.ts', 'lib/private/kms.ts'];
  const TESTS = ['test/unit/errors.test.ts', 'test/unit/ecs/cluster.test.ts', 'test/unit/ecs/private/sizes.test.ts', 'test/unit/private/kms.test.ts'];

  test('a tree that mirrors, barrels without tests, passes', () => {
    expect(checkMirror(LIB, TESTS)).toEqual({ missingTests: [], orphanTests: [], staleEntries: [] });
  });

  test('a lib file without its test file is reported, also under private/', () => {
    const report = checkMirror([...LIB, 'lib/ecs/service.ts', 'lib/ecs/private/table.ts'], TESTS);
    expect(report.missingTests).toEqual(['lib/ecs/private/table.ts', 'lib/ecs/service.ts']);
    expect(report.orphanTests).toEqual([]);
  });

  test('a test file in the wrong folder is both an orphan and leaves its lib file untested', () => {
    const report = checkMirror(LIB, ['test/unit/errors.test.ts', 'test/unit/cluster.test.ts', 'test/unit/ecs/private/sizes.test.ts', 'test/unit/private/kms.test.ts']);
    expect(report).toEqual({ missingTests: ['lib/ecs/cluster.ts'], orphanTests: ['test/unit/cluster.test.ts'], staleEntries: [] });
  });

  test('a test file named after no lib file (a document, a cross-cutting theme) is an orphan', () => {
    expect(checkMirror(LIB, [...TESTS, 'test/unit/container-notes.test.ts', 'test/unit/ecs/examples-apps.test.ts']).orphanTests)
      .toEqual(['test/unit/container-notes.test.ts', 'test/unit/ecs/examples-apps.test.ts']);
  });

  test('an exempt file needs no test; an exemption that names no file is stale', () => {
    const lib = [...LIB, 'lib/ecs/workload.ts'];
    expect(checkMirror(lib, TESTS).missingTests).toEqual(['lib/ecs/workload.ts']);
    expect(checkMirror(lib, TESTS, ['lib/ecs/workload.ts'])).toEqual({ missingTests: [], orphanTests: [], staleEntries: [] });
    expect(checkMirror(LIB, TESTS, ['lib/ecs/workload.ts']).staleEntries).toEqual(['lib/ecs/workload.ts']);
  });

  test('a pending test file is no orphan; a pending entry that names no file is stale', () => {
    const tests = [...TESTS, 'test/unit/eks-pending.test.ts'];
    expect(checkMirror(LIB, tests).orphanTests).toEqual(['test/unit/eks-pending.test.ts']);
    expect(checkMirror(LIB, tests, [], ['test/unit/eks-pending.test.ts'])).toEqual({ missingTests: [], orphanTests: [], staleEntries: [] });
    expect(checkMirror(LIB, TESTS, [], ['test/unit/eks-pending.test.ts']).staleEntries).toEqual(['test/unit/eks-pending.test.ts']);
  });

  test('path mapping and module of a path', () => {
    expect(testFileOf('lib/ecs/private/task-sizes.ts')).toBe('test/unit/ecs/private/task-sizes.test.ts');
    expect(libFileOf('test/unit/private/stack-limits.test.ts')).toBe('lib/private/stack-limits.ts');
    expect(['lib/ecs/private/x.ts', 'test/unit/ecs/x.test.ts', 'lib/errors.ts', 'test/unit/eks-pending.test.ts', 'lib/private/kms.ts'].map(moduleOf))
      .toEqual(['ecs', 'ecs', '.', '.', 'private']);
  });
});

describe('test/unit mirrors lib', () => {
  const libFiles = listFiles('lib', '.ts');
  const testFiles = listFiles('test/unit', '.test.ts');
  const report = checkMirror(libFiles, testFiles, TYPE_ONLY, PENDING);
  const modules = [...new Set([...libFiles, ...testFiles].map(moduleOf))].sort();

  test('the listings found the trees', () => {
    expect(libFiles).toContain('lib/ecs/cluster.ts');
    expect(testFiles).toContain('test/unit/ecs/cluster.test.ts');
    expect(modules).toEqual(expect.arrayContaining(['.', 'ecr', 'ecs', 'private']));
  });

  test.each(modules)('%s: every lib file has its test file, every test file its lib file', (module) => {
    const inModule = (f: string) => moduleOf(f) === module;
    expect({ missingTests: report.missingTests.filter(inModule), orphanTests: report.orphanTests.filter(inModule) })
      .toEqual({ missingTests: [], orphanTests: [] });
  });

  test('every exemption and pending entry names an existing file', () => {
    expect(report.staleEntries).toEqual([]);
  });

  test.each(TYPE_ONLY)('%s declares types only (a file with runtime code needs a test)', (file) => {
    expect(isTypeOnly(file)).toBe(true);
  });

  test('isTypeOnly tells types from runtime code', () => {
    expect(isTypeOnly('lib/ecs/capacity.ts')).toBe(false);
    expect(isTypeOnly('lib/index.ts')).toBe(false);
  });
});
