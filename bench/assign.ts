/**
 * Benchmark of the exact reviewer-assignment solver against HiGHS on the same instance.
 *
 *   npm run bench:assign
 *
 * Instance: 2,000 proposals × 300 reviewers, k = 3 missing reviewers each, 40 topics (proposals 1–5,
 * reviewers 3–10 expertise keywords), bids in −2..2 on ~10 % of pairs, 5 % conflicts. Two variants:
 * "loose" caps (maxLoad 25 → 7,500 capacity for 6,000 slots) and "tight" caps (maxLoad 19 → 5,700,
 * so some proposals stay short). Every measurement runs in a fresh child process so that its peak
 * RSS (getrusage maxrss) belongs to that solve alone; the solver time is the median of 3 processes.
 * Exits 1 when the solver's (filled, affinity) differs from HiGHS's.
 */
import { execFileSync } from 'node:child_process';
import loadHighs from 'highs';
import { type AssignmentInstance, solveAssignment } from '@/review/assignment/assignment-solver';
import { generateAssignmentInstance } from './assign-instance';

const PROPOSALS = 2000;
const REVIEWERS = 300;
const K = 3;
const VARIANTS = { loose: 25, tight: 19 } as const;
type Variant = keyof typeof VARIANTS;

interface Measurement {
  filled: number;
  affinity: number;
  seconds: number;
  /** Peak resident set size of the whole child process, MB. */
  peakRssMb: number;
  /** Peak RSS minus RSS just before the solve (instance already built), MB. */
  rssGrowthMb: number;
  detail: string;
}

/**
 * The b-matching LP in CPLEX LP format, coverage first through one big-M weight per pair: with
 * M > (R + P) · max|affinity| every simple augmenting path gains more than any affinity it loses,
 * so the optimum is a maximum flow and, among those, has maximum affinity. The constraint matrix is
 * totally unimodular, so the simplex optimum is integral.
 */
function buildLp(instance: AssignmentInstance, bigM: number): string {
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const byReviewer: string[][] = Array.from({ length: reviewerCapacity.length }, () => []);
  const byProposal: string[][] = Array.from({ length: proposalDemand.length }, () => []);
  const objective: string[] = [];
  for (let e = 0; e < edgeReviewer.length; e++) {
    objective.push(`+ ${bigM + edgeAffinity[e]} x${e}`);
    byReviewer[edgeReviewer[e]].push(`x${e}`);
    byProposal[edgeProposal[e]].push(`x${e}`);
  }
  const lines = ['Maximize', ' obj:', ...chunk(objective, ' '), 'Subject To'];
  const addRows = (prefix: string, rows: string[][], bound: ArrayLike<number>): void => {
    rows.forEach((vars, i) => {
      if (vars.length === 0) return;
      lines.push(` ${prefix}${i}:`, ...chunk(vars, ' + '), ` <= ${bound[i]}`);
    });
  };
  addRows('r', byReviewer, reviewerCapacity);
  addRows('p', byProposal, proposalDemand);
  lines.push('Bounds');
  for (let e = 0; e < edgeReviewer.length; e++) lines.push(` 0 <= x${e} <= 1`);
  lines.push('End');
  return lines.join('\n');
}

/** Long expressions are split over lines of 50 terms; continuation lines start with the separator. */
function chunk(terms: string[], separator: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += 50) {
    out.push((i === 0 ? '  ' : `  ${separator.trim()} `) + terms.slice(i, i + 50).join(separator));
  }
  return out;
}

function maxAbsAffinity(instance: AssignmentInstance): number {
  let max = 0;
  for (const a of instance.edgeAffinity) max = Math.max(max, Math.abs(a));
  return max;
}

function memoryFigures(rssBefore: number): Pick<Measurement, 'peakRssMb' | 'rssGrowthMb'> {
  const peak = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
  return { peakRssMb: peak / 2 ** 20, rssGrowthMb: (peak - rssBefore) / 2 ** 20 };
}

