// What each benchmark hands back, and the pieces of BENCHMARKS.md that describe the run:
// the machine, the toolchain, and how busy the machine was while measuring.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { installedVersion, ROOT } from '../../lib/paths.ts';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** Why it is missed and what would close it, or what the figure means. */
  note?: string;
}

export interface BenchSection {
  id: string;
  title: string;
  /** Markdown: what was measured, how, the tables, the reading of the figures. */
  body: string;
  targets: TargetCheck[];
  /** One line for the README's Performance section. */
  headline: string;
  /**
   * Answers that were not what a correct run gives (a valid POST refused, a dispatch missing),
   * left out of the figures and listed under the section instead of stopping the run.
   */
  anomalies?: string[];
  /** Load average (1 min) when the section started and ended. */
  load: [number, number];
  seconds: number;
}

export interface BenchOptions {
  /** Fewer samples: a smoke run of the benchmark code, figures not meant to be kept. */
  quick: boolean;
}

export type Benchmark = {
  id: string;
  title: string;
  run(options: BenchOptions): Promise<Omit<BenchSection, 'id' | 'title' | 'load' | 'seconds'>>;
};

export function anomaliesNote(anomalies: readonly string[] | undefined): string {
  if (!anomalies || anomalies.length === 0) return '';
  const shown = anomalies.slice(0, 10).map((a) => `- ${a}`);
  if (anomalies.length > 10) shown.push(`- and ${anomalies.length - 10} more`);
  return [
    `> **${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}** in this run. The known cause: a long-lived instance refuses a`,
    '> valid signature now and then, through StarlingMonkey\'s WebCrypto (see "Open findings" in `tests/hardening/README.md`;',
    '> asterai\'s fresh instances are not known to be affected):',
    '',
    ...shown,
  ].join('\n');
}

export function benchCommand(id: string): string {
  return `npm run bench -- ${id}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function gitRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'wit', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes under src/, wit/ or scripts/)` : head;
  } catch {
    return 'unknown';
  }
}

export function machineDescription(): string {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(', ');
  return table(
    ['', ''],
    [
      ['Date', new Date().toISOString()],
      ['CPU', `${cpus.length} × ${models || 'unknown'}`],
      ['Memory', `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`],
      ['OS', `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`],
      ['Node', `${process.version} (V8 ${process.versions.v8})`],
      [
        'Toolchain',
        ['@bytecodealliance/componentize-js', '@bytecodealliance/jco', '@bytecodealliance/preview2-shim', 'whatsapp-api-js']
          .map((name) => `${name} ${installedVersion(name) ?? 'not installed'}`)
          .join(', '),
      ],
      ['Commit', gitRevision()],
      ['Load average at start', os.loadavg().map((l) => l.toFixed(2)).join(' / ') + ' (1 / 5 / 15 min)'],
    ],
  );
}

export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}
