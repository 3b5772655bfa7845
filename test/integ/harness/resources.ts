/**
 * Created-vs-skipped accounting of the integ tier: the shipped local-deploy room's (local/resources.ts).
 * The known emulator gaps are the one list in local/emulator/known-gaps.json, which the emulator reads too.
 */
import { KNOWN_GAPS } from '../../../local/known-gaps';

export { accountFor, byType, isKnownGap, unexplainedSkips } from '../../../local/resources';
export type { ResourceAccount, TypeAccount } from '../../../local/resources';
export { KNOWN_GAPS } from '../../../local/known-gaps';

/** Each known emulator gap's reason, by type. */
export const KNOWN_EMULATOR_GAPS: Record<string, string> = Object.fromEntries(Object.entries(KNOWN_GAPS).map(([type, gap]) => [type, gap.reason]));
