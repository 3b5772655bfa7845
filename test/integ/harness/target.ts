import { openTarget as openLocalTarget, Target } from '../../../local/target';

export { EMULATOR_ACCOUNT, EMULATOR_REGION } from '../../../local/target';
export type { Target } from '../../../local/target';

/**
 * Opens the target named by `INTEG_TARGET`: `emulator` (default) starts a local moto server with
 * dummy credentials; `aws` uses the caller's credentials and region (`AWS_REGION`, profile, SSO...).
 */
export function openTarget(): Promise<Target> {
  return openLocalTarget(process.env.INTEG_TARGET ?? 'emulator');
}
