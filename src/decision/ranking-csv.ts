import { FUNDING_KINDS } from '@/calls/funding-rules';
import type { RankingView } from './ranking.service';

/**
 * Quotes a CSV field (RFC 4180). Text typed by applicants that a spreadsheet would run as a formula
 * (leading = + - @ tab CR) is prefixed with an apostrophe.
 */
function field(value: string | number | boolean | null, text = false): string {
  if (value === null) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The ranking as CSV with a header row; per criterion a mean and a spread column. */
export function rankingCsv(view: RankingView): string {
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
  ];
  const lines = view.rows.map((r) =>
    [
      field(r.rank),
      field(r.proposalId),
      field(r.title, true),
      field(r.acronym, true),
      field(r.state),
      field(r.round),
      field(r.reviewCount),
      field(r.total),
      field(r.aboveThreshold),
      field(r.disagreement),
      ...view.criteria.flatMap((k) => [
        field(r.criteria[k]?.mean ?? null),
        field(r.criteria[k]?.spread ?? null),
      ]),
      field(r.votes.approve),
      field(r.votes.reject),
      field(r.votes.revise),
      field(r.votes.abstain),
      field(r.stage),
      field(r.requestedFundingEur),
      ...FUNDING_KINDS.map((k) => field(r.fundingByKind ? r.fundingByKind[k] : null)),
    ].join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
