import * as fc from 'fast-check';
import { InstanceTypeCatalog } from '../../../lib/ecs/instance-types';
import {
  EVICTION_HARD_MEMORY_MIB,
  eniLimits,
  eniMaxPods,
  instanceShape,
  knownEniInstanceTypes,
  kubeReservedCpuMillis,
  kubeReservedMemoryMiB,
  maxPods,
  nodeAllocatable,
} from '../../../lib/private/node-allocatable';

const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 31), numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };

/**
 * Max pods (secondary IPs, no cap) as EKS published them in amazon-eks-ami's eni-max-pods.txt (the
 * nodeadm copy, commit 6b33121, 2025-10-02, the last before the file was replaced by
 * instance-info.jsonl): an independent check of the ENI table and the formula.
 */
const ENI_MAX_PODS_TXT: Record<string, number> = {
  'm5.large': 29, 'm5.xlarge': 58, 'm5.2xlarge': 58, 'm5.4xlarge': 234, 'm5.8xlarge': 234,
  'm6i.large': 29, 'm6i.xlarge': 58, 'm6i.2xlarge': 58, 'm6i.4xlarge': 234, 'm6i.8xlarge': 234,
  'm7i.large': 29, 'm7i.xlarge': 58, 'm7i.2xlarge': 58, 'm7i.4xlarge': 234, 'm7i.8xlarge': 234,
  'm6a.large': 29, 'm6a.xlarge': 58, 'm6a.2xlarge': 58, 'm6a.4xlarge': 234, 'm6a.8xlarge': 234,
  'm7a.medium': 8, 'm7a.large': 29, 'm7a.xlarge': 58, 'm7a.2xlarge': 58, 'm7a.4xlarge': 234, 'm7a.8xlarge': 234,
  'c5.large': 29, 'c5.xlarge': 58, 'c5.2xlarge': 58, 'c5.4xlarge': 234,
  'c6i.large': 29, 'c6i.xlarge': 58, 'c6i.2xlarge': 58, 'c6i.4xlarge': 234, 'c6i.8xlarge': 234,
  'c7i.large': 29, 'c7i.xlarge': 58, 'c7i.2xlarge': 58, 'c7i.4xlarge': 234, 'c7i.8xlarge': 234,
  'r5.large': 29, 'r5.xlarge': 58, 'r5.2xlarge': 58, 'r5.4xlarge': 234, 'r5.8xlarge': 234,
  'r6i.large': 29, 'r6i.xlarge': 58, 'r6i.2xlarge': 58, 'r6i.4xlarge': 234, 'r6i.8xlarge': 234,
  'm6g.medium': 8, 'm6g.large': 29, 'm6g.xlarge': 58, 'm6g.2xlarge': 58, 'm6g.4xlarge': 234, 'm6g.8xlarge': 234,
  'm7g.medium': 8, 'm7g.large': 29, 'm7g.xlarge': 58, 'm7g.2xlarge': 58, 'm7g.4xlarge': 234, 'm7g.8xlarge': 234,
  'c6g.medium': 8, 'c6g.large': 29, 'c6g.xlarge': 58, 'c6g.2xlarge': 58, 'c6g.4xlarge': 234, 'c6g.8xlarge': 234,
  'c7g.medium': 8, 'c7g.large': 29, 'c7g.xlarge': 58, 'c7g.2xlarge': 58, 'c7g.4xlarge': 234, 'c7g.8xlarge': 234,
  'r6g.medium': 8, 'r6g.large': 29, 'r6g.xlarge': 58, 'r6g.2xlarge': 58, 'r6g.4xlarge': 234, 'r6g.8xlarge': 234,
  'r7g.medium': 8, 'r7g.large': 29, 'r7g.xlarge': 58, 'r7g.2xlarge': 58, 'r7g.4xlarge': 234, 'r7g.8xlarge': 234,
  't3.micro': 4, 't3.small': 11, 't3.medium': 17, 't3.large': 35, 't3.xlarge': 58, 't3.2xlarge': 58,
  't3a.micro': 4, 't3a.small': 8, 't3a.medium': 17, 't3a.large': 35, 't3a.xlarge': 58, 't3a.2xlarge': 58,
  't4g.micro': 4, 't4g.small': 11, 't4g.medium': 17, 't4g.large': 35, 't4g.xlarge': 58, 't4g.2xlarge': 58,
};

