// What the agent remembers between calls. asterai serves every call with a fresh instance, so
// memory lives in a directory the environment grants (asterai --allow-dir), named in
// AGENT_STATE_DIR: one small JSON file per chat. Without it the agent remembers nothing, and
// answers every message.
import { getEnvironment } from 'wasi:cli/environment@0.2.0';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import type { Descriptor } from 'wasi:filesystem/types@0.2.0';
import type { ChatNotes } from './chat-notes.ts';

export class Memory {
  private constructor(
    private readonly dir: Descriptor,
    private readonly prefix: string,
  ) {}

  /** The memory in AGENT_STATE_DIR, or undefined when it is not set; throws when it is not a granted directory. */
  static open(): Memory | undefined {
    const path = Object.fromEntries(getEnvironment()).AGENT_STATE_DIR?.replace(/\/+$/, '');
    if (!path) return undefined;
    for (const [descriptor, granted] of getDirectories()) {
      const base = granted.replace(/\/+$/, '');
      if (path === base) return new Memory(descriptor, '');
      if (path.startsWith(`${base}/`)) return new Memory(descriptor, `${path.slice(base.length + 1)}/`);
    }
    throw new Error(`AGENT_STATE_DIR is ${path}, which the environment does not grant (asterai --allow-dir)`);
  }

  /** The notes of a chat (a user's address or a group id); none yet is `{}`. */
  read(chat: string): ChatNotes {
    let file: Descriptor;
    try {
      file = this.dir.openAt({}, this.fileOf(chat), {}, { read: true });
    } catch {
      return {};
    }
    try {
      const [bytes] = file.read(65_536n, 0n);
      return JSON.parse(new TextDecoder().decode(bytes)) as ChatNotes;
    } finally {
      file[Symbol.dispose]();
    }
  }

  /** Adds `notes` to the chat's. */
  note(chat: string, notes: ChatNotes): void {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...this.read(chat), ...notes }));
    const file = this.dir.openAt({}, this.fileOf(chat), { create: true, truncate: true }, { write: true });
    try {
      file.write(bytes, 0n);
    } finally {
      file[Symbol.dispose]();
    }
  }

  private fileOf(chat: string): string {
    return `${this.prefix}chat-${chat.replace(/[^A-Za-z0-9.-]/g, '_')}.json`;
  }
}
