import { rubricOfRoundSql } from '@/calls/rubric';

/**
 * The scores of docs/CONTRACT.md §5 in SQL, shared by the scores endpoint (one proposal, one round), the ranking
 * (a whole call, each proposal's current round) and the round snapshot (`round_scores`).
 *
 * Two steps. (1) Aggregates of a round's submitted reviews, per rubric criterion in priority order:
 * exact numeric sums, counts, minima, maxima as arrays (`roundAggregatesSql`). (2) The formulas on
 * those arrays (`summaryCtes`): means, weighted total, thresholds, disagreement, the ordering key. The
 * scores endpoint runs both live; the end of a round's review stores the result of (2) as a snapshot
 * (`round_scores`) that the ranking reads, computing live only proposals without one.
 *
 * Exactness. `review_scores.score` is numeric(8,3), rubric weights and thresholds are read from the
 * call's jsonb as numeric (jsonb keeps decimals exact), so sums and products are exact. The only
 * divisions (mean = sum / n, total = Σ wᵢ·sumᵢ / (n·Σ wᵢ)) are done at 30 decimals; PostgreSQL
 * rounds them correctly, so two totals that are equal on paper come out identical, and two that
 * differ (by at least ~1e-17 for 3-decimal scores and 4-decimal weights) keep their order. Float
 * noise never reaches a comparison. JSON gets the values rounded to 3 decimals for display only.
 */

/**
 * One row per proposal matching `condition` (on `p`, proposals): the round `roundExpr`'s submitted
 * reviews (a reopened review, assignment back to accepted, does not count) aggregated per criterion.
 * Columns: proposal_id, round, review_count, score_sum numeric[], score_n int[], score_min numeric[],
 * score_max numeric[] (arrays in rubric order; sum/min/max null where no review scored a criterion).
 * Set-based (hash joins, one grouping), so it serves one proposal and a whole call alike.
 */
export function roundAggregatesSql(condition: string, roundExpr = 'p.round'): string {
  return `(
    WITH sel AS NOT MATERIALIZED (
      SELECT p.id, p.call_id, ${roundExpr} AS round FROM proposals p WHERE ${condition}
    ),
    rev AS NOT MATERIALIZED (
      SELECT s.id AS proposal_id, r.id AS review_id
        FROM sel s
        JOIN assignments a ON a.proposal_id = s.id AND a.round = s.round AND a.state = 'submitted'
        JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
    ),
    counts AS (SELECT proposal_id, count(*)::int AS n FROM rev GROUP BY proposal_id),
    per AS (
      SELECT v.proposal_id, rs.criterion_key, sum(rs.score) AS score_sum, count(*)::int AS n,
             min(rs.score) AS lo, max(rs.score) AS hi
        FROM rev v JOIN review_scores rs ON rs.review_id = v.review_id
       GROUP BY v.proposal_id, rs.criterion_key
    )
    SELECT s.id AS proposal_id, s.round, COALESCE(c.n, 0) AS review_count,
           array_agg(g.score_sum ORDER BY k.ord) AS score_sum,
           array_agg(COALESCE(g.n, 0) ORDER BY k.ord) AS score_n,
           array_agg(g.lo ORDER BY k.ord) AS score_min,
           array_agg(g.hi ORDER BY k.ord) AS score_max
      FROM sel s
      JOIN calls ca ON ca.id = s.call_id
      CROSS JOIN LATERAL jsonb_array_elements(${rubricOfRoundSql('ca', 's.round')}->'criteria')
                         WITH ORDINALITY AS k(elem, ord)
      LEFT JOIN per g ON g.proposal_id = s.id AND g.criterion_key = k.elem->>'key'
      LEFT JOIN counts c ON c.proposal_id = s.id
     GROUP BY s.id, s.round, c.n
  )`;
}

/**
 * Stores the scores of the proposals of call $1 matching `condition` (their current round, which is
 * `roundExpr` for all of them: it picks the rubric) as round snapshots, computed by the same SQL as the
 * live path.
 */
export function snapshotRoundScoresSql(criteriaCount: number, condition: string, roundExpr: string): string {
  return `WITH
  aggs AS (${roundAggregatesSql(`p.call_id = $1 AND ${condition}`)}),
  ${summaryCtes(criteriaCount, roundExpr)}
  INSERT INTO round_scores (proposal_id, round, review_count, total, above, disagreement, means, mean3, spread)
  SELECT a.proposal_id, a.round, sm.review_count, sm.total, sm.above, sm.disagreement, sm.means, sm.mean3,
         sm.spread
    FROM aggs a JOIN summary sm ON sm.proposal_id = a.proposal_id
  ON CONFLICT (proposal_id, round) DO UPDATE
     SET review_count = EXCLUDED.review_count, total = EXCLUDED.total, above = EXCLUDED.above,
         disagreement = EXCLUDED.disagreement, means = EXCLUDED.means, mean3 = EXCLUDED.mean3,
         spread = EXCLUDED.spread`;
}

