// A StateDir (src/guest/ports/state-dir.ts) in memory, with the semantics the ports rely on:
// a link or a new file is made only where nothing is, a rename replaces its target, removing
// what is not there is no error, and every change sets the entry's modification time from a
// clock the test controls. For unit tests of the claims, the inbox and the dispatcher.
import type { DirectoryEntry, StateDir } from '../../../../src/guest/ports/state-dir.ts';

type Entry = { type: 'directory' } | { type: 'regular-file'; text: string } | { type: 'symbolic-link'; target: string };

export class MemoryStateDir implements StateDir {
  readonly dir = '/state';
  readonly entries = new Map<string, Entry & { modifiedMs: number }>();
  /** Operations made, by name (`symlink`, `append`, ...). */
  readonly operations = new Map<string, number>();
  /** Throws this from every change while set (a full disk). */
  failure: Error | undefined;

  constructor(public clock: () => number = () => 0) {}

  ensureDirectory(name: string): void {
    this.count('ensureDirectory');
    if (!this.entries.has(name)) this.put(name, { type: 'directory' });
  }

  symlink(target: string, name: string): 'made' | 'exists' {
    this.count('symlink');
    if (this.entries.has(name)) return 'exists';
    this.put(name, { type: 'symbolic-link', target });
    return 'made';
  }

  readlink(name: string): string | undefined {
    this.count('readlink');
    const entry = this.entries.get(name);
    return entry?.type === 'symbolic-link' ? entry.target : undefined;
  }

  rename(from: string, to: string): boolean {
    this.count('rename');
    const entry = this.entries.get(from);
    if (!entry) return false;
    this.fail();
    this.entries.delete(from);
    this.entries.set(to, entry);
    return true;
  }

  remove(name: string): void {
    this.count('remove');
    this.entries.delete(name);
  }

  removeDirectory(name: string): void {
    this.count('removeDirectory');
    this.entries.delete(name);
  }

  modifiedMs(name: string): number {
    return this.entries.get(name)?.modifiedMs ?? 0;
  }

  list(name: string): DirectoryEntry[] {
    this.count('list');
    const prefix = `${name}/`;
    return [...this.entries]
      .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map(([path, entry]) => ({ name: path.slice(prefix.length), type: entry.type }));
  }

  readText(name: string): string | undefined {
    this.count('readText');
    const entry = this.entries.get(name);
    return entry?.type === 'regular-file' ? entry.text : undefined;
  }

  writeNew(name: string, bytes: Uint8Array): 'made' | 'exists' {
    this.count('writeNew');
    if (this.entries.has(name)) return 'exists';
    this.put(name, { type: 'regular-file', text: new TextDecoder().decode(bytes) });
    return 'made';
  }

  syncDirectory(): void {
    this.count('syncDirectory');
  }

  appender(name: string) {
    if (!this.entries.has(name)) this.put(name, { type: 'regular-file', text: '' });
    return {
      append: (bytes: Uint8Array) => {
        this.count('append');
        const entry = this.entries.get(name);
        if (entry?.type !== 'regular-file') throw new Error(`${name} is gone`);
        this.put(name, { type: 'regular-file', text: entry.text + new TextDecoder().decode(bytes) });
      },
      close: () => {},
    };
  }

  /** The text of a file, or the target of a link. */
  read(name: string): string | undefined {
    const entry = this.entries.get(name);
    return entry?.type === 'regular-file' ? entry.text : entry?.type === 'symbolic-link' ? entry.target : undefined;
  }

  /** Names under `dir`, sorted. */
  names(dir: string): string[] {
    return this.list(dir)
      .map((e) => e.name)
      .sort();
  }

  private put(name: string, entry: Entry): void {
    this.fail();
    this.entries.set(name, { ...entry, modifiedMs: this.clock() });
  }

  private fail(): void {
    if (this.failure) throw this.failure;
  }

  private count(operation: string): void {
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
  }
}
