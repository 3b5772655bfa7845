import { CdkCli } from './cdk';
import { accountFor, ResourceAccount, unexplainedSkips } from './resources';
import { openTarget, Target } from './target';
import { timed } from './timing';

/** One integ app on one target: the CLI, and created-vs-skipped accounting after each deploy. */
export interface IntegSession {
  readonly target: Target;
  readonly cdk: CdkCli;
  /** Deploys the stacks with the context, then lists what each holds; returns the accounts. */
  deploy(stacks: string[], context?: Record<string, string>): Promise<ResourceAccount[]>;
  /** Stops what the session started (the emulator). */
  close(): Promise<void>;
}

/**
 * Opens the target (a fresh emulator on its own port, or the AWS account), bootstraps it and starts
 * synthesizing the app's default variant while bootstrap runs.
 */
export async function openSession(appFile: string): Promise<IntegSession> {
  const target = await timed('start target', () => openTarget());
  const cdk = new CdkCli(target, appFile);
  try {
    const assembly = cdk.synth();
    await cdk.bootstrap();
    await assembly;
  } catch (err) {
    await target.close();
    throw err;
  }
  return {
    target,
    cdk,
    close: () => target.close(),
    async deploy(stacks, context = {}) {
      await cdk.deploy(stacks, context);
      const accounts: ResourceAccount[] = [];
      for (const stack of stacks) accounts.push(await accountFor(target, stack, await cdk.template(stack, context)));
      return accounts;
    },
  };
}

/** Prints "created N of M" for each stack and returns every skipped resource that is not a known gap. */
export function unexplained(accounts: ResourceAccount[]): string[] {
  return accounts.flatMap((a) => unexplainedSkips(a));
}
