import { FUNDING_KINDS, type FundingKind } from '@/calls/funding-rules';
import type { ProposalStage } from '@/proposals/proposal-transitions';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import type { Call } from '@/calls/call.entity';
import { callVisibleTo } from '@/calls/calls.service';
import { OUTLINE_ROUND, STEERING_VISIBLE_STATES } from '@/proposals/proposal-transitions';
import { rubricOfRoundSql } from '@/calls/rubric';
import { notFound } from '@/common/problem';
import { conflictPairsSql } from '@/review/conflict-sql';
import { RankingCache, RankingEntry } from './ranking-cache';
import type { VoteChoice } from './vote.entity';
import {
  rankedCriteriaView,
  RankedCriterion,
  memoize,
  RANKING_ORDER,
  roundAggregatesSql,
  summaryCtes,
  toNumber,
} from './score-query';

export interface RankingRow {
  rank: number;
  proposalId: string;
  title: string;
  acronym: string;
  state: string;
  round: number;
  submittedAt: string | null;
  reviewCount: number;
  total: number | null;
  aboveThreshold: boolean;
  disagreement: boolean;
  criteria: Record<string, RankedCriterion>;
  votes: Record<VoteChoice, number>;
  /** `outline` or `full` (two-stage calls rank the stage each proposal is in). */
  stage: ProposalStage;
  requestedFundingEur: number;
  /** Requested funding per partner kind (sme, large, research, public, other); null without budgets. */
  fundingByKind: Record<FundingKind, number> | null;
  /** Σ requestedFundingEur of this row and every row ranked before it. */
  cumulativeRequestedEur: number;
  fundingLine: FundingLine;
  /** The decision of the round, once recorded (granted: approved only). */
  outcome: string | null;
  grantedFundingEur: number | null;
}

export interface RankingView {
  callId: string;
  /** The stage ranked: `outline` or `full` (the default); the two never rank together. */
  stage: ProposalStage;
  /** Criterion keys in priority order (the tie-break order). */
  criteria: string[];
  rows: RankingRow[];
  /** The call's budget; null: no funding line (every above-threshold row is within). */
  budgetEur: number | null;
  /** Σ granted funding of the rows decided so far. */
  grantedEur: number;
  /** budgetEur − grantedEur (null without a budget). */
  remainingEur: number | null;
}

interface RankingSqlRow {
  mean3: string | null;
  spread: string | null;
  rank: number;
  id: string;
  title: string;
  acronym: string;
  state: string;
  round: number;
  submitted_at: string | null;
  review_count: number;
  total: string | null;
  above: boolean;
  disagreement: boolean;
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
  stage: ProposalStage;
  requested_funding_eur: number;
  funding_by_kind: Record<string, string | number> | null;
  outcome: string | null;
  granted_funding_eur: number | null;
}

export const FUNDING_LINES = ['within', 'reserve', 'beyond'] as const;
export type FundingLine = (typeof FUNDING_LINES)[number];

/**
 * The funding line of DESIGN §12 over rows in rank order: above-threshold rows are `within` while the
 * cumulative request (this row and all before it) fits the budget; from the first above-threshold row
 * that does not fit on, every further above-threshold row is `reserve` (the reserve list, in rank order,
 * as in Horizon Europe: funded if money comes free); rows below the thresholds are `beyond`. Without a
 * budget every above-threshold row is `within`. Integers only, so the line is exact.
 */
export function fundingLines(
  rows: { aboveThreshold: boolean; requestedFundingEur: number }[],
  budgetEur: number | null,
): { cumulativeRequestedEur: number; fundingLine: FundingLine }[] {
  let cumulative = 0;
  let lineDrawn = false;
  return rows.map((row) => {
    cumulative += row.requestedFundingEur;
    if (!row.aboveThreshold) return { cumulativeRequestedEur: cumulative, fundingLine: 'beyond' };
    if (!lineDrawn && (budgetEur === null || cumulative <= budgetEur))
      return { cumulativeRequestedEur: cumulative, fundingLine: 'within' };
    lineDrawn = true;
    return { cumulativeRequestedEur: cumulative, fundingLine: 'reserve' };
  });
}

