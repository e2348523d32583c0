// The conversation as the user's phone shows it: what you wrote, when the business read it and
// started typing, what it answered. Built from the emulator's transcript entries as they
// change; the business's own delivery ticks are left to the sandbox log.
import { logLine, messageText } from '../emulator/conversation/event-log.ts';
import type { TranscriptEntry } from '../emulator/types.ts';

interface Seen {
  status: TranscriptEntry['status'];
  typing: boolean;
}

export interface ViewChange {
  /**
   * When it happened, for ordering it among other events (ms since the epoch): a message's
   * own time; a read mark, which has none, goes right after what came before it.
   */
  at: number;
  source: string;
  text: string;
  /** The business answered: it sent a message (or one of its messages failed). */
  answer: boolean;
}

/** The lines of changes seen together, in the order they happened, stamped with when we saw them. */
export function viewLines(changes: readonly ViewChange[], seenAt: Date = new Date()): string[] {
  return [...changes].sort((a, b) => a.at - b.at).map((change) => logLine(seenAt, change.source, change.text));
}

export class PhoneView {
  readonly #seen = new Map<string, Seen>();
  #lastOffer: 'buttons' | 'list' | undefined;

  /** Takes the entries as they are now without showing them (the conversation so far). */
  remember(entries: readonly TranscriptEntry[]): void {
    for (const entry of entries) this.#seen.set(entry.wamid, seenOf(entry));
  }

  /** What changed in these entries since they were last seen, in the order it happened. */
  update(entries: readonly TranscriptEntry[]): ViewChange[] {
    const changes: ViewChange[] = [];
    // Revisions give the order: a transcript page lists entries in conversation order.
    for (const entry of [...entries].sort((a, b) => a.revision - b.revision)) {
      const before = this.#seen.get(entry.wamid);
      this.#seen.set(entry.wamid, seenOf(entry));
      const change = this.#describe(entry, before);
      if (!change) continue;
      const at = before ? (changes.at(-1)?.at ?? Date.parse(entry.time)) : Date.parse(entry.time);
      changes.push({ at, ...change });
    }
    return changes;
  }

  /** Buttons or a list the business offered last: the user can tap them next. */
  get lastOffer(): 'buttons' | 'list' | undefined {
    return this.#lastOffer;
  }

  #describe(entry: TranscriptEntry, before: Seen | undefined): { source: string; text: string; answer: boolean } | undefined {
    if (entry.direction === 'inbound') {
      if (!before) return { source: 'you', text: messageText(entry), answer: false };
      const read = entry.status === 'read' && before.status !== 'read';
      const typing = entry.typing === true && !before.typing;
      if (!read && !typing) return undefined;
      const what = [read ? 'read your message' : undefined, typing ? 'typing…' : undefined].filter(Boolean).join(', ');
      return { source: 'business', text: what, answer: false };
    }
    if (!before) {
      // Someone at the business wrote from the WhatsApp Business app: the user sees it, the agent did not send it.
      if (entry.kind === 'echo') return { source: 'business (app)', text: entry.text, answer: false };
      if (entry.kind === 'buttons' || entry.kind === 'list') this.#lastOffer = entry.kind;
      return { source: 'business', text: messageText(entry), answer: true };
    }
    if (entry.status === 'failed' && before.status !== 'failed') {
      return { source: 'business', text: `✗ not delivered: ${messageText(entry)}`, answer: true };
    }
    return undefined;
  }
}

function seenOf(entry: TranscriptEntry): Seen {
  return { status: entry.status, typing: entry.typing === true };
}
