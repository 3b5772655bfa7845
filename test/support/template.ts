import { Template } from 'aws-cdk-lib/assertions';

/** The type of every resource in a synthesized template, in template order (repeats kept). */
export function resourceTypes(template: Template): string[] {
  return Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
}

/**
 * An AWS managed policy's ARN as a template renders it in an environment-agnostic stack:
 * `arn:${AWS::Partition}:iam::aws:policy/<name>`, `name` with its path if it has one (`service-role/...`).
 */
export function managedPolicyArn(name: string): { 'Fn::Join': [string, unknown[]] } {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] };
}

/**
 * A template value as CloudFormation computes it at deploy: `Ref` and `Fn::GetAtt` from `refs`
 * (`"Logical"` or `"Logical.Attribute"`), `Fn::Join`, `Fn::Select` and `Fn::Split` evaluated. Throws
 * on anything else, so a test cannot pass on a value it did not compute.
 */
export function evaluate(value: unknown, refs: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, refs));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [key, arg] = entries[0] ?? [];
  const lookup = (name: string): string => {
    if (!(name in refs)) throw new Error(`evaluate: no value given for ${name}`);
    return refs[name]!;
  };
  if (entries.length === 1 && key === 'Ref') return lookup(arg as string);
  if (entries.length === 1 && key === 'Fn::GetAtt') return lookup((arg as string[]).join('.'));
  if (entries.length === 1 && key === 'Fn::Join') {
    const [delimiter, parts] = arg as [string, unknown[]];
    return (evaluate(parts, refs) as string[]).join(delimiter);
  }
  if (entries.length === 1 && key === 'Fn::Split') {
    const [delimiter, source] = arg as [string, unknown];
    return (evaluate(source, refs) as string).split(delimiter);
  }
  if (entries.length === 1 && key === 'Fn::Select') {
    const [index, list] = arg as [number, unknown];
    return (evaluate(list, refs) as unknown[])[index];
  }
  if (entries.length === 1 && key!.startsWith('Fn::')) throw new Error(`evaluate: ${key} is not modelled`);
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, refs)]));
}

/**
 * Where two templates differ: one `<logicalId>.<path>` per changed leaf of a resource (property
 * values, DependsOn, Metadata), `+<logicalId>` for a resource only in `after`, `-<logicalId>` for one
 * only in `before`. Arrays are compared by index.
 */
export function templateChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const resources = (t: Record<string, unknown>) => (t.Resources ?? {}) as Record<string, unknown>;
  const [was, now] = [resources(before), resources(after)];
  const changes: string[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    const container = (v: unknown) => typeof v === 'object' && v !== null;
    if (container(a) && container(b) && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const key of [...keys].sort()) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes.push(at);
    }
  };
  for (const id of Object.keys(was)) if (!(id in now)) changes.push(`-${id}`);
  for (const id of Object.keys(now)) {
    if (!(id in was)) changes.push(`+${id}`);
    else walk(was[id], now[id], id);
  }
  return changes.sort();
}
