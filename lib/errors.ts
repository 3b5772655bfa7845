import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What went wrong with one input, for a `ValidationError`.
 */
export interface ValidationErrorDetails {
  /** The property (or method argument) that holds the bad value, e.g. `repositoryName`. */
  readonly property: string;
  /** The value that was given. */
  readonly value: unknown;
  /** What is allowed instead, in words a user can act on. */
  readonly allowed: string;
  /**
   * A hint on how to fix it, when the fix is not obvious from `allowed`.
   * @default - no hint
   */
  readonly hint?: string;
}

/** Marks the library's validation errors, so they are recognised across copies of the package. */
const VALIDATION_ERROR_SYMBOL = Symbol.for('cdk-containers.ValidationError');

/**
 * The base of the library's errors. Not exported: jsii models no subclass of the built-in `Error`,
 * so it erases this class, and `ValidationError` still extends `Error` in JavaScript.
 */
abstract class ContainersError extends Error {}

/**
 * The library's error for bad input, thrown at synth time.
 *
 * The message names the construct path, the property, the offending value and what is
 * allowed, so a pipeline log alone is enough to fix the input:
 *
 * `[Platform/Images] repositoryName: got "My_Repo"; allowed: 2-256 lower-case ...`
 *
 * TypeScript and JavaScript apps can test for it with `instanceof ValidationError` or
 * {@link ContainerErrors.isValidationError}. jsii cannot model a subclass of `Error`, so the class
 * itself is not part of the Python, Java, .NET and Go bindings (aws-cdk-lib's own `ValidationError`
 * is kept out the same way): there the error arrives as the jsii runtime's error type, with the same
 * message, which always starts with the construct path in brackets.
 *
 * @internal
 */
export class ValidationError extends ContainersError {
  /** The path of the construct that rejected the input. */
  public readonly constructPath: string;
  /** The property that holds the bad value. */
  public readonly property: string;
  /** The value that was rejected. */
  public readonly value: unknown;
  /** What is allowed instead. */
  public readonly allowed: string;

  constructor(scope: IConstruct, details: ValidationErrorDetails) {
    const path = scope.node.path || '<root>';
    const hint = details.hint ? ` Hint: ${details.hint}` : '';
    super(`[${path}] ${details.property}: got ${renderValue(details.value)}; allowed: ${details.allowed}.${hint}`);
    this.name = 'ValidationError';
    this.constructPath = path;
    this.property = details.property;
    this.value = details.value;
    this.allowed = details.allowed;
    Object.setPrototypeOf(this, ValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

/**
 * Tells the library's errors apart from others.
 *
 * For JavaScript and TypeScript code, which holds the thrown object. In Python, Java, .NET and Go
 * a `ValidationError` reaches the app as the error its jsii runtime raises for a JavaScript
 * exception (in Python a `RuntimeError`), carrying the same message: recognise it by the message,
 * which starts with the construct path in brackets.
 */
export class ContainerErrors {
  /**
   * Whether `x` is a `ValidationError` thrown by this library: bad input, rejected at synth.
   *
   * It also recognises errors thrown by another copy of the package in the same process (two
   * versions installed side by side), where `instanceof` would say no.
   *
   * @param x anything caught
   */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
  }

  private constructor() {}
}

/** Renders a value for an error message: strings quoted, tokens named as such, objects as JSON. */
function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? `an unresolved token (${value})` : JSON.stringify(value);
  }
  if (typeof value === 'number') {
    return Token.isUnresolved(value) ? 'an unresolved token' : String(value);
  }
  try {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 197)}...` : json;
  } catch {
    return String(value);
  }
}
