/**
 * Jest snapshot serializer that blanks CDK asset hashes, so snapshots only change when the
 * template changes, not when an asset's bytes (or the CDK version that hashes them) do.
 */
const HAS_ASSET_HASH = /[a-f0-9]{64}/;
const ASSET_HASHES = /[a-f0-9]{64}/g;

const serializer = {
  test(value: unknown): boolean {
    return typeof value === 'string' && HAS_ASSET_HASH.test(value);
  },
  serialize(value: string): string {
    return JSON.stringify(value.replace(ASSET_HASHES, '[ASSET_HASH]'));
  },
};

export = serializer;