/**
 * Ranked: proposals whose current round reached awaiting_decision (so also approved, rejected and
 * revision_requested; not a resubmitted round under review, not withdrawn) with at least one submitted
 * review in that round. $2: those states; $3: the viewer whose conflicted proposals are left out (null
 * for the office). Votes count only from active, non-conflicted steering members, as in the quorum.
 * Scores come from the round snapshots (`round_scores`, written when a round's review ends); a ranked
 * proposal without one (brought past review by SQL rather than by the workflow, or from before the
 * snapshots) is computed live by the same SQL, with the same result.
 * Conflicts of the viewer and of the voters come from every conflicted pair of the call (`coi`,
 * review's conflictPairsSql): per vote checks cost more once most members have voted.
 */
function buildRankingSql(criteriaCount: number, stage: ProposalStage): string {
  // The outline ranking reads every outline's round 0: those still in the outline stage, and the
  // invited ones that went on to the full stage (their outline row says `invited`).
  const round = stage === 'outline' ? String(OUTLINE_ROUND) : 'p.round';
  const inStage =
    stage === 'outline'
      ? `p.has_outline AND ((p.stage = 'outline' AND p.state = ANY($2::text[])) OR p.stage = 'full')`
      : `p.stage = 'full' AND p.state = ANY($2::text[])`;
  const state =
    stage === 'outline' ? `CASE WHEN p.stage = 'full' THEN 'invited' ELSE p.state END` : 'p.state';
  return `WITH
  -- Every conflicted pair of the call, set-based (one normalisation per organisation, not per row).
  coi AS MATERIALIZED (${conflictPairsSql('cp.call_id = $1')}),
  scope AS NOT MATERIALIZED (
    SELECT p.id, p.title, p.acronym, ${state} AS state, p.submitted_at, ${round} AS round, p.applicant_id,
           p.partners, '${stage}'::text AS stage, p.requested_funding_eur
      FROM proposals p
     WHERE p.call_id = $1 AND ${inStage}
       AND ($3::uuid IS NULL
            OR p.id NOT IN (SELECT coi.proposal_id FROM coi WHERE coi.user_id = $3::uuid))
  ),
  -- Is any ranked proposal without a round snapshot (normally none)?
  missing AS MATERIALIZED (
    SELECT 1 FROM proposals p
     WHERE p.call_id = $1 AND ${inStage}
       AND NOT EXISTS (SELECT 1 FROM round_scores x WHERE x.proposal_id = p.id AND x.round = ${round})
     LIMIT 1
  ),
  -- Proposals without a snapshot, aggregated live; the one-time EXISTS skips this entirely (no scan of
  -- reviews or scores) when every ranked proposal has its snapshot.
  aggs AS (
    SELECT live.*
      FROM ${roundAggregatesSql(
        `p.call_id = $1 AND ${inStage}
         AND NOT EXISTS (SELECT 1 FROM round_scores x WHERE x.proposal_id = p.id AND x.round = ${round})`,
        round,
      )} live
     WHERE EXISTS (SELECT 1 FROM missing)
  ),
  ${summaryCtes(criteriaCount, round === 'p.round' ? '1' : round)},
  ranked AS (
    SELECT rs.proposal_id, rs.review_count, rs.total, rs.above, rs.disagreement, rs.means, rs.mean3, rs.spread
      FROM scope s JOIN round_scores rs ON rs.proposal_id = s.id AND rs.round = s.round
    UNION ALL
    SELECT proposal_id, review_count, total, above, disagreement, means, mean3, spread FROM summary
  ),
  -- Votes of the round by active steering members; those of conflicted voters are not counted.
  -- (LEFT JOIN + FILTER keeps PostgreSQL on hash joins whatever it guesses for coi's size.)
  scope_ids AS MATERIALIZED (SELECT id, round FROM scope),
  cast_votes AS (
    SELECT v.proposal_id, v.voter_id, v.vote
      FROM votes v
      JOIN scope_ids si ON si.id = v.proposal_id AND si.round = v.round
      JOIN users u ON u.id = v.voter_id AND u.active AND 'steering' = ANY(u.roles)
  ),
  tally AS (
    SELECT cv.proposal_id,
           count(*) FILTER (WHERE cv.vote = 'approve' AND c.user_id IS NULL)::int AS approve,
           count(*) FILTER (WHERE cv.vote = 'reject' AND c.user_id IS NULL)::int AS reject,
           count(*) FILTER (WHERE cv.vote = 'revise' AND c.user_id IS NULL)::int AS revise,
           count(*) FILTER (WHERE cv.vote = 'abstain' AND c.user_id IS NULL)::int AS abstain
      FROM cast_votes cv LEFT JOIN coi c ON c.proposal_id = cv.proposal_id AND c.user_id = cv.voter_id
     GROUP BY cv.proposal_id
  )
  SELECT row_number() OVER (ORDER BY ${RANKING_ORDER})::int AS rank,
         sc.id, sc.title, sc.acronym, sc.state, sc.round, sm.review_count,
         -- As text (the format of Date#toISOString): node-pg's timestamp parser is slow for 2,000 rows.
         to_char(sc.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at,
         round(sm.total, 3)::text AS total, sm.above, sm.disagreement,
         sm.mean3::text AS mean3, sm.spread::text AS spread,
         COALESCE(t.approve, 0) AS approve, COALESCE(t.reject, 0) AS reject,
         COALESCE(t.revise, 0) AS revise, COALESCE(t.abstain, 0) AS abstain,
         sc.stage, sc.requested_funding_eur,
         -- Requested funding per partner kind (the kind whose cap applied), from the stored budgets.
         (SELECT jsonb_object_agg(b.kind, b.eur) FROM (
            SELECT COALESCE(e->>'capKind', e->>'kind') AS kind, sum((e->>'fundingEur')::bigint) AS eur
              FROM jsonb_array_elements(sc.partners) e WHERE e ? 'fundingEur' GROUP BY 1) b) AS funding_by_kind,
         d.outcome, d.granted_funding_eur
    FROM ranked sm
    JOIN scope sc ON sc.id = sm.proposal_id
    LEFT JOIN tally t ON t.proposal_id = sc.id
    LEFT JOIN decisions d ON d.proposal_id = sc.id AND d.round = sc.round
   WHERE sm.review_count > 0
   -- The window's own order, so PostgreSQL sorts once.
   ORDER BY ${RANKING_ORDER}`;
}

