import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from './validate';

/**
 * The Amazon EKS Kubernetes release calendar: when standard support (14 months from the EKS release)
 * and extended support (12 months more, at a higher price per cluster-hour) end for each minor
 * version, in UTC. Billing for extended support starts at the beginning of the end-of-standard day.
 * Source: EKS User Guide, "Understand the Kubernetes version lifecycle on EKS", release calendar
 * (1.29 to 1.34), and endoflife.date/amazon-eks for 1.35; transcribed 2026-12-07.
 */
const CALENDAR: Readonly<Record<number, { readonly endOfStandard: string; readonly endOfExtended: string }>> = {
  29: { endOfStandard: '2025-03-23', endOfExtended: '2026-03-23' },
  30: { endOfStandard: '2025-07-23', endOfExtended: '2026-07-23' },
  31: { endOfStandard: '2025-11-26', endOfExtended: '2026-11-26' },
  32: { endOfStandard: '2026-03-23', endOfExtended: '2027-03-23' },
  33: { endOfStandard: '2026-07-29', endOfExtended: '2027-07-29' },
  34: { endOfStandard: '2026-12-02', endOfExtended: '2027-12-02' },
  35: { endOfStandard: '2027-03-27', endOfExtended: '2028-03-27' },
};
const OLDEST_LISTED = Math.min(...Object.keys(CALENDAR).map(Number));
const NEWEST_LISTED = Math.max(...Object.keys(CALENDAR).map(Number));

/** Parses "1.NN" into its minor number; undefined when the version is a token or not of that form. */
export function kubernetesMinor(version: string): number | undefined {
  if (isToken(version)) return undefined;
  const match = /^1\.(\d{1,3})$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** The EKS control plane per cluster-hour in standard and in extended support (EKS pricing, the same in every Region). */
export const EKS_STANDARD_SUPPORT_HOUR = 0.10;
export const EKS_EXTENDED_SUPPORT_HOUR = 0.60;

/** The context key that fixes the day the support checks judge against (`YYYY-MM-DD`, UTC). */
export const SUPPORT_DATE_CONTEXT = 'cdk-containers:kubernetesSupportDate';

/** Where a Kubernetes minor version stands in EKS support on a given day. */
export enum SupportPhase {
  /** In standard support (or newer than the calendar: EKS released it less than 14 months ago). */
  STANDARD = 'standard',
  /** Past the end of standard support: extended support, or an automatic upgrade under the STANDARD policy. */
  EXTENDED = 'extended',
  /** Past the end of extended support: EKS creates no cluster on it and upgrades the ones left. */
  ENDED = 'ended',
}

/** The support status of one minor version on one day. */
export interface SupportStatus {
  /** The phase. */
  readonly phase: SupportPhase;
  /** The first day of extended support, `YYYY-MM-DD`; undefined for versions newer than the calendar. */
  readonly endOfStandard?: string;
  /** The first day after extended support, `YYYY-MM-DD`; undefined for versions newer than the calendar. */
  readonly endOfExtended?: string;
  /** The oldest minor version in standard support that day (the version to upgrade to). */
  readonly oldestStandardMinor: number;
  /** The oldest minor version EKS still runs that day (in standard or extended support). */
  readonly oldestAvailableMinor: number;
}

/** The support status of Kubernetes `1.<minor>` on `day` (`YYYY-MM-DD`). Versions older than the calendar have ended. */
export function supportStatus(minor: number, day: string): SupportStatus {
  const oldest = { oldestStandardMinor: oldestBefore(day, 'endOfStandard'), oldestAvailableMinor: oldestBefore(day, 'endOfExtended') };
  if (minor < OLDEST_LISTED) return { phase: SupportPhase.ENDED, ...oldest };
  const dates = CALENDAR[minor];
  if (dates === undefined) return { phase: SupportPhase.STANDARD, ...oldest };
  const phase = day < dates.endOfStandard ? SupportPhase.STANDARD : day < dates.endOfExtended ? SupportPhase.EXTENDED : SupportPhase.ENDED;
  return { phase, endOfStandard: dates.endOfStandard, endOfExtended: dates.endOfExtended, ...oldest };
}

/** The oldest minor version whose `end` is after `day`: the first listed one, else the one after the calendar. */
function oldestBefore(day: string, end: 'endOfStandard' | 'endOfExtended'): number {
  for (let minor = OLDEST_LISTED; minor <= NEWEST_LISTED; minor++) {
    if (day < CALENDAR[minor][end]) return minor;
  }
  return NEWEST_LISTED + 1;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Today in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The day the support checks of `scope` judge against: the `cdk-containers:kubernetesSupportDate`
 * context value when set (for a synthesis that gives the same warnings every day), else today (UTC).
 */
export function supportDate(scope: IConstruct): string {
  const value: unknown = scope.node.tryGetContext(SUPPORT_DATE_CONTEXT);
  if (value === undefined) return todayUtc();
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw new ValidationError(scope, {
      property: `context ${SUPPORT_DATE_CONTEXT}`,
      value,
      allowed: 'a day written YYYY-MM-DD, e.g. "2026-12-07"',
      hint: 'the day the Kubernetes version support checks judge against; leave it unset for today',
    });
  }
  return value;
}
