// Refreshes api/baseline.jsii, the released API that test/package/api-compat.test.ts holds the build
// to (jsii-diff): run at each release, from the released commit, as `npm run api:baseline` (which
// compiles first). The baseline is the assembly jsii wrote (.jsii at the repository root), copied
// as is; it is plain JSON so that the release's diff shows what the API gained or lost.
import console from 'node:console';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, '.jsii');
const baseline = join(root, 'api', 'baseline.jsii');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

if (!existsSync(built)) {
  console.error('.jsii is missing: run `npm run compile` first');
  process.exit(1);
}
const { version } = readJson(join(root, 'package.json'));
const assembly = readJson(built);
if (assembly.version !== version) {
  console.error(`.jsii is version ${assembly.version}, package.json ${version}: run \`npm run compile\` first`);
  process.exit(1);
}
if (assembly.schema !== 'jsii/0.10.0') {
  // A compressed assembly (jsii --compress-assembly) is a redirect to .jsii.gz: copy the JSON.
  console.error(`.jsii has schema ${assembly.schema}, not a plain jsii/0.10.0 assembly`);
  process.exit(1);
}
const previous = existsSync(baseline) ? readJson(baseline).version : undefined;
copyFileSync(built, baseline);
console.log(`api/baseline.jsii: ${assembly.name}@${version} (${Object.keys(assembly.types).length} types)`
  + (previous ? `, was ${previous}` : ', new'));
