import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';
import { InstanceTypeInfo } from './instance-types';

/**
 * What one service (or task) asks of a cluster's EC2 capacity, for the synth-time placement check.
 *
 * `EcsService` reports one demand per service that runs on EC2 capacity through
 * {@link EcsCluster.addTaskDemand}; anyone else can too.
 */
export interface TaskDemand {
  /** The construct that asks (a service): warnings and errors are reported against its path. */
  readonly source: IConstruct;
  /** A readable name for messages, usually the service's construct path. */
  readonly name: string;
  /** CPU units per task (1024 = 1 vCPU), 0 or more. A token is skipped. */
  readonly cpu: number;
  /** Memory per task in MiB, above 0. A token is skipped. */
  readonly memoryMiB: number;
  /** How many tasks, a whole number from 0 (the desired count; use the maximum when the service autoscales). A token is skipped. */
  readonly count: number;
  /**
   * The `name` of the `ClusterCapacity.ec2` entry the tasks run on (checked when the tree is finished).
   * @default - any EC2 capacity of the cluster
   */
  readonly capacityName?: string;
}

/** See `PlacementSimulator.AGENT_MEMORY_RESERVATION_FRACTION`, which documents the assumption and its sources. */
const AGENT_MEMORY_RESERVATION_FRACTION = 0.05;

/** CPU units per vCPU, as ECS counts them. */
const CPU_UNITS_PER_VCPU = 1024;

/** One EC2 instance as the simulator sees it: what tasks may use on it. */
export interface PlacementInstance {
  /** A label for messages, e.g. the instance type. */
  readonly label: string;
  /** The capacity (pool) it belongs to; tasks with a `pool` only land on instances of that pool. */
  readonly pool: string;
  /** CPU units tasks may use: a finite number, 0 or more. */
  readonly cpu: number;
  /** Memory in MiB tasks may use: a finite number, 0 or more. */
  readonly memoryMiB: number;
}

/** A group of identical tasks to place. */
export interface PlacementTask {
  /** A name for messages. */
  readonly name: string;
  /** CPU units per task: a finite number, 0 or more. */
  readonly cpu: number;
  /** Memory in MiB per task: a finite number, 0 or more. */
  readonly memoryMiB: number;
  /** How many tasks: a whole number, 0 or more. */
  readonly count: number;
  /**
   * The pool the tasks must run in.
   * @default - any pool
   */
  readonly pool?: string;
}

/** How one group of tasks fared. */
export interface PlacementOutcome {
  /** The task group, as given. */
  readonly task: PlacementTask;
  /** How many of its tasks were placed. */
  readonly placed: number;
  /** How many were not. */
  readonly unplaced: number;
  /** CPU units the unplaced tasks need (the extra capacity that would make them fit, at best). */
  readonly shortCpu: number;
  /** Memory in MiB the unplaced tasks need. */
  readonly shortMemoryMiB: number;
}

/** The result of {@link PlacementSimulator.simulate}. */
export interface PlacementResult {
  /** One outcome per task group, in input order. */
  readonly outcomes: PlacementOutcome[];
  /** True when every task was placed. */
  readonly allPlaced: boolean;
  /** CPU units left free on each instance after placement, in input order. */
  readonly freeCpu: number[];
  /** Memory in MiB left free on each instance after placement, in input order. */
  readonly freeMemoryMiB: number[];
}

/** What tasks may use on one container instance. */
export interface SchedulableResources {
  /** CPU units (1024 per vCPU). */
  readonly cpu: number;
  /** Memory in MiB, less what the agent and OS reserve. */
  readonly memoryMiB: number;
}

/**
 * The placement arithmetic of the synth-time placement check, for capacity planning and tests:
 * what an instance offers to tasks, and how tasks pack onto instances.
 *
 * `EcsCluster` runs the same code on every synthesis; this class makes it callable on its own,
 * from every jsii language.
 */
export class PlacementSimulator {
  /**
   * The share of an instance's installed memory the simulator assumes is not available to tasks.
   *
   * Assumption and source: the ECS container agent registers the memory the OS reports, which is
   * less than the installed memory because of platform and kernel overhead ("Reserving Amazon ECS
   * Linux container instance memory", ECS Developer Guide: an m4.large with 8192 MiB installed
   * registers about 7985 MiB, 2.5% less). `ECS_RESERVED_MEMORY` defaults to 0, and AWS recommends
   * keeping about 5% for the agent and critical system processes (AWS Batch User Guide, "Reserve
   * system memory"). The simulator therefore keeps 5% of installed memory, rounded up to a whole
   * MiB, away from tasks. CPU is registered in full (1024 units per vCPU).
   */
  public static readonly AGENT_MEMORY_RESERVATION_FRACTION = AGENT_MEMORY_RESERVATION_FRACTION;

  /** CPU units per vCPU, as ECS counts them. */
  public static readonly CPU_UNITS_PER_VCPU = CPU_UNITS_PER_VCPU;

