import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** What a clone needs to build the package when git cannot list the repository's files. */
const PACKAGE_SOURCES = ['package.json', 'tsconfig.lib.json', 'tsconfig.local.json', 'README.md', 'LICENSE', 'API.md', '.gitignore', '.npmignore', 'lib', 'local'];

/**
 * The files a fresh clone of the working tree would hold: what git tracks plus the untracked files it
 * does not ignore (a new file counts before it is committed), never build output such as `dist/` or
 * `.jsii`. Root-relative posix paths, sorted. Without git, the files the package is built from.
 */
export function workingTreeFiles(root: string): string[] {
  let listed: string[];
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\0').filter(Boolean);
  } catch {
    listed = PACKAGE_SOURCES.flatMap((entry) => listTree(root, entry));
  }
  // A tracked file deleted in the working tree is not in a clone of it.
  return [...new Set(listed)].filter((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile()).sort();
}

function listTree(root: string, entry: string): string[] {
  const stat = fs.statSync(path.join(root, entry), { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];
  return fs.readdirSync(path.join(root, entry)).flatMap((child) => listTree(root, `${entry}/${child}`));
}

/**
 * Copies the working tree's files (see {@link workingTreeFiles}) into `into` and links the
 * repository's `node_modules` there, as `npm ci` would have filled it: a fresh clone, built in its
 * own directory, so building it never touches the `dist/` or `.jsii` other tests read.
 */
export function copyFreshClone(root: string, into: string): string[] {
  const files = workingTreeFiles(root);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(into, file));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return files;
}

/** The part of `npm pack --json`'s answer the tests read. */
export interface PackedTarball {
  /** The tarball's file name, in the pack destination. */
  readonly filename: string;
  readonly version: string;
  /** `sha512-...`, the integrity a lock file records. */
  readonly integrity: string;
  /** Paths inside the package, sorted. */
  readonly files: string[];
}

/**
 * Reads `npm pack --json`'s stdout. The prepack script (jsii) prints to the same stdout first, so the
 * JSON is the array that starts on the last line holding only `[`.
 */
export function parsePackOutput(stdout: string): PackedTarball {
  const lines = stdout.split('\n');
  const start = lines.map((line) => line.trim()).lastIndexOf('[');
  if (start < 0) throw new Error(`no JSON array in npm pack's output:\n${stdout}`);
  const [entry] = JSON.parse(lines.slice(start).join('\n')) as Array<{ filename: string; version: string; integrity: string; files: Array<{ path: string }> }>;
  if (!entry) throw new Error(`npm pack packed nothing:\n${stdout}`);
  return { filename: entry.filename, version: entry.version, integrity: entry.integrity, files: entry.files.map((f) => f.path).sort() };
}

/**
 * The files the package must hold, from the clone's sources: the compiled JavaScript and declarations
 * of every `lib/` file, the jsii assembly, the README, the license, package.json, and API.md when the
 * clone has one. Sorted.
 */
export function expectedPackageFiles(clone: string): string[] {
  // The library (jsii) and the local-deploy tooling (tsc), compiled: every source file, as JavaScript and declarations
  const compiled = [...listTree(clone, 'lib'), ...listTree(clone, 'local').filter((file) => !file.startsWith('local/emulator/'))]
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .flatMap((file) => {
      const base = `dist/${file.replace(/\.ts$/, '')}`;
      return [`${base}.js`, `${base}.d.ts`];
    });
  // The emulator the local deploys start, as source: every file but its tests and notes
  const emulator = listTree(clone, 'local/emulator').filter((file) => !/\/(test_[^/]*|README\.md)$/.test(file) && !file.includes('__pycache__'));
  // The Kubernetes API definitions the workloads' synth-time check reads, without their generator
  const schemas = listTree(clone, 'schemas').filter((file) => file.endsWith('.json'));
  const extras = fs.existsSync(path.join(clone, 'API.md')) ? ['API.md'] : [];
  return [...compiled, ...emulator, ...schemas, '.jsii', 'LICENSE', 'README.md', 'package.json', ...extras].sort();
}
