// What the agent notes about a chat, and what it decides from the notes: plain data, no I/O, so
// it can be tested in Node (memory.ts keeps the notes between calls).

/** What the agent notes about a chat. */
export interface ChatNotes {
  /** When someone at the business last wrote in this chat from the WhatsApp Business app, in ms since the epoch. */
  staffWroteAt?: number;
  /** The user's last answer about marketing messages: "stop" or "resume". */
  marketing?: string;
}

/** How long the agent keeps quiet in a chat after someone at the business wrote in it. */
export const STAFF_QUIET_MS = 30 * 60 * 1000;

/** Someone at the business wrote in the chat less than STAFF_QUIET_MS ago. */
export function staffIsAnswering(notes: ChatNotes, nowMs: number): boolean {
  return notes.staffWroteAt !== undefined && nowMs - notes.staffWroteAt < STAFF_QUIET_MS;
}

/** The user has not stopped marketing messages. */
export function offersWelcome(notes: ChatNotes): boolean {
  return notes.marketing !== 'stop';
}
