/**
 * The benchmarks of the parts (assignment solver, ranking, queues, start-up), each owned by its
 * capability and run here through its own npm script, so `npm run bench` measures exactly what
 * `npm run bench:x` measures. Their headline figures are read from their output; a script that does not exist yet is
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

/** DESIGN §15: the mail path's share of bare BullMQ + nodemailer, and the reminders' p99 lateness ratio. */
const MAIL_SHARE_TARGET = 0.6;
const REMINDER_RATIO_TARGET = 1.5;

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

/**
 * The convention of bench:ranking and bench:auto-assign: a last line "<headline>; target < X: met" (or
 * MISSED). The headline is the figure; `extra` adds lines worth showing (matched by a pattern).
 */
function readTargetLine(extra: RegExp[] = []) {
  return (output: string): Pick<SummaryRow, 'figure' | 'verdict' | 'detail'> => {
    const lines = output.split('\n').map((l) => l.trim());
    // "…; target < 300 ms: met" — a remark in parentheses may follow ("met (load 1.2 per core)").
    const verdictLine = [...lines].reverse().find((l) => /target\b.*:\s*(met|MISSED)\b/i.test(l));
    if (!verdictLine) return readTail(output);
    const headline = verdictLine.replace(/;?\s*target\b.*$/i, '');
    const more = extra
      .map((pattern) => lines.find((l) => pattern.test(l)))
      .filter((l): l is string => Boolean(l));
    const met = /:\s*met\b/i.test(verdictLine);
    const figure = [headline, ...more].join('; ');
    if (met) return { figure, verdict: 'met' };
    // By how much: the worst of the headline's times against the target's.
    const target = num(/target\s*<\s*([\d.,]+)\s*ms/i.exec(verdictLine)?.[1]);
    const worst = Math.max(...[...headline.matchAll(/([\d.,]+)\s*ms/g)].map((m) => num(m[1])));
    const detail =
      Number.isFinite(target) && Number.isFinite(worst)
        ? `worst ${fmt.ms(worst)} ms, ${fmt.ms(worst - target)} ms over`
        : undefined;
    return { figure, verdict: 'missed', detail };
  };
}

/**
 * bench/queue.ts prints two Markdown tables: "| run | mails | seconds | mails/s |" and "| run | reminders
 * … | p50 lateness (ms) | p99 lateness (ms) | max (ms) |", Beirat's rows next to bare BullMQ's.
 */
