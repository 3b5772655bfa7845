import * as fs from 'fs';
import * as path from 'path';
import { Token } from 'aws-cdk-lib';

/**
 * The synth-time check of rendered Kubernetes objects against the OpenAPI definitions of the
 * Kubernetes API, one set per minor version, read from `schemas/kubernetes-openapi.json` (written by
 * `schemas/generate.mjs`). It checks what the API server checks when it decodes an object with
 * strict field validation (kubectl's default since 1.27): that the apiVersion and kind are served by
 * the version, that every field exists (an unknown field is an error, as `kubectl apply` makes it),
 * that every value has the field's type and format, that required fields are set and enum fields
 * hold one of their values. Objects of API groups Kubernetes does not define (custom resources such
 * as Argo CD's) are not checked. Values that are still CDK tokens pass.
 */

/** A JSON schema of the compacted definitions. */
interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Record<string, Schema>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly required?: string[];
  readonly enum?: unknown[];
  readonly $ref?: string;
  readonly allOf?: Schema[];
  readonly oneOf?: Schema[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface SchemaFile {
  readonly minors: number[];
  /** Every API group a shipped version defines: objects of other groups are custom resources. */
  readonly groups: string[];
  /** `<apiVersion> <kind>` -> the definition of that kind, per version. */
  readonly kinds: Record<string, Array<{ name: string; minors: number[] }>>;
  /** Each definition's schemas, as JSON text, per version: parsed when an object reaches it. */
  readonly definitions: Record<string, Array<{ minors: number[]; schema: string }>>;
}

/** One problem with an object. */
export interface SchemaFinding {
  /** Where in the object, e.g. `spec.template.spec.containers[0].name`. */
  readonly path: string;
  /** The value found there (undefined for a required field that is missing). */
  readonly value: unknown;
  /** What the API takes there, in words. */
  readonly allowed: string;
  /**
   * Whether the finding is a field or kind the version does not define, and not a near miss of one
   * it does (a typo): the one kind of finding a newer Kubernetes version may not have.
   */
  readonly unknown: boolean;
}

/** The result of checking one object. */
export interface SchemaResult {
  /** The object is of a group Kubernetes does not define (a custom resource): it was not checked. */
  readonly checked: boolean;
  readonly findings: SchemaFinding[];
}

/** Findings kept per object: the first ones say what is wrong. */
const MAX_FINDINGS = 10;
const INT32 = 2 ** 31;
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** The quantity grammar of k8s.io/apimachinery (resource.ParseQuantity): a signed decimal, then a binary or decimal SI suffix or an exponent. */
const QUANTITY_SYNTAX = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

let file: SchemaFile | undefined;

function schemaFile(): SchemaFile {
  if (file === undefined) {
    // The package root holds schemas/: three levels up from lib/eks/private (the sources), four from
    // dist/lib/eks/private (the package), more from other build folders; the nearest one counts.
    const candidates: string[] = [];
    for (let dir = path.dirname(path.dirname(__dirname)); candidates.length < 6; dir = path.dirname(dir)) {
      candidates.push(path.join(dir, 'schemas', 'kubernetes-openapi.json'));
      if (path.dirname(dir) === dir) break;
    }
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    if (found === undefined) throw new Error(`cdk-containers: the Kubernetes API schemas are missing (looked for ${candidates.join(', ')}); reinstall the package`);
    file = JSON.parse(fs.readFileSync(found, 'utf8')) as SchemaFile;
  }
  return file;
}

/** The minor versions the package has schemas of (ascending). */
export function schemaMinors(): number[] {
  return [...schemaFile().minors];
}

const byMinor = new Map<number, KubernetesSchema>();

/** The definitions of one Kubernetes minor version. */
export class KubernetesSchema {
  /**
   * The schema set for a cluster of `minor`: that version's, or the nearest the package has (the
   * newest for a newer cluster or an unknown version, the oldest for an older one); `minor` of
   * the result says which.
   */
  public static forMinor(minor: number | undefined): KubernetesSchema {
    const minors = schemaFile().minors;
    const newest = minors[minors.length - 1];
    const chosen = minor === undefined ? newest : Math.min(Math.max(minor, minors[0]), newest);
    let schema = byMinor.get(chosen);
    if (schema === undefined) {
      schema = new KubernetesSchema(chosen);
      byMinor.set(chosen, schema);
    }
    return schema;
  }

  /** The version the definitions are of. */
  public readonly minor: number;
  /** The definitions parsed so far. */
  private readonly definitions = new Map<string, Schema>();
  /** `apiVersion kind` -> definition name. */
  private readonly kinds = new Map<string, string>();
  /** API groups the version serves, and the versions it serves of each. */
  private readonly groups = new Map<string, Set<string>>();
  /** API groups any shipped version defines: objects of other groups are custom resources. */
  private readonly knownGroups: Set<string>;

  private constructor(minor: number) {
    this.minor = minor;
    const data = schemaFile();
    this.knownGroups = new Set(data.groups);
    for (const [key, entries] of Object.entries(data.kinds)) {
      const entry = entries.find((e) => e.minors.includes(minor));
      if (entry === undefined) continue;
      this.kinds.set(key, entry.name);
      const apiVersion = key.split(' ')[0];
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
      const versions = this.groups.get(group) ?? new Set<string>();
      versions.add(version);
      this.groups.set(group, versions);
    }
  }

  /** Checks one rendered object. */
  public check(object: Record<string, unknown>): SchemaResult {
    const apiVersion = object.apiVersion;
    const kind = object.kind;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      const missing = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
      return { checked: true, findings: [{ path: missing, value: object[missing], allowed: 'a string (every object has an apiVersion and a kind)', unknown: false }] };
    }
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    if (!this.knownGroups.has(group)) return { checked: false, findings: [] };
    const name = this.kinds.get(`${apiVersion} ${kind}`);
    if (name === undefined) {
      const served = [...this.kinds.keys()].filter((key) => key.endsWith(` ${kind}`)).map((key) => key.split(' ')[0]);
      const versions = [...(this.groups.get(group) ?? [])].sort();
      const suggestion = served.length > 0 || !versions.includes(version) ? undefined
        : closest(kind, [...this.kinds.keys()].filter((key) => key.startsWith(`${apiVersion} `)).map((key) => key.split(' ')[1]));
      const allowed = served.length > 0
        ? `a kind Kubernetes 1.${this.minor} serves in ${apiVersion}: it serves ${kind} as ${served.join(', ')}`
        : versions.includes(version)
          ? `a kind Kubernetes 1.${this.minor} serves in ${apiVersion}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`
          : `a version of the ${group === '' ? 'core' : group} group Kubernetes 1.${this.minor} serves: ${versions.join(', ')}`;
      return { checked: true, findings: [{ path: 'kind', value: `${apiVersion} ${kind}`, allowed, unknown: suggestion === undefined }] };
    }
    const findings: SchemaFinding[] = [];
    this.visit(this.definition(name), object, '', findings, name);
    return { checked: true, findings: findings.slice(0, MAX_FINDINGS) };
  }

  private definition(ref: string): Schema {
    let schema = this.definitions.get(ref);
    if (schema === undefined) {
      const text = schemaFile().definitions[ref]?.find((v) => v.minors.includes(this.minor))?.schema;
      // A $ref to a definition the same release does not have would be a defect of the generated file.
      if (text === undefined) throw new Error(`schemas/kubernetes-openapi.json: 1.${this.minor} has no definition ${ref}`);
      schema = JSON.parse(text) as Schema;
      this.definitions.set(ref, schema);
    }
    return schema;
  }

  /** Checks `value` against `schema`; `type` names the definition for messages. */
  private visit(schema: Schema, value: unknown, at: string, findings: SchemaFinding[], type: string): void {
    if (findings.length >= MAX_FINDINGS) return;
    // The API server reads null as "not set".
    if (value === null || value === undefined) return;
    if (schema.$ref !== undefined) {
      if (schema.$ref === QUANTITY && typeof value === 'string' && !Token.isUnresolved(value) && !QUANTITY_SYNTAX.test(value)) {
        findings.push({ path: here(at), value, allowed: 'a Kubernetes quantity such as "250m", "0.5", "512Mi" or "1G"', unknown: false });
        return;
      }
      this.visit(this.definition(schema.$ref), value, at, findings, schema.$ref);
      return;
    }
    for (const part of schema.allOf ?? []) this.visit(part, value, at, findings, type);
    if (schema.oneOf !== undefined) {
      const matches = schema.oneOf.some((option) => {
        const trial: SchemaFinding[] = [];
        this.visit(option, value, at, trial, type);
        return trial.length === 0;
      });
      if (!matches) findings.push({ path: here(at), value, allowed: schema.oneOf.map(describe).join(' or '), unknown: false });
      return;
    }
    if (schema['x-kubernetes-int-or-string'] === true) {
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
        findings.push({ path: here(at), value, allowed: 'an integer or a string', unknown: false });
      }
      return;
    }
    switch (schema.type) {
      case undefined:
        return;
      case 'object':
        this.visitObject(schema, value, at, findings, type);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          findings.push({ path: here(at), value, allowed: 'an array', unknown: false });
          return;
        }
        if (schema.items !== undefined) value.forEach((item, index) => this.visit(schema.items!, item, `${at}[${index}]`, findings, type));
        return;
      case 'string':
        if (typeof value !== 'string') {
          findings.push({ path: here(at), value, allowed: `a string${typeof value === 'number' || typeof value === 'boolean' ? ` (quote it: "${value}")` : ''}`, unknown: false });
          return;
        }
        if (Token.isUnresolved(value)) return;
        if (schema.format === 'byte' && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
          findings.push({ path: here(at), value, allowed: 'base64-encoded text (a Secret\'s data; put plain text in stringData)', unknown: false });
        }
        checkEnum(schema, value, at, findings);
        return;
      case 'integer':
      case 'number':
        if (typeof value !== 'number') {
          findings.push({ path: here(at), value, allowed: schema.type === 'integer' ? 'an integer' : 'a number', unknown: false });
          return;
        }
        if (Token.isUnresolved(value)) return;
        if (schema.type === 'integer' && !Number.isInteger(value)) {
          findings.push({ path: here(at), value, allowed: 'an integer', unknown: false });
        } else if (schema.format === 'int32' && (value < -INT32 || value >= INT32)) {
          findings.push({ path: here(at), value, allowed: 'a 32-bit integer (-2147483648 to 2147483647)', unknown: false });
        }
        checkEnum(schema, value, at, findings);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') findings.push({ path: here(at), value, allowed: 'true or false', unknown: false });
        return;
      default:
        return;
    }
  }

  private visitObject(schema: Schema, value: unknown, at: string, findings: SchemaFinding[], type: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      findings.push({ path: here(at), value, allowed: 'an object', unknown: false });
      return;
    }
    const record = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    for (const required of schema.required ?? []) {
      if (record[required] === undefined || record[required] === null) {
        findings.push({ path: fieldPath(at, required), value: undefined, allowed: `a value: ${shortName(type)} requires ${required}`, unknown: false });
      }
    }
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (property !== undefined) {
        this.visit(property, item, fieldPath(at, key), findings, type);
      } else if (typeof schema.additionalProperties === 'object') {
        this.visit(schema.additionalProperties, item, fieldPath(at, key), findings, type);
      } else if (schema.properties !== undefined && schema.additionalProperties !== true && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
        const suggestion = closest(key, Object.keys(properties));
        // A near miss of a field the type has is a typo, not a field a newer version added.
        findings.push({
          path: fieldPath(at, key), value: item, unknown: suggestion === undefined,
          allowed: `a field ${shortName(type)} has in Kubernetes 1.${this.minor}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`,
        });
      }
    }
  }
}

