import { notFound } from '@/common/problem';
import type { Proposal } from './proposal.entity';
import { OUTLINE_ROUND, type ProposalStage } from './proposal-transitions';

/**
 * `?stage=` and `?round=` of the score, vote, decision and review reads, as the one round number the
 * rows are keyed by: the outline is round 0, the full stage rounds 1, 2, …. Absent both: the current
 * round. A stage or round the proposal has not reached (or never has) is unknown: 404.
 */
export function roundOfStage(
  proposal: Pick<Proposal, 'round' | 'stage' | 'hasOutline'>,
  stage: ProposalStage | undefined,
  round: number | undefined,
): number {
  if (stage === 'outline') {
    if (!proposal.hasOutline) throw notFound('Stage');
    return OUTLINE_ROUND;
  }
  if (stage === 'full' && proposal.stage === 'outline') throw notFound('Stage');
  if (round === undefined) return proposal.round;
  if (round > proposal.round) throw notFound('Round');
  return round;
}

/** The rounds of a stage, as a SQL condition on `column` (no stage: every round). */
export function stageRoundsSql(column: string, stage: ProposalStage | undefined): string {
  if (stage === undefined) return 'TRUE';
  return stage === 'outline' ? `${column} = ${OUTLINE_ROUND}` : `${column} > ${OUTLINE_ROUND}`;
}
