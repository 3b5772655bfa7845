/**
 * `npm run cost [-- <template.json | cdk.out dir> ...] [-- --json]`
 *
 * Prints the fixed monthly cost (us-east-1 list prices, lib/cost/prices.ts) of what each
 * synthesized template creates. With no argument it reads every `*.template.json` in `cdk.out`
 * (run `npx cdk synth` first).
 *
 * A template read from a cloud assembly (a directory, or a file with the assembly's `manifest.json`
 * beside it) is priced with the Kubernetes objects its EKS clusters run: the YAML files `cdk synth`
 * wrote for the `EksWorkload`s and `EksNamespace`s of each cluster (`kubernetes/<cluster id>/...`,
 * where the id is the cluster construct's `Names.uniqueId`), found through the construct path the
 * manifest gives the template's `AWS::EKS::Cluster`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Names } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { CostEstimator } from '../lib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const inputs = args.filter((a) => !a.startsWith('--'));
const files: string[] = [];
for (const input of inputs.length ? inputs : ['cdk.out']) {
  if (!fs.existsSync(input)) {
    console.error(`${input}: not found${input === 'cdk.out' ? ' (run `npx cdk synth` first, or name a template)' : ''}`);
    process.exit(2);
  }
  if (fs.statSync(input).isDirectory()) {
    files.push(...fs.readdirSync(input).filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(input, f)));
  } else {
    files.push(input);
  }
}
if (!files.length) {
  console.error('no *.template.json found');
  process.exit(2);
}

/** A template as the estimator reads it. */
type TemplateJson = { Resources?: Record<string, { Type?: unknown }> } & Record<string, unknown>;

/** The construct paths of the logical ids of one template, from the assembly's manifest.json (undefined outside an assembly). */
function constructPaths(templateFile: string): Map<string, string> | undefined {
  const manifestFile = path.join(path.dirname(templateFile), 'manifest.json');
  if (!fs.existsSync(manifestFile)) return undefined;
  type Metadata = Record<string, Array<{ type: string; data: unknown }>>;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    artifacts?: Record<string, { type?: string; properties?: { templateFile?: string }; metadata?: Metadata; additionalMetadataFile?: string }>;
  };
  const artifact = Object.values(manifest.artifacts ?? {}).find((a) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile === path.basename(templateFile));
  if (!artifact) return undefined;
  // Newer assemblies keep a stack's metadata in a file of its own (`<stack>.metadata.json`).
  const extra = artifact.additionalMetadataFile ? path.join(path.dirname(templateFile), artifact.additionalMetadataFile) : undefined;
  const metadata: Metadata = { ...artifact.metadata, ...(extra && fs.existsSync(extra) ? JSON.parse(fs.readFileSync(extra, 'utf8')) as Metadata : {}) };
  const paths = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of entries) if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') paths.set(entry.data, constructPath);
  }
  return paths;
}

/** `Names.uniqueId` of the construct at `constructPath` (`/Stack/Cluster`), rebuilt from its ids. */
function uniqueIdOf(constructPath: string): string {
  let scope: Construct = new App();
  for (const id of constructPath.split('/').filter(Boolean)) scope = new Construct(scope, id);
  return Names.uniqueId(scope);
}

/** Every object of the YAML files under `dir`, in path order. */
function readObjects(dir: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readObjects(file));
    else if (/\.ya?ml$/.test(entry.name)) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const value: unknown = doc.toJSON();
        if (value !== null && value !== undefined) out.push(value as Record<string, unknown>);
      }
    }
  }
  return out;
}

/**
 * The Kubernetes objects of the template's EKS clusters, or undefined when the template is not in an
 * assembly or holds no cluster: for each `AWS::EKS::Cluster`, the `kubernetes/<id>/` folder of the
 * first of its construct's ancestors (the library's `EksCluster`) that has one.
 */
function kubernetesObjects(templateFile: string, template: TemplateJson): Record<string, unknown>[] | undefined {
  const paths = constructPaths(templateFile);
  const clusters = Object.entries(template.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::EKS::Cluster').map(([id]) => id);
  if (!paths || clusters.length === 0) return undefined;
  const objects: Record<string, unknown>[] = [];
  for (const id of clusters) {
    const parts = (paths.get(id) ?? '').split('/').filter(Boolean);
    for (let n = parts.length; n > 0; n--) {
      const dir = path.join(path.dirname(templateFile), 'kubernetes', uniqueIdOf(parts.slice(0, n).join('/')));
      if (fs.existsSync(dir)) {
        objects.push(...readObjects(dir));
        break;
      }
    }
  }
  return objects;
}

let total = 0;
const results: Record<string, unknown> = {};
for (const file of files) {
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateJson;
  const estimate = CostEstimator.estimate(template, { kubernetesObjects: kubernetesObjects(file, template) });
  total += estimate.totalMonthly;
  results[file] = estimate;
  if (!json) console.log(`\n# ${file}\n\n${CostEstimator.formatReport(estimate)}`);
}
if (json) console.log(JSON.stringify(results, null, 2));
else if (files.length > 1) console.log(`\nall templates: $${total.toFixed(2)} per month`);
