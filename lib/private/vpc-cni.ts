import { Token } from 'aws-cdk-lib';

/**
 * Whether the Amazon VPC CNI add-on (`vpc-cni`) assigns /28 IPv4 prefixes to network interfaces
 * instead of single addresses, from its configuration values: `{ "env": { "ENABLE_PREFIX_DELEGATION": "true" } }`
 * (the add-on's configuration schema, `aws eks describe-addon-configuration --addon-name vpc-cni`:
 * env values are strings). With prefixes a node has room for many more pods (see node-allocatable.ts).
 *
 * @param configurationValues the add-on's `ConfigurationValues`: the JSON text CloudFormation takes,
 *        or the object it was made from
 * @returns false when unset (the add-on's default), undefined when it cannot be told (a token, or
 *          text that is not JSON)
 */
export function prefixDelegationOf(configurationValues: unknown): boolean | undefined {
  if (configurationValues === undefined || configurationValues === null) return false;
  if (Token.isUnresolved(configurationValues)) return undefined;
  let config: unknown = configurationValues;
  if (typeof configurationValues === 'string') {
    if (configurationValues.trim() === '') return false;
    try {
      config = JSON.parse(configurationValues);
    } catch {
      return undefined;
    }
  }
  const env = (config as { env?: Record<string, unknown> } | undefined)?.env;
  const value = env?.ENABLE_PREFIX_DELEGATION;
  if (value === undefined) return false;
  if (typeof value !== 'string' || Token.isUnresolved(value)) return undefined;
  return value.trim().toLowerCase() === 'true';
}
