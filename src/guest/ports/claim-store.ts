// Exactly once across requests. asterai serves every request with a fresh instance, so only
// the filesystem remembers: before an event is first handed to a handler, it is claimed by
// making a symbolic link named after it in WHATSAPP_STATE_DIR/asterai-whatsapp-claims, which
// points at the claim delivering it (the journal's id and the event's place in it). Making a
// link fails when the name exists (wasi:filesystem symlink-at, like POSIX symlinkat), so of two
// instances handling the same redelivery at once exactly one wins, in one host call; and the
// link says who won, so that a replay after a crash knows the events it claimed before dying
// from those another delivery claimed. A directory or a file of that name (the claims of
// earlier versions) is someone else's claim. Claims older than 8 days are pruned: Meta
// redelivers for up to 7 days.
import { toHex } from '../core/bytes.ts';
import type { StateDir } from './state-dir.ts';

const CLAIMS = 'asterai-whatsapp-claims';

export interface ClaimStore {
  /**
   * The names of the claims of `keys`, in order: digests, all computed in one go (each await
   * costs a turn of the guest's event loop, ~0.2 ms a key when taken one by one).
   */
  names(keys: readonly string[]): Promise<string[]>;
  /** True when the claim `name` is `claim`'s, made now or before; false when something else holds it. */
  claim(name: string, claim: string): boolean;
  /** Removes the claims made before `cutoffMs`; returns how many. */
  prune(cutoffMs: number): number;
}

export function openClaimStore(state: StateDir): ClaimStore {
  state.ensureDirectory(CLAIMS);
  return {
    names: (keys) => Promise.all(keys.map(fileName)),
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

/** Event keys hold characters that are not safe in file names (wamids are base64). */
async function fileName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return toHex(digest.subarray(0, 16));
}
