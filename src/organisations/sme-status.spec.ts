import { type SmeFigures, type SmeStatus, smeStatus } from './sme-status';

const M = 1_000_000;
const firm = (
  employees: number | null,
  turnoverEur: number | null,
  balanceSheetEur: number | null,
): SmeFigures => ({
  employees,
  turnoverEur,
  balanceSheetEur,
});

describe('smeStatus (EU Recommendation 2003/361/EC, over the whole group)', () => {
  it.each<[string, SmeFigures[], SmeStatus]>([
    [
      'a 40-person subsidiary of a 10,000-person group',
      [firm(10_000, 2_000 * M, 1_500 * M), firm(40, 8 * M, 3 * M)],
      'not_sme',
    ],
    [
      'the same subsidiary with the parent’s finances unknown',
      [firm(10_000, null, null), firm(40, 8 * M, 3 * M)],
      'not_sme',
    ],
    ['a standalone 40-person company, €8 M turnover', [firm(40, 8 * M, null)], 'sme'],
    ['a standalone company with no figures', [firm(null, null, null)], 'unknown'],
    ['staff known, no financial figure', [firm(40, null, null)], 'unknown'],
    ['finances known, staff missing', [firm(null, 8 * M, 3 * M)], 'unknown'],
    ['a group member’s staff missing', [firm(100, 8 * M, 3 * M), firm(null, 1 * M, 1 * M)], 'unknown'],
    ['249 staff', [firm(249, 10 * M, null)], 'sme'],
    ['250 staff', [firm(250, 10 * M, null)], 'not_sme'],
    ['249 staff over a group of two (200 + 49)', [firm(200, 5 * M, null), firm(49, 5 * M, null)], 'sme'],
    ['250 staff over a group of two (200 + 50)', [firm(200, 5 * M, null), firm(50, 5 * M, null)], 'not_sme'],
    ['turnover exactly €50,000,000', [firm(100, 50_000_000, null)], 'sme'],
    ['turnover €50,000,001, balance unknown', [firm(100, 50_000_001, null)], 'unknown'],
    ['turnover €50,000,001, balance exactly €43,000,000', [firm(100, 50_000_001, 43_000_000)], 'sme'],
    ['turnover €50,000,001, balance €43,000,001', [firm(100, 50_000_001, 43_000_001)], 'not_sme'],
    ['turnover €60 M, balance €43 M', [firm(100, 60 * M, 43 * M)], 'sme'],
    [
      'turnover over the group sums above €50 M, balance above €43 M',
      [firm(100, 30 * M, 25 * M), firm(100, 30 * M, 25 * M)],
      'not_sme',
    ],
    ['no members', [], 'unknown'],
  ])('%s → %s', (_, members, expected) => {
    expect(smeStatus(members)).toBe(expected);
  });
});
