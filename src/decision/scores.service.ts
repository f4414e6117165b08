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
  review_count: number;
  total: string | null;
  above: boolean;
  disagreement: boolean;
}

/** One proposal ($2), one round ($3) of call $1, aggregated live (also rounds still in review). */
const scoresSql = memoize(
  (criteriaCount: number) => `WITH
  aggs AS (${roundAggregatesSql('p.id = $2', '$3::int')}),
  ${summaryCtes(criteriaCount, '$3::int')}
  SELECT sm.review_count, round(sm.total, 3)::text AS total, sm.above, sm.disagreement,
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
    const m = manager ?? this.dataSource.manager;
    const call = await m.findOneByOrFail(Call, { id: proposal.callId });
    const rubric = rubricOfRound(call, round);
    const sql = scoresSql(rubric.criteria.length);
    const [row]: ScoresRow[] = await m.query(sql, [proposal.callId, proposal.id, round]);
    const keys = rubric.criteria.map((c) => c.key);
    const view: ScoresView = {
      round,
      criteria: criteriaView(keys, row),
      total: toNumber(row?.total),
      aboveThreshold: row?.above ?? false,
      disagreement: row?.disagreement ?? false,
      reviewCount: row?.review_count ?? 0,
      consensus: false,
    };
    const [agreed]: { total: string | null; above: boolean; mean3: string }[] = await m.query(
      consensusScoresSql(keys.length),
      [proposal.callId, proposal.id, round],
    );
    if (!agreed) return view;
    // The reviews' spread stays visible to the board; the mean is the consensus score.
    const values = parseNumericArray(agreed.mean3);
    keys.forEach((key, i) => (view.criteria[key] = { ...view.criteria[key], mean: values[i] ?? null }));
    return { ...view, total: toNumber(agreed.total), aboveThreshold: agreed.above, consensus: true };
  }
}
