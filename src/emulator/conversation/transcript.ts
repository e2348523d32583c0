// The conversation as the user's phone would show it: every message either way, per user,
// with delivery statuses and read marks. Revisions let a client poll for what changed.
import { sleep } from '../exchange.ts';
import type { SentMessage } from '../graph/messages.ts';
import type { Json } from '../graph/params.ts';
import type { InboundStatus, OutboundStatus, TranscriptEntry, TranscriptPage } from '../types.ts';

const STATUS_ORDER: readonly OutboundStatus[] = ['accepted', 'sent', 'delivered', 'read', 'played'];

export class Transcript {
  #entries: TranscriptEntry[] = [];
  #byWamid = new Map<string, TranscriptEntry>();
  /** What the business sent, by wamid: button and list replies are answers to these. */
  #outboundBodies = new Map<string, Json>();
  #revision = 0;
  #changed = new Set<() => void>();

  addOutbound(message: SentMessage, time: Date): TranscriptEntry {
    this.#outboundBodies.set(message.wamid, message.body);
    return this.#add({
      direction: 'outbound',
      user: message.waId,
      wamid: message.wamid,
      kind: message.kind,
      text: message.summary,
      time: time.toISOString(),
      status: 'accepted',
      ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    });
  }

  addInbound(entry: Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>): TranscriptEntry {
    return this.#add({ ...entry, direction: 'inbound', status: 'received' });
  }

  /** A message someone at the business sent from the WhatsApp Business app: the user has it. */
  addEcho(entry: Omit<TranscriptEntry, 'revision' | 'direction' | 'status'>): TranscriptEntry {
    return this.#add({ ...entry, direction: 'outbound', status: 'delivered' });
  }

  /** Moves an outbound message's status forward (never back: a late "delivered" after "read" is ignored). */
  setStatus(wamid: string, status: OutboundStatus): void {
    const entry = this.#byWamid.get(wamid);
    if (!entry || entry.direction !== 'outbound' || entry.status === 'failed') return;
    if (status !== 'failed' && STATUS_ORDER.indexOf(status) <= STATUS_ORDER.indexOf(entry.status as OutboundStatus)) return;
    entry.status = status;
    this.#touch(entry);
  }

  /** Meta: marking a message read marks the earlier messages of the conversation read too. */
  markRead(wamid: string, typing: boolean): void {
    const target = this.#byWamid.get(wamid);
    if (!target || target.direction !== 'inbound') return;
    for (const entry of this.#entries) {
      if (entry.direction === 'inbound' && entry.user === target.user && entry.status !== 'read') {
        entry.status = 'read' satisfies InboundStatus;
        this.#touch(entry);
      }
      if (entry === target) break;
    }
    if (typing && !target.typing) {
      target.typing = true;
      this.#touch(target);
    }
  }

  /** The latest outbound message to the user that `accepts` its request body, with that body. */
  lastOutbound(user: string, accepts: (body: Json) => boolean = () => true): { entry: TranscriptEntry; body: Json } | undefined {
    for (let index = this.#entries.length - 1; index >= 0; index--) {
      const entry = this.#entries[index];
      if (!entry || entry.direction !== 'outbound' || entry.user !== user) continue;
      const body = this.#outboundBodies.get(entry.wamid);
      if (body && accepts(body)) return { entry, body };
    }
    return undefined;
  }

  /** The user's latest message. */
  lastInbound(user: string): TranscriptEntry | undefined {
    return this.#entries.findLast((entry) => entry.direction === 'inbound' && entry.user === user);
  }

  /** When the user last wrote, in ms since the epoch. */
  lastInboundAt(user: string): number | undefined {
    for (let index = this.#entries.length - 1; index >= 0; index--) {
      const entry = this.#entries[index];
      if (entry?.direction === 'inbound' && entry.user === user) return Date.parse(entry.time);
    }
    return undefined;
  }

  page(user: string | undefined, since = 0): TranscriptPage {
    return {
      revision: this.#revision,
      entries: this.#entries.filter((entry) => entry.revision > since && (user === undefined || entry.user === user)),
    };
  }

  /** Resolves when something changes after `since`, after `waitMs`, or when `signal` aborts. */
  async waitForChange(since: number, waitMs: number, signal: AbortSignal): Promise<void> {
    if (this.#revision > since || waitMs <= 0) return;
    const controller = new AbortController();
    const onChange = (): void => controller.abort();
    const onAbort = (): void => controller.abort();
    this.#changed.add(onChange);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(waitMs, controller.signal);
    } finally {
      this.#changed.delete(onChange);
      signal.removeEventListener('abort', onAbort);
    }
  }

  clear(): number {
    const count = this.#entries.length;
    this.#entries = [];
    this.#byWamid.clear();
    this.#outboundBodies.clear();
    this.#touch();
    return count;
  }

  #add(fields: Omit<TranscriptEntry, 'revision'>): TranscriptEntry {
    const entry: TranscriptEntry = { revision: 0, ...fields };
    this.#entries.push(entry);
    this.#byWamid.set(entry.wamid, entry);
    this.#touch(entry);
    return entry;
  }

  #touch(entry?: TranscriptEntry): void {
    this.#revision += 1;
    if (entry) entry.revision = this.#revision;
    for (const notify of this.#changed) notify();
  }
}
