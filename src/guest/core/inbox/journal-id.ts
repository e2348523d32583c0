// A journal's id names its files: the time its delivery was received, as 13 digits of Unix
// milliseconds (so that ids sort in the order deliveries arrived, until the year 2286), and 8
// random hex digits (two deliveries in one millisecond). A dead letter's id is the id of the
// journal it left, its event and its delivery: `1764000000000-0a1b2c3d.4.0`.
import { toHex } from '../bytes.ts';

const JOURNAL_ID = /^\d{13}-[0-9a-f]{8}$/;
const DEAD_LETTER_ID = /^(\d{13}-[0-9a-f]{8})\.(\d+)\.(\d+)$/;

/** `random` gives 4 random bytes. */
export function journalId(nowMs: number, random: Uint8Array): string {
  return `${String(Math.max(0, Math.floor(nowMs))).padStart(13, '0')}-${toHex(random.subarray(0, 4))}`;
}

export function isJournalId(text: string): boolean {
  return JOURNAL_ID.test(text);
}

export function deadLetterId(journal: string, event: number, delivery: number): string {
  return `${journal}.${event}.${delivery}`;
}

export function isDeadLetterId(text: string): boolean {
  return DEAD_LETTER_ID.test(text);
}
