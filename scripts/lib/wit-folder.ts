// WIT folders for componentize-js and `jco guest-types`: the `.wit` files of a folder, and a
// folder assembled the way a handler author lays theirs out (their own package at the root,
// asterai:whatsapp and the vendored packages of wit/deps under deps/).
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ROOT } from './paths.ts';

/** Every `.wit` file under `dir`, sorted. */
export function witFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.wit'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** What an assembled WIT folder is made of. */
export interface WitSources {
  /** Names the folder under build/wit. */
  name: string;
  /** The component's own package: one `.wit` file or a folder of them, at the folder's root. */
  root: string;
  /** The asterai:whatsapp contract it uses, as deps/asterai-whatsapp/whatsapp.wit (none when absent). */
  whatsapp?: string;
}

const VENDORED = join(ROOT, 'wit', 'deps');
const ASSEMBLED = join(ROOT, 'build', 'wit');

/**
 * build/wit/<name>-<hash of the sources>, assembled if it is not there yet: a folder per content,
 * created under a temporary name and renamed, so that processes assembling it at the same time
 * (`npm start`, test workers) never see it half-written.
 */
export function assembleWit(sources: WitSources): string {
  const dir = join(ASSEMBLED, `${sources.name}-${hashOf(sources)}`);
  if (existsSync(dir)) return dir;
  const staging = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  mkdirSync(join(staging, 'deps'), { recursive: true });
  cpSync(sources.root, statSync(sources.root).isDirectory() ? staging : join(staging, basename(sources.root)), { recursive: true });
  cpSync(VENDORED, join(staging, 'deps'), { recursive: true });
  if (sources.whatsapp) {
    mkdirSync(join(staging, 'deps', 'asterai-whatsapp'));
    cpSync(sources.whatsapp, join(staging, 'deps', 'asterai-whatsapp', 'whatsapp.wit'));
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

function hashOf(sources: WitSources): string {
  const hash = createHash('sha256');
  const add = (label: string, file: string) => hash.update(`${label} ${relative(ROOT, file)}\n`).update(readFileSync(file));
  for (const file of statSync(sources.root).isDirectory() ? witFiles(sources.root) : [sources.root]) add('root', file);
  for (const file of witFiles(VENDORED)) add('deps', file);
  if (sources.whatsapp) add('whatsapp', sources.whatsapp);
  return hash.digest('hex').slice(0, 16);
}
