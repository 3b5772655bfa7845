// Writes schemas/kubernetes-openapi.json: the OpenAPI definitions of the Kubernetes API, one set per
// minor version, compacted for the synth-time check of lib/eks/private/kubernetes-schema.ts.
//
//   node schemas/generate.mjs <dir> <source>
//
// <dir> holds one folder per version, `v1.NN.0/_definitions.json` (the layout of the
// `kubernetes-schemas` folder of cdk8s-team/cdk8s, which cdk8s's `import k8s@<version>` reads; each
// file is the `definitions` of the Kubernetes API's swagger.json for that release). <source> is
// recorded in the output (repository and commit). What is kept: types, formats, properties, items,
// additionalProperties, required, enum, $ref/allOf/oneOf and the x-kubernetes markers the check reads
// (group-version-kind, int-or-string, preserve-unknown-fields). Descriptions and merge hints are
// dropped. A definition that is the same in several versions is stored once, with the versions it
// holds for, so the file grows by what changed between releases, not by a copy per release.
import console from 'node:console';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const [dir, source] = process.argv.slice(2);
if (!dir || !source) {
  console.error('usage: node schemas/generate.mjs <dir with v1.NN.0/_definitions.json> <source>');
  process.exit(2);
}

const KEEP = new Set([
  'type', 'format', 'properties', 'additionalProperties', 'items', 'required', 'enum', '$ref', 'allOf', 'oneOf',
  'x-kubernetes-group-version-kind', 'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields',
]);

function compact(schema) {
  if (Array.isArray(schema)) return schema.map(compact);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const key of Object.keys(schema).sort()) {
    if (!KEEP.has(key)) continue;
    const value = schema[key];
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.keys(value).sort().map((name) => [name, compact(value[name])]));
    } else if (key === '$ref') {
      out.$ref = value.replace(/^#\/definitions\//, '');
    } else if (key === 'required' || key === 'enum' || key === 'x-kubernetes-group-version-kind') {
      out[key] = value;
    } else {
      out[key] = compact(value);
    }
  }
  return out;
}

const versions = readdirSync(dir)
  .map((name) => /^v1\.(\d+)\.0$/.exec(name))
  .filter((match) => match !== null)
  .map((match) => Number(match[1]))
  // EKS runs 1.32 and later (EksCluster refuses older versions), so older releases are not shipped.
  .filter((minor) => minor >= 32)
  .sort((a, b) => a - b);

/** name -> serialized schema -> minors */
const variants = new Map();
for (const minor of versions) {
  const { definitions } = JSON.parse(readFileSync(join(dir, `v1.${minor}.0`, '_definitions.json'), 'utf8'));
  for (const name of Object.keys(definitions).sort()) {
    const text = JSON.stringify(compact(definitions[name]));
    const byText = variants.get(name) ?? new Map();
    variants.set(name, byText);
    byText.set(text, [...(byText.get(text) ?? []), minor]);
  }
}

// Each schema is stored as JSON text: the check parses only the definitions an object reaches,
// which keeps loading the file to a few milliseconds.
const definitions = {};
/** `<apiVersion> <kind>` -> the definition of that kind, per version. */
const kinds = {};
const groups = new Set();
for (const name of [...variants.keys()].sort()) {
  definitions[name] = [...variants.get(name)].map(([text, minors]) => ({ minors, schema: text }));
  for (const [text, minors] of variants.get(name)) {
    for (const gvk of JSON.parse(text)['x-kubernetes-group-version-kind'] ?? []) {
      groups.add(gvk.group);
      // Shared definitions (meta/v1 DeleteOptions, WatchEvent) list every group version that ever
      // used them; a definition serves a kind only in the version its own name carries.
      if (!name.includes(`.${gvk.version}.`)) continue;
      const key = `${gvk.group === '' ? '' : `${gvk.group}/`}${gvk.version} ${gvk.kind}`;
      const entries = kinds[key] ?? [];
      for (const minor of minors) {
        const existing = entries.find((e) => e.minors.includes(minor));
        // The same kind can be listed by several definitions: the one named after it wins.
        if (existing && !name.endsWith(`.${gvk.kind}`)) continue;
        if (existing) existing.minors = existing.minors.filter((m) => m !== minor);
        const same = entries.find((e) => e.name === name);
        if (same) same.minors.push(minor);
        else entries.push({ name, minors: [minor] });
      }
      kinds[key] = entries.filter((e) => e.minors.length > 0).map((e) => ({ ...e, minors: [...e.minors].sort((a, b) => a - b) }));
    }
  }
}
const output = {
  source: `Kubernetes API OpenAPI definitions (Apache-2.0, The Kubernetes Authors) from ${source}`,
  generator: 'schemas/generate.mjs',
  minors: versions,
  groups: [...groups].sort(),
  kinds: Object.fromEntries(Object.keys(kinds).sort().map((key) => [key, kinds[key]])),
  definitions,
};
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'kubernetes-openapi.json'), JSON.stringify(output) + '\n');
console.log(`kubernetes-openapi.json: 1.${versions[0]}..1.${versions[versions.length - 1]}, ${Object.keys(definitions).length} definitions`);
