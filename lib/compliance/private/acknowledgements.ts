import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';

/**
 * The metadata type under which the library's checks (`EksClusterChecks`, `EksWorkloadChecks`)
 * record acknowledgements made through their `acknowledge`: one type for all, each check reading
 * only its own rule ids from it.
 */
const ACK_METADATA = 'cdk-containers:acknowledged-rules';

/**
 * Records on `scope` that `rule` (one of `rules`) is acknowledged for `reason`: a known rule id and
 * a reason of at least 10 characters, else a ValidationError.
 */
export function recordAcknowledgement(scope: IConstruct, rules: readonly string[], rule: string, reason: string): void {
  if (!rules.includes(rule)) {
    throw new ValidationError(scope, { property: 'rule', value: rule, allowed: rules.join(', ') });
  }
  if (typeof reason !== 'string' || reason.trim().length < 10) {
    throw new ValidationError(scope, {
      property: 'reason',
      value: reason,
      allowed: 'a reason of at least 10 characters saying why the finding is acceptable',
    });
  }
  scope.node.addMetadata(ACK_METADATA, { [rule]: reason });
}

/**
 * The acknowledgements of `rules` on `node` and its ancestors, made through a check's `acknowledge`
 * or `Validations.of(scope).acknowledge` (whose ids may carry a plugin prefix, `plugin::id`): rule id -> reason.
 */
export function acknowledgementsOf(node: IConstruct, rules: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const scope of node.node.scopes) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== ACK_METADATA && entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(asRecord(entry.data))) {
        const rule = rules.find((r) => id === r || id.endsWith(`::${r}`));
        if (rule && typeof reason === 'string') result.set(rule, reason);
      }
    }
  }
  return result;
}

/** `value` when it is a plain object, else an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