/**
 * CTEs `rubric` (from call $1, the rubric of round `roundExpr`: `rubric.ts#rubricOfRound`) and `summary` over a relation `aggs` with the columns of
 * `roundAggregatesSql`, generated for the rubric's number of criteria so each formula is one
 * expression per row (no regrouping). `summary`: proposal_id, review_count, total, above,
 * disagreement, means numeric[] (ordering key), mean3, lo, hi, spread numeric[] (display, rubric order).
 */
export function summaryCtes(criteriaCount: number, roundExpr: string): string {
  const idx = Array.from({ length: criteriaCount }, (_, i) => i + 1);
  const each = (f: (i: number) => string, sep: string) => idx.map(f).join(sep);
  const weightSum = `(${each((i) => `ru.w${i}`, ' + ')})`;
  const crit = (i: number, field: string) => `(k.rubric->'criteria'->${i - 1}->>'${field}')::numeric`;
  return `
  rubric AS MATERIALIZED (
    SELECT (k.rubric->>'overallThreshold')::numeric AS overall,
           (k.rubric->>'disagreementDelta')::numeric AS delta,
           ${each((i) => `${crit(i, 'weight')} AS w${i}, ${crit(i, 'threshold')} AS t${i}`, ',\n           ')}
      FROM (SELECT ${rubricOfRoundSql('c', roundExpr)} AS rubric FROM calls c WHERE c.id = $1) k
  ),
  means AS (
    SELECT g.*, ${each((i) => `g.score_sum[${i}]::numeric(40, 30) / NULLIF(g.score_n[${i}], 0) AS m${i}`, ',\n           ')}
      FROM aggs g
  ),
  summary0 AS (
    SELECT m.proposal_id, m.review_count, ru.overall,
           CASE
             WHEN ${each((i) => `m.score_n[${i}] = 0`, ' OR ')} THEN NULL
             -- Every review scored every criterion (the review form requires it): one exact division.
             WHEN ${each((i) => `m.score_n[${i}] = m.review_count`, ' AND ')}
               THEN (${each((i) => `ru.w${i} * m.score_sum[${i}]`, ' + ')})::numeric(40, 30)
                    / (m.review_count * ${weightSum})
             ELSE (${each((i) => `ru.w${i} * m.m${i}`, ' + ')}) / ${weightSum}
           END AS total,
           (${each((i) => `COALESCE(m.score_sum[${i}] >= ru.t${i} * m.score_n[${i}], false)`, '\n            AND ')}) AS each_above,
           (${each((i) => `COALESCE(m.score_max[${i}] - m.score_min[${i}] >= ru.delta, false)`, '\n            OR ')}) AS disagreement,
           -- Ordering key; a criterion without scores sorts lowest (scores are ≥ 0).
           ARRAY[${each((i) => `COALESCE(m.m${i}, -1)`, ', ')}] AS means,
           ARRAY[${each((i) => `round(m.m${i}, 3)`, ', ')}] AS mean3,
           m.score_min AS lo,
           m.score_max AS hi,
           ARRAY[${each((i) => `m.score_max[${i}] - m.score_min[${i}]`, ', ')}] AS spread
      FROM means m CROSS JOIN rubric ru
  ),
  summary AS (
    SELECT s0.*, (s0.each_above AND s0.total IS NOT NULL AND s0.total >= s0.overall) AS above
      FROM summary0 s0
  )`;
}

/** The statements depend only on the number of criteria (≤ 20): generate each once. */
export function memoize(build: (criteriaCount: number) => string): (criteriaCount: number) => string {
  const cache = new Map<number, string>();
  return (n) => {
    let sql = cache.get(n);
    if (sql === undefined) cache.set(n, (sql = build(n)));
    return sql;
  };
}

/** The ranking order of `ranking-rules.ts#compareSummaries`, on the columns of `summary` and `scope`. */
export const RANKING_ORDER = `sm.above DESC, sm.total DESC NULLS LAST, sm.means DESC,
  sc.submitted_at ASC NULLS LAST, sc.id ASC`;

export interface CriterionScores {
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
}

/** What a ranking row carries per criterion (min and max are on the scores endpoint). */
export interface RankedCriterion {
  mean: number | null;
  spread: number | null;
}

/**
 * The display arrays of `summary`, selected as text (`sm.mean3::text` …): node-pg's parser for numeric[]
 * costs ~20 µs a row, splitting "{3.500,NULL,4.000}" here a fraction of that.
 */
