/** What the library writes from a Region's partition: its name (an ARN's second field) and its DNS suffix (service hosts). */
export interface Partition {
  readonly name: string;
  readonly dnsSuffix: string;
}

/** The partitions other than `aws`, by the prefix of their Regions' names. */
const BY_REGION_PREFIX: ReadonlyArray<readonly [string, Partition]> = [
  ['cn-', { name: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' }],
  ['us-gov-', { name: 'aws-us-gov', dnsSuffix: 'amazonaws.com' }],
  ['us-isob-', { name: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' }],
  ['us-iso-', { name: 'aws-iso', dnsSuffix: 'c2s.ic.gov' }],
];

const AWS: Partition = { name: 'aws', dnsSuffix: 'amazonaws.com' };

/**
 * The partition of a Region given literally (a manifest written at synth names ARNs and hosts that
 * CloudFormation never resolves, so `AWS::Partition` cannot be used there).
 */
export function partitionOf(region: string): Partition {
  return BY_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? AWS;
}
