import { openSession as openLocalSession, Session } from '../../../local/session';
import { CdkCli } from './cdk';

export { unexplained } from '../../../local/session';
export type { DestroyReport } from '../../../local/session';

/** One integ app on one target: the CLI, and created-vs-skipped accounting after each deploy. */
export type IntegSession = Session<CdkCli>;

/**
 * Opens the target named by `INTEG_TARGET` (a fresh emulator on its own port, or the AWS account),
 * bootstraps it and starts synthesizing the app's default variant while bootstrap runs.
 */
export function openSession(appFile: string): Promise<IntegSession> {
  return openLocalSession((target) => new CdkCli(target, appFile), { targetKind: process.env.INTEG_TARGET ?? 'emulator' });
}