export interface CriteriaArrays {
  mean3: string | null;
  lo: string | null;
  hi: string | null;
}

/** A one-dimensional numeric[] in PostgreSQL's text form. */
export function parseNumericArray(text: string | null | undefined): (number | null)[] {
  if (!text || text === '{}') return [];
  return text
    .slice(1, -1)
    .split(',')
    .map((v) => (v === 'NULL' ? null : Number(v)));
}

/** pg returns numeric as text; values reaching here are already rounded in SQL for display. */
export function toNumber(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Criteria in rubric order (`keys` is the rubric's order, as the arrays are); criteria without scores,
 * or no reviews at all, read as nulls. min/max carry at most 3 decimals, so rounding their difference to
 * 3 decimals gives the exact spread.
 */
export function criteriaView(
  keys: string[],
  row: CriteriaArrays | undefined,
): Record<string, CriterionScores> {
  const means = parseNumericArray(row?.mean3);
  const los = parseNumericArray(row?.lo);
  const his = parseNumericArray(row?.hi);
  const out: Record<string, CriterionScores> = {};
  keys.forEach((key, i) => {
    const min = los[i] ?? null;
    const max = his[i] ?? null;
    out[key] = {
      mean: means[i] ?? null,
      min,
      max,
      spread: min === null || max === null ? null : Math.round((max - min) * 1000) / 1000,
    };
  });
  return out;
}

/** Ranking rows: mean and spread per criterion, from `sm.mean3::text` and `sm.spread::text`. */
export function rankedCriteriaView(
  keys: string[],
  mean3: string | null,
  spread: string | null,
): Record<string, RankedCriterion> {
  const means = parseNumericArray(mean3);
  const spreads = parseNumericArray(spread);
  const out: Record<string, RankedCriterion> = {};
  keys.forEach((key, i) => {
    out[key] = { mean: means[i] ?? null, spread: spreads[i] ?? null };
  });
  return out;
}

/**
 * The final consensus reports of round $3 of the proposals matching `proposalCondition` (on
 * `cr.proposal_id`) as a relation with the columns of `roundAggregatesSql`: one "review" whose scores
 * are the consensus scores, so `summaryCtes` turns them into the total, thresholds and ordering key
 * exactly as it does the means (DESIGN §12: with consensus on, the consensus scores are the scores that
 * rank). No row for a proposal whose round has no final report.
 */
function consensusAggregatesSql(proposalCondition: string): string {
  return `(
    SELECT cr.proposal_id, cr.round, 1 AS review_count,
           array_agg((cr.scores->>(k.elem->>'key'))::numeric ORDER BY k.ord) AS score_sum,
           array_agg(CASE WHEN cr.scores ? (k.elem->>'key') THEN 1 ELSE 0 END ORDER BY k.ord) AS score_n,
           array_agg((cr.scores->>(k.elem->>'key'))::numeric ORDER BY k.ord) AS score_min,
           array_agg((cr.scores->>(k.elem->>'key'))::numeric ORDER BY k.ord) AS score_max
      FROM consensus_reports cr
      JOIN proposals p ON p.id = cr.proposal_id
      JOIN calls ca ON ca.id = p.call_id
      CROSS JOIN LATERAL jsonb_array_elements(${rubricOfRoundSql('ca', 'cr.round')}->'criteria')
                         WITH ORDINALITY AS k(elem, ord)
     WHERE ${proposalCondition} AND cr.round = $3 AND cr.state = 'final'
     GROUP BY cr.proposal_id, cr.round
  )`;
}

/**
 * Rewrites the round snapshot of proposal $2, round $3 (call $1) with its final consensus: total,
 * thresholds, ordering key and displayed values become the consensus scores; review count, spread and
 * disagreement stay those of the reviews.
 */
export const consensusSnapshotSql = memoize(
  (criteriaCount: number) => `WITH
  aggs AS ${consensusAggregatesSql('cr.proposal_id = $2')},
  ${summaryCtes(criteriaCount, '$3::int')}
  UPDATE round_scores rs
     SET total = sm.total, above = sm.above, means = sm.means, mean3 = sm.mean3
    FROM summary sm
   WHERE rs.proposal_id = sm.proposal_id AND rs.round = $3`,
);

/** The consensus scores of the proposals $2 (uuid[]), round $3 (call $1), as the scores endpoint shows them. */
export const consensusScoresSql = memoize(
  (criteriaCount: number) => `WITH
  aggs AS ${consensusAggregatesSql('cr.proposal_id = ANY($2::uuid[])')},
  ${summaryCtes(criteriaCount, '$3::int')}
  SELECT sm.proposal_id, round(sm.total, 3)::text AS total, sm.above, sm.mean3::text AS mean3 FROM summary sm`,
);