const info = (type: string): { vcpus: number; memoryMiB: number } => {
  const entry = InstanceTypeCatalog.lookup(type);
  if (!entry) throw new Error(`${type} is not in lib/ecs/instance-types.ts`);
  return entry;
};

describe('the ENI table', () => {
  test('covers exactly the instance types of lib/ecs/instance-types.ts', () => {
    expect(knownEniInstanceTypes().sort()).toEqual(InstanceTypeCatalog.known().map((i) => i.instanceType).sort());
  });

  test('gives the max pods EKS published for every type', () => {
    expect(Object.keys(ENI_MAX_PODS_TXT).sort()).toEqual(knownEniInstanceTypes().sort());
    for (const [type, pods] of Object.entries(ENI_MAX_PODS_TXT)) {
      expect([type, eniMaxPods(eniLimits(type)!, false)]).toEqual([type, pods]);
    }
  });

  test('looks names up without regard to case or surrounding spaces; unknown types have no entry', () => {
    expect(eniLimits(' M5.Large ')).toEqual({ maxEnis: 3, ipv4PerEni: 10 });
    expect(eniLimits('m5.24xlarge')).toBeUndefined(); // a real type, not in the table
    expect(eniLimits('c5.8xlarge')).toBeUndefined(); // no such type (c5 has 9xlarge)
    expect(eniLimits('t3a.small')).toEqual({ maxEnis: 2, ipv4PerEni: 4 }); // the one burstable exception
    expect(eniLimits('t3.small')).toEqual({ maxEnis: 3, ipv4PerEni: 4 });
  });
});

describe('instanceShape', () => {
  test('gives every type of the table the vCPUs and memory of lib/ecs/instance-types.ts (the cost module may not import lib/ecs)', () => {
    for (const type of knownEniInstanceTypes()) {
      const catalog = info(type);
      expect([type, instanceShape(type)]).toEqual([type, { vcpus: catalog.vcpus, memoryMiB: catalog.memoryMiB }]);
    }
  });

  test('by the EC2 specifications: m 4 GiB per vCPU, c 2, r 8, burstable size by size; names without regard to case or spaces', () => {
    expect(instanceShape('m7g.large')).toEqual({ vcpus: 2, memoryMiB: 8192 });
    expect(instanceShape(' C6I.4XLARGE ')).toEqual({ vcpus: 16, memoryMiB: 32768 });
    expect(instanceShape('r7g.medium')).toEqual({ vcpus: 1, memoryMiB: 8192 });
    expect(instanceShape('t4g.medium')).toEqual({ vcpus: 2, memoryMiB: 4096 });
    expect(instanceShape('t3.micro')).toEqual({ vcpus: 2, memoryMiB: 1024 });
    expect(instanceShape('m5d.large')).toBeUndefined(); // in the price table, not in this one
  });
});

describe('maxPods', () => {
  test('m5.large: 3 ENIs × (10 IPs − 1) + 2 = 29', () => {
    expect(maxPods('m5.large', 2, false)).toBe(29);
  });

  test('t3.medium: 3 ENIs × (6 − 1) + 2 = 17; t3a.small: 2 × (4 − 1) + 2 = 8', () => {
    expect(maxPods('t3.medium', 2, false)).toBe(17);
    expect(maxPods('t3a.small', 2, false)).toBe(8);
  });

  test('m5.large with prefix delegation: 3 × ((10 − 1) × 16) + 2 = 434, capped at 110 (2 vCPUs)', () => {
    expect(eniMaxPods(eniLimits('m5.large')!, true)).toBe(434);
    expect(maxPods('m5.large', 2, true)).toBe(110);
  });

  test('the cap applies without prefix delegation too: c5.4xlarge has 8 × 29 + 2 = 234 IPs, 16 vCPUs, so 110', () => {
    expect(maxPods('c5.4xlarge', 16, false)).toBe(110);
  });

  test('above 30 vCPUs the cap is 250: m5.8xlarge (32 vCPUs) keeps its 234, with prefixes 8 × 464 + 2 = 3714 → 250', () => {
    expect(maxPods('m5.8xlarge', 32, false)).toBe(234);
    expect(eniMaxPods(eniLimits('m5.8xlarge')!, true)).toBe(3714);
    expect(maxPods('m5.8xlarge', 32, true)).toBe(250);
  });

  test('30 vCPUs is still the small cap (the calculator\'s "-gt 30"); 31 is not', () => {
    expect(maxPods('m5.8xlarge', 30, true)).toBe(110);
    expect(maxPods('m5.8xlarge', 31, true)).toBe(250);
  });

  test('under the cap the ENI figure stands: m7g.medium 2 × (4 − 1) + 2 = 8, with prefixes 2 × 48 + 2 = 98', () => {
    expect(maxPods('m7g.medium', 1, false)).toBe(8);
    expect(maxPods('m7g.medium', 1, true)).toBe(98);
  });

  test.each([['x9.large', 2], ['m5.large', 0], ['m5.large', 1.5], ['m5.large', NaN]])('%s with %d vCPUs: undefined', (type, vcpus) => {
    expect(maxPods(type, vcpus, false)).toBeUndefined();
  });
});

