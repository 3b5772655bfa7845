import * as fc from 'fast-check';
import {
  FARGATE_KUBERNETES_MIB,
  FARGATE_POD_SIZES,
  HOURS_PER_MONTH,
  fargatePodMonthlyPrice,
  fargatePodRequests,
  fargatePodSize,
  fargateSelectorSelects,
} from '../../../lib/private/fargate-pod-sizes';

const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 41), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

describe('the Fargate size table', () => {
  test('has the combinations of the EKS user guide', () => {
    const rows = Object.fromEntries(FARGATE_POD_SIZES.map((r) => [r.vcpu, r.memoryGiB]));
    expect(rows[0.25]).toEqual([0.5, 1, 2]);
    expect(rows[0.5]).toEqual([1, 2, 3, 4]);
    expect(rows[1]).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(rows[2]).toEqual(Array.from({ length: 13 }, (_, i) => 4 + i)); // 4..16 in 1 GB steps
    expect(rows[4]).toEqual(Array.from({ length: 23 }, (_, i) => 8 + i)); // 8..30
    expect(rows[8]).toEqual([16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60]);
    expect(rows[16]).toEqual([32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120]);
    expect(FARGATE_POD_SIZES.map((r) => r.vcpu)).toEqual([0.25, 0.5, 1, 2, 4, 8, 16]);
  });
});

describe('fargatePodRequests', () => {
  test('the larger of the largest init container and the sum of the containers, for CPU and memory each', () => {
    // containers: 250m + 250m = 500m, 512 + 256 = 768 MiB; init: largest 1000m, 128 MiB
    expect(fargatePodRequests([{ cpuMillis: 250, memoryMiB: 512 }, { cpuMillis: 250, memoryMiB: 256 }], [{ cpuMillis: 1000, memoryMiB: 128 }, { cpuMillis: 10, memoryMiB: 64 }]))
      .toEqual({ cpuMillis: 1000, memoryMiB: 768 });
    expect(fargatePodRequests([{ cpuMillis: 100, memoryMiB: 100 }])).toEqual({ cpuMillis: 100, memoryMiB: 100 });
    expect(fargatePodRequests([])).toEqual({ cpuMillis: 0, memoryMiB: 0 });
  });
});

describe('fargatePodSize', () => {
  test('the guide\'s example: 1 vCPU and 8 GB + 256 MB need 9 GB, which only 2 vCPU offers', () => {
    expect(fargatePodSize(1000, 8192)).toEqual({ vcpu: 2, memoryGiB: 9 });
  });

  test('no requests: the smallest, 0.25 vCPU and 0.5 GB (0 + 256 MiB)', () => {
    expect(fargatePodSize(0, 0)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
  });

  test.each([
    // [cpu m, memory MiB, vCPU, GiB]: memory + 256 MiB rounded up within the smallest row with the vCPU
    [250, 256, 0.25, 0.5], // 512 MiB exactly
    [250, 257, 0.25, 1], // 513 MiB: 1 GB
    [250, 1792, 0.25, 2], // 2048 MiB: 2 GB, the row's largest
    [250, 1793, 0.5, 3], // 2049 MiB: more than 0.25 vCPU holds (2 GB), so 0.5 vCPU and 3 GB
    [251, 0, 0.5, 1], // a millicore above 0.25 vCPU: 0.5 vCPU, whose smallest memory is 1 GB
    [500, 3840, 0.5, 4], // 4096 MiB
    [1000, 1024, 1, 2], // 1280 MiB: 1 vCPU's smallest is 2 GB
    [2000, 16128, 2, 16], // 16384 MiB
    [2000, 16129, 4, 17], // a MiB more: 4 vCPU, 17 GB
    [3000, 0, 4, 8], // 3 vCPU: 4 vCPU's smallest, 8 GB
    [4000, 30464, 4, 30], // 30720 MiB
    [4000, 30465, 8, 32], // above 30 GB: 8 vCPU, in 4 GB steps from 16: 32
    [8000, 16384, 8, 20], // 16640 MiB: 20 GB
    [8000, 61184, 8, 60],
    [8001, 0, 16, 32],
    [16000, 122624, 16, 120], // the largest: 122880 MiB
  ])('%dm and %d MiB: %d vCPU, %d GiB', (cpu, memory, vcpu, memoryGiB) => {
    expect(fargatePodSize(cpu, memory)).toEqual({ vcpu, memoryGiB });
  });

  test.each([
    [16001, 0], // more CPU than 16 vCPU
    [16000, 122625], // more memory than 120 GB with the 256 MiB
    [-1, 0],
    [0, -1],
    [NaN, 0],
    [0, Infinity],
  ])('%dm and %d MiB: no size', (cpu, memory) => {
    expect(fargatePodSize(cpu, memory)).toBeUndefined();
  });

  test('property: the size holds the pod, and no combination in the table that holds it is smaller in vCPU or memory', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 16_000, noNaN: true }), fc.double({ min: 0, max: 122_880 - FARGATE_KUBERNETES_MIB, noNaN: true }), (cpu, memory) => {
      const size = fargatePodSize(cpu, memory)!;
      expect(size).toBeDefined();
      expect(FARGATE_POD_SIZES.find((r) => r.vcpu === size.vcpu)!.memoryGiB).toContain(size.memoryGiB);
      expect(size.vcpu * 1000).toBeGreaterThanOrEqual(cpu);
      expect(size.memoryGiB * 1024).toBeGreaterThanOrEqual(memory + FARGATE_KUBERNETES_MIB);
      for (const row of FARGATE_POD_SIZES) {
        for (const gib of row.memoryGiB) {
          if (row.vcpu * 1000 >= cpu && gib * 1024 >= memory + FARGATE_KUBERNETES_MIB) {
            expect(row.vcpu).toBeGreaterThanOrEqual(size.vcpu);
            expect(gib).toBeGreaterThanOrEqual(size.memoryGiB);
          }
        }
      }
    }), RUNS);
  });
});

