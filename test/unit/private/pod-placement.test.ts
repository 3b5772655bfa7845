import * as fc from 'fast-check';
import { nodeAllocatable } from '../../../lib/private/node-allocatable';
import { DaemonSetPod, EKS_ADDON_DAEMONSET_PODS, EKS_COREDNS_PODS, NodeShape, PodGroup, placePods, toleratesTaints } from '../../../lib/private/pod-placement';

const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 37), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const MIB = 1024 * 1024;

/** An m5.large node of an AL2023 node group: 1930m, 7518 MiB, 29 pods (see node-allocatable.test.ts). */
const M5_LARGE: NodeShape = nodeAllocatable('m5.large', 2, 8192, false)!;

const group = (name: string, replicas: number, cpuMillis: number, memoryMiB: number): PodGroup => ({ name, replicas, cpuMillis, memoryMiB });

describe('the add-on DaemonSets', () => {
  test('aws-node 50m (25m aws-node + 25m network policy agent), kube-proxy 100m, pod identity agent a slot only; no memory', () => {
    expect(EKS_ADDON_DAEMONSET_PODS).toEqual([
      { name: 'aws-node', cpuMillis: 50, memoryMiB: 0 },
      { name: 'kube-proxy', cpuMillis: 100, memoryMiB: 0 },
      { name: 'eks-pod-identity-agent', cpuMillis: 0, memoryMiB: 0 },
    ]);
  });

  test('take their share of every node: m5.large leaves 1930 − 150 = 1780m, 7518 MiB and 29 − 3 = 26 slots', () => {
    expect(placePods([], M5_LARGE, 3).perNode).toEqual({ cpuMillis: 1780, memoryMiB: 7518, podSlots: 26 });
  });
});

describe('CoreDNS', () => {
  test('2 replicas of 100m / 70Mi in kube-system, labelled as EKS labels them (k8s-app: kube-dns, which Fargate profiles select)', () => {
    expect(EKS_COREDNS_PODS).toEqual({
      name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' },
      replicas: 2, cpuMillis: 100, memoryMiB: 70,
    });
  });
});