function readQueue(output: string): Pick<SummaryRow, 'figure' | 'verdict' | 'detail'> {
  const cells = output
    .split('\n')
    .filter((l) => /^\|.*\|\s*$/.test(l.trim()) && !/^\|\s*(run|-)/.test(l.trim()))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  const short = (label: string) => label.split(/[:(]/)[0].trim();
  const mailRows = cells.filter((c) => c.length === 4);
  const lateRows = cells.filter((c) => c.length === 5);
  const throughput = mailRows.map((c) => `${short(c[0])} ${c[3]} mails/s`);
  const lateness = lateRows.map((c) => `${short(c[0])} p50 ${c[2]} ms / p99 ${c[3]} ms`);
  if (throughput.length === 0 && lateness.length === 0) return readTail(output);
  const figure = [...throughput, ...lateness.map((l) => `lateness: ${l}`)].join('; ');
  // DESIGN §15: Beirat against bare BullMQ + nodemailer (the rows that send mail, not the no-op ones).
  const beirat = (rows: string[][]) => rows.find((c) => c[0].startsWith('Beirat'));
  const bareMail = (rows: string[][]) => rows.find((c) => c[0].startsWith('bare') && !c[0].includes('no-op'));
  const [mails, bareMails] = [beirat(mailRows), bareMail(mailRows)].map((c) => num(c?.[3]));
  const [p99, bareP99] = [beirat(lateRows), bareMail(lateRows)].map((c) => num(c?.[3]));
  if (![mails, bareMails, p99, bareP99].every(Number.isFinite))
    return { figure, verdict: 'failed', detail: 'a Beirat or bare row is missing' };
  const share = mails / bareMails;
  const ratio = p99 / bareP99;
  const misses = [
    share >= MAIL_SHARE_TARGET
      ? ''
      : `mail path ${(share * 100).toFixed(1)} % of bare, ${((MAIL_SHARE_TARGET - share) * 100).toFixed(1)} points short`,
    ratio <= REMINDER_RATIO_TARGET
      ? ''
      : `reminder p99 ${ratio.toFixed(2)}× bare, over ${REMINDER_RATIO_TARGET}×`,
  ].filter(Boolean);
  const measured = `mail path ${fmt.pct(share)} of bare BullMQ + nodemailer; reminder p99 lateness ${ratio.toFixed(2)}× bare`;
  return {
    figure,
    verdict: misses.length ? 'missed' : 'met',
    detail: misses.length ? misses.join('; ') : measured,
  };
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
    script: 'bench:assign-national',
    area: 'Assignment',
    what: 'auto-assign solve at national scale, 10,000 proposals × 2,000 reviewers × k = 3 over all ~19 M pairs, candidates + proof against the full solve (`npm run bench:assign-national`)',
    target: 'exact (same optimum as the full solve), < 3 s and < 1 GB',
    read: readTargetLine(),
  },
  {
    script: 'bench:auto-assign',
    area: 'Assignment',
    what: 'auto-assign dry run through HTTP, 200 proposals × 40 reviewers (`npm run bench:auto-assign`)',
    target: 'median < 1 s',
    read: readTargetLine([/^commit \(once/]),
  },
  {
    script: 'bench:ranking',
    area: 'Ranking',
    what: 'ranking of a call, 2,000 proposals × 3 reviews × 5 criteria, sequential, computed afresh after a change and from the cache (`npm run bench:ranking`)',
    target: 'median < 100 ms afresh; cache equals a fresh computation',
    read: readTargetLine([/^PostgreSQL ranking statement/, /^cache (equals|DIFFERS)/]),
  },
  {
    script: 'bench:pages',
    area: 'Pages',
    what: 'every page of each role with the bench data (2,000 proposals; registry, a 40-item meeting, 40 batch letters), meeting pack, minutes and letter PDFs included, 30 sequential requests each, round trip on loopback (`npm run bench:pages`)',
    target:
      'median < 150 ms each; ranking page with 2,000 rows, meeting pack and minutes PDFs, letters included',
    read: readTargetLine(),
  },
  {
    script: 'bench:letter-pdf',
    area: 'PDFs',
    what: 'a decision letter as PDF (consensus text, comments, funding), median of 30 (`npm run bench:letter-pdf`)',
    target: '< 300 ms',
    read: readTargetLine(),
  },
  {
    script: 'bench:minutes-pdf',
    area: 'PDFs',
    what: 'the minutes PDF of a 40-item meeting, median of 30 (`npm run bench:minutes-pdf`)',
    target: '< 300 ms',
    read: readTargetLine(),
  },
  {
    script: 'bench:queue',
    area: 'Queues and mail',
    what: '10,000 mails to an SMTP sink; 1,000 reminders due in one second (`npm run bench:queue`)',
    target: `mail path ≥ ${fmt.pct(MAIL_SHARE_TARGET)} of bare BullMQ + nodemailer mails/s; reminders p99 lateness ≤ ${REMINDER_RATIO_TARGET}× bare BullMQ + mail`,
    read: readQueue,
  },
  {
    script: 'bench:startup',
    area: 'Start-up',
    what: '`npm start` on a built tree: spawn to the first 200 from /health, median of 5 starts (`npm run bench:startup`)',
    target: '< 5 s',
    read: readTargetLine(),
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
    // A missed target exits 1 too: the figures still count. Only output without them is a failure,
    // and a correctness check inside the script that failed ("CHECK FAILED: …" lines).
    const checks = run.output.split('\n').filter((l) => l.startsWith('CHECK FAILED'));
    if (checks.length > 0) {
      rows.push({
        ...base,
        figure: checks.join(' · '),
        verdict: 'failed',
        detail: 'a correctness check failed',
      });
      continue;
    }
    const read = sub.read(run.output);
    if (run.exitCode !== 0 && read.verdict !== 'missed') {
      const tail = run.output.trim().split('\n').slice(-2).join(' · ');
      rows.push({ ...base, figure: tail || 'no output', verdict: 'failed', detail: `exit ${run.exitCode}` });
      continue;
    }
    rows.push({ ...base, ...read });
  }
  return { rows, runs };
}
