import * as fs from 'fs';
import * as path from 'path';
import { EMULATOR_DIR } from './emulator';

/** A resource type the emulator does not create, why, and the test that proves the behaviour elsewhere. */
export interface KnownGap {
  /** Why the emulator cannot hold it (moto has no backend for it). */
  readonly reason: string;
  /** The repository's test file that checks what the type does instead (its template, in the unit tier). */
  readonly provenBy: string;
}

/** The file of the one known-gaps list, read by the Python emulator too. */
export const KNOWN_GAPS_FILE = path.join(EMULATOR_DIR, 'known-gaps.json');

/**
 * Resource types the emulator (moto 5.2.1 with the package's extension) does not create, by type.
 * A deploy that skips any type not listed here has an unexplained skip.
 */
export const KNOWN_GAPS: Readonly<Record<string, KnownGap>> = JSON.parse(fs.readFileSync(KNOWN_GAPS_FILE, 'utf8')) as Record<string, KnownGap>;
