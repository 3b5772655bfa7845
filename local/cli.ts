#!/usr/bin/env node
/**
 * `cdk-containers-local deploy`: deploys the CDK app of the current directory to a local AWS
 * emulator with the project's own CDK CLI, prints what was created and skipped per resource type
 * (with the reason of each known emulator gap), then destroys it and prints what was left behind.
 * Exits 1 on a failed deploy, a skip without a known reason or a leftover; 2 on bad usage or a
 * missing python3/moto.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { LocalDeploy } from './deploy';
import { EmulatorSetupError, MOTO_INSTALL, MOTO_VERSION } from './emulator';
import type { ResourceAccount, TypeAccount } from './resources';
import type { DestroyReport } from './session';

/** The AWS SDK clients the deploy, the accounting and the inventory read the emulator with. */
type Deploying = typeof import('./deploy') & typeof import('./resources');

/**
 * Loads the parts that need the AWS SDK (the package's optional dependencies), so that a missing
 * client is a clear error naming what to install, not a stack trace.
 */
async function loadDeploying(): Promise<Deploying> {
  try {
    return { ...await import('./deploy'), ...await import('./resources') };
  } catch (e) {
    const missing = /Cannot find module '(@aws-sdk\/[^'/]+)/.exec((e as Error).message)?.[1];
    if (!missing) throw e;
    throw new EmulatorSetupError(`cdk-containers-local reads the emulator through the AWS SDK, and ${missing} is not installed: ` +
      `the SDK clients are optional dependencies of cdk-containers, left out by \`npm install --omit=optional\`. ` +
      `Install them (npm install without --omit=optional), or this one: npm install --save-dev ${missing}`);
  }
}

const USAGE = `Usage: cdk-containers-local deploy [--app "<command>"] [--stacks A B ...] [--context key=value ...] [--keep] [--report file.json]

Deploys the CDK app of the current directory (its cdk.json, or --app) to a local AWS emulator
(moto ${MOTO_VERSION} with the cdk-containers extension) with the project's CDK CLI, prints what was created
and skipped per resource type, then destroys it and checks that nothing was left behind.

  --app <command>     the app command (default: "app" of cdk.json)
  --stacks <ids...>   the stacks to deploy (default: every top-level stack)
  --context k=v       synthesis context (repeatable)
  --keep              do not destroy: print the endpoint and its environment, wait for Ctrl-C
  --report <file>     also write the result as JSON
Needs python3 with moto: ${MOTO_INSTALL}`;

/** The parsed command line. */
export interface CliArgs {
  readonly app?: string;
  readonly stacks: string[];
  readonly context: Record<string, string>;
  readonly keep: boolean;
  readonly report?: string;
}

class UsageError extends Error {}

/** Parses `deploy [options]`; throws a usage error naming what is wrong. */
export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'deploy') throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  let app: string | undefined;
  let report: string | undefined;
  let keep = false;
  const stacks: string[] = [];
  const context: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--app') app = value();
    else if (arg === '--report') report = value();
    else if (arg === '--keep') keep = true;
    else if (arg === '--context' || arg === '-c') {
      const [k, ...v] = value().split('=');
      if (!k || !v.length) throw new UsageError(`--context takes key=value, got "${rest[i]}"`);
      context[k] = v.join('=');
    } else if (arg === '--stacks') {
      stacks.push(...value().split(','));
      while (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) stacks.push(...rest[++i]!.split(','));
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  return { ...(app ? { app } : {}), ...(report ? { report } : {}), stacks: stacks.filter(Boolean), context, keep };
}

function printAccounts(accounts: ResourceAccount[], byType: (a: ResourceAccount) => TypeAccount[], out: NodeJS.WritableStream): void {
  for (const account of accounts) {
    out.write(`\n${account.stackName}: created ${account.created.length} of ${account.declared} resources\n`);
    for (const row of byType(account)) {
      const skipped = row.skipped ? `, skipped ${row.skipped} (${row.skippedIds.join(', ')}): ${row.reason ?? 'UNEXPLAINED (not a known emulator gap)'}` : '';
      out.write(`  ${row.type.padEnd(44)} created ${row.created}${skipped}\n`);
    }
  }
}

function printDestroy(report: DestroyReport, out: NodeJS.WritableStream): void {
  out.write('\nAfter destroy:\n');
  for (const r of report.retained) out.write(`  retained (DeletionPolicy Retain): ${r.type} ${r.id}\n`);
  for (const r of report.missingRetained) out.write(`  MISSING retained resource: ${r}\n`);
  out.write(report.leftovers.length ? `  LEFTOVERS:\n${report.leftovers.map((l) => `    ${l}\n`).join('')}` : '  no leftovers: the account is as it was before the deploy\n');
}

function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.write(`${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  const result: Record<string, unknown> = { ok: false };
  const writeReport = () => {
    if (args.report) fs.writeFileSync(path.resolve(args.report), JSON.stringify(result, null, 2) + '\n');
  };
  out.write('Starting the local AWS emulator, bootstrapping and deploying with the project\'s CDK CLI...\n');
  let deployment: LocalDeploy;
  let deploying: Deploying;
  try {
    deploying = await loadDeploying();
    deployment = await deploying.startLocalDeploy({ cwd: process.cwd(), ...(args.app ? { app: args.app } : {}), stacks: args.stacks, context: args.context });
  } catch (e) {
    if (e instanceof EmulatorSetupError) {
      err.write(`${e.message}\n`);
      result.error = e.message;
      writeReport();
      return 2;
    }
    err.write(`Deploy failed: ${(e as Error).message}\n`);
    result.error = (e as Error).message;
    if (e instanceof Error && 'destroyReport' in e && e.destroyReport) {
      out.write('The stacks were destroyed after the failed deploy.\n');
      printDestroy(e.destroyReport as DestroyReport, out);
      result.destroy = e.destroyReport;
    }
    writeReport();
    return 1;
  }
  const { byType } = deploying;
  printAccounts(deployment.accounts, byType, out);
  result.endpoint = deployment.endpoint;
  result.stacks = deployment.accounts.map((a) => ({ stackName: a.stackName, declared: a.declared, created: a.created.length, types: byType(a) }));
  result.unexplained = deployment.unexplained;
  if (deployment.unexplained.length) out.write(`\nUNEXPLAINED skips: ${deployment.unexplained.join(', ')}\n`);

  if (args.keep) {
    result.ok = deployment.unexplained.length === 0;
    writeReport();
    const env = Object.entries(deployment.env).map(([k, v]) => `export ${k}=${v}`).join('\n');
    out.write(`\nThe emulator runs at ${deployment.endpoint}. Point the AWS CLI or SDKs at it with:\n${env}\n` +
      'e.g. aws cloudformation describe-stacks\nPress Ctrl-C to stop it (its state is lost).\n');
    await waitForInterrupt();
    await deployment.close();
    return deployment.unexplained.length ? 1 : 0;
  }
  let report: DestroyReport;
  try {
    report = await deployment.destroy();
  } catch (e) {
    err.write(`Destroy failed: ${(e as Error).message}\n`);
    result.error = (e as Error).message;
    writeReport();
    return 1;
  }
  printDestroy(report, out);
  result.destroy = report;
  result.ok = deployment.unexplained.length === 0 && report.leftovers.length === 0 && report.missingRetained.length === 0;
  writeReport();
  return result.ok ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
