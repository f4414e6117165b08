/**
 * Assignment at national scale (issue 19, DESIGN §15): 10,000 proposals × 2,000 reviewers × k = 3 over
 * ALL allowed pairs (~19 M), solved on candidate pairs with the proof over all pairs
 * (src/review/assignment/candidate-solve.ts), checked against one network with every pair.
 *
 *   npm run bench:assign-national
 *
 * Instances from bench/assign-instance.ts; "loose" caps (maxLoad 20 → 40,000 capacity for 30,000
 * slots) and "tight" caps (maxLoad 14 → 28,000, so 2,000 slots stay short). Every measurement runs in a
 * fresh child process so that its peak RSS (getrusage maxrss) is that solve's; the candidate solve's
 * time is the median of 3 processes. Exits 1 when the candidate solve's (filled, affinity) differs from
 * the full solve's, or a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { solveAssignment } from '@/review/assignment/assignment-solver';
import { generateAssignmentInstance } from './assign-instance';

const SHAPE = { proposals: 10_000, reviewers: 2_000, k: 3 };
const VARIANTS = { loose: 20, tight: 14 } as const;
type Variant = keyof typeof VARIANTS;
const TARGET_SECONDS = 3;
const TARGET_RSS_MB = 1024;

interface Measurement {
  filled: number;
  affinity: number;
  seconds: number;
  /** CPU time of the process during the solve (user + system): what other processes' load does not inflate. */
  cpuSeconds: number;
  /** Peak RSS of the child process (Node + loader + the 19 M-pair instance + the solve), MB. */
  peakRssMb: number;
  /** RSS just before the solve (instance built), MB. */
  instanceRssMb: number;
  pairs: number;
  pairsInNetwork: number;
  solves: number;
}

function measure(method: 'candidates' | 'full', variant: Variant): Measurement {
  const instance = generateAssignmentInstance({ ...SHAPE, maxLoad: VARIANTS[variant] });
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const solution = solveAssignment(instance, { method });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    filled: solution.filled,
    affinity: solution.affinity,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    instanceRssMb: rssBefore / 2 ** 20,
    pairs: instance.edgeReviewer.length,
    pairsInNetwork: solution.stats.pairsInNetwork,
    solves: solution.stats.solves,
  };
}

function inChild(method: 'candidates' | 'full', variant: Variant): Measurement {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, '--max-old-space-size=4096', __filename, `--child=${method}`, variant],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Measurement;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const n = (value: number): string => value.toLocaleString('en-US');

function main(): void {
  const childArg = process.argv.find((arg) => arg.startsWith('--child='));
  if (childArg) {
    const variant = process.argv[process.argv.indexOf(childArg) + 1] as Variant;
    process.stdout.write(
      `${JSON.stringify(measure(childArg === '--child=full' ? 'full' : 'candidates', variant))}\n`,
    );
    return;
  }
  console.log(
    `National assignment: ${n(SHAPE.proposals)} proposals × ${n(SHAPE.reviewers)} reviewers × k=${SHAPE.k}, ` +
      `all allowed pairs, Node ${process.version}`,
  );
  let allMatch = true;
  const seconds: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  const fullSeconds: number[] = [];
  const fullRss: number[] = [];
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    const runs = [0, 1, 2].map(() => inChild('candidates', variant));
    const full = inChild('full', variant);
    const c = runs[0];
    const same = runs.every((r) => r.filled === full.filled && r.affinity === full.affinity);
    allMatch &&= same;
    seconds.push(median(runs.map((r) => r.seconds)));
    cpu.push(median(runs.map((r) => r.cpuSeconds)));
    rss.push(Math.max(...runs.map((r) => r.peakRssMb)));
    fullSeconds.push(full.seconds);
    fullRss.push(full.peakRssMb);
    console.log(`\n${variant} caps (maxLoad ${VARIANTS[variant]}), ${n(c.pairs)} allowed pairs:`);
    console.log(
      `  candidates filled ${n(c.filled)}, affinity ${n(c.affinity)}; ${seconds.at(-1)?.toFixed(3)} s ` +
        `(runs ${runs.map((r) => r.seconds.toFixed(3)).join(' / ')}; CPU ${cpu.at(-1)?.toFixed(3)} s); peak RSS ${rss.at(-1)?.toFixed(0)} MB ` +
        `(${c.instanceRssMb.toFixed(0)} MB before the solve); ${n(c.pairsInNetwork)} pairs in the last network, ` +
        `${c.solves} network solve(s)`,
    );
    console.log(
      `  full       filled ${n(full.filled)}, affinity ${n(full.affinity)}; ${full.seconds.toFixed(3)} s; ` +
        `CPU ${full.cpuSeconds.toFixed(3)} s; peak RSS ${full.peakRssMb.toFixed(0)} MB`,
    );
    console.log(`  ${same ? 'MATCH' : 'MISMATCH'}`);
  }
  const worstSeconds = Math.max(...seconds);
  const worstRss = Math.max(...rss);
  const met = allMatch && worstSeconds < TARGET_SECONDS && worstRss < TARGET_RSS_MB;
  console.log(
    `\ncandidates + proof ${seconds.map((s) => `${s.toFixed(2)} s`).join(' / ')} (loose / tight caps; CPU ${cpu.map((s) => `${s.toFixed(2)} s`).join(' / ')}), ` +
      `peak RSS ${worstRss.toFixed(0)} MB; full solve ${fullSeconds.map((s) => `${s.toFixed(1)} s`).join(' / ')}, ` +
      `${Math.max(...fullRss).toFixed(0)} MB; ${allMatch ? 'same optimum' : 'OPTIMA DIFFER'}; ` +
      `target < ${TARGET_SECONDS} s and < ${TARGET_RSS_MB} MB, same optimum: ${met ? 'met' : 'MISSED'}`,
  );
  if (!met) process.exitCode = 1;
}

main();
