import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { isToken } from '../../private/validate';

/** The label Karpenter and EKS Auto Mode put on every node of a NodePool: its name. */
export const NODE_POOL_LABEL = 'karpenter.sh/nodepool';

/**
 * Label key prefixes a NodePool's template may not set: Karpenter's and EKS's own (they label the
 * nodes with them), and the Kubernetes namespaces kubelet keeps (checked on node labels already).
 */
export const RESERVED_NODE_LABEL_PREFIXES = ['karpenter.sh/', 'karpenter.k8s.aws/', 'eks.amazonaws.com/'];

/**
 * A duration in Go's notation as the NodePool's fields take it (`336h`, `1h30m`, `45s`, `0s`), from
 * whole seconds (0 or more).
 */
export function karpenterDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}

/** A budget's `nodes`: a whole number or a percentage 0-100% (the NodePool CRD's pattern). */
export function checkBudgetNodes(scope: IConstruct, property: string, nodes: string): void {
  if (isToken(nodes) || !/^((100|[0-9]{1,2})%|[0-9]+)$/.test(nodes)) {
    throw new ValidationError(scope, {
      property, value: nodes, allowed: 'a whole number of nodes ("5", "0" blocks disruption) or a percentage from "0%" to "100%"',
    });
  }
}

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** The five fields of a cron schedule: name, lowest, highest, and the names a field takes. */
const FIELDS: Array<[string, number, number, string[]]> = [
  ['minute', 0, 59, []], ['hour', 0, 23, []], ['day of month', 1, 31, []], ['month', 1, 12, MONTHS], ['day of week', 0, 6, DAYS],
];

/**
 * A budget's `schedule`: a macro or five cron fields (robfig/cron's standard parser, which
 * Karpenter uses), each `*`, a value, a range `a-b`, a list `a,b`, with an optional step `/n`;
 * months and days of week also by their three-letter names.
 */
export function checkBudgetSchedule(scope: IConstruct, property: string, schedule: string): void {
  const fail = (why: string): never => {
    throw new ValidationError(scope, {
      property, value: schedule,
      allowed: `a cron schedule of five fields (minute hour day-of-month month day-of-week, UTC, e.g. "0 9 * * mon-fri") or one of ${MACROS.join(', ')}`,
      hint: why,
    });
  };
  if (isToken(schedule)) fail('the NodePool is a manifest rendered at synth: a token would reach the cluster unresolved');
  if (MACROS.includes(schedule.trim())) return;
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) fail(`${fields.length} fields`);
  fields.forEach((field, i) => {
    const [name, low, high, names] = FIELDS[i];
    const value = (text: string): number => {
      const byName = names.indexOf(text.toLowerCase());
      const n = byName >= 0 ? byName + (name === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
      // robfig/cron's standard parser bounds the day of week at 0-6 (7 is refused, unlike Vixie cron).
      if (!(n >= low && n <= high)) fail(`the ${name} field's "${text}" is not from ${low} to ${high}`);
      return n;
    };
    for (const part of field.split(',')) {
      const [range, step] = part.split('/');
      if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) fail(`the ${name} field's step "${step}" is not a whole number of 1 or more`);
      if (range === '*' || range === '?') continue;
      const [from, to] = range.split('-');
      const start = value(from);
      if (to !== undefined && value(to) < start) fail(`the ${name} field's range "${range}" runs backwards`);
    }
  });
}

/** A taint's effect as aws-eks-v2 and CloudFormation spell it (`NO_SCHEDULE`) -> as Kubernetes does (`NoSchedule`). */
export function kubernetesEffect(effect: eks.TaintEffect | undefined): string {
  switch (effect) {
    case eks.TaintEffect.NO_EXECUTE: return 'NoExecute';
    case eks.TaintEffect.PREFER_NO_SCHEDULE: return 'PreferNoSchedule';
    default: return 'NoSchedule';
  }
}

/**
 * The first Karpenter release that supports each Kubernetes minor version (Karpenter's compatibility
 * matrix, website/content/en/docs/upgrading/compatibility.md, read 2026-12-08): 1.29 needs 0.34, ...,
 * 1.35 needs 1.9. Versions before 1.0 are not offered: the library writes the v1 APIs.
 */
const KARPENTER_MINIMUM: Record<number, [number, number, number]> = {
  29: [1, 0, 0], 30: [1, 0, 0], 31: [1, 0, 5], 32: [1, 2, 0], 33: [1, 5, 0], 34: [1, 6, 0], 35: [1, 9, 0],
};

/** The newest Kubernetes minor version in the matrix the library has. */
export const KARPENTER_NEWEST_KUBERNETES_MINOR = 35;

/** The first Karpenter release for a Kubernetes minor version, or undefined for one the matrix does not list. */
export function karpenterMinimumVersion(kubernetesMinor: number): [number, number, number] | undefined {
  return KARPENTER_MINIMUM[kubernetesMinor];
}

/** A Karpenter release `1.x.y` (optionally with a leading `v`) as numbers, or undefined for another shape. */
export function parseKarpenterVersion(version: string): [number, number, number] | undefined {
  if (isToken(version)) return undefined;
  const match = /^v?(1)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}
