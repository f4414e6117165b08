/**
 * SME status per EU Recommendation 2003/361/EC (Annex, Article 2(1)): fewer than 250 staff, and an
 * annual turnover of at most €50 M or an annual balance-sheet total of at most €43 M. Counted over the
 * whole corporate group (the root of the parent chain and all its descendants, figures summed), so a
 * subsidiary of a large group is not an SME. Missing figures never make an SME: the answer is
 * `unknown` unless the known figures already decide it (250 or more staff counted, or both financial
 * ceilings exceeded by the known sums).
 */
export type SmeStatus = 'sme' | 'not_sme' | 'unknown';

export const SME_MAX_STAFF_EXCLUSIVE = 250;
export const SME_MAX_TURNOVER_EUR = 50_000_000;
export const SME_MAX_BALANCE_SHEET_EUR = 43_000_000;

export interface SmeFigures {
  employees: number | null;
  turnoverEur: number | null;
  balanceSheetEur: number | null;
}

/** The status of a group from the figures of each of its members. */
export function smeStatus(members: readonly SmeFigures[]): SmeStatus {
  if (members.length === 0) return 'unknown';
  const staff = sum(members.map((m) => m.employees));
  const turnover = sum(members.map((m) => m.turnoverEur));
  const balance = sum(members.map((m) => m.balanceSheetEur));
  if (staff.known >= SME_MAX_STAFF_EXCLUSIVE) return 'not_sme';
  if (turnover.known > SME_MAX_TURNOVER_EUR && balance.known > SME_MAX_BALANCE_SHEET_EUR) return 'not_sme';
  if (!staff.complete) return 'unknown';
  const turnoverFits = turnover.complete && turnover.known <= SME_MAX_TURNOVER_EUR;
  const balanceFits = balance.complete && balance.known <= SME_MAX_BALANCE_SHEET_EUR;
  return turnoverFits || balanceFits ? 'sme' : 'unknown';
}

/** The sum of the known values, and whether every value was known. */
function sum(values: readonly (number | null)[]): { known: number; complete: boolean } {
  return {
    known: values.reduce<number>((total, v) => total + (v ?? 0), 0),
    complete: values.every((v) => v !== null),
  };
}
