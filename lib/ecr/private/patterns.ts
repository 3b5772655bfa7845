/** One path component of an ECR name: letters and digits joined by `.`, `_`, `__` or a run of `-`. */
const COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';

/**
 * ECR's name grammar (CreateRepository's `repositoryName` pattern): lower-case letters and digits,
 * separated by `.`, `_`, `__` or one or more `-`, optionally in `/`-separated namespaces.
 * Lengths differ by field, so callers check them.
 */
export const ECR_NAME = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);

/**
 * A pull-through cache's ECR repository prefix (CreatePullThroughCacheRule's `ecrRepositoryPrefix`
 * pattern): a name, optionally ending in `/` (ECR appends one anyway), or `ROOT`. 2 to 30 characters.
 */
export const CACHE_PREFIX = new RegExp(`^(?:${COMPONENT}(?:/${COMPONENT})*/?|ROOT)$`);

/**
 * A replication rule's repository prefix filter (PutReplicationConfiguration's `filter` pattern): the
 * start of a name, so it may end in a separator or a `/` (`prod-`, `team/`). 2 to 256 characters.
 */
export const REPLICATION_PREFIX = /^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$/;

/**
 * A registry scanning rule's wildcard filter (PutRegistryScanningConfiguration's `filter` pattern):
 * lower-case letters, digits and `*`, with single `.`, `_`, `-` or `/` separators between them.
 * 1 to 255 characters. Written as `x+(sep x+)*`, which matches the same strings as ECR's
 * `x(sep?x+)*` without its exponential backtracking on a long filter that fails to match.
 */
export const SCANNING_FILTER = /^[a-z0-9*]+(?:[._\-/][a-z0-9*]+)*$/;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
