import { CdkCli } from './cdk';
import { deleteRetained, Inventory, inventoryDiff, missingRetained, RetainedResource, retainedResources, takeInventory } from './inventory';
import { accountFor, ResourceAccount, unexplainedSkips } from './resources';
import { openTarget, Target } from './target';
import { timed } from './timing';

/** One app on one target: the CLI, and created-vs-skipped accounting after each deploy. */
export interface Session<C extends CdkCli = CdkCli> {
  readonly target: Target;
  readonly cdk: C;
  /** Deploys the stacks with the context, then lists what each holds; returns the accounts. */
  deploy(stacks: string[], context?: Record<string, string>): Promise<ResourceAccount[]>;
  /**
   * Destroys the stacks (`cdk destroy`) and compares the account with the inventory taken before the
   * first deploy: what is left must be exactly what the templates retain.
   */
  destroy(stacks: string[], context?: Record<string, string>): Promise<DestroyReport>;
  /** Deletes what the templates retained (after the caller checked it survived), leaving the account as it was. */
  deleteRetained(report: DestroyReport): Promise<void>;
  /** Stops what the session started (the emulator). */
  close(): Promise<void>;
}

/** What a destroy left behind, against the account before the first deploy. */
export interface DestroyReport {
  /** The resources the templates keep on delete (`DeletionPolicy: Retain`), read before the destroy. */
  readonly retained: RetainedResource[];
  /** `+kind id` for each object that exists now and did not before (retained ones excepted), `-kind id` for each that disappeared. */
  readonly leftovers: string[];
  /** Retained resources that are gone (each should still exist). */
  readonly missingRetained: string[];
}

/** How to open a session. */
export interface SessionOptions {
  /** `emulator` or `aws`. @default 'emulator' */
  readonly targetKind?: string;
  /** Synthesizes the app's default variant while bootstrap runs. @default true */
  readonly synthFirst?: boolean;
  /**
   * Bootstraps the target. Off when the caller bootstrapped the account once for many sessions (a real
   * account shared by a test run: one `cdk bootstrap`, not one per app at the same time). @default true
   */
  readonly bootstrap?: boolean;
}

/**
 * Opens the target (a fresh emulator on its own port, or the AWS account), bootstraps it and starts
 * synthesizing the app's default variant while bootstrap runs. `cli` makes the app's CLI for the target.
 */
export async function openSession<C extends CdkCli>(cli: (target: Target) => C, options: SessionOptions = {}): Promise<Session<C>> {
  const target = await timed('start target', () => openTarget(options.targetKind ?? 'emulator'));
  let before: Inventory;
  let cdk: C;
  try {
    cdk = cli(target);
    const assembly = cdk.synth();
    assembly.catch(() => undefined); // awaited below; a failure must not go unhandled while bootstrap runs
    if (options.bootstrap ?? true) await cdk.bootstrap();
    // After bootstrap (the toolkit stack stays), before any deploy: what a clean destroy returns to.
    before = await timed('inventory before deploy', () => takeInventory(target));
    await assembly;
  } catch (err) {
    await target.close();
    throw err;
  }
  return {
    target,
    cdk,
    close: () => target.close(),
    async destroy(stacks, context = {}) {
      const retained: RetainedResource[] = [];
      for (const stack of await cdk.select(stacks, context)) retained.push(...await retainedResources(target, stack.stackName, stack.templateFile));
      await cdk.destroy(stacks, context);
      const after = await timed('inventory after destroy', () => takeInventory(target));
      return { retained, leftovers: inventoryDiff(before, after, retained), missingRetained: missingRetained(after, retained) };
    },
    deleteRetained: (report) => deleteRetained(target, report.retained),
    async deploy(stacks, context = {}) {
      await cdk.deploy(stacks, context);
      const accounts: ResourceAccount[] = [];
      for (const stack of await cdk.select(stacks, context)) accounts.push(await accountFor(target, stack.stackName, stack.templateFile));
      return accounts;
    },
  };
}

/** Prints "created N of M" for each stack and returns every skipped resource that is not a known gap. */
export function unexplained(accounts: ResourceAccount[]): string[] {
  return accounts.flatMap((a) => unexplainedSkips(a));
}
