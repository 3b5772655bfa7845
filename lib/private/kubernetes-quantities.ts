/**
 * Kubernetes resource quantities (`resources.requests.cpu: 250m`, `memory: 512Mi`), read as the API
 * server reads them and counted as the scheduler counts them.
 *
 * Source: the Quantity type of k8s.io/apimachinery (pkg/api/resource/quantity.go and suffix.go,
 * kubernetes/apimachinery at eed236c, 2026-07-23), whose grammar the API reference page "Quantity"
 * repeats:
 *
 * ```
 * <quantity>        ::= <signedNumber><suffix>
 * <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 * <signedNumber>    ::= <number> | <sign><number>
 * <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 * <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 * <decimalSI>       ::= m | "" | k | M | G | T | P | E      (the parser also takes n and u)
 * <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>   (an integer exponent)
 * ```
 *
 * What follows from the code, and what this file does about it:
 * - Suffixes are case-sensitive: `Mi` is 2^20, `mi`, `MI`, `K`, `MB` are refused (ErrSuffix or
 *   ErrFormatWrong). `M` is 10^6 and `m` is 10^-3: `512m` of memory is 0.512 bytes.
 * - A manifest's value is trimmed of surrounding spaces before parsing (Quantity.UnmarshalJSON), so
 *   this parser trims too; spaces inside are refused.
 * - Precision: the parser keeps values to 10^-9 and rounds anything finer up; the scheduler and
 *   kubelet count CPU in whole millicores and memory in whole bytes, rounding up (Quantity.MilliValue
 *   and Value are `ceil`). The API server refuses no CPU precision (ValidateResourceQuantityValue only
 *   checks the sign for cpu and memory), so `0.0001` is accepted and counts as `1m`; this parser does
 *   the same: cpu is returned in whole millicores and memory in whole bytes, both rounded up.
 * - Negative requests are refused by the API server's validation ("must be greater than or equal to
 *   0"), and here.
 * - Deviations, both stricter: the Go parser reads a quantity with no digit at all (`.`, `+`, `Mi`)
 *   as 0, which here is refused as a typo; and values above 2^53 - 1 of the result unit (millicores,
 *   bytes: about 8 PiB) are refused because a JavaScript number cannot count them exactly (Kubernetes
 *   goes to 2^63 - 1; no node has that much).
 */

/** The result of parsing a quantity: the value, or why Kubernetes would refuse the text. */
export type QuantityParse =
  | {
    readonly ok: true;
    /** Millicores for {@link parseCpuQuantity}, bytes for {@link parseMemoryQuantity}; a whole number, 0 or more. */
    readonly value: number;
    /**
     * Set when the value is legal but very likely not what was meant (`512m` of memory is 0.512
     * bytes); the caller may warn with it.
     */
    readonly note?: string;
  }
  | {
    readonly ok: false;
    /** Why the text is not a quantity Kubernetes takes, in words for a ValidationError's `allowed`/`hint`. */
    readonly reason: string;
  };

/** Bytes per MiB. */
export const BYTES_PER_MIB = 1024 * 1024;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);

/** sign, integer digits, optional fraction, then everything else (the suffix, checked below). */
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([\s\S]*)$/;
/** The exponent form: `e` or `E`, an optional sign, digits. */
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const INT32_MAX = 2 ** 31 - 1;
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TEN = BigInt(10);
const TWO = BigInt(2);

/** What the grammar says about one quantity: value = sign × digits × base^exponent / 10^fractionDigits. */
interface ParsedNumber {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly fractionDigits: number;
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly suffix: string;
}

const ALLOWED_SUFFIXES = 'a number (250m, 0.5, 2, 1.5e3) with an optional suffix: m, k, M, G, T, P, E (powers of 1000), Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), or an exponent e<n>; suffixes are case-sensitive';

