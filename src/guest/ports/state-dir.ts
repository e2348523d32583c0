// WHATSAPP_STATE_DIR through wasi:filesystem: the directory the environment grants (asterai's
// --allow-dir preopens it at the same path) and the few file operations the claims, the inbox
// and the dead letters are made of. Names are relative to the state dir. Each operation is one
// host call where it can be: on the Node host a call costs ~5-100 µs (preview2-shim: path calls
// run on the main thread, calls on an open descriptor go through its I/O worker), and opening a
// file ~0.7 ms, so nothing here opens a file it does not have to.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.0';
import type { Descriptor, DescriptorType } from 'wasi:filesystem/types@0.2.0';
import { concatBytes } from '../core/bytes.ts';
import { errorPayload } from '../core/failure.ts';

export class StateDirError extends Error {}

export interface DirectoryEntry {
  name: string;
  type: DescriptorType;
}

/** A file being appended to: each `append` is one write at the end. */
export interface Appender {
  append(bytes: Uint8Array): void;
  close(): void;
}

export interface StateDir {
  /** The directory as configured. */
  readonly dir: string;
  /** Makes the directory `name` unless it is there. */
  ensureDirectory(name: string): void;
  /** A symbolic link `name` → `target`, made only if `name` does not exist (POSIX symlinkat). */
  symlink(target: string, name: string): 'made' | 'exists';
  /** What the symbolic link `name` points to; undefined when there is none (or `name` is something else). */
  readlink(name: string): string | undefined;
  /** Renames `from` to `to`, replacing `to`; false when `from` does not exist. */
  rename(from: string, to: string): boolean;
  /** Removes the file or link `name`, if it is there. */
  remove(name: string): void;
  removeDirectory(name: string): void;
  /** The modification time of `name` itself (a link is not followed) in ms, or 0 when it does not exist. */
  modifiedMs(name: string): number;
  list(name: string): DirectoryEntry[];
  /** The whole file as text, or undefined when it does not exist. */
  readText(name: string): string | undefined;
  /** Creates `name` unless it exists, writes `bytes` and syncs them to disk (descriptor `sync`: fsync). */
  writeNew(name: string, bytes: Uint8Array): 'made' | 'exists';
  /** Syncs the directory `name` itself, so that the files just made in it survive a power loss. */
  syncDirectory(name: string): void;
  appender(name: string): Appender;
}

/**
 * The state dir `dir`, which must be (inside) a directory the environment grants; a
 * StateDirError naming the grants when it is not.
 */
