/**
 * The benchmarks of the parts (assignment solver, ranking, queues), each owned by its capability and
 * run here through its own npm script, so `npm run bench` measures exactly what `npm run bench:x`
 * measures. Their headline figures are read from their output; a script that does not exist yet is
 * reported as "not yet available".
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt, type SummaryRow } from './report';

interface SubBenchmark {
  script: string;
  area: string;
  what: string;
  target: string;
  /** Headline figure and verdict from the script's output (stdout and stderr together). */
  read(output: string): Pick<SummaryRow, 'figure' | 'verdict' | 'detail'>;
}

export interface SubRun {
  script: string;
  seconds: number;
  exitCode: number | null;
  output: string;
}

const num = (text: string | undefined) => (text === undefined ? NaN : Number(text.replace(/,/g, '')));

/** bench/assign.ts prints "solver filled F, affinity A; S s; peak RSS M MB …" per variant, then MATCH. */
function readAssign(output: string): Pick<SummaryRow, 'figure' | 'verdict' | 'detail'> {
  const solver = [
    ...output.matchAll(/solver\s+filled [\d,]+, affinity [\d,]+; ([\d.]+) s; peak RSS (\d+) MB/g),
  ];
  const highs = [
    ...output.matchAll(/HiGHS\s+filled [\d,]+, affinity [\d,]+; ([\d.]+) s; peak RSS (\d+) MB/g),
  ];
  if (solver.length === 0) return { figure: 'no figures in the output', verdict: 'failed' };
  const seconds = Math.max(...solver.map((m) => num(m[1])));
  const rss = Math.max(...solver.map((m) => num(m[2])));
  const match = !/MISMATCH/.test(output) && /MATCH/.test(output);
  const figure =
    `exact solver ${solver.map((m) => `${num(m[1]).toFixed(2)} s`).join(' / ')} (loose / tight caps), ` +
    `peak RSS ${rss} MB; HiGHS on the same instance ${highs.map((m) => `${num(m[1]).toFixed(1)} s`).join(' / ')}, ` +
    `${Math.max(...highs.map((m) => num(m[2])))} MB; ${match ? 'same optimum' : 'OPTIMA DIFFER'}`;
  const misses: string[] = [];
  if (seconds >= 2) misses.push(`${seconds.toFixed(2)} s is ${(seconds - 2).toFixed(2)} s over`);
  if (rss >= 300) misses.push(`${rss} MB is ${rss - 300} MB over`);
  if (!match) misses.push('solver and HiGHS disagree');
  return { figure, verdict: misses.length ? 'missed' : 'met', detail: misses.join('; ') || undefined };
}

/** Until a script's output format is known here: its last lines, as it printed them. */
function readTail(output: string): Pick<SummaryRow, 'figure' | 'verdict' | 'detail'> {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('>'));
  return { figure: lines.slice(-3).join(' · ') || 'no output', verdict: 'info', detail: 'see its section' };
}

export const SUB_BENCHMARKS: SubBenchmark[] = [
  {
    script: 'bench:assign',
    area: 'Assignment',
    what: 'auto-assign solve, 2,000 proposals × 300 reviewers × k = 3 (`npm run bench:assign`)',
    target: '< 2 s and < 300 MB',
    read: readAssign,
  },
  {
    script: 'bench:ranking',
    area: 'Ranking',
    what: 'ranking of a call, 2,000 proposals × 3 reviews × 5 criteria (`npm run bench:ranking`)',
    target: 'median server time < 100 ms',
    read: readTail,
  },
  {
    script: 'bench:queue',
    area: 'Queues and mail',
    what: '10,000 mails to an SMTP sink; 1,000 reminders due in one second (`npm run bench:queue`)',
    target: 'mails/s and p50/p99 lateness next to bare BullMQ',
    read: readTail,
  },
];

function runScript(root: string, script: string, timeoutMs: number): Promise<SubRun> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n(stopped after ${timeoutMs / 1000} s)`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ script, seconds: Number(process.hrtime.bigint() - started) / 1e9, exitCode: code, output });
    });
  });
}

/** Runs every sub-benchmark whose npm script exists, one after the other (they share 2 cores). */
export async function runSubBenchmarks(
  root: string,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<{ rows: SummaryRow[]; runs: SubRun[] }> {
  const scripts = (
    JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const rows: SummaryRow[] = [];
  const runs: SubRun[] = [];
  for (const sub of SUB_BENCHMARKS) {
    const base = { area: sub.area, what: sub.what, target: sub.target };
    if (!scripts[sub.script]) {
      rows.push({ ...base, figure: '—', verdict: 'not yet available' });
      continue;
    }
    log(`running npm run ${sub.script} …`);
    const run = await runScript(root, sub.script, timeoutMs);
    runs.push(run);
    log(`npm run ${sub.script} ended with ${run.exitCode} after ${fmt.duration(run.seconds)}`);
    if (run.exitCode !== 0) {
      const tail = run.output.trim().split('\n').slice(-2).join(' · ');
      rows.push({ ...base, figure: tail || 'no output', verdict: 'failed', detail: `exit ${run.exitCode}` });
      continue;
    }
    rows.push({ ...base, ...sub.read(run.output) });
  }
  return { rows, runs };
}
