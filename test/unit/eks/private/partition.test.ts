import { RegionInfo } from 'aws-cdk-lib/region-info';
import { partitionOf } from '../../../../lib/eks/private/partition';

describe('partitionOf', () => {
  test.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eu-west-1', 'aws', 'amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
    ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
  ])('%s: partition %s, DNS suffix %s', (region, name, dnsSuffix) => {
    expect(partitionOf(region)).toEqual({ name, dnsSuffix });
  });

  test('the partitions agree with aws-cdk-lib\'s region facts where it knows the Region', () => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1']) {
      const facts = RegionInfo.get(region);
      expect([region, partitionOf(region).name, partitionOf(region).dnsSuffix]).toEqual([region, facts.partition, facts.domainSuffix]);
    }
  });
});
