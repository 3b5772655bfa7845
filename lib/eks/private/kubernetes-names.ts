import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { isToken } from '../../private/validate';

/**
 * The name grammars of the Kubernetes API (k8s.io/apimachinery/pkg/util/validation), each with the
 * wording its error uses. Object names that are tokens are refused by the callers (a manifest cannot
 * carry a CloudFormation token); other fields pass them through these checks.
 */
const GRAMMARS = {
  /** DNS-1123 label: container, volume and namespace names. */
  dns1123Label: {
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    max: 63,
    allowed: 'a DNS-1123 label: 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit',
  },
  /** DNS-1035 label: Service names (they become DNS names, so they start with a letter). */
  dns1035Label: {
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    max: 63,
    allowed: 'a DNS-1035 label: 1-63 lower-case letters, digits or "-", starting with a letter and ending with a letter or digit',
  },
  /** DNS-1123 subdomain: ConfigMap, Secret and service account names. */
  dns1123Subdomain: {
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    max: 253,
    allowed: 'a DNS-1123 subdomain: 1-253 lower-case letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit',
  },
  /** Environment variable names before Kubernetes 1.34: letters, digits, `_`, `-`, `.`, not starting with a digit. */
  envVarName: {
    pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
    max: 32_768,
    allowed: 'an environment variable name: letters, digits, "_", "-" or ".", not starting with a digit (the rule before Kubernetes 1.34)',
  },
  /** Environment variable names from Kubernetes 1.34 (RelaxedEnvironmentVariableValidation, GA): printable ASCII but "=". */
  relaxedEnvVarName: {
    pattern: /^[\x20-\x3c\x3e-\x7e]+$/,
    max: 32_768,
    allowed: 'an environment variable name: printable ASCII characters other than "=" (Kubernetes 1.34 and later)',
  },
  /** ConfigMap and Secret keys. */
  configMapKey: {
    pattern: /^[-._a-zA-Z0-9]+$/,
    max: 253,
    allowed: 'a Secret key: 1-253 letters, digits, "-", "_" or ".", other than "." and not starting with ".."',
  },
} as const;

/** The name grammars {@link checkKubernetesName} knows. */
export type KubernetesNameGrammar = keyof typeof GRAMMARS;

/** Whether `value` follows `grammar`. */
export function isKubernetesName(grammar: KubernetesNameGrammar, value: string): boolean {
  const rule = GRAMMARS[grammar];
  return typeof value === 'string' && value.length >= 1 && value.length <= rule.max && rule.pattern.test(value)
    && !(grammar === 'configMapKey' && (value === '.' || value.startsWith('..')));
}

/**
 * Refuses a name that does not follow `grammar`. A token is refused too when `tokens` is `'refuse'`:
 * Kubernetes object names are written into manifests, which CloudFormation never resolves.
 */
export function checkKubernetesName(scope: IConstruct, property: string, value: string, grammar: KubernetesNameGrammar, tokens: 'refuse' | 'pass' = 'refuse'): void {
  if (isToken(value)) {
    if (tokens === 'pass') return;
    throw new ValidationError(scope, {
      property,
      value,
      allowed: `a literal string (${GRAMMARS[grammar].allowed})`,
      hint: 'Kubernetes manifests are rendered at synth and never pass through CloudFormation, so a token would reach the cluster unresolved',
    });
  }
  if (!isKubernetesName(grammar, value)) {
    throw new ValidationError(scope, { property, value, allowed: GRAMMARS[grammar].allowed });
  }
}

/**
 * Refuses a port name that is not an IANA service name (what the API accepts for container and
 * Service port names): 1-15 lower-case letters, digits and `-`, at least one letter, no `--`, not
 * starting or ending with `-`.
 */
export function checkPortName(scope: IConstruct, property: string, value: string): void {
  const ok = typeof value === 'string' && value.length >= 1 && value.length <= 15 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)
    && /[a-z]/.test(value) && !value.includes('--');
  if (!ok) {
    throw new ValidationError(scope, {
      property,
      value,
      allowed: 'an IANA service name: 1-15 lower-case letters, digits or "-", with at least one letter, no "--", not starting or ending with "-"',
    });
  }
}