export function openStateDir(dir: string): StateDir {
  const grant = findGrant(dir);
  if (!grant) {
    const granted = getDirectories().map(([, path]) => path);
    throw new StateDirError(
      `WHATSAPP_STATE_DIR is ${dir}, which the environment does not grant (granted: ${granted.join(', ') || 'none'}); grant it with --allow-dir`,
    );
  }
  const [root, prefix] = grant;
  const at = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const fail = (what: string, name: string, e: unknown): never => {
    throw new StateDirError(`cannot ${what} ${dir}/${name}: ${fsError(e)}`);
  };
  return {
    dir,
    ensureDirectory(name) {
      try {
        root.createDirectoryAt(at(name));
      } catch (e) {
        if (fsError(e) !== 'exist') fail('create', name, e);
      }
    },
    symlink(target, name) {
      try {
        root.symlinkAt(target, at(name));
        return 'made';
      } catch (e) {
        if (fsError(e) === 'exist') return 'exists';
        return fail('make', name, e);
      }
    },
    readlink(name) {
      try {
        return root.readlinkAt(at(name));
      } catch (e) {
        // no-entry: nothing there; invalid: there, but not a link (a claim of an older version).
        if (['no-entry', 'invalid', 'not-directory'].includes(fsError(e))) return undefined;
        return fail('read', name, e);
      }
    },
    rename(from, to) {
      try {
        root.renameAt(at(from), root, at(to));
        return true;
      } catch (e) {
        if (fsError(e) === 'no-entry') return false;
        return fail('rename', from, e);
      }
    },
    remove(name) {
      try {
        root.unlinkFileAt(at(name));
      } catch (e) {
        if (fsError(e) !== 'no-entry') fail('remove', name, e);
      }
    },
    removeDirectory(name) {
      try {
        root.removeDirectoryAt(at(name));
      } catch (e) {
        if (fsError(e) !== 'no-entry') fail('remove', name, e);
      }
    },
    modifiedMs(name) {
      try {
        const { dataModificationTimestamp: t } = root.statAt({}, at(name));
        return t ? Number(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1e6) : 0;
      } catch (e) {
        if (fsError(e) === 'no-entry') return 0;
        return fail('stat', name, e);
      }
    },
    list(name) {
      let directory: Descriptor | undefined;
      try {
        directory = root.openAt({}, at(name), { directory: true }, { read: true });
        const entries = directory.readDirectory();
        const found: DirectoryEntry[] = [];
        for (let entry = entries.readDirectoryEntry(); entry; entry = entries.readDirectoryEntry()) found.push({ name: entry.name, type: entry.type });
        entries[Symbol.dispose]();
        return found;
      } catch (e) {
        if (fsError(e) === 'no-entry') return [];
        return fail('list', name, e);
      } finally {
        directory?.[Symbol.dispose]();
      }
    },
    readText(name) {
      let file: Descriptor | undefined;
      try {
        file = root.openAt({}, at(name), {}, { read: true });
        const chunks: Uint8Array[] = [];
        let offset = 0n;
        for (;;) {
          const [bytes, end] = file.read(1n << 20n, offset);
          if (bytes.length > 0) chunks.push(bytes);
          offset += BigInt(bytes.length);
          if (end || bytes.length === 0) break;
        }
        return decoder.decode(concatBytes(chunks, Number(offset)));
      } catch (e) {
        if (fsError(e) === 'no-entry') return undefined;
        return fail('read', name, e);
      } finally {
        file?.[Symbol.dispose]();
      }
    },
    writeNew(name, bytes) {
      let file: Descriptor | undefined;
      try {
        file = root.openAt({}, at(name), { create: true, exclusive: true }, { write: true });
        writeAll(file, bytes, 0n);
        file.sync();
        return 'made';
      } catch (e) {
        if (e instanceof StateDirError) throw e;
        if (fsError(e) === 'exist') return 'exists';
        return fail('write', name, e);
      } finally {
        file?.[Symbol.dispose]();
      }
    },
    syncDirectory(name) {
      let directory: Descriptor | undefined;
      try {
        directory = root.openAt({}, at(name), { directory: true }, { read: true });
        directory.sync();
      } catch (e) {
        fail('sync', name, e);
      } finally {
        directory?.[Symbol.dispose]();
      }
    },
    appender(name) {
      let file: Descriptor;
      let offset: bigint;
      try {
        file = root.openAt({}, at(name), { create: true }, { write: true });
        offset = file.stat().size;
      } catch (e) {
        return fail('open', name, e);
      }
      return {
        append(bytes) {
          try {
            offset = writeAll(file, bytes, offset);
          } catch (e) {
            fail('append to', name, e);
          }
        },
        close() {
          file[Symbol.dispose]();
        },
      };
    },
  };
}

const decoder = new TextDecoder();

/** A descriptor's `write` may write part of the buffer; returns the offset after the last byte. */
function writeAll(file: Descriptor, bytes: Uint8Array, offset: bigint): bigint {
  let done = 0;
  while (done < bytes.length) {
    const written = Number(file.write(bytes.subarray(done), offset + BigInt(done)));
    if (written <= 0) throw new StateDirError(`a write made no progress after ${done} of ${bytes.length} bytes`);
    done += written;
  }
  return offset + BigInt(done);
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

/** A wasi:filesystem error-code, whether it arrives as the thrown value or as an Error's payload. */
export function fsError(e: unknown): string {
  const code = errorPayload(e) ?? e;
  return typeof code === 'string' ? code : String(e);
}
