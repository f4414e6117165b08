/**
 * The scores of DESIGN §5 in SQL, shared by the scores endpoint (one proposal, one round) and the
 * ranking (a whole call, each proposal's current round): one statement, no N+1.
 *
 * Exactness. `review_scores.score` is numeric(8,3), rubric weights and thresholds are read from the
 * call's jsonb as numeric (jsonb keeps decimals exact), so sums and products are exact. The only
 * divisions (mean = sum / n, total = Σ wᵢ·sumᵢ / (n·Σ wᵢ)) are done at 30 decimals; PostgreSQL
 * rounds them correctly, so two totals that are equal on paper come out identical, and two that
 * differ (by at least ~1e-17 for 3-decimal scores and 4-decimal weights) keep their order. Float
 * noise never reaches a comparison. JSON gets the values rounded to 3 decimals for display only.
 *
 * Parameters: $1 call id. The caller adds its own scope condition on `p` (proposals) and round.
 * CTEs exposed: `scope` (id, title, acronym, state, submitted_at, applicant_id, partners, round),
 * `summary` (proposal_id, review_count, total, above, disagreement, means numeric[] for ordering, and
 * mean3, lo, hi numeric[] in rubric order for display).
 */
export function scoreCtes(scopeCondition: string, roundExpr: string): string {
  return `
  -- One row of scalars, materialised so the call's rubric jsonb is not dragged through every join.
  rubric AS MATERIALIZED (
    SELECT (k.rubric->>'overallThreshold')::numeric AS overall,
           (k.rubric->>'disagreementDelta')::numeric AS delta,
           k.rubric->'criteria' AS criteria
      FROM calls k WHERE k.id = $1
  ),
  crit AS MATERIALIZED (
    SELECT c.elem->>'key' AS key, c.ord,
           (c.elem->>'weight')::numeric AS weight,
           (c.elem->>'threshold')::numeric AS threshold,
           r.delta, r.overall
      FROM rubric r CROSS JOIN LATERAL jsonb_array_elements(r.criteria) WITH ORDINALITY AS c(elem, ord)
  ),
  -- Inlined (NOT MATERIALIZED) so the planner estimates the joins from the tables' statistics.
  scope AS NOT MATERIALIZED (
    SELECT p.id, p.title, p.acronym, p.state, p.submitted_at, p.applicant_id, p.partners,
           ${roundExpr} AS round
      FROM proposals p
     WHERE p.call_id = $1 AND ${scopeCondition}
  ),
  -- Submitted reviews of the round: a reopened review (assignment back to accepted) does not count.
  rev AS NOT MATERIALIZED (
    SELECT s.id AS proposal_id, r.id AS review_id
      FROM scope s
      JOIN assignments a ON a.proposal_id = s.id AND a.round = s.round AND a.state = 'submitted'
      JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
  ),
  counts AS (SELECT proposal_id, count(*)::int AS review_count FROM rev GROUP BY proposal_id),
  agg AS (
    SELECT rev.proposal_id, rs.criterion_key AS key, sum(rs.score) AS score_sum, count(*)::int AS n,
           min(rs.score) AS lo, max(rs.score) AS hi
      FROM rev JOIN review_scores rs ON rs.review_id = rev.review_id
     GROUP BY rev.proposal_id, rs.criterion_key
  ),
  per AS (
    SELECT c.proposal_id, c.review_count, k.key, k.ord, k.weight, k.threshold, k.delta, k.overall,
           g.score_sum, g.n, g.lo, g.hi,
           g.score_sum::numeric(40, 30) / g.n AS mean
      FROM counts c CROSS JOIN crit k
      LEFT JOIN agg g ON g.proposal_id = c.proposal_id AND g.key = k.key
  ),
  summary0 AS (
    SELECT per.proposal_id, per.review_count,
           CASE
             WHEN bool_or(per.n IS NULL) THEN NULL
             -- Every review scored every criterion (the review form requires it): one exact division.
             WHEN bool_and(per.n = per.review_count)
               THEN sum(per.weight * per.score_sum)::numeric(40, 30) / (per.review_count * sum(per.weight))
             ELSE sum(per.weight * per.mean) / sum(per.weight)
           END AS total,
           COALESCE(bool_and(per.score_sum >= per.threshold * per.n), false) AS each_above,
           COALESCE(bool_or(per.hi - per.lo >= per.delta), false) AS disagreement,
           -- Missing means sort lowest (scores are ≥ 0).
           array_agg(COALESCE(per.mean, -1) ORDER BY per.ord) AS means,
           -- For display, in rubric order (arrays: far cheaper to build than a json object per row).
           array_agg(round(per.mean, 3) ORDER BY per.ord) AS mean3,
           array_agg(per.lo ORDER BY per.ord) AS lo,
           array_agg(per.hi ORDER BY per.ord) AS hi,
           min(per.overall) AS overall
      FROM per
     GROUP BY per.proposal_id, per.review_count
  ),
  summary AS (
    SELECT s0.*, (s0.each_above AND s0.total IS NOT NULL AND s0.total >= s0.overall) AS above
      FROM summary0 s0
  )`;
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
