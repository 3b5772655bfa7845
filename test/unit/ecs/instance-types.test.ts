import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { InstanceTypeCatalog } from '../../../lib/ecs';

describe('instance type table', () => {
  test('knows vCPUs, memory and architecture of common types', () => {
    expect(InstanceTypeCatalog.lookup('m6g.large')).toEqual({ instanceType: 'm6g.large', vcpus: 2, memoryMiB: 8192, architecture: ec2.InstanceArchitecture.ARM_64 });
    expect(InstanceTypeCatalog.lookup('c7i.4xlarge')).toEqual({ instanceType: 'c7i.4xlarge', vcpus: 16, memoryMiB: 32768, architecture: ec2.InstanceArchitecture.X86_64 });
    expect(InstanceTypeCatalog.lookup('r6g.medium')).toEqual({ instanceType: 'r6g.medium', vcpus: 1, memoryMiB: 8192, architecture: ec2.InstanceArchitecture.ARM_64 });
    expect(InstanceTypeCatalog.lookup('t3.micro')).toEqual({ instanceType: 't3.micro', vcpus: 2, memoryMiB: 1024, architecture: ec2.InstanceArchitecture.X86_64 });
    expect(InstanceTypeCatalog.lookup('t4g.2xlarge')).toMatchObject({ vcpus: 8, memoryMiB: 32768 });
    expect(InstanceTypeCatalog.lookup('t3a.large')).toEqual({ instanceType: 't3a.large', vcpus: 2, memoryMiB: 8192, architecture: ec2.InstanceArchitecture.X86_64 });
    expect(InstanceTypeCatalog.lookup('m7a.medium')).toEqual({ instanceType: 'm7a.medium', vcpus: 1, memoryMiB: 4096, architecture: ec2.InstanceArchitecture.X86_64 });
    expect(InstanceTypeCatalog.lookup('m6a.medium')).toBeUndefined();
    expect(InstanceTypeCatalog.lookup('m5.medium')).toBeUndefined();
    expect(InstanceTypeCatalog.lookup('c5.8xlarge')).toBeUndefined();
    const families = new Set(InstanceTypeCatalog.known().map((t) => t.instanceType.split('.')[0]));
    expect([...families].sort()).toEqual(['c5', 'c6g', 'c6i', 'c7g', 'c7i', 'm5', 'm6a', 'm6g', 'm6i', 'm7a', 'm7g', 'm7i', 'r5', 'r6g', 'r6i', 'r7g', 't3', 't3a', 't4g']);
  });

  test.each([
    ['m8g.large', ec2.InstanceArchitecture.ARM_64],
    ['c7gn.xlarge', ec2.InstanceArchitecture.ARM_64],
    ['a1.large', ec2.InstanceArchitecture.ARM_64],
    ['c6in.large', ec2.InstanceArchitecture.X86_64],
    ['r7a.large', ec2.InstanceArchitecture.X86_64],
    ['m5d.large', undefined],
    ['g5.xlarge', undefined],
  ])('InstanceTypeCatalog.architectureOf(%s) is %s', (name, expected) => {
    expect(InstanceTypeCatalog.architectureOf(name)).toBe(expected);
  });

  test('lookups ignore case and surrounding white space; every entry is found by its own name, in whole GiB', () => {
    expect(InstanceTypeCatalog.lookup('  M6G.Large ')).toEqual(InstanceTypeCatalog.lookup('m6g.large'));
    expect(InstanceTypeCatalog.architectureOf(' C7G.XLARGE')).toBe(ec2.InstanceArchitecture.ARM_64);
    const all = InstanceTypeCatalog.known();
    for (const info of all) {
      expect(InstanceTypeCatalog.lookup(info.instanceType)).toBe(info);
      expect([info.instanceType, info.vcpus > 0, info.memoryMiB % 1024]).toEqual([info.instanceType, true, 0]);
    }
    expect(new Set(all.map((t) => t.instanceType)).size).toBe(all.length);
  });
});
