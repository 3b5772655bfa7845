import * as fs from 'fs';
import * as path from 'path';

/**
 * The README's TypeScript examples must be code that CI compiles and synthesizes: every code line
 * of every ```ts block must stand in a file of examples/ (compiled by `npm run build`, synthesized
 * by the examples tests). Lines are compared trimmed, with white space folded and trailing `// `
 * comments dropped; comment-only and import lines are not compared (the README imports from the
 * package, the examples from lib/).
 */
const ROOT = path.resolve(__dirname, '..', '..');

function normalize(line: string): string {
  return line.trim().replace(/\s+\/\/\s.*$/, '').replace(/\s+/g, ' ').trim();
}

function exampleLines(): Set<string> {
  const dir = path.join(ROOT, 'examples');
  const lines = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) lines.add(normalize(line));
  }
  return lines;
}

interface Block { readonly line: number; readonly code: string[] }

function readmeBlocks(): Block[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks: Block[] = [];
  // A fence may carry jsii-rosetta's parameters after the language (```ts fixture=imports, ```ts nofixture).
  for (const match of readme.matchAll(/```ts(?:[ \t][^\n]*)?\n([\s\S]*?)```/g)) {
    const line = readme.slice(0, match.index).split('\n').length;
    const code = match[1]!.split('\n').map(normalize).filter((l) => l && !l.startsWith('//') && !l.startsWith('import '));
    blocks.push({ line, code });
  }
  return blocks;
}

describe('README examples', () => {
  const examples = exampleLines();
  const blocks = readmeBlocks();

  test('the README has TypeScript examples to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  test.each(blocks.map((b) => [b.line, b]))('the block at README.md:%i is an excerpt of examples/', (_line, block) => {
    expect(block.code.filter((l) => !examples.has(l))).toEqual([]);
  });
});