describe('kube-reserved', () => {
  test.each([
    // 6% of core 1 (60m) + 1% of core 2 (10m) + 0.5% of cores 3-4 (5m each) + 0.25% of each further core (2.5m)
    [1, 60],
    [2, 70],
    [3, 75],
    [4, 80],
    [5, 82], // 82.5 rounded down
    [8, 90],
    [16, 110],
    [32, 150],
  ])('CPU for %d vCPUs: %dm', (vcpus, millis) => {
    expect(kubeReservedCpuMillis(vcpus)).toBe(millis);
  });

  test('memory: 11 MiB per pod + 255 MiB', () => {
    expect(kubeReservedMemoryMiB(29)).toBe(574);
    expect(kubeReservedMemoryMiB(110)).toBe(1465);
    expect(kubeReservedMemoryMiB(234)).toBe(2829);
  });
});

describe('nodeAllocatable', () => {
  test('m5.large on AL2023: 2000m − 70m; 8192 MiB − (11 × 29 + 255 = 574) − 100 eviction = 7518 MiB', () => {
    const { vcpus, memoryMiB } = info('m5.large');
    expect(nodeAllocatable('m5.large', vcpus, memoryMiB, false)).toEqual({
      maxPods: 29,
      allocatableCpuMillis: 1930,
      allocatableMemoryMiB: 7518,
      kubeReservedCpuMillis: 70,
      kubeReservedMemoryMiB: 574,
      reservationMaxPods: 29,
      evictionHardMemoryMiB: EVICTION_HARD_MEMORY_MIB,
      capacityMemoryMiB: 8192,
    });
  });

  test('with prefix delegation AL2023 admits 110 pods but still reserves for its own ENI figure (29); Bottlerocket reserves for 110', () => {
    const al2023 = nodeAllocatable('m5.large', 2, 8192, true)!;
    expect([al2023.maxPods, al2023.reservationMaxPods, al2023.kubeReservedMemoryMiB, al2023.allocatableMemoryMiB]).toEqual([110, 29, 574, 7518]);
    const bottlerocket = nodeAllocatable('m5.large', 2, 8192, true, { amiFamily: 'BOTTLEROCKET' })!;
    // 8192 − (11 × 110 + 255 = 1465) − 100 = 6627
    expect([bottlerocket.maxPods, bottlerocket.reservationMaxPods, bottlerocket.kubeReservedMemoryMiB, bottlerocket.allocatableMemoryMiB]).toEqual([110, 110, 1465, 6627]);
    expect(bottlerocket.allocatableCpuMillis).toBe(al2023.allocatableCpuMillis); // same CPU formula
  });

  test('the cap also splits the AMIs without prefixes: c5.4xlarge admits 110, AL2023 reserves for 234', () => {
    const { vcpus, memoryMiB } = info('c5.4xlarge'); // 16 vCPUs, 32 GiB
    // AL2023: 32768 − (11 × 234 + 255 = 2829) − 100 = 29839; Bottlerocket: 32768 − 1465 − 100 = 31203
    expect(nodeAllocatable('c5.4xlarge', vcpus, memoryMiB, false)).toMatchObject({ maxPods: 110, allocatableCpuMillis: 15890, allocatableMemoryMiB: 29839 });
    expect(nodeAllocatable('c5.4xlarge', vcpus, memoryMiB, false, { amiFamily: 'BOTTLEROCKET' })).toMatchObject({ maxPods: 110, allocatableMemoryMiB: 31203 });
  });

  test('t3.medium: 17 pods; 4096 − (11 × 17 + 255 = 442) − 100 = 3554 MiB; t3.micro: 1024 − 299 − 100 = 625 MiB', () => {
    expect(nodeAllocatable('t3.medium', 2, 4096, false)).toMatchObject({ maxPods: 17, allocatableMemoryMiB: 3554, allocatableCpuMillis: 1930 });
    expect(nodeAllocatable('t3.micro', 2, 1024, false)).toMatchObject({ maxPods: 4, allocatableMemoryMiB: 625 });
  });

  test('matches a real node: an m7a.4xlarge reporting 64422252Ki capacity and 61422956Ki allocatable (karpenter-provider-aws #7989)', () => {
    const capacityMiB = 64422252 / 1024; // what the OS reported: 4% under the advertised 65536 MiB
    const node = nodeAllocatable('m7a.4xlarge', 16, 65536, false, { memoryOverheadFraction: 1 - capacityMiB / 65536 })!;
    expect(node.capacityMemoryMiB).toBeCloseTo(capacityMiB, 6);
    expect(node.allocatableMemoryMiB).toBeCloseTo(61422956 / 1024, 6); // − 2829 MiB kube-reserved − 100 MiB
    expect(node.allocatableCpuMillis).toBe(15890); // the node's 15890m
  });

  test('the advertised memory is used unless an overhead is given', () => {
    expect(nodeAllocatable('m5.large', 2, 8192, false)!.capacityMemoryMiB).toBe(8192);
    // Karpenter's 7.5%: 8192 × 0.925 = 7577.6; − 574 − 100 = 6903.6
    expect(nodeAllocatable('m5.large', 2, 8192, false, { memoryOverheadFraction: 0.075 })!.allocatableMemoryMiB).toBeCloseTo(6903.6, 6);
  });

  test.each([
    ['unknown type', 'x9.large', 2, 8192, {}],
    ['no vCPUs', 'm5.large', 0, 8192, {}],
    ['no memory', 'm5.large', 2, 0, {}],
    ['memory not finite', 'm5.large', 2, Infinity, {}],
    ['a negative overhead', 'm5.large', 2, 8192, { memoryOverheadFraction: -0.1 }],
    ['an overhead of all memory', 'm5.large', 2, 8192, { memoryOverheadFraction: 1 }],
  ])('%s: undefined', (_what, type, vcpus, memory, options) => {
    expect(nodeAllocatable(type, vcpus, memory, false, options)).toBeUndefined();
  });

  test('never negative, even when the reservation exceeds a (hypothetical) tiny memory', () => {
    expect(nodeAllocatable('m5.large', 2, 100, false)!.allocatableMemoryMiB).toBe(0);
  });

  test('property: allocatable is capacity less the reservations, and more pods never leave more memory', () => {
    const types = knownEniInstanceTypes();
    fc.assert(fc.property(fc.constantFrom(...types), fc.boolean(), fc.constantFrom<'AL2023' | 'BOTTLEROCKET'>('AL2023', 'BOTTLEROCKET'), (type, pd, amiFamily) => {
      const { vcpus, memoryMiB } = info(type);
      const node = nodeAllocatable(type, vcpus, memoryMiB, pd, { amiFamily })!;
      expect(node.allocatableCpuMillis).toBe(vcpus * 1000 - node.kubeReservedCpuMillis);
      expect(node.allocatableMemoryMiB).toBe(memoryMiB - node.kubeReservedMemoryMiB - 100);
      expect(node.maxPods).toBeLessThanOrEqual(vcpus > 30 ? 250 : 110);
      const withoutPrefixes = nodeAllocatable(type, vcpus, memoryMiB, false, { amiFamily })!;
      expect(node.maxPods).toBeGreaterThanOrEqual(withoutPrefixes.maxPods);
      expect(node.allocatableMemoryMiB).toBeLessThanOrEqual(withoutPrefixes.allocatableMemoryMiB);
    }), RUNS);
  });
});
