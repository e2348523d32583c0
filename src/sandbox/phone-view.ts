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
  line: string;
  /** The business answered: it sent a message (or one of its messages failed). */
  answer: boolean;
}

export class PhoneView {
  readonly #seen = new Map<string, Seen>();
  #lastOffer: 'buttons' | 'list' | undefined;

  /** Takes the entries as they are now without showing them (the conversation so far). */
  remember(entries: readonly TranscriptEntry[]): void {
    for (const entry of entries) this.#seen.set(entry.wamid, seenOf(entry));
  }

  /** Lines for what changed in these entries since they were last seen. */
  update(entries: readonly TranscriptEntry[], now: Date = new Date()): ViewChange[] {
    const changes: ViewChange[] = [];
    // In the order things happened: a transcript page lists entries in conversation order.
    for (const entry of [...entries].sort((a, b) => a.revision - b.revision)) {
      const before = this.#seen.get(entry.wamid);
      this.#seen.set(entry.wamid, seenOf(entry));
      const change = this.#describe(entry, before);
      // A new message carries the time it was written; a change to it is seen now.
      const time = before ? now : new Date(entry.time);
      if (change) changes.push({ line: logLine(time, change.source, change.text), answer: change.answer });
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