function parseNumber(raw: string): ParsedNumber | string {
  const text = raw.trim();
  if (text === '') return 'an empty string is not a quantity';
  const m = NUMBER.exec(text);
  if (!m) return ALLOWED_SUFFIXES;
  const [, sign, whole = '', fraction, suffix = ''] = m;
  if (whole === '' && (fraction === undefined || fraction === '')) {
    return `"${text}" has no digits: ${ALLOWED_SUFFIXES}`;
  }
  const frac = fraction ?? '';
  let base: 2 | 10;
  let exponent: number;
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  const binary = BINARY_SUFFIXES.get(suffix);
  const exp = EXPONENT.exec(suffix);
  if (decimal !== undefined) {
    base = 10;
    exponent = decimal;
  } else if (binary !== undefined) {
    base = 2;
    exponent = binary;
  } else if (exp && Math.abs(Number(exp[1])) <= INT32_MAX) {
    base = 10;
    exponent = Number(exp[1]);
  } else if (exp) {
    return `the exponent of "${text}" is out of range (Kubernetes reads it as a 32-bit integer)`;
  } else {
    return `unknown suffix "${suffix}" in "${text}": ${ALLOWED_SUFFIXES}`;
  }
  return { negative: sign === '-', digits: BigInt(`${whole}${frac}` || '0'), fractionDigits: frac.length, base, exponent, suffix };
}

/** ceil(p / q) for p >= 0, q > 0. */
function ceilDiv(p: bigint, q: bigint): bigint {
  return (p + q - ONE) / q;
}

/**
 * The quantity times 10^scale (scale 3: millis, 0: units), rounded up to a whole number; undefined
 * when it is above 2^53 - 1. Exponents far out of range are decided from the number of digits,
 * without building huge powers.
 */
function scaledCeil(n: ParsedNumber, scale: number): number | undefined {
  if (n.digits === ZERO) return 0;
  let numerator = n.digits;
  let denominator = TEN ** BigInt(n.fractionDigits);
  if (n.base === 2) {
    numerator *= TWO ** BigInt(n.exponent) * TEN ** BigInt(scale);
  } else {
    const power = n.exponent + scale;
    // digits has no leading zero, so 10^(d - 1) <= digits < 10^d: the value lies in [10^(top - 1), 10^top).
    const top = n.digits.toString().length - n.fractionDigits + power;
    if (top - 1 > 16) return undefined; // at least 10^17, above 2^53
    if (top < 0) return 1; // below 0.1: rounds up to 1
    if (power < 0) denominator *= TEN ** BigInt(-power);
    else numerator *= TEN ** BigInt(power);
  }
  const value = ceilDiv(numerator, denominator);
  return value > MAX_EXACT ? undefined : Number(value);
}

/** The grammar and the sign, shared by both parsers. */
function parseNonNegative(text: string): ParsedNumber | { readonly ok: false; readonly reason: string } {
  const n = parseNumber(text);
  if (typeof n === 'string') return { ok: false, reason: n };
  if (n.negative && n.digits !== ZERO) return { ok: false, reason: `"${text.trim()}" is negative: a request or limit must be 0 or more` };
  return n;
}

/**
 * Parses a CPU quantity (`250m`, `0.5`, `2`, `1.5e3`) as Kubernetes does.
 *
 * @returns the value in whole millicores, rounded up as the scheduler counts it (`0.0001` is 1m),
 * or the reason Kubernetes would refuse the text
 */
export function parseCpuQuantity(text: string): QuantityParse {
  const n = parseNonNegative(text);
  if ('ok' in n) return n;
  const value = scaledCeil(n, 3);
  if (value === undefined) return { ok: false, reason: `"${text.trim()}" is more CPU than this library can count (at most ${Number.MAX_SAFE_INTEGER} millicores)` };
  return { ok: true, value };
}

