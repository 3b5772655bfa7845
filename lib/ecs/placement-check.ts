import { Annotations, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { InstanceTypeCatalog } from './instance-types';
import { PlacementInstance, PlacementSimulator, PlacementTask, TaskDemand } from './placement';

/** What the check needs to know about one EC2 capacity. */
export interface PlacementCapacity {
  readonly name: string;
  readonly instanceTypes: string[];
  readonly maxCapacity: number;
}

interface PoolInfo {
  readonly name: string;
  /** The smallest instance type (worst case at max capacity). */
  readonly smallest: string;
  readonly instances: PlacementInstance[];
  /** The most CPU and memory any one instance type offers tasks. */
  readonly largestCpu: number;
  readonly largestMemoryMiB: number;
}

/**
 * The cluster's placement check, run from `node.addValidation` once the tree is finished.
 * Throws ValidationError for a task larger than every instance type it may use; adds a
 * warning on `cluster` when tasks do not all fit at max capacity. Returns no messages.
 */
export function checkPlacement(cluster: Construct, capacities: readonly PlacementCapacity[], demands: readonly TaskDemand[]): string[] {
  checkCapacityNames(capacities, demands);
  const concrete = demands.filter((d) => ![d.cpu, d.memoryMiB, d.count].some((v) => Token.isUnresolved(v)) && d.count > 0);
  if (concrete.length === 0) return [];

  if (capacities.length === 0) {
    Annotations.of(cluster).addWarningV2('cdk-containers:placement-no-ec2-capacity',
      `Tasks of ${concrete.map((d) => d.name).join(', ')} ask for EC2 capacity, but this cluster has no ClusterCapacity.ec2 entry.`);
    return [];
  }

  // Only capacities some demand may use: a capacity nobody targets needs no check (and no warning).
  const anyPool = concrete.some((d) => d.capacityName === undefined);
  const used = new Set(concrete.map((d) => d.capacityName));
  const pools = new Map<string, PoolInfo>();
  for (const capacity of capacities) {
    if (!anyPool && !used.has(capacity.name)) continue;
    const infos = capacity.instanceTypes.map((t) => InstanceTypeCatalog.lookup(t));
    const unknown = capacity.instanceTypes.filter((_t, i) => infos[i] === undefined);
    if (unknown.length > 0 || Token.isUnresolved(capacity.maxCapacity)) {
      Annotations.of(cluster).addWarningV2('cdk-containers:placement-unknown-instance-type',
        `Placement check skipped for EC2 capacity ${capacity.name}: the size of ${unknown.join(', ') || 'maxCapacity'} is not known at synth.`);
      continue;
    }
    const resources = infos.map((info) => PlacementSimulator.schedulableResources(info!));
    // Mixed instance types: assume the smallest at max capacity, the worst case the group may launch.
    let smallestIndex = 0;
    resources.forEach((r, i) => {
      const s = resources[smallestIndex]!;
      if (r.cpu * r.memoryMiB < s.cpu * s.memoryMiB) smallestIndex = i;
    });
    const smallest = resources[smallestIndex]!;
    const label = capacity.instanceTypes[smallestIndex]!;
    const instances = Array.from({ length: capacity.maxCapacity }, () => ({ label, pool: capacity.name, cpu: smallest.cpu, memoryMiB: smallest.memoryMiB }));
    pools.set(capacity.name, {
      name: capacity.name,
      smallest: label,
      instances,
      largestCpu: Math.max(...resources.map((r) => r.cpu)),
      largestMemoryMiB: Math.max(...resources.map((r) => r.memoryMiB)),
    });
  }

  const tasks: PlacementTask[] = [];
  for (const demand of concrete) {
    const candidates = demand.capacityName !== undefined ? [pools.get(demand.capacityName)] : [...pools.values()];
    const known = candidates.filter((p): p is PoolInfo => p !== undefined);
    if (known.length === 0) continue; // only capacities of unknown size: skipped with a warning above
    const fitsSomewhere = known.some((p) => demand.cpu <= p.largestCpu && demand.memoryMiB <= p.largestMemoryMiB);
    if (!fitsSomewhere) {
      throw new ValidationError(demand.source, {
        property: 'task size',
        value: `${demand.cpu} CPU units, ${demand.memoryMiB} MiB`,
        allowed: 'at most ' + known.map((p) => `${p.largestCpu} CPU units and ${p.largestMemoryMiB} MiB (largest type of EC2 capacity ${p.name})`).join(' or '),
        hint: 'the limits are the instance type\'s vCPUs x 1024 and its memory less a 5% agent/OS reservation; use a larger instance type or a smaller task',
      });
    }
    tasks.push({ name: demand.name, cpu: demand.cpu, memoryMiB: demand.memoryMiB, count: demand.count, pool: demand.capacityName });
  }

  const instances = [...pools.values()].flatMap((p) => p.instances);
  const result = PlacementSimulator.simulate(instances, tasks);
  for (const outcome of result.outcomes) {
    if (outcome.unplaced === 0) continue;
    const where = [...pools.values()]
      .filter((p) => outcome.task.pool === undefined || p.name === outcome.task.pool)
      .map((p) => `${p.instances.length} x ${p.smallest} (${p.name})`)
      .join(' + ');
    Annotations.of(cluster).addWarningV2('cdk-containers:placement-shortfall',
      `${outcome.unplaced} of ${outcome.task.count} tasks of ${outcome.task.name} (${outcome.task.cpu} CPU, ${outcome.task.memoryMiB} MiB) ` +
      `do not fit on ${where} at max capacity; short by ${outcome.shortCpu} CPU units / ${outcome.shortMemoryMiB} MiB. ` +
      'Raise maxCapacity, use larger instance types or lower the desired count.');
  }
  return [];
}

/**
 * Every demand's `capacityName` must name an EC2 capacity of the cluster: demands whose sizes or
 * counts are tokens too, which the placement itself skips. A cluster without EC2 capacity gets the
 * no-capacity warning instead.
 */
function checkCapacityNames(capacities: readonly PlacementCapacity[], demands: readonly TaskDemand[]): void {
  if (capacities.length === 0) return;
  for (const demand of demands) {
    if (demand.capacityName !== undefined && !capacities.some((c) => c.name === demand.capacityName)) {
      throw new ValidationError(demand.source, { property: 'capacityName', value: demand.capacityName, allowed: capacities.map((c) => c.name).join(', ') });
    }
  }
}
