import { openSession as openLocalSession, Session } from '../../../local/session';
import { CdkCli } from './cdk';

export { unexplained } from '../../../local/session';
export type { DestroyReport } from '../../../local/session';

/** One integ app on one target: the CLI, and created-vs-skipped accounting after each deploy. */
export type IntegSession = Session<CdkCli>;

/**
 * Opens the target named by `INTEG_TARGET` (a fresh emulator on its own port, or the AWS account),
 * bootstraps it and starts synthesizing the app's default variant while bootstrap runs. A real
 * account is bootstrapped once per run, by test/integ/global-setup.ts, not by each app.
 */
export function openSession(appFile: string): Promise<IntegSession> {
  const targetKind = process.env.INTEG_TARGET ?? 'emulator';
  return openLocalSession((target) => new CdkCli(target, appFile), { targetKind, bootstrap: targetKind !== 'aws' || process.env[BOOTSTRAPPED] !== '1' });
}

/** Set by the integ tier's global setup once it has bootstrapped the real account. */
export const BOOTSTRAPPED = 'INTEG_ACCOUNT_BOOTSTRAPPED';

/**
 * How long each phase may take, by target: a real account creates NAT gateways, EKS control planes
 * and node groups (20 minutes and more) and waits for ECS services to settle; the emulator takes seconds.
 * Used as the timeouts of the hooks and tests that deploy, update, read back or destroy.
 */
export const PHASE_TIMEOUT = process.env.INTEG_TARGET === 'aws'
  ? { deploy: 60 * 60_000, update: 45 * 60_000, readBack: 20 * 60_000, destroy: 45 * 60_000 }
  : { deploy: 5 * 60_000, update: 5 * 60_000, readBack: 2 * 60_000, destroy: 5 * 60_000 };