/**
 * Parses a memory quantity (`512Mi`, `1Gi`, `1G`, `128974848`, `129e6`, `123M`) as Kubernetes does.
 *
 * @returns the value in whole bytes, rounded up as the kubelet counts it, or the reason Kubernetes
 * would refuse the text. A legal value that is very likely a mistake carries a `note`: a milli, micro
 * or nano suffix (`512m` is 0.512 bytes), or a plain number under 1 MiB (`512` is 512 bytes).
 */
export function parseMemoryQuantity(text: string): QuantityParse {
  const n = parseNonNegative(text);
  if ('ok' in n) return n;
  const value = scaledCeil(n, 0);
  if (value === undefined) return { ok: false, reason: `"${text.trim()}" is more memory than this library can count (at most ${Number.MAX_SAFE_INTEGER} bytes)` };
  const shown = text.trim();
  if (value > 0 && (n.suffix === 'm' || n.suffix === 'u' || n.suffix === 'n')) {
    return { ok: true, value, note: `"${shown}" is a fraction of a byte ("${n.suffix}" is ${n.suffix === 'm' ? 'milli' : n.suffix === 'u' ? 'micro' : 'nano'}); for mebibytes write ${shown.slice(0, -1)}Mi` };
  }
  if (value > 0 && n.suffix === '' && value < BYTES_PER_MIB) {
    return { ok: true, value, note: `"${shown}" is ${value} bytes; for mebibytes write ${shown}Mi` };
  }
  return { ok: true, value };
}

/** Decimal SI suffixes for whole cores, largest first: Kubernetes' canonical form uses the largest exact one. */
const CORE_SUFFIXES: ReadonlyArray<readonly [string, number]> = [['E', 18], ['P', 15], ['T', 12], ['G', 9], ['M', 6], ['k', 3]];

/**
 * Renders millicores in Kubernetes' canonical form: `250m`, `1500m`, `1`, `2`, `0` (and `1k` for 1000
 * cores, as Kubernetes writes it). A fraction of a millicore is rounded up first, as the scheduler
 * counts it.
 *
 * @param millis 0 to 2^53 - 1 (a RangeError otherwise: the caller passes parsed values)
 */
export function formatCpu(millis: number): string {
  if (!(millis >= 0 && millis <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`formatCpu: expected millicores from 0 to 2^53 - 1; got ${millis}`);
  const whole = Math.ceil(millis);
  if (whole === 0) return '0';
  if (whole % 1000 !== 0) return `${whole}m`;
  const cores = BigInt(whole / 1000);
  for (const [suffix, power] of CORE_SUFFIXES) {
    const unit = TEN ** BigInt(power);
    if (cores % unit === ZERO) return `${cores / unit}${suffix}`;
  }
  return `${cores}`;
}

/** Binary SI suffixes, largest first. */
const BINARY_LARGEST_FIRST: ReadonlyArray<readonly [string, number]> = [['Ei', 60], ['Pi', 50], ['Ti', 40], ['Gi', 30], ['Mi', 20], ['Ki', 10]];

/**
 * Renders MiB in Kubernetes' canonical binary form: `512Mi`, `1Gi`, `1536Mi`, `512Ki` (half a MiB),
 * `0`; a size that is not a whole number of KiB is written in bytes (`1048577`). A fraction of a byte
 * is rounded up first, as the kubelet counts it.
 *
 * @param mib 0 to (2^53 - 1) bytes' worth (a RangeError otherwise: the caller passes parsed values)
 */
export function formatMemory(mib: number): string {
  if (!(mib >= 0 && mib * BYTES_PER_MIB <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`formatMemory: expected MiB from 0 to (2^53 - 1) bytes; got ${mib}`);
  const bytes = BigInt(Math.ceil(mib * BYTES_PER_MIB));
  if (bytes === ZERO) return '0';
  for (const [suffix, power] of BINARY_LARGEST_FIRST) {
    const unit = TWO ** BigInt(power);
    if (bytes % unit === ZERO) return `${bytes / unit}${suffix}`;
  }
  return `${bytes}`;
}
