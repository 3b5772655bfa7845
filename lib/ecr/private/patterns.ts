/**
 * ECR's name grammar: lower-case letters and digits, single separators (`.`, `_`, `-`) between
 * them, optionally in `/`-separated namespaces. CreateRepository's `repositoryName` pattern, and
 * the pattern ECR applies to pull-through cache and replication repository prefixes too.
 * Lengths differ by field, so callers check them.
 */
export const ECR_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