describe('fargatePodMonthlyPrice', () => {
  test('(vCPU × per vCPU-hour + GiB × per GB-hour) × 730 hours', () => {
    // 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425 an hour; × 730 = 9.010025
    expect(fargatePodMonthlyPrice({ vcpu: 0.25, memoryGiB: 0.5 }, 0.04048, 0.004445)).toBeCloseTo(9.010025, 9);
    // 2 × 0.04048 + 9 × 0.004445 = 0.120965; × 730 = 88.30445
    expect(fargatePodMonthlyPrice({ vcpu: 2, memoryGiB: 9 }, 0.04048, 0.004445)).toBeCloseTo(88.30445, 9);
    expect(HOURS_PER_MONTH).toBe(730);
    expect(fargatePodMonthlyPrice({ vcpu: 1, memoryGiB: 2 }, 0, 0)).toBe(0);
  });

  test('another month length: the price table\'s hours (672 to 744 in the cost module)', () => {
    // 0.0123425 an hour × 744 = 9.18282; × 0 = 0
    expect(fargatePodMonthlyPrice({ vcpu: 0.25, memoryGiB: 0.5 }, 0.04048, 0.004445, 744)).toBeCloseTo(9.18282, 9);
    expect(fargatePodMonthlyPrice({ vcpu: 0.25, memoryGiB: 0.5 }, 0.04048, 0.004445, 0)).toBe(0);
  });

  test.each([[-0.01, 0.004, 730], [0.04, NaN, 730], [Infinity, 0.004, 730], [0.04, 0.004, -1], [0.04, 0.004, Infinity]])('prices %d and %d over %d hours: no price', (vcpuHour, gbHour, hours) => {
    expect(fargatePodMonthlyPrice({ vcpu: 1, memoryGiB: 2 }, vcpuHour, gbHour, hours)).toBeUndefined();
  });
});

describe('fargateSelectorSelects: which pods a Fargate profile selector takes', () => {
  test.each([
    ['shop', [], 'shop', {}, true],
    ['shop', [], 'shops', {}, false],
    ['sh*', [], 'shop', {}, true],
    ['sh?p', [], 'shop', {}, true],
    ['sh?p', [], 'shoop', {}, false],
    ['a.b', [], 'axb', {}, false],
    ['shop', [{ key: 'compute', value: 'fargate' }], 'shop', { compute: 'fargate', app: 'web' }, true],
    ['shop', [{ key: 'compute', value: 'fargate' }], 'shop', { app: 'web' }, false],
    ['shop', [{ key: 'comp*', value: 'f?rgate' }], 'shop', { compute: 'fargate' }, true],
  ] as const)('%s %j selects pods of %s with %j: %s', (namespace, labels, podNamespace, podLabels, selected) => {
    expect(fargateSelectorSelects(namespace, labels, podNamespace, podLabels)).toBe(selected);
  });
});
