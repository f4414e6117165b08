/**
 * The ranking rules of docs/CONTRACT.md §5 as pure functions on exact rationals (BigInt), the reference that the
 * SQL of `score-query.ts` must match: unit tests check the rules on hand-computed tables, the e2e test
 * checks the SQL order against this one. No float ever decides an order or a threshold here.
 */

export interface RankingCriterion {
  key: string;
  weight: number;
  threshold: number;
}

export interface RankingRules {
  /** In priority order: the order breaks ties. */
  criteria: RankingCriterion[];
  overallThreshold: number;
  disagreementDelta: number;
}

export interface RankingInput {
  id: string;
  submittedAt: Date | null;
  /** One entry per submitted review: criterion key → score. */
  reviews: Record<string, number>[];
}

/** num / den with den > 0. */
export interface Rational {
  num: bigint;
  den: bigint;
}

export interface ScoreSummary {
  id: string;
  submittedAt: Date | null;
  reviewCount: number;
  /** Per criterion in priority order; null when no review scored it. */
  means: (Rational | null)[];
  spreads: (Rational | null)[];
  /** Null when some criterion has no score at all. */
  total: Rational | null;
  aboveThreshold: boolean;
  disagreement: boolean;
}

export interface RankedSummary extends ScoreSummary {
  rank: number;
}

/** Rubric values carry at most 4 decimals, scores at most 3: scaled by 10⁶ they are integers. */
const SCALE = 1_000_000n;

/** An exact decimal of the rubric or a score as a rational (throws on more than 6 decimals). */
export function decimal(value: number): Rational {
  const scaled = Math.round(value * Number(SCALE));
  if (!Number.isFinite(value) || Math.abs(value * Number(SCALE) - scaled) > 1e-3) {
    throw new Error(`${value} is not a decimal with at most 6 places`);
  }
  return { num: BigInt(scaled), den: SCALE };
}

export function compareRational(a: Rational, b: Rational): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function add(a: Rational, b: Rational): Rational {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

function mul(a: Rational, b: Rational): Rational {
  return { num: a.num * b.num, den: a.den * b.den };
}

function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new Error('division by zero');
  const sign = b.num < 0n ? -1n : 1n;
  return { num: a.num * b.den * sign, den: a.den * b.num * sign };
}

/** Rounded half away from zero to `places` decimals, as SQL `round(numeric, places)` does. */
export function toDisplay(r: Rational, places = 3): number {
  const factor = 10n ** BigInt(places);
  const scaled = r.num * factor;
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let q = abs / r.den;
  if ((abs % r.den) * 2n >= r.den) q += 1n;
  return Number(negative ? -q : q) / Number(factor);
}

/** Per-criterion means and spreads, weighted total, thresholds, disagreement (docs/CONTRACT.md §5). */
export function summarize(rules: RankingRules, input: RankingInput): ScoreSummary {
  const means: (Rational | null)[] = [];
  const spreads: (Rational | null)[] = [];
  let aboveEach = true;
  let disagreement = false;
  let weighted: Rational = { num: 0n, den: 1n };
  let weightSum: Rational = { num: 0n, den: 1n };
  let complete = true;
  for (const c of rules.criteria) {
    const scores = input.reviews.filter((r) => r[c.key] !== undefined).map((r) => decimal(r[c.key]));
    const weight = decimal(c.weight);
    weightSum = add(weightSum, weight);
    if (scores.length === 0) {
      means.push(null);
      spreads.push(null);
      aboveEach = false;
      complete = false;
      continue;
    }
    const sum = scores.reduce(add);
    const mean = div(sum, { num: BigInt(scores.length), den: 1n });
    const sorted = [...scores].sort(compareRational);
    const spread = add(sorted[sorted.length - 1], { num: -sorted[0].num, den: sorted[0].den });
    means.push(mean);
    spreads.push(spread);
    if (compareRational(mean, decimal(c.threshold)) < 0) aboveEach = false;
    if (compareRational(spread, decimal(rules.disagreementDelta)) >= 0) disagreement = true;
    weighted = add(weighted, mul(weight, mean));
  }
  const total = complete && input.reviews.length > 0 ? div(weighted, weightSum) : null;
  const aboveThreshold =
    aboveEach && total !== null && compareRational(total, decimal(rules.overallThreshold)) >= 0;
  return {
    id: input.id,
    submittedAt: input.submittedAt,
    reviewCount: input.reviews.length,
    means,
    spreads,
    total,
    aboveThreshold,
    disagreement,
  };
}

/** Descending with nulls last. */
function byValueDesc(a: Rational | null, b: Rational | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareRational(b, a);
}

/**
 * The ranking order: above-threshold first; then total descending; then each criterion mean in
 * priority order, descending; then earlier submission; then id (only for a deterministic order).
 */
export function compareSummaries(a: ScoreSummary, b: ScoreSummary): number {
  if (a.aboveThreshold !== b.aboveThreshold) return a.aboveThreshold ? -1 : 1;
  const byTotal = byValueDesc(a.total, b.total);
  if (byTotal !== 0) return byTotal;
  for (let i = 0; i < Math.max(a.means.length, b.means.length); i++) {
    const byMean = byValueDesc(a.means[i] ?? null, b.means[i] ?? null);
    if (byMean !== 0) return byMean;
  }
  const at = a.submittedAt?.getTime() ?? null;
  const bt = b.submittedAt?.getTime() ?? null;
  if (at !== bt) {
    if (at === null || bt === null) return at === null ? 1 : -1;
    return at - bt;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Proposals with at least one submitted review, ranked 1…n. */
export function rank(rules: RankingRules, inputs: RankingInput[]): RankedSummary[] {
  return inputs
    .filter((i) => i.reviews.length > 0)
    .map((i) => summarize(rules, i))
    .sort(compareSummaries)
    .map((s, index) => ({ ...s, rank: index + 1 }));
}
