import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cdk8s from 'cdk8s';

/** One Kubernetes object as rendered (the fields the tests read). */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  // The objects are read back from YAML and the tests walk them field by field: typing every kind here would restate the Kubernetes API.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly spec?: any;
  readonly [key: string]: unknown;
}

/** A finding of {@link schemaFindings}: the object and what its schema says is wrong. */
export interface SchemaFinding {
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly errors: string[];
}

/**
 * Checks objects against the Kubernetes OpenAPI schema (kubernetes-models' validators, generated
 * from the API's OpenAPI document), in a Node process of its own (the package is ESM only).
 * @returns the findings: none when every object is valid
 */
export function schemaFindings(objects: readonly unknown[]): SchemaFinding[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'kubernetes-schema.mjs')], { input: JSON.stringify(objects), encoding: 'utf8' });
  return JSON.parse(out) as SchemaFinding[];
}

/**
 * Synthesizes the app and reads every Kubernetes manifest it wrote into its cloud assembly
 * (`kubernetes/**.yaml`), keyed by the path relative to the assembly root.
 */
export function assemblyManifests(app: App | Stack): Record<string, KubernetesObject[]> {
  const root = app instanceof Stack ? (app.node.root as App) : app;
  const outdir = root.synth().directory;
  const result: Record<string, KubernetesObject[]> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) result[path.relative(outdir, full).split(path.sep).join('/')] = cdk8s.Yaml.load(full) as KubernetesObject[];
    }
  };
  const kubernetes = path.join(outdir, 'kubernetes');
  if (fs.existsSync(kubernetes)) walk(kubernetes);
  return result;
}

/** The one object of `kind` in `objects` (fails the test when there is not exactly one). */
export function objectOf(objects: readonly KubernetesObject[], kind: string): KubernetesObject {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}: ${objects.map((o) => o.kind).join(', ')}`);
  return found[0]!;
}
