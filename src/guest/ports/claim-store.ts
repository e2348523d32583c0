// Exactly-once across requests. asterai serves every request with a fresh
// instance, so only the filesystem remembers: before it is dispatched, each event
// is claimed by creating a directory named after it in WHATSAPP_STATE_DIR. Creating
// a directory fails when the name exists (wasi:filesystem create-directory-at, like
// POSIX mkdirat), so of two instances handling the same redelivery at once exactly
// one wins; it is one host call per event, where a create-exclusive open and its
// close are two (measured on the Node host, a 1,000-message POST: 375-427 ms
// instead of 760-872 ms). A file of that name counts as a claim too. Claims older than 8 days
// are pruned (Meta redelivers for up to 7 days), at most once an hour, so the
// directory stays bounded.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import type { Descriptor } from 'wasi:filesystem/types@0.2.0';
import { toHex } from '../core/bytes.ts';
import { errorPayload } from '../core/failure.ts';

const CLAIMS = 'asterai-whatsapp-claims';
const PRUNE_MARKER = 'asterai-whatsapp-last-prune';
const CLAIM_LIFETIME_MS = 8 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface ClaimStore {
  /** True when this instance claimed `key` first; false when it was claimed before. */
  claim(key: string): Promise<boolean>;
  /** Removes claims older than 8 days, if no prune ran in the last hour. Returns how many. */
  prune(nowMs: number): number;
}

export class ClaimStoreError extends Error {}

/**
 * Opens the claim store in `dir`, which must be (inside) a directory the
 * environment grants: asterai's --allow-dir preopens it at the same path.
 */
export function openClaimStore(dir: string): ClaimStore {
  const grant = findGrant(dir);
  if (!grant) {
    const granted = getDirectories().map(([, path]) => path);
    throw new ClaimStoreError(
      `WHATSAPP_STATE_DIR is ${dir}, which the environment does not grant (granted: ${granted.join(', ') || 'none'}); grant it with --allow-dir`,
    );
  }
  const [root, prefix] = grant;
  const at = (name: string) => (prefix ? `${prefix}/${name}` : name);
  try {
    root.createDirectoryAt(at(CLAIMS));
  } catch (e) {
    if (fsError(e) !== 'exist') throw new ClaimStoreError(`cannot create ${dir}/${CLAIMS}: ${fsError(e)}`);
  }
  return {
    async claim(key) {
      const name = at(`${CLAIMS}/${await fileName(key)}`);
      try {
        root.createDirectoryAt(name);
        return true;
      } catch (e) {
        if (fsError(e) === 'exist') return false;
        throw new ClaimStoreError(`cannot claim an event in ${dir}: ${fsError(e)}`);
      }
    },
    prune(nowMs) {
      if (modifiedMs(root, at(PRUNE_MARKER)) > nowMs - PRUNE_EVERY_MS) return 0;
      const marker = root.openAt({}, at(PRUNE_MARKER), { create: true, truncate: true }, { write: true });
      marker.write(new TextEncoder().encode(String(nowMs)), 0n);
      marker[Symbol.dispose]();
      const claims = root.openAt({}, at(CLAIMS), { directory: true }, { read: true });
      const stale: { name: string; directory: boolean }[] = [];
      try {
        const entries = claims.readDirectory();
        for (let entry = entries.readDirectoryEntry(); entry; entry = entries.readDirectoryEntry()) {
          if (modifiedMs(root, at(`${CLAIMS}/${entry.name}`)) < nowMs - CLAIM_LIFETIME_MS) stale.push({ name: entry.name, directory: entry.type === 'directory' });
        }
        entries[Symbol.dispose]();
      } finally {
        claims[Symbol.dispose]();
      }
      for (const { name, directory } of stale) {
        if (directory) root.removeDirectoryAt(at(`${CLAIMS}/${name}`));
        else root.unlinkFileAt(at(`${CLAIMS}/${name}`));
      }
      return stale.length;
    },
  };
}

function findGrant(dir: string): [Descriptor, string] | undefined {
  const wanted = dir.replace(/\/+$/, '') || '/';
  for (const [descriptor, path] of getDirectories()) {
    const base = path.replace(/\/+$/, '') || '/';
    if (wanted === base) return [descriptor, ''];
    const inside = base === '/' ? wanted.slice(1) : wanted.startsWith(`${base}/`) ? wanted.slice(base.length + 1) : undefined;
    if (inside !== undefined) return [descriptor, inside];
  }
  return undefined;
}

/** Event keys hold characters that are not safe in file names (wamids are base64). */
async function fileName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return toHex(digest.subarray(0, 16));
}

/** The file's modification time in ms, or 0 when it does not exist. */
function modifiedMs(root: Descriptor, path: string): number {
  try {
    const { dataModificationTimestamp: t } = root.statAt({}, path);
    return t ? Number(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1e6) : 0;
  } catch (e) {
    if (fsError(e) === 'no-entry') return 0;
    throw e;
  }
}

/** A wasi:filesystem error-code, whether it arrives as the thrown value or as an Error's payload. */
function fsError(e: unknown): string {
  const code = errorPayload(e) ?? e;
  return typeof code === 'string' ? code : String(e);
}
