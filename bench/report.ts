/**
 * The summary of `npm run bench`: one table, the machine it ran on, printed and written into
 * docs/BENCHMARKS.md between the summary markers (the other sections of that file belong to their
 * benchmarks and are left as they are).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';

export const SUMMARY_START = '<!-- bench:summary:start -->';
export const SUMMARY_END = '<!-- bench:summary:end -->';

export type Verdict = 'met' | 'missed' | 'reference' | 'info' | 'not yet available' | 'failed';

export interface SummaryRow {
  area: string;
  what: string;
  figure: string;
  target: string;
  verdict: Verdict;
  /** How far off, or why: shown next to the verdict. */
  detail?: string;
}

export interface Machine {
  cores: number;
  memoryGb: number;
  cpuModel: string;
  node: string;
  postgres: string;
  redis: string;
  loadAtStart: string;
}

export async function describeMachine(postgres: string, redis: string): Promise<Machine> {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(info)?.[1].trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() is the best there is
  }
  return {
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    cpuModel,
    node: process.version,
    postgres,
    redis,
    loadAtStart: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  /** Requests per second: whole numbers, but a slow endpoint keeps one decimal (0.5, not 0). */
  rate: (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')),
  ms: (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString()),
  pct: (n: number) => `${Math.round(n * 100)} %`,
  mb: (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`,
  duration: (seconds: number) =>
    seconds < 90
      ? `${seconds.toFixed(0)} s`
      : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`,
};

const VERDICT_TEXT: Record<Verdict, string> = {
  met: 'met',
  missed: '**missed**',
  reference: 'baseline',
  info: '—',
  'not yet available': 'not yet available',
  failed: '**failed**',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryTable(rows: SummaryRow[]): string {
  const lines = ['| area | measurement | figure | target | result |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const verdict = VERDICT_TEXT[r.verdict] + (r.detail ? ` (${r.detail})` : '');
    lines.push(`| ${[r.area, r.what, r.figure, r.target, verdict].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export interface SummaryDoc {
  machine: Machine;
  startedAt: Date;
  runSeconds: number;
  dataset: string;
  rows: SummaryRow[];
  notes: string[];
}

export function summaryMarkdown(doc: SummaryDoc): string {
  const m = doc.machine;
  return [
    SUMMARY_START,
    '## Summary',
    '',
    `Written by \`npm run bench\` (\`bench/run-all.ts\`) on ${doc.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      `the whole run took ${fmt.duration(doc.runSeconds)}.`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres}, Redis ${m.redis}; all on the same machine, load average ${m.loadAtStart} ` +
      '(1 / 5 / 15 min) when the run started.',
    '',
    doc.dataset,
    '',
    summaryTable(doc.rows),
    '',
    ...doc.notes.map((n) => `- ${n}`),
    SUMMARY_END,
  ].join('\n');
}

/** Replaces the summary between the markers, or puts it right under the "# Benchmarks" title. */
export async function writeSummary(file: string, markdown: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const start = text.indexOf(SUMMARY_START);
  const end = text.indexOf(SUMMARY_END);
  if (start >= 0 && end > start) {
    text = text.slice(0, start) + markdown + text.slice(end + SUMMARY_END.length);
  } else {
    const title = /^# Benchmarks[^\n]*\n/m.exec(text);
    if (title) {
      const head = text.slice(0, title.index + title[0].length);
      const rest = text.slice(title.index + title[0].length).replace(/^\n+/, '');
      text = `${head}\n${markdown}\n\n${rest}`;
    } else {
      text = `# Benchmarks\n\n${markdown}\n\n${text}`;
    }
  }
  await writeFile(file, text);
}
