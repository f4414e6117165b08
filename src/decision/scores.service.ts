import type { ProposalStage } from '@/proposals/proposal-transitions';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { rubricOfRound } from '@/calls/rubric';
import { notFound } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import type { Proposal } from '@/proposals/proposal.entity';
import { DecisionAccess } from './decision-access';
import {
  CriteriaArrays,
  criteriaView,
  CriterionScores,
  consensusScoresSql,
  memoize,
  parseNumericArray,
  roundAggregatesSql,
  summaryCtes,
  toNumber,
} from './score-query';

export interface ScoresView {
  round: number;
  /** In rubric priority order. */
  criteria: Record<string, CriterionScores>;
  total: number | null;
  aboveThreshold: boolean;
  disagreement: boolean;
  reviewCount: number;
  /** True when a final consensus report gives the round's scores (means replaced, DESIGN §12). */
  consensus: boolean;
}

interface ScoresRow extends CriteriaArrays {
  proposal_id: string;
  review_count: number;
  total: string | null;
  above: boolean;
  disagreement: boolean;
}

/** Proposals $2 (uuid[]), one round ($3) of call $1, aggregated live (also rounds still in review). */
const scoresSql = memoize(
  (criteriaCount: number) => `WITH
  aggs AS (${roundAggregatesSql('p.id = ANY($2::uuid[])', '$3::int')}),
  ${summaryCtes(criteriaCount, '$3::int')}
  SELECT sm.proposal_id, sm.review_count, round(sm.total, 3)::text AS total, sm.above, sm.disagreement,
         sm.mean3::text AS mean3, sm.lo::text AS lo, sm.hi::text AS hi
    FROM summary sm`,
);

@Injectable()
export class ScoresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proposals: ProposalAccess,
    private readonly access: DecisionAccess,
  ) {}

  /** `GET /api/proposals/:id/scores?round=`; 404 for whoever may not see that round's scores. */
  async forReader(
    proposalId: string,
    user: AuthUser,
    round?: number,
    stage?: ProposalStage,
  ): Promise<ScoresView> {
    const proposal = await this.proposals.findReadable(proposalId, user);
    const r = this.access.roundOf(proposal, round, stage);
    if (!(await this.access.maySeeScores(proposal, r, user))) throw notFound('Scores');
    return this.compute(proposal, r);
  }

  /** The scores of one round, without any access check. */
  async compute(proposal: Proposal, round: number, manager?: EntityManager): Promise<ScoresView> {
    return (await this.computeMany([{ proposal, round }], manager))[0];
  }

  /**
   * `compute` for many (proposal, round) pairs, in their order: two queries per call and round (a
   * meeting pack or a call's letters), not two per proposal.
   */
  async computeMany(
    pairs: { proposal: Proposal; round: number }[],
    manager?: EntityManager,
  ): Promise<ScoresView[]> {
    const m = manager ?? this.dataSource.manager;
    const groups = new Map<string, { callId: string; round: number; ids: string[] }>();
    for (const { proposal, round } of pairs) {
      const key = `${proposal.callId}|${round}`;
      const group = groups.get(key) ?? { callId: proposal.callId, round, ids: [] };
      group.ids.push(proposal.id);
      groups.set(key, group);
    }
    const views = new Map<string, ScoresView>();
    for (const [key, { callId, round, ids }] of groups) {
      for (const [id, view] of await this.computeGroup(m, callId, round, ids))
        views.set(`${key}|${id}`, view);
    }
    return pairs.map(({ proposal, round }) => views.get(`${proposal.callId}|${round}|${proposal.id}`)!);
  }

  private async computeGroup(
    m: EntityManager,
    callId: string,
    round: number,
    ids: string[],
  ): Promise<Map<string, ScoresView>> {
    const call = await m.findOneByOrFail(Call, { id: callId });
    const keys = rubricOfRound(call, round).criteria.map((c) => c.key);
    const rows: ScoresRow[] = await m.query(scoresSql(keys.length), [callId, ids, round]);
    const byId = new Map(rows.map((row) => [row.proposal_id, row]));
    const agreed: { proposal_id: string; total: string | null; above: boolean; mean3: string }[] =
      await m.query(consensusScoresSql(keys.length), [callId, ids, round]);
    const agreedById = new Map(agreed.map((row) => [row.proposal_id, row]));
    const views = new Map<string, ScoresView>();
    for (const id of ids) {
      const row = byId.get(id);
      const view: ScoresView = {
        round,
        criteria: criteriaView(keys, row),
        total: toNumber(row?.total),
        aboveThreshold: row?.above ?? false,
        disagreement: row?.disagreement ?? false,
        reviewCount: row?.review_count ?? 0,
        consensus: false,
      };
      const consensus = agreedById.get(id);
      if (!consensus) {
        views.set(id, view);
        continue;
      }
      // The reviews' spread stays visible to the board; the mean is the consensus score.
      const values = parseNumericArray(consensus.mean3);
      keys.forEach((key, i) => (view.criteria[key] = { ...view.criteria[key], mean: values[i] ?? null }));
      views.set(id, {
        ...view,
        total: toNumber(consensus.total),
        aboveThreshold: consensus.above,
        consensus: true,
      });
    }
    return views;
  }
}
