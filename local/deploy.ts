import {
  CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, ListStackResourcesCommand, StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { AssemblyStack, CdkAppOptions, CdkCli } from './cdk';
import { ResourceAccount, unexplainedSkips } from './resources';
import { DestroyReport, openSession, Session } from './session';
import { ClientConfig, emulatorEnv } from './target';

/** What to deploy locally. */
export interface LocalDeployOptions extends CdkAppOptions {
  /** The stacks to deploy (artifact ids or stack names). @default every top-level stack of the app */
  readonly stacks?: string[];
  /** Context for the synthesis (`--context key=value`). @default none */
  readonly context?: Record<string, string>;
}

/** The user's app, deployed to a local emulator by {@link startLocalDeploy}. */
export interface LocalDeploy {
  /** The emulator's endpoint (`http://localhost:PORT`). */
  readonly endpoint: string;
  /** For AWS SDK v3 clients: `new ECRClient(deployment.clientConfig)`. */
  readonly clientConfig: ClientConfig;
  /** For the AWS CLI or other tools: `AWS_ENDPOINT_URL`, dummy credentials, region and account. */
  readonly env: Record<string, string>;
  /** The deployed stacks. */
  readonly stacks: AssemblyStack[];
  /** Created-vs-skipped of each deployed stack. */
  readonly accounts: ResourceAccount[];
  /** Skipped resources that are not known emulator gaps, as `LogicalId (Type)`. */
  readonly unexplained: string[];
  /** The outputs of a deployed stack (by artifact id or stack name), by output key. */
  outputs(stack: string): Promise<Record<string, string>>;
  /** The physical id of a resource of a deployed stack, by logical id; fails when the resource was not created. */
  physicalId(stack: string, logicalId: string): Promise<string>;
  /** The resources a deployed stack holds, as CloudFormation lists them. */
  resources(stack: string): Promise<StackResourceSummary[]>;
  /** Destroys every deployed stack, checks the account against its state before the deploy, and stops the emulator. */
  destroy(): Promise<DestroyReport>;
  /** Stops the emulator without destroying (its state is lost with it). */
  close(): Promise<void>;
}

/** A deploy that failed: the CLI's output and the stacks' failure events; the stacks were destroyed and the emulator stopped. */
export class LocalDeployError extends Error {
  constructor(message: string, public readonly destroyReport?: DestroyReport) {
    super(message);
    this.name = 'LocalDeployError';
  }
}

/**
 * Starts the local emulator, bootstraps it and deploys the app with the project's CDK CLI (through
 * change sets, as `cdk deploy` does), then accounts for what each stack created and skipped. When
 * the deploy fails, the stacks are destroyed (none is left stuck) and the emulator is stopped before
 * the {@link LocalDeployError} is thrown.
 *
 * ```ts
 * const deployment = await startLocalDeploy({ cwd: projectDir });
 * const ecr = new ECRClient(deployment.clientConfig);
 * // ... read back ...
 * const report = await deployment.destroy();
 * expect(report.leftovers).toEqual([]);
 * ```
 */
export async function startLocalDeploy(options: LocalDeployOptions = {}): Promise<LocalDeploy> {
  const session: Session = await openSession((target) => new CdkCli(target, options));
  const { target, cdk } = session;
  const context = options.context ?? {};
  const cfn = new CloudFormationClient(target.clientConfig);
  let stacks: AssemblyStack[] = [];
  try {
    stacks = options.stacks?.length ? await cdk.select(options.stacks, context) : await cdk.stacks(context);
    if (!stacks.length) throw new LocalDeployError('the app has no stacks to deploy');
  } catch (err) {
    await session.close();
    throw err;
  }
  const ids = stacks.map((s) => s.id);
  let accounts: ResourceAccount[];
  try {
    accounts = await session.deploy(ids, context);
  } catch (err) {
    const reasons = await failureEvents(cfn, stacks);
    let report: DestroyReport | undefined;
    let destroyError = '';
    try {
      report = await session.destroy(ids, context);
    } catch (destroyErr) {
      destroyError = `\nthe destroy after the failed deploy failed too: ${(destroyErr as Error).message}`;
    }
    await session.close();
    throw new LocalDeployError(`${(err as Error).message}${reasons.length ? `\nfailed resources:\n  ${reasons.join('\n  ')}` : ''}${destroyError}`, report);
  }
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  const unexplained = accounts.flatMap((a) => unexplainedSkips(a, quiet));
  const find = (stack: string): AssemblyStack => {
    const found = stacks.find((s) => s.id === stack || s.stackName === stack);
    if (!found) throw new Error(`${stack} is not a deployed stack (deployed: ${stacks.map((s) => s.id).join(', ')})`);
    return found;
  };
  const resources = async (stack: string): Promise<StackResourceSummary[]> => {
    const listed: StackResourceSummary[] = [];
    let token: string | undefined;
    do {
      const page = await cfn.send(new ListStackResourcesCommand({ StackName: find(stack).stackName, NextToken: token }));
      listed.push(...(page.StackResourceSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return listed;
  };
  return {
    endpoint: target.clientConfig.endpoint!,
    clientConfig: target.clientConfig,
    env: emulatorEnv(target.clientConfig.endpoint!),
    stacks,
    accounts,
    unexplained,
    async outputs(stack) {
      const described = (await cfn.send(new DescribeStacksCommand({ StackName: find(stack).stackName }))).Stacks?.[0];
      return Object.fromEntries((described?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue ?? '']));
    },
    async physicalId(stack, logicalId) {
      const found = (await resources(stack)).find((r) => r.LogicalResourceId === logicalId);
      if (!found?.PhysicalResourceId) throw new Error(`${stack}/${logicalId} was not created`);
      return found.PhysicalResourceId;
    },
    resources,
    async destroy() {
      try {
        return await session.destroy(ids, context);
      } finally {
        await session.close();
      }
    },
    close: () => session.close(),
  };
}

/** `LogicalId (Type): reason` of each failed resource event of the stacks, oldest first. */
async function failureEvents(cfn: CloudFormationClient, stacks: AssemblyStack[]): Promise<string[]> {
  const reasons: string[] = [];
  for (const stack of stacks) {
    try {
      const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: stack.stackName }))).StackEvents ?? [];
      for (const e of [...events].reverse()) {
        if (e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason) {
          reasons.push(`${stack.stackName}/${e.LogicalResourceId} (${e.ResourceType}): ${e.ResourceStatusReason}`);
        }
      }
    } catch {
      // the stack was never created: the CLI's output says why
    }
  }
  return reasons;
}