/** The full stage's ranking (every proposal of a single-stage call). */
export const rankingSql = memoize((n) => buildRankingSql(n, 'full'));
/** A two-stage call's outline ranking: round 0 of every outline, never with full proposals. */
export const outlineRankingSql = memoize((n) => buildRankingSql(n, 'outline'));

@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: RankingCache,
  ) {}

  /**
   * `GET /api/calls/:id/ranking` for the office and steering (the route checks the roles). A conflicted
   * steering member gets no row for that proposal; ranks count the rows they see, so a gap never
   * tells them where the hidden proposal stands.
   */
  async forCall(
    callId: string,
    user: AuthUser,
    stage?: ProposalStage,
    visibleCall?: Call,
  ): Promise<RankingView> {
    return (await this.cachedForCall(callId, user, stage, visibleCall)).value;
  }

  /**
   * The same ranking from the cache (`RankingCache`): computed once per change of its inputs, viewer
   * and stage. `stage`: `full` when absent; `outline` only for two-stage calls (else 404).
   * `visibleCall`: the call as `CallsService.getVisible` returned it for this user, if already read.
   */
  async cachedForCall(
    callId: string,
    user: AuthUser,
    stage?: ProposalStage,
    visibleCall?: Call,
  ): Promise<RankingEntry<RankingView>> {
    // The call and the counters in one statement when the call is not read yet.
    const read = visibleCall
      ? { call: visibleCall, version: undefined }
      : await this.cache.callAndVersion(callId);
    const call = read.call;
    if (!call || !callVisibleTo(call, user)) throw notFound('Call');
    const ranked: ProposalStage = stage ?? 'full';
    if (ranked === 'outline' && call.procedure !== 'two-stage') throw notFound('Stage');
    const viewer = user.roles.includes('office') ? null : user.id;
    return this.cache.get(
      call.id,
      `${viewer ?? 'office'}|${ranked}`,
      () => this.compute(call.id, viewer, ranked),
      read.version,
    );
  }

  /**
   * The ranking computed now, without the cache (the bench compares the cache with it). Runs after the
   * cache read the counters, so it reads the rubric again rather than trusting a call read before.
   * `viewer`: null for the office, else the steering member whose conflicted proposals are left out.
   * `stage`: outlines (round 0, on the outline rubric) or full proposals; never both.
   */
  async compute(callId: string, viewer: string | null, stage: ProposalStage = 'full'): Promise<RankingView> {
    let keys: string[] = [];
    let budgetEur: number | null = null;
    const rows: RankingSqlRow[] = await this.dataSource.transaction(async (manager) => {
      // The conflict CTE's row estimate is far too high, which would make PostgreSQL JIT-compile the
      // plan: ~0.4 s of compilation for a query that runs in a fraction of that.
      await manager.query('SET LOCAL jit = off');
      const [read]: { keys: string[]; budget_eur: string | null }[] = await manager.query(
        `SELECT ARRAY(SELECT c->>'key'
                        FROM jsonb_array_elements(${rubricOfRoundSql('ca', String(stage === 'outline' ? OUTLINE_ROUND : 1))}->'criteria')
                             WITH ORDINALITY AS k(c, n)
                       ORDER BY n) AS keys, budget_eur
           FROM calls ca WHERE id = $1`,
        [callId],
      );
      keys = read.keys;
      budgetEur = read.budget_eur === null ? null : Number(read.budget_eur);
      const sqlOf = stage === 'outline' ? outlineRankingSql : rankingSql;
      return manager.query(sqlOf(keys.length), [callId, STEERING_VISIBLE_STATES, viewer]);
    });
    const lines = fundingLines(
      rows.map((r) => ({ aboveThreshold: r.above, requestedFundingEur: Number(r.requested_funding_eur) })),
      budgetEur,
    );
    const grantedEur = rows.reduce((sum, r) => sum + (r.granted_funding_eur ?? 0), 0);
    return {
      callId,
      stage,
      criteria: keys,
      budgetEur,
      grantedEur,
      remainingEur: budgetEur === null ? null : budgetEur - grantedEur,
      rows: rows.map((r, i) => ({
        rank: r.rank,
        proposalId: r.id,
        title: r.title,
        acronym: r.acronym,
        state: r.state,
        round: r.round,
        submittedAt: r.submitted_at,
        reviewCount: r.review_count,
        total: toNumber(r.total),
        aboveThreshold: r.above,
        disagreement: r.disagreement,
        criteria: rankedCriteriaView(keys, r.mean3, r.spread),
        votes: { approve: r.approve, reject: r.reject, revise: r.revise, abstain: r.abstain },
        stage: r.stage,
        requestedFundingEur: r.requested_funding_eur,
        fundingByKind: r.funding_by_kind
          ? (Object.fromEntries(FUNDING_KINDS.map((k) => [k, Number(r.funding_by_kind?.[k] ?? 0)])) as Record<
              FundingKind,
              number
            >)
          : null,
        ...lines[i],
        outcome: r.outcome,
        grantedFundingEur: r.granted_funding_eur,
      })),
    };
  }
}
