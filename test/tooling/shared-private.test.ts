import * as fs from 'fs';
import * as path from 'path';

/**
 * lib/private/ holds only what two or more modules share (ARCHITECTURE.md): a helper one module
 * uses belongs in that module's own private/ folder. This reads every import of lib/ and counts,
 * for each file of lib/private/, the modules (`lib/<module>/`) whose files import it.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** lib files (root-relative posix paths) mapped to their text. */
type Sources = ReadonlyMap<string, string>;

/** For each `lib/private/*.ts` file, the sorted modules that import it. */
function sharedPrivateUse(sources: Sources): Map<string, string[]> {
  const use = new Map<string, Set<string>>();
  for (const file of sources.keys()) {
    if (/^lib\/private\/[^/]+\.ts$/.test(file)) use.set(file, new Set());
  }
  for (const [file, text] of sources) {
    const module = /^lib\/([^/]+)\//.exec(file)?.[1];
    if (module === undefined || module === 'private') continue;
    for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = `${path.posix.join(path.posix.dirname(file), match[1]!)}.ts`;
      use.get(target)?.add(module);
    }
  }
  return new Map([...use].map(([file, modules]) => [file, [...modules].sort()]));
}

/** The files of lib/private/ that fewer than two modules import. */
function notShared(sources: Sources): string[] {
  return [...sharedPrivateUse(sources)].filter(([, modules]) => modules.length < 2).map(([file]) => file).sort();
}

function libSources(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) out.set(child, fs.readFileSync(path.join(ROOT, child), 'utf8'));
    }
  };
  walk('lib');
  return out;
}

describe('sharedPrivateUse (on made-up trees)', () => {
  test('counts modules, not files, and follows ../ and ../../ imports', () => {
    const sources = new Map([
      ['lib/private/a.ts', ''],
      ['lib/private/b.ts', "import { a } from './a';"],
      ['lib/ecs/x.ts', "import { a } from '../private/a';\nimport { b } from '../private/b';"],
      ['lib/ecs/y.ts', "import { b } from '../private/b';"],
      ['lib/eks/private/z.ts', "import { a } from '../../private/a';"],
    ]);
    expect(sharedPrivateUse(sources)).toEqual(new Map([['lib/private/a.ts', ['ecs', 'eks']], ['lib/private/b.ts', ['ecs']]]));
    expect(notShared(sources)).toEqual(['lib/private/b.ts']);
  });

  test('a helper nobody imports is not shared either', () => {
    expect(notShared(new Map([['lib/private/unused.ts', '']]))).toEqual(['lib/private/unused.ts']);
  });
});

describe('lib/private/', () => {
  const sources = libSources();

  test('the listing found the shared helpers', () => {
    expect(sharedPrivateUse(sources).size).toBeGreaterThanOrEqual(5);
  });

  test('every file is imported by two or more modules', () => {
    expect(notShared(sources)).toEqual([]);
  });
});