describe('placePods', () => {
  test('6 replicas of 500m / 1 GiB on m5.large: floor(1780 / 500) = 3 per node (memory would allow 7), so 2 nodes', () => {
    const fit = placePods([group('web', 6, 500, 1024)], M5_LARGE, 2);
    expect(fit).toMatchObject({ fits: true, nodesNeeded: 2, nodesUsed: 2, shortfall: { replicas: 0, cpuMillis: 0, memoryMiB: 0, podSlots: 0 } });

    // With maxSize 1 the second node's 3 replicas are short: 3 × 500m, 3 × 1024 MiB, 3 slots.
    const short = placePods([group('web', 6, 500, 1024)], M5_LARGE, 1);
    expect(short).toMatchObject({ fits: false, nodesNeeded: 2, nodesUsed: 1 });
    expect(short.groups[0]).toMatchObject({ placed: 3, unplaced: 3, tooBig: [], shortCpuMillis: 1500, shortMemoryMiB: 3072, shortPodSlots: 3 });
    expect(short.shortfall).toEqual({ replicas: 3, cpuMillis: 1500, memoryMiB: 3072, podSlots: 3 });
  });

  test('pod slots bind small pods: 100 replicas of 10m / 16 MiB take 26 per node, so ceil(100 / 26) = 4 nodes', () => {
    const result = placePods([group('tiny', 100, 10, 16)], M5_LARGE, 4);
    expect(result).toMatchObject({ fits: true, nodesNeeded: 4 });
    expect(placePods([group('tiny', 100, 10, 16)], M5_LARGE, 3).groups[0]).toMatchObject({ placed: 78, unplaced: 22, shortPodSlots: 22 });
  });

  test('memory binds big pods: 3 GiB each, floor(7518 / 3072) = 2 per node', () => {
    expect(placePods([group('cache', 5, 100, 3072)], M5_LARGE, 10)).toMatchObject({ fits: true, nodesNeeded: 3 });
  });

  test('a pod above one node\'s room never schedules, whatever maxSize', () => {
    const result = placePods([group('huge', 2, 2000, 1024), group('web', 1, 100, 128)], M5_LARGE, 100);
    expect(result.fits).toBe(false);
    expect(result.groups[0]).toMatchObject({ placed: 0, unplaced: 2, tooBig: ['cpu'], shortCpuMillis: 4000, shortMemoryMiB: 2048, shortPodSlots: 2 });
    expect(result.groups[1]).toMatchObject({ placed: 1, unplaced: 0, tooBig: [] });
    expect(result.nodesNeeded).toBe(1); // only what can schedule counts
  });

  test('too big on memory, and on both at once', () => {
    expect(placePods([group('m', 1, 100, 8000)], M5_LARGE, 5).groups[0]!.tooBig).toEqual(['memory']);
    expect(placePods([group('both', 1, 9000, 9000)], M5_LARGE, 5).groups[0]!.tooBig).toEqual(['cpu', 'memory']);
  });

  test('a pod that needs exactly the node\'s room fits; one byte or one millicore more does not', () => {
    expect(placePods([group('exact', 1, 1780, 7518)], M5_LARGE, 1).fits).toBe(true);
    expect(placePods([group('byte', 1, 1780, 7518 + 1 / MIB)], M5_LARGE, 1).groups[0]!.tooBig).toEqual(['memory']);
    expect(placePods([group('milli', 1, 1780.001, 7518)], M5_LARGE, 1).groups[0]!.tooBig).toEqual(['cpu']); // 1780.001m counts as 1781m
  });

  test('a node whose DaemonSets take every slot has no room for any pod', () => {
    const node = { allocatableCpuMillis: 1930, allocatableMemoryMiB: 7518, maxPods: 3 };
    const result = placePods([group('web', 1, 10, 10)], node, 5);
    expect(result).toMatchObject({ fits: false, daemonSetsTooBig: [], perNode: { podSlots: 0 } });
    expect(result.groups[0]!.tooBig).toEqual(['pods']);
  });

  test('DaemonSets larger than the node are reported, and nothing fits', () => {
    const node = { allocatableCpuMillis: 100, allocatableMemoryMiB: 64, maxPods: 2 };
    const ds: DaemonSetPod[] = [...EKS_ADDON_DAEMONSET_PODS, { name: 'logs', cpuMillis: 0, memoryMiB: 128 }];
    const result = placePods([], node, 5, ds);
    expect(result).toMatchObject({ fits: false, daemonSetsTooBig: ['cpu', 'memory', 'pods'], perNode: { cpuMillis: -50, memoryMiB: -64, podSlots: -2 } });
  });

  test('first fit decreasing: the large pods go first, so the small ones fill their gaps', () => {
    const node = { allocatableCpuMillis: 1000, allocatableMemoryMiB: 1000, maxPods: 110 };
    // Listed small first. Largest first: 600, 600 on two nodes, then each 400 beside a 600: 2 nodes.
    // (Placed in input order, 400 + 400 would share a node and each 600 need its own: 3 nodes.)
    const result = placePods([group('small', 2, 400, 1), group('large', 2, 600, 1)], node, 2, []);
    expect(result).toMatchObject({ fits: true, nodesNeeded: 2 });
  });

  test('size is the largest share of the node a pod takes, memory included', () => {
    const node = { allocatableCpuMillis: 1000, allocatableMemoryMiB: 1000, maxPods: 110 };
    // Both take 1% of the CPU; by memory "heavy" (60%) is larger than "light" (40%), so it goes first:
    // 600 + 400 MiB on each of 2 nodes. Input order would put 400 + 400 together and need 3.
    const result = placePods([group('light', 2, 10, 400), group('heavy', 2, 10, 600)], node, 2, []);
    expect(result).toMatchObject({ fits: true, nodesNeeded: 2 });
  });

  test('ties are broken by name, then input order, so results are stable', () => {
    const node = { allocatableCpuMillis: 1000, allocatableMemoryMiB: 1000, maxPods: 110 };
    // Same size: "a" packs first and takes the only node; "b" is left over, wherever it is listed.
    for (const groups of [[group('b', 1, 600, 1), group('a', 1, 600, 1)], [group('a', 1, 600, 1), group('b', 1, 600, 1)]]) {
      const result = placePods(groups, node, 1, []);
      expect(result.groups.find((o) => o.group.name === 'a')!.placed).toBe(1);
      expect(result.groups.find((o) => o.group.name === 'b')!.placed).toBe(0);
    }
  });

  test('no replicas, or no nodes', () => {
    expect(placePods([], M5_LARGE, 0)).toMatchObject({ fits: true, nodesNeeded: 0, nodesUsed: 0 });
    expect(placePods([group('web', 0, 100, 100)], M5_LARGE, 0)).toMatchObject({ fits: true, nodesNeeded: 0 });
    expect(placePods([group('web', 2, 100, 100)], M5_LARGE, 0)).toMatchObject({ fits: false, nodesNeeded: 1, nodesUsed: 0, shortfall: { replicas: 2 } });
  });

  test('pods that request nothing still take a slot', () => {
    expect(placePods([group('idle', 27, 0, 0)], M5_LARGE, 1).groups[0]).toMatchObject({ placed: 26, unplaced: 1 });
  });

  test('counts replicas, not loops: a trillion pods on ten thousand nodes answer at once', () => {
    const node = { allocatableCpuMillis: 64_000, allocatableMemoryMiB: 256_000, maxPods: 250 };
    const result = placePods([group('swarm', 1e12, 1, 1), group('web', 7, 1000, 1024)], node, 10_000);
    expect(result.nodesNeeded).toBe(Math.ceil((1e12 + 7) / 247));
    expect(result.groups[0]!.placed + result.groups[1]!.placed).toBe(10_000 * 247);
  });

  test.each([
    ['fractional replicas', [group('x', 1.5, 1, 1)], M5_LARGE, 1],
    ['negative CPU', [group('x', 1, -1, 1)], M5_LARGE, 1],
    ['NaN memory', [group('x', 1, 1, NaN)], M5_LARGE, 1],
    ['fractional maxNodes', [], M5_LARGE, 1.5],
    ['a node with no finite memory', [], { ...M5_LARGE, allocatableMemoryMiB: Infinity }, 1],
  ])('%s: RangeError', (_what, groups, node, maxNodes) => {
    expect(() => placePods(groups, node, maxNodes)).toThrow(RangeError);
  });

  test('a DaemonSet with a negative request: RangeError', () => {
    expect(() => placePods([], M5_LARGE, 1, [{ name: 'bad', cpuMillis: -1, memoryMiB: 0 }])).toThrow(/daemonSets\[0\] \(bad\)/);
  });
});