  /**
   * What tasks may use on one instance of a type: all its CPU units, and its installed memory
   * minus the agent/OS reservation ({@link PlacementSimulator.AGENT_MEMORY_RESERVATION_FRACTION}).
   *
   * @param info the instance type, e.g. from `InstanceTypeCatalog.lookup('m7g.large')`: a whole
   * number of vCPUs above 0 and a finite memory above 0 (a ValidationError otherwise)
   */
  public static schedulableResources(info: InstanceTypeInfo): SchedulableResources {
    checkNumber('info.vcpus', info.vcpus, { integer: true, positive: true });
    checkNumber('info.memoryMiB', info.memoryMiB, { integer: false, positive: true });
    return schedulableResources(info);
  }

  /**
   * Simulates placing tasks on instances with first-fit-decreasing bin packing on CPU and memory.
   *
   * Tasks are taken one by one, largest first (by the larger of their CPU share and memory
   * share of the biggest instance; ties by name, so results are stable), and each goes on the
   * first instance, in input order, of its pool with enough CPU and memory left. This mirrors
   * ECS's BINPACK placement closely enough to tell "fits" from "does not fit" at synth; it is
   * a heuristic, so it can report a shortfall that a cleverer packing would avoid, never the
   * reverse.
   *
   * @param instances the instances, in the order they are tried (CPU and memory finite, 0 or more)
   * @param tasks what to place (CPU and memory finite, 0 or more; a whole count, 0 or more)
   */
  public static simulate(instances: PlacementInstance[], tasks: PlacementTask[]): PlacementResult {
    instances.forEach((instance, i) => {
      checkNumber(`instances[${i}].cpu`, instance.cpu, { integer: false, positive: false });
      checkNumber(`instances[${i}].memoryMiB`, instance.memoryMiB, { integer: false, positive: false });
    });
    tasks.forEach((task, i) => {
      checkNumber(`tasks[${i}].cpu`, task.cpu, { integer: false, positive: false });
      checkNumber(`tasks[${i}].memoryMiB`, task.memoryMiB, { integer: false, positive: false });
      checkNumber(`tasks[${i}].count`, task.count, { integer: true, positive: false });
    });
    return simulatePlacement(instances, tasks);
  }

  private constructor() {}
}

/**
 * The scope the simulator's ValidationErrors name: it is called outside any construct tree, so
 * its errors read `[PlacementSimulator] tasks[0].count: ...`.
 */
const SIMULATOR_SCOPE: IConstruct = new Construct(new Construct(undefined as unknown as Construct, ''), 'PlacementSimulator');

/**
 * Checks one simulator input: a concrete, finite number, 0 or more (above 0 when `positive`), whole
 * when `integer`. Tokens are refused: the simulator needs the numbers (NaN would place nothing, an
 * infinite count of tasks that fit would never end).
 */
function checkNumber(property: string, value: number, rule: { readonly integer: boolean; readonly positive: boolean }): void {
  if (isToken(value)) {
    throw new ValidationError(SIMULATOR_SCOPE, { property, value, allowed: 'a concrete number', hint: 'the simulator runs at synth; resolve the token first, or leave it out' });
  }
  const ok = Number.isFinite(value) && (rule.positive ? value > 0 : value >= 0) && (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const what = `${rule.integer ? 'a whole number' : 'a finite number'}${rule.positive ? ' above 0' : ', 0 or more'}`;
    throw new ValidationError(SIMULATOR_SCOPE, { property, value, allowed: what });
  }
}

function schedulableResources(info: InstanceTypeInfo): SchedulableResources {
  return {
    cpu: info.vcpus * CPU_UNITS_PER_VCPU,
    memoryMiB: info.memoryMiB - Math.ceil(info.memoryMiB * AGENT_MEMORY_RESERVATION_FRACTION),
  };
}

function simulatePlacement(instances: readonly PlacementInstance[], tasks: readonly PlacementTask[]): PlacementResult {
  const freeCpu = instances.map((i) => i.cpu);
  const freeMemoryMiB = instances.map((i) => i.memoryMiB);
  const maxCpu = Math.max(1, ...instances.map((i) => i.cpu));
  const maxMemory = Math.max(1, ...instances.map((i) => i.memoryMiB));

  const order = tasks
    .map((task, index) => ({ task, index, size: Math.max(task.cpu / maxCpu, task.memoryMiB / maxMemory) }))
    .sort((a, b) => b.size - a.size || a.task.name.localeCompare(b.task.name) || a.index - b.index);

  const placed = tasks.map(() => 0);
  for (const { task, index } of order) {
    for (let n = 0; n < task.count; n++) {
      const slot = instances.findIndex((instance, i) =>
        (task.pool === undefined || instance.pool === task.pool) && freeCpu[i] >= task.cpu && freeMemoryMiB[i] >= task.memoryMiB);
      if (slot < 0) break; // identical tasks: if one does not fit, none of the rest will
      freeCpu[slot] -= task.cpu;
      freeMemoryMiB[slot] -= task.memoryMiB;
      placed[index] += 1;
    }
  }

  const outcomes = tasks.map((task, index) => {
    const unplaced = task.count - placed[index];
    return { task, placed: placed[index]!, unplaced, shortCpu: unplaced * task.cpu, shortMemoryMiB: unplaced * task.memoryMiB };
  });
  return { outcomes, allPlaced: outcomes.every((o) => o.unplaced === 0), freeCpu, freeMemoryMiB };
}
