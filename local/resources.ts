import * as fs from 'fs';
import { CloudFormationClient, ListStackResourcesCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { KNOWN_GAPS } from './known-gaps';
import { Target, TargetKind } from './target';

/** How many of a stack's template resources the target created, and which it skipped. */
export interface ResourceAccount {
  readonly stackName: string;
  /** The target deployed to: known emulator gaps excuse skips only on the emulator. */
  readonly targetKind: TargetKind;
  readonly declared: number;
  readonly created: StackResourceSummary[];
  readonly skipped: Array<{ logicalId: string; type: string }>;
}

/** Created and skipped resources of one type in one stack, with the reason for the skips. */
export interface TypeAccount {
  readonly type: string;
  readonly created: number;
  readonly skipped: number;
  /** The known gap's reason (and the test that proves the type elsewhere), or `undefined` when the skips are unexplained. */
  readonly reason?: string;
  /** The logical ids skipped. */
  readonly skippedIds: string[];
}

/**
 * Lists what a deployed stack holds and compares it with its template: a resource counts as created
 * when the target lists it with its type and a physical id.
 */
export async function accountFor(target: Target, stackName: string, templateFile: string): Promise<ResourceAccount> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { Resources?: Record<string, { Type: string; Condition?: string }> };
  const declared = Object.entries(template.Resources ?? {}).filter(([, r]) => !r.Condition && r.Type !== 'AWS::CDK::Metadata');
  const cfn = new CloudFormationClient(target.clientConfig);
  const listed: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }));
    listed.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  const byId = new Map(listed.map((r) => [r.LogicalResourceId, r]));
  const created: StackResourceSummary[] = [];
  const skipped: Array<{ logicalId: string; type: string }> = [];
  for (const [logicalId, resource] of declared) {
    const found = byId.get(logicalId);
    if (found && found.ResourceType && found.PhysicalResourceId) created.push(found);
    else skipped.push({ logicalId, type: resource.Type });
  }
  return { stackName, targetKind: target.kind, declared: declared.length, created, skipped };
}

/** Whether a skip is excused: a known gap, on the emulator only (a real account must create everything). */
export function isKnownGap(account: ResourceAccount, type: string): boolean {
  return account.targetKind === 'emulator' && Object.prototype.hasOwnProperty.call(KNOWN_GAPS, type);
}

/** Created and skipped counts per resource type, sorted by type, each skip with its known-gap reason or none. */
export function byType(account: ResourceAccount): TypeAccount[] {
  const types = new Set([...account.created.map((r) => r.ResourceType!), ...account.skipped.map((s) => s.type)]);
  return [...types].sort().map((type) => {
    const skippedIds = account.skipped.filter((s) => s.type === type).map((s) => s.logicalId);
    const gap = skippedIds.length && isKnownGap(account, type) ? KNOWN_GAPS[type] : undefined;
    return {
      type,
      created: account.created.filter((r) => r.ResourceType === type).length,
      skipped: skippedIds.length,
      skippedIds,
      ...(gap ? { reason: `known emulator gap: ${gap.reason} (proven by ${gap.provenBy})` } : {}),
    };
  });
}

/** Prints "created N of M resources" and returns the skipped resources that are not known gaps. */
export function unexplainedSkips(account: ResourceAccount, out: NodeJS.WritableStream = process.stdout): string[] {
  const unexplained = account.skipped.filter((s) => !isKnownGap(account, s.type));
  const gaps = account.skipped.filter((s) => isKnownGap(account, s.type)).map((s) => `${s.logicalId} (${s.type}: ${KNOWN_GAPS[s.type]!.reason})`);
  out.write(`${account.stackName}: created ${account.created.length} of ${account.declared} resources` +
    (gaps.length ? `; known emulator gaps: ${gaps.join('; ')}` : '') +
    (unexplained.length ? `; UNEXPLAINED skips: ${unexplained.map((s) => `${s.logicalId} (${s.type})`).join(', ')}` : '') + '\n');
  return unexplained.map((s) => `${s.logicalId} (${s.type})`);
}
