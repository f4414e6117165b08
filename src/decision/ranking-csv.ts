import { FUNDING_KINDS } from '@/calls/funding-rules';
import { ExportTable, toCsv } from './export-table';
import type { RankingView } from './ranking.service';

/**
 * The ranking as a table: per criterion a mean and a spread column, the votes, the stage and the
 * requested funding (also per partner kind), then the funding line. CSV and XLSX use it alike.
 */
export function rankingTable(view: RankingView): ExportTable {
  const header = [
    'rank',
    'proposalId',
    'title',
    'acronym',
    'state',
    'round',
    'reviewCount',
    'total',
    'aboveThreshold',
    'disagreement',
    ...view.criteria.flatMap((k) => [`${k}_mean`, `${k}_spread`]),
    'votes_approve',
    'votes_reject',
    'votes_revise',
    'votes_abstain',
    'stage',
    'requestedFundingEur',
    ...FUNDING_KINDS.map((k) => `requestedFunding_${k}`),
    'cumulativeRequestedEur',
    'fundingLine',
    'outcome',
    'grantedFundingEur',
  ];
  const rows = view.rows.map((r) => [
    r.rank,
    r.proposalId,
    r.title,
    r.acronym,
    r.state,
    r.round,
    r.reviewCount,
    r.total,
    r.aboveThreshold,
    r.disagreement,
    ...view.criteria.flatMap((k) => [r.criteria[k]?.mean ?? null, r.criteria[k]?.spread ?? null]),
    r.votes.approve,
    r.votes.reject,
    r.votes.revise,
    r.votes.abstain,
    r.stage,
    r.requestedFundingEur,
    ...FUNDING_KINDS.map((k) => (r.fundingByKind ? r.fundingByKind[k] : null)),
    r.cumulativeRequestedEur,
    r.fundingLine,
    r.outcome,
    r.grantedFundingEur,
  ]);
  return { sheet: 'Ranking', header, rows, textColumns: [2, 3] };
}

/** The ranking as CSV with a header row (the same columns as the XLSX). */
export function rankingCsv(view: RankingView): string {
  return toCsv(rankingTable(view));
}
