// The wasi:filesystem calls the inbox is made of, timed on the host side: preview2-shim's
// implementation, the one the Node host gives a guest, called from Node directly (no guest, no
// bindings), in a fresh directory. What a guest's call costs on top is the bindings'.
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.ts';

export interface ShimFilesystemCosts {
  /** One symlink-at (a claim, a lease), µs. */
  symlinkUs: number;
  /** One readlink-at (a lease check), µs. */
  readlinkUs: number;
  /** One write of a mark line on an open descriptor (through the shim's I/O worker), µs. */
  writeUs: number;
  /** Writing and syncing (fsync) a new 300 KB file, then syncing its directory: a journal, ms. */
  journalMs: number;
}

interface Descriptor {
  symlinkAt(target: string, path: string): void;
  readlinkAt(path: string): string;
  openAt(pathFlags: object, path: string, openFlags: object, flags: object): Descriptor;
  write(bytes: Uint8Array, offset: bigint): bigint;
  sync(): void;
  [Symbol.dispose](): void;
}

export function measureShimFilesystem(rounds: number): ShimFilesystemCosts {
  const dir = mkdtempSync(join(tmpdir(), 'bench-shim-fs-'));
  try {
    const imports = new WASIShim({ sandbox: { preopens: { [dir]: dir } } }).getImportObject() as unknown as Record<string, Record<string, () => unknown>>;
    const preopens = imports['wasi:filesystem/preopens']?.getDirectories?.() as [Descriptor, string][];
    const root = preopens[0]![0];
    const each = (n: number, step: (i: number) => void) => {
      const started = performance.now();
      for (let i = 0; i < n; i++) step(i);
      return ((performance.now() - started) / n) * 1000;
    };
    const marks = root.openAt({}, 'marks', { create: true }, { write: true });
    const line = new TextEncoder().encode('done 12 0\n');
    const journal = new Uint8Array(300 * 1024).fill(0x20);
    const samples = { symlink: [] as number[], readlink: [] as number[], write: [] as number[], journal: [] as number[] };
    let offset = 0n;
    for (let r = 0; r < rounds; r++) {
      samples.symlink.push(each(200, (i) => root.symlinkAt(`J:${i}`, `claim-${r}-${i}`)));
      samples.readlink.push(each(200, (i) => root.readlinkAt(`claim-${r}-${i}`)));
      samples.write.push(
        each(200, () => {
          offset += marks.write(line, offset);
        }),
      );
      const started = performance.now();
      const file = root.openAt({}, `journal-${r}`, { create: true, exclusive: true }, { write: true });
      file.write(journal, 0n);
      file.sync();
      file[Symbol.dispose]();
      const inbox = root.openAt({}, '.', { directory: true }, { read: true });
      inbox.sync();
      inbox[Symbol.dispose]();
      samples.journal.push(performance.now() - started);
    }
    marks[Symbol.dispose]();
    return { symlinkUs: median(samples.symlink), readlinkUs: median(samples.readlink), writeUs: median(samples.write), journalMs: median(samples.journal) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
