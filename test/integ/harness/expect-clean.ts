import { DestroyReport, IntegSession } from './session';

/**
 * The clean-account check after a destroy: the account is as it was before the deploy but for what
 * the templates retain, which must be exactly `retained` (`<type> <logicalId>`) and still exist.
 * Then deletes the retained resources, so the next run (or a real account) starts clean.
 */
export async function expectCleanAccount(session: IntegSession, report: DestroyReport, retained: readonly string[]): Promise<void> {
  expect(report.leftovers).toEqual([]);
  expect(report.missingRetained).toEqual([]);
  expect(report.retained.map((r) => `${r.type} ${r.logicalId}`).sort()).toEqual([...retained].sort());
  await session.deleteRetained(report);
}