function measureSolver(variant: Variant): Measurement {
  const instance = generateAssignmentInstance({
    proposals: PROPOSALS,
    reviewers: REVIEWERS,
    k: K,
    maxLoad: VARIANTS[variant],
  });
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const solution = solveAssignment(instance);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const short = solution.shortBy.reduce((sum, s) => sum + s, 0);
  return {
    filled: solution.filled,
    affinity: solution.affinity,
    seconds,
    ...memoryFigures(rssBefore),
    detail: `${instance.edgeReviewer.length} allowed pairs, ${short} slots short`,
  };
}

async function measureHighs(variant: Variant): Promise<Measurement> {
  const instance = generateAssignmentInstance({
    proposals: PROPOSALS,
    reviewers: REVIEWERS,
    k: K,
    maxLoad: VARIANTS[variant],
  });
  const highs = await loadHighs();
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const bigM = (REVIEWERS + PROPOSALS) * maxAbsAffinity(instance) + 1;
  const lp = buildLp(instance, bigM);
  const built = process.hrtime.bigint();
  const result = highs.solve(lp, { output_flag: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.Status !== 'Optimal') throw new Error(`HiGHS ended with status ${result.Status}`);
  let filled = 0;
  let affinity = 0;
  for (let e = 0; e < instance.edgeReviewer.length; e++) {
    const x = Math.round(result.Columns[`x${e}`].Primal);
    filled += x;
    affinity += x * instance.edgeAffinity[e];
  }
  if (Math.abs(result.ObjectiveValue - (bigM * filled + affinity)) > 1e-6 * bigM) {
    throw new Error(`HiGHS objective ${result.ObjectiveValue} disagrees with its rounded primal solution`);
  }
  return {
    filled,
    affinity,
    seconds,
    ...memoryFigures(rssBefore),
    detail: `LP text ${(lp.length / 2 ** 20).toFixed(0)} MB built in ${(Number(built - started) / 1e9).toFixed(1)} s`,
  };
}

/** Runs one measurement in a fresh Node process (same loaders) and parses its JSON answer. */
function inChild(what: 'solver' | 'highs', variant: Variant): Measurement {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, `--child=${what}`, variant], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function describe(name: string, m: Measurement): string {
  return (
    `  ${name.padEnd(7)} filled ${m.filled}, affinity ${m.affinity}; ${m.seconds.toFixed(3)} s; ` +
    `peak RSS ${m.peakRssMb.toFixed(0)} MB (+${m.rssGrowthMb.toFixed(0)} MB during solve); ${m.detail}`
  );
}

async function main(): Promise<void> {
  const childArg = process.argv.find((arg) => arg.startsWith('--child='));
  if (childArg) {
    const variant = process.argv[process.argv.indexOf(childArg) + 1] as Variant;
    const m = childArg === '--child=solver' ? measureSolver(variant) : await measureHighs(variant);
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  console.log(
    `Assignment benchmark: ${PROPOSALS} proposals × ${REVIEWERS} reviewers × k=${K}, Node ${process.version}`,
  );
  let allMatch = true;
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    console.log(`\n${variant} caps (maxLoad ${VARIANTS[variant]}):`);
    const runs = [0, 1, 2].map(() => inChild('solver', variant));
    const solver = { ...runs[0], seconds: median(runs.map((r) => r.seconds)) };
    solver.peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
    solver.rssGrowthMb = Math.max(...runs.map((r) => r.rssGrowthMb));
    solver.detail += `; runs ${runs.map((r) => r.seconds.toFixed(3)).join(' / ')} s`;
    console.log(describe('solver', solver));
    const highs = inChild('highs', variant);
    console.log(describe('HiGHS', highs));
    const same = runs.every((r) => r.filled === highs.filled && r.affinity === highs.affinity);
    console.log(`  ${same ? 'MATCH' : 'MISMATCH'}`);
    allMatch &&= same;
  }
  if (!allMatch) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