/**
 * The reference: the same first fit decreasing, replica by replica, on explicit nodes, checking every
 * node stays within its room. The run-length packing must agree with it exactly.
 */
function referencePacking(groups: readonly PodGroup[], node: NodeShape, daemonSets: readonly DaemonSetPod[]) {
  const room = {
    cpu: Math.floor(node.allocatableCpuMillis) - daemonSets.reduce((s, d) => s + Math.ceil(d.cpuMillis), 0),
    bytes: Math.floor(node.allocatableMemoryMiB * MIB) - daemonSets.reduce((s, d) => s + Math.ceil(d.memoryMiB * MIB), 0),
    slots: Math.floor(node.maxPods) - daemonSets.length,
  };
  const free = { cpu: Math.max(0, room.cpu), bytes: Math.max(0, room.bytes), slots: Math.max(0, room.slots) };
  const need = groups.map((g) => ({ cpu: Math.ceil(g.cpuMillis), bytes: Math.ceil(g.memoryMiB * MIB) }));
  const share = (u: number, of: number): number => (of > 0 ? u / of : u > 0 ? Infinity : 0);
  const order = groups.map((g, i) => ({ g, i, size: Math.max(share(need[i]!.cpu, free.cpu), share(need[i]!.bytes, free.bytes), share(1, free.slots)) }))
    .sort((a, b) => b.size - a.size || a.g.name.localeCompare(b.g.name) || a.i - b.i);
  const nodes: Array<{ cpu: number; bytes: number; slots: number; pods: number[] }> = [];
  for (const { g, i } of order) {
    const d = need[i]!;
    if (d.cpu > free.cpu || d.bytes > free.bytes || free.slots < 1) continue;
    for (let r = 0; r < g.replicas; r++) {
      let n = nodes.findIndex((b) => b.cpu >= d.cpu && b.bytes >= d.bytes && b.slots >= 1);
      if (n < 0) n = nodes.push({ ...free, pods: groups.map(() => 0) }) - 1;
      const b = nodes[n]!;
      b.cpu -= d.cpu;
      b.bytes -= d.bytes;
      b.slots -= 1;
      b.pods[i]! += 1;
      expect(b.cpu >= 0 && b.bytes >= 0 && b.slots >= 0).toBe(true); // never more than a node holds
    }
  }
  return nodes;
}

