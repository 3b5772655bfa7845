/**
 * The integ tier's global setup (jest `globalSetup` of the integ project). On a real account
 * (`INTEG_TARGET=aws`) it runs `cdk bootstrap` once for the run, so the apps, which jest runs at
 * the same time, do not each bootstrap the same account; on the emulator each app has its own
 * emulator and bootstraps it. The CDK CLI is the project's, as the apps' deploys use.
 */
import { CdkCli } from './harness/cdk';
import { BOOTSTRAPPED } from './harness/session';
import { openTarget } from './harness/target';

export default async function globalSetup(): Promise<void> {
  if (process.env.INTEG_TARGET !== 'aws' || process.env[BOOTSTRAPPED] === '1') return;
  const target = await openTarget();
  try {
    await new CdkCli(target, __filename).bootstrap();
    process.env[BOOTSTRAPPED] = '1'; // the workers, started after this, inherit it
  } finally {
    await target.close();
  }
}
