// Runs dependency-cruiser with the project's .dependency-cruiser.cjs over several trees in one process
// (its API, the same engine as the CLI that `npm run lint:imports` runs), for test/tooling/import-rules.test.ts.
// dependency-cruiser is ESM-only and jest runs tests as CommonJS, so the test starts this script once.
//
// usage: node cruise.mjs '<json: [{ "dir": ..., "rooms": [...], "tsConfig": ... }, ...]>'
// prints: { "<dir>": <the cruise result, as `--output-type json` prints it>, ... }
import * as fs from 'node:fs';
import * as path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.dependency-cruiser.cjs');

const out = {};
for (const { dir, rooms, tsConfig } of JSON.parse(process.argv[2])) {
  // The rules' paths are relative to the directory a cruise runs from, as for the CLI.
  process.chdir(dir);
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfigFile = path.resolve(tsConfig ?? options.tsConfig?.fileName ?? 'tsconfig.json');
  const present = rooms.filter((room) => fs.existsSync(path.join(dir, room)));
  const result = await cruise(present, { ...options, validate: true, outputType: 'json', tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  out[dir] = JSON.parse(result.output);
}
process.stdout.write(JSON.stringify(out));