describe('properties', () => {
  const podGroup = fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    replicas: fc.integer({ min: 0, max: 40 }),
    cpuMillis: fc.oneof(fc.integer({ min: 0, max: 2500 }), fc.double({ min: 0, max: 2500, noNaN: true })),
    memoryMiB: fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.double({ min: 0, max: 9000, noNaN: true })),
  });
  const nodeShape = fc.oneof(
    fc.constant(M5_LARGE),
    fc.record({
      allocatableCpuMillis: fc.integer({ min: 0, max: 8000 }),
      allocatableMemoryMiB: fc.double({ min: 0, max: 32_000, noNaN: true }),
      maxPods: fc.integer({ min: 0, max: 60 }),
    }),
  );
  const daemonSets = fc.oneof(fc.constant(EKS_ADDON_DAEMONSET_PODS), fc.constant([]), fc.array(fc.record({
    name: fc.constant('ds'), cpuMillis: fc.integer({ min: 0, max: 300 }), memoryMiB: fc.integer({ min: 0, max: 300 }),
  }), { maxLength: 3 }));

  test('agrees with replica-by-replica first fit, which never fills a node past its room', () => {
    fc.assert(fc.property(fc.array(podGroup, { maxLength: 5 }), nodeShape, fc.integer({ min: 0, max: 12 }), daemonSets, (groups, node, maxNodes, ds) => {
      const result = placePods(groups, node, maxNodes, ds);
      const nodes = referencePacking(groups, node, ds);
      expect(result.nodesNeeded).toBe(nodes.length);
      groups.forEach((g, i) => {
        const placed = nodes.slice(0, maxNodes).reduce((s, n) => s + n.pods[i]!, 0);
        expect(result.groups[i]!.placed).toBe(placed);
        expect(result.groups[i]!.unplaced).toBe(g.replicas - placed);
      });
    }), RUNS);
  });

  test('never claims a fit that overflows: what it places stays within maxNodes nodes in every dimension', () => {
    fc.assert(fc.property(fc.array(podGroup, { maxLength: 5 }), nodeShape, fc.integer({ min: 0, max: 12 }), (groups, node, maxNodes) => {
      const result = placePods(groups, node, maxNodes);
      const { cpuMillis, memoryMiB, podSlots } = result.perNode;
      const placed = result.groups.reduce((s, o) => ({
        cpu: s.cpu + o.placed * Math.ceil(o.group.cpuMillis),
        bytes: s.bytes + o.placed * Math.ceil(o.group.memoryMiB * MIB),
        pods: s.pods + o.placed,
      }), { cpu: 0, bytes: 0, pods: 0 });
      expect(result.nodesUsed).toBeLessThanOrEqual(maxNodes);
      expect(placed.cpu).toBeLessThanOrEqual(Math.max(0, cpuMillis) * maxNodes);
      expect(placed.bytes).toBeLessThanOrEqual(Math.max(0, Math.round(memoryMiB * MIB)) * maxNodes);
      expect(placed.pods).toBeLessThanOrEqual(Math.max(0, podSlots) * maxNodes);
      if (result.fits) {
        expect(result.nodesNeeded).toBeLessThanOrEqual(maxNodes);
        expect(result.groups.every((o) => (o.unplaced === 0 && o.tooBig.length === 0) || o.group.replicas === 0)).toBe(true);
      }
      // the shortfall is exactly what the unplaced replicas request
      expect(result.shortfall.replicas).toBe(result.groups.reduce((s, o) => s + o.unplaced, 0));
      expect(result.shortfall.podSlots).toBe(result.shortfall.replicas);
    }), RUNS);
  });

  test('more nodes never place fewer pods, and the node count needed does not depend on maxNodes', () => {
    fc.assert(fc.property(fc.array(podGroup, { maxLength: 4 }), nodeShape, fc.integer({ min: 0, max: 10 }), (groups, node, maxNodes) => {
      const fewer = placePods(groups, node, maxNodes);
      const more = placePods(groups, node, maxNodes + 1);
      expect(more.shortfall.replicas).toBeLessThanOrEqual(fewer.shortfall.replicas);
      expect(more.nodesNeeded).toBe(fewer.nodesNeeded);
      expect(placePods(groups, node, fewer.nodesNeeded).shortfall.replicas).toBe(fewer.groups.filter((o) => o.tooBig.length > 0).reduce((s, o) => s + o.group.replicas, 0));
    }), RUNS);
  });
});

describe('toleratesTaints: Kubernetes\' toleration rule against CloudFormation\'s node group taints', () => {
  const gpu = [{ Key: 'nvidia.com/gpu', Value: 'true', Effect: 'NO_SCHEDULE' }];
  test.each([
    ['no taints', [], undefined, true],
    ['a NoSchedule taint, no tolerations', [], gpu, false],
    ['Equal with the same key and value', [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true' }], gpu, true],
    ['Equal (the default operator) with another value', [{ key: 'nvidia.com/gpu', value: 'false' }], gpu, false],
    ['Exists on the key', [{ key: 'nvidia.com/gpu', operator: 'Exists' }], gpu, true],
    ['Exists with no key tolerates everything', [{ operator: 'Exists' }], gpu, true],
    ['the effect must be empty or the same', [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute' }], gpu, false],
    ['PreferNoSchedule keeps no pod off', [], [{ Key: 'spot', Value: 'true', Effect: 'PREFER_NO_SCHEDULE' }], true],
    ['NoExecute counts like NoSchedule', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], [{ Key: 'dedicated', Effect: 'NO_EXECUTE' }], true],
  ])('%s', (_, tolerations, taints, expected) => {
    expect(toleratesTaints(tolerations, taints)).toBe(expected);
  });
});
