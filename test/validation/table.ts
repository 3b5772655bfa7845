import { Stack } from 'aws-cdk-lib';

/**
 * The validation table: for every input of the public API (a property of a struct the API takes,
 * or a method argument), the rule AWS (or aws-cdk-lib) applies to it, where the rule comes from and
 * where the library enforces it. `docs/validation.md` is rendered from these rows
 * (`npm run docs:validation`), `test/validation/table.test.ts` runs every row's cases, and
 * `test/package/validation-coverage.test.ts` checks that every input in the jsii assembly has a row.
 *
 * A row whose rule the library enforces has two cases: `bad` (a value the rule refuses, which must
 * throw a `ValidationError` naming the property, or, for a warning row, add the warning) and `edge`
 * (the nearest value the rule allows, which must synthesize without that error or warning, so the
 * check is not stricter than AWS).
 */
export interface ValidationRow {
  /** The jsii type that declares the input: a struct (`EcsContainerOptions`) or a class (`EcsTaskDefinition`). */
  readonly type: string;
  /**
   * The input: a struct property (`healthCheck`), a field below it (`healthCheck.interval`), or a
   * method argument (`addContainer(id)`; `constructor(props)` for an initializer argument). A note
   * in parentheses after a space tells two rules of one input apart: `cpu (EC2)`.
   */
  readonly property: string;
  /** What AWS allows, in words. */
  readonly rule: string;
  /**
   * Where the rule comes from: an API reference (`ECS API HealthCheck`), a CloudFormation resource
   * schema (`CFN AWS::ECS::TaskDefinition`), a user guide page, or `library` for the library's own
   * secure-default rules.
   */
  readonly source: string;
  /**
   * How it is enforced: `error` (a `ValidationError` at synth), `warning` (an acknowledgeable
   * warning with a stable id), `type` (the type system leaves nothing to check: an enum, a construct
   * interface, a boolean) or `none` (AWS has no rule for it).
   */
  readonly enforcement: 'error' | 'warning' | 'type' | 'none';
  /** The file that enforces the rule (for `error` and `warning` rows). */
  readonly where?: string;
  /** A value the rule refuses, built into `stack`. */
  readonly bad?: (stack: Stack) => unknown;
  /** The nearest value the rule allows (an edge case), built into `stack`. */
  readonly edge?: (stack: Stack) => unknown;
  /**
   * For `error` rows: a text the error's `property` must contain.
   * @default - the last segment of `property` (without a method's parentheses)
   */
  readonly errorProperty?: string;
  /** For `warning` rows: the warning's id (`cdk-containers:...`). */
  readonly warningId?: string;
}

/** A row the library enforces with a `ValidationError`: needs `where`, `bad` and `edge`. */
export function error(row: Omit<ValidationRow, 'enforcement'> & Required<Pick<ValidationRow, 'where' | 'bad' | 'edge'>>): ValidationRow {
  return { ...row, enforcement: 'error' };
}

/** A row enforced with a warning of id `warningId`: `bad` must add it, `edge` must not. */
export function warning(row: Omit<ValidationRow, 'enforcement'> & Required<Pick<ValidationRow, 'where' | 'bad' | 'edge' | 'warningId'>>): ValidationRow {
  return { ...row, enforcement: 'warning' };
}

/** Inputs whose type leaves nothing to check (enums, construct interfaces, booleans): one row each. */
export function typed(type: string, rule: string, ...properties: string[]): ValidationRow[] {
  return properties.map((property) => ({ type, property, rule, source: 'type', enforcement: 'type' as const }));
}

/** Inputs AWS takes without a rule (free text AWS stores as given, optional tags...). */
export function free(type: string, rule: string, ...properties: string[]): ValidationRow[] {
  return properties.map((property) => ({ type, property, rule, source: 'none', enforcement: 'none' as const }));
}

/**
 * The input a row covers in the jsii assembly: `Type.property`, from the first segment of the field
 * path, without a note in parentheses (`cpu (EC2)`: a second rule of `cpu`) or an element marker
 * (`taints[]`: a rule of each element).
 */
export function coveredInput(row: ValidationRow): string {
  return `${row.type}.${row.property.split('.')[0]!.replace(/ \(.*\)$/, '').replace(/\[[^\]]*\]$/, '')}`;
}
