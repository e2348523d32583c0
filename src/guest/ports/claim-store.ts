// Exactly once across requests. asterai serves every request with a fresh instance, so only
// the filesystem remembers: before an event is first handed to a handler, it is claimed by
// making a symbolic link named after it in WHATSAPP_STATE_DIR/asterai-whatsapp-claims, which
// points at the claim delivering it (the journal's id and the event's place in it). Making a
// link fails when the name exists (wasi:filesystem symlink-at, like POSIX symlinkat), so of two
// instances handling the same redelivery at once exactly one wins, in one host call; and the
// link says who won, so that a replay after a crash knows the events it claimed before dying
// from those another delivery claimed. A claim is named after the event key, with the characters
// a file name cannot hold written as `~` and two hex digits (`wamid.HBgL...A=` as it is, `/` as
// `~2F`, `:` as `~3A`); a key whose name would be too long by its SHA-256 digest instead. Earlier
// versions named claims by digest alone (directories): those are pruned like the others but no
// longer match. Claims older than 8 days are pruned: Meta redelivers for up to 7 days.
import { toHex } from '../core/bytes.ts';
import type { StateDir } from './state-dir.ts';

const CLAIMS = 'asterai-whatsapp-claims';

export interface ClaimStore {
  /** The names of the claims of `keys`, in order (a digest, for a long key, is computed asynchronously). */
  names(keys: readonly string[]): Promise<string[]>;
  /** True when the claim `name` is `claim`'s, made now or before; false when something else holds it. */
  claim(name: string, claim: string): boolean;
  /** Removes the claims made before `cutoffMs`; returns how many. */
  prune(cutoffMs: number): number;
}

export function openClaimStore(state: StateDir): ClaimStore {
  state.ensureDirectory(CLAIMS);
  return {
    names: (keys) => Promise.all(keys.map(claimName)),
    claim(name, claim) {
      const path = `${CLAIMS}/${name}`;
      if (state.symlink(claim, path) === 'made') return true;
      return state.readlink(path) === claim;
    },
    prune(cutoffMs) {
      const stale = state.list(CLAIMS).filter((entry) => state.modifiedMs(`${CLAIMS}/${entry.name}`) < cutoffMs);
      for (const { name, type } of stale) {
        if (type === 'directory') state.removeDirectory(`${CLAIMS}/${name}`);
        else state.remove(`${CLAIMS}/${name}`);
      }
      return stale.length;
    },
  };
}

const UNSAFE = /[^A-Za-z0-9._=-]/gu;
/** File names are at most 255 bytes on the common filesystems. */
const LONGEST_NAME = 240;
const encoder = new TextEncoder();

/**
 * A claim's file name: the key itself where it can be (no host call, no await: digesting each key
 * cost ~0.1-0.3 ms in the guest), so that the name also says which event it is. Each byte of the
 * UTF-8 of a character a name cannot hold is written `~XX`.
 */
export function claimName(key: string): string | Promise<string> {
  const name = `k-${key.replace(UNSAFE, (c) => [...encoder.encode(c)].map((byte) => `~${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))}`;
  return name.length > LONGEST_NAME ? digestName(key) : name;
}

async function digestName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(key)));
  return `h-${toHex(digest)}`;
}
