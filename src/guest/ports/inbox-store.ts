// The inbox and the dead letters in WHATSAPP_STATE_DIR. asterai-whatsapp-inbox holds, for each
// webhook delivery not yet fully delivered (`<id>` is its journal id, core/inbox/journal-id.ts):
//
//   <id>.journal  its journal (core/inbox/journal.ts): written and synced, and the directory
//                 synced, before the 200
//   <id>.marks    its marks (core/inbox/progress.ts), appended as handlers return or fail
//   <id>.lease    while an instance dispatches it: a link to that instance's token. The holder
//                 checks it before each call and stops if it is not its own any more; its
//                 heartbeat is the last change of the lease or the marks
//   <id>.due      while none does and a retry is pending: a link to the time (Unix ms) it is due
//
// A delivery whose every event reached every handler (or the dead letters) is removed.
// asterai-whatsapp-dead-letters holds one journal per dead letter (one event, one delivery),
// named by the dead letter's id; dispatching it again renames it into the inbox, which only one
// caller can do.
import { isDeadLetterId, isJournalId } from '../core/inbox/journal-id.ts';
import { parseJournal, serializeJournal, type Journal, type ParsedJournal } from '../core/inbox/journal.ts';
import type { Appender, StateDir } from './state-dir.ts';

const INBOX = 'asterai-whatsapp-inbox';
const DEAD_LETTERS = 'asterai-whatsapp-dead-letters';
/** When the claims, journals and dead letters were last pruned (its modification time). */
const PRUNE_MARKER = 'asterai-whatsapp-last-prune';

const ENTRY = /^(\d{13}-[0-9a-f]{8})\.(journal|marks|lease|due)$/;

export interface InboxEntry {
  id: string;
  journal: boolean;
  marks: boolean;
  /** The token of the lease holder, when there is a lease. */
  lease?: string;
  /** When its next retry is due (Unix ms), when no one holds it and one is pending. */
  dueAt?: number;
}

export interface StoredDeadLetter {
  id: string;
  journal: ParsedJournal;
}

export interface InboxStore {
  /** Leases, writes and syncs the journal of a new delivery, and syncs the inbox so that its name survives too. */
  create(id: string, journal: Journal, holder: string): void;
  /** Every delivery in the inbox, oldest first. */
  entries(): InboxEntry[];
  /** The last sign of life of whoever holds `id`: the latest change of its lease or its marks, Unix ms. */
  heartbeatMs(id: string): number;
  /** Takes the lease of an unleased delivery; false when someone else took it first. */
  take(id: string, holder: string): boolean;
  /**
   * Takes the lease of a delivery whose holder `seen` is gone: moves that lease aside (one
   * instance can), and takes it only if what it moved was `seen`'s. False otherwise: a holder
   * whose lease was moved stops at its next call.
   */
  takeOver(id: string, holder: string, seen: string): boolean;
  /** True while `holder` holds the lease of `id`. */
  holds(id: string, holder: string): boolean;
  /** The journal and its marks ("" when none yet). */
  load(id: string): { journal: ParsedJournal; marks: string } | undefined;
  marks(id: string): Appender;
  /** Gives the lease up; `dueAt` is when the next retry is due. */
  release(id: string, dueAt: number): void;
  /** Removes a delivery that is done (its lease last). */
  remove(id: string): void;
  /** Writes and syncs a dead letter; 'exists' when it was written before (a crash before its mark). */
  writeDeadLetter(id: string, journal: Journal): 'made' | 'exists';
  deadLetters(): StoredDeadLetter[];
  /** Moves the dead letter `deadLetterId` into the inbox as the delivery `journalId`; false when it is not there (any more). */
  redispatch(deadLetterId: string, journalId: string): boolean;
  /** Dead letters made before `cutoffMs`, removed; their ids. */
  pruneDeadLetters(cutoffMs: number): string[];
  /** True, and the prune marker renewed, when the last prune is more than `everyMs` old. */
  pruneDue(nowMs: number, everyMs: number, holder: string): boolean;
}

const encoder = new TextEncoder();