function checkEnum(schema: Schema, value: string | number, at: string, findings: SchemaFinding[]): void {
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    findings.push({ path: here(at), value, allowed: `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`, unknown: false });
  }
}

/** One finding as a line: `spec.replicas: got "3"; allowed: an integer`. */
export function describeFinding(finding: SchemaFinding): string {
  return `${finding.path}: got ${render(finding.value)}; allowed: ${finding.allowed}`;
}

function render(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** The candidate that differs from `name` in case only, or by a character or two (a typo). */
function closest(name: string, candidates: string[]): string | undefined {
  const lower = name.toLowerCase();
  return candidates.find((c) => c.toLowerCase() === lower)
    ?? candidates.find((c) => distance(c.toLowerCase(), lower) <= Math.min(2, Math.floor(name.length / 4)));
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The path of field `key` of the value at `at`: `spec.replicas`, or `metadata.labels["app.kubernetes.io/name"]` for a key that is no identifier. */
export function fieldPath(at: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (at === '' ? key : `${at}.${key}`) : `${at}[${JSON.stringify(key)}]`;
}

function here(at: string): string {
  return at === '' ? '(object)' : at;
}

/** `io.k8s.api.core.v1.PodSpec` -> `PodSpec`. */
function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function describe(schema: Schema): string {
  return schema.type === 'integer' ? 'an integer' : schema.type === 'number' ? 'a number' : schema.type === 'string' ? 'a string' : `a ${schema.type ?? 'value'}`;
}