export function openInboxStore(state: StateDir): InboxStore {
  state.ensureDirectory(INBOX);
  state.ensureDirectory(DEAD_LETTERS);
  const file = (id: string, kind: 'journal' | 'marks' | 'lease' | 'due') => `${INBOX}/${id}.${kind}`;
  const take = (id: string, holder: string) => state.symlink(holder, file(id, 'lease')) === 'made';
  return {
    create(id, journal, holder) {
      if (!take(id, holder)) throw new Error(`journal id ${id} is taken`);
      state.writeNew(file(id, 'journal'), encoder.encode(serializeJournal(journal)));
      state.syncDirectory(INBOX);
    },
    entries() {
      const byId = new Map<string, InboxEntry>();
      for (const { name } of state.list(INBOX)) {
        const match = ENTRY.exec(name);
        if (!match) continue;
        const [, id = '', kind] = match;
        const entry = byId.get(id) ?? { id, journal: false, marks: false };
        byId.set(id, entry);
        if (kind === 'journal') entry.journal = true;
        else if (kind === 'marks') entry.marks = true;
        else if (kind === 'lease') {
          // A lease given up between the listing and now is no lease.
          const token = state.readlink(file(id, 'lease'));
          if (token !== undefined) entry.lease = token;
        } else {
          const due = Number(state.readlink(file(id, 'due')));
          if (Number.isFinite(due)) entry.dueAt = due;
        }
      }
      return [...byId.values()].filter((entry) => isJournalId(entry.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    heartbeatMs(id) {
      return Math.max(state.modifiedMs(file(id, 'lease')), state.modifiedMs(file(id, 'marks')));
    },
    take,
    takeOver(id, holder, seen) {
      const aside = `${file(id, 'lease')}.${holder}`;
      if (!state.rename(file(id, 'lease'), aside)) return false;
      const moved = state.readlink(aside);
      state.remove(aside);
      return moved === seen && take(id, holder);
    },
    holds(id, holder) {
      return state.readlink(file(id, 'lease')) === holder;
    },
    load(id) {
      const text = state.readText(file(id, 'journal'));
      if (text === undefined) return undefined;
      return { journal: parseJournal(text), marks: state.readText(file(id, 'marks')) ?? '' };
    },
    marks(id) {
      return state.appender(file(id, 'marks'));
    },
    release(id, dueAt) {
      const staged = `${file(id, 'due')}.staged`;
      state.remove(staged);
      state.symlink(String(dueAt), staged);
      state.rename(staged, file(id, 'due'));
      state.remove(file(id, 'lease'));
    },
    remove(id) {
      for (const kind of ['journal', 'marks', 'due', 'lease'] as const) state.remove(file(id, kind));
    },
    writeDeadLetter(id, journal) {
      const made = state.writeNew(`${DEAD_LETTERS}/${id}.journal`, encoder.encode(serializeJournal(journal)));
      if (made === 'made') state.syncDirectory(DEAD_LETTERS);
      return made;
    },
    deadLetters() {
      const ids = state
        .list(DEAD_LETTERS)
        .map(({ name }) => name.replace(/\.journal$/, ''))
        .filter(isDeadLetterId)
        .sort();
      return ids.flatMap((id) => {
        const text = state.readText(`${DEAD_LETTERS}/${id}.journal`);
        return text === undefined ? [] : [{ id, journal: parseJournal(text) }];
      });
    },
    redispatch(deadLetterId, journalId) {
      return state.rename(`${DEAD_LETTERS}/${deadLetterId}.journal`, file(journalId, 'journal'));
    },
    pruneDeadLetters(cutoffMs) {
      const stale = state
        .list(DEAD_LETTERS)
        .map(({ name }) => name)
        .filter((name) => state.modifiedMs(`${DEAD_LETTERS}/${name}`) < cutoffMs);
      for (const name of stale) state.remove(`${DEAD_LETTERS}/${name}`);
      return stale.map((name) => name.replace(/\.journal$/, ''));
    },
    pruneDue(nowMs, everyMs, holder) {
      if (state.modifiedMs(PRUNE_MARKER) > nowMs - everyMs) return false;
      const staged = `${PRUNE_MARKER}.${holder}`;
      state.remove(staged);
      state.symlink(String(nowMs), staged);
      state.rename(staged, PRUNE_MARKER);
      return true;
    },
  };
}
