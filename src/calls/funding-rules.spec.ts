import {
  capKind,
  computeBudget,
  defaultFundingRates,
  DEFAULT_MAX_SUBCONTRACT_SHARE,
  type FundingKind,
  partnerFunding,
  type PartnerCosts,
  type SmeStatus,
} from './funding-rules';

const costs = (personnel: number, more: Partial<PartnerCosts> = {}): PartnerCosts => ({
  personnel,
  material: 0,
  travel: 0,
  subcontracts: 0,
  depreciation: 0,
  other: 0,
  ...more,
});
const rules = { maxFundingRate: defaultFundingRates(), maxSubcontractShare: DEFAULT_MAX_SUBCONTRACT_SHARE };

describe('partner funding = round(total costs × rate), half up, in integers', () => {
  // [total costs, rate in basis points, expected euros, by hand]
  it.each([
    [100_000, 5000, 50_000, '100,000 × 0.5'],
    [1, 5000, 1, '0.5 € rounds up to 1'],
    [3, 5000, 2, '1.5 € rounds up to 2'],
    [1, 4999, 0, '0.4999 € rounds down'],
    [33_333, 3333, 11_110, '33,333 × 0.3333 = 11,109.8889 → 11,110'],
    [12_345, 2500, 3086, '3,086.25 → 3,086'],
    [12_346, 2500, 3087, '3,086.5 → 3,087 (half up)'],
    [0, 10000, 0, 'no costs, nothing'],
    [600_000_000, 10000, 600_000_000, 'six categories at their € 100 M maximum, exact'],
  ])('%d € at %d bp → %d € (%s)', (total, rate, expected) => {
    expect(partnerFunding(costs(total), rate)).toBe(expected);
  });

  it('sums every category', () => {
    const all = { personnel: 10, material: 20, travel: 30, subcontracts: 5, depreciation: 15, other: 20 };
    expect(partnerFunding(all, 5000)).toBe(50);
  });
});

describe('the cap of a partner: the registry SME status overrides the typed kind', () => {
  it.each<[FundingKind, SmeStatus, FundingKind]>([
    ['sme', 'unknown', 'sme'],
    ['large', 'unknown', 'large'],
    ['large', 'sme', 'sme'],
    ['sme', 'not_sme', 'large'],
    ['other', 'not_sme', 'large'],
    ['research', 'not_sme', 'research'],
    ['public', 'not_sme', 'public'],
    ['research', 'sme', 'sme'],
  ])('typed %s, registry %s → cap of %s', (typed, status, expected) => {
    expect(capKind(typed, status)).toBe(expected);
  });
});

describe('computeBudget over a consortium', () => {
  it('derives the request as the hand sum and refuses nothing within the caps', () => {
    const result = computeBudget(
      [
        { kind: 'sme', costs: costs(200_001), fundingRate: 5000, smeStatus: 'unknown' }, // 100,000.5 → 100,001
        { kind: 'research', costs: costs(300_000), fundingRate: 10000, smeStatus: 'unknown' }, // 300,000
        // Typed large, the registry says SME: the SME cap (50 %) allows 40 %.
        { kind: 'large', costs: costs(99_999), fundingRate: 4000, smeStatus: 'sme' }, // 39,999.6 → 40,000
      ],
      rules,
    );
    expect(result.errors).toEqual([]);
    expect(result.partners.map((p) => p.fundingEur)).toEqual([100_001, 300_000, 40_000]);
    expect(result.partners.map((p) => p.capKind)).toEqual(['sme', 'research', 'sme']);
    expect(result.requestedFundingEur).toBe(440_001);
    expect(result.totalCosts).toBe(600_000);
  });

  it('refuses a rate above the cap at that partner, the registry status counting', () => {
    const result = computeBudget(
      [
        { kind: 'research', costs: costs(1000), fundingRate: 10000, smeStatus: 'unknown' },
        { kind: 'sme', costs: costs(1000), fundingRate: 5000, smeStatus: 'unknown' },
        // Typed SME, the registry says not SME: the large-company cap of 25 % applies.
        { kind: 'sme', costs: costs(1000), fundingRate: 5000, smeStatus: 'not_sme' },
      ],
      rules,
    );
    expect(result.errors).toEqual([
      { field: 'partners.2.fundingRate', messages: [expect.stringMatching(/2500.*large/)] },
    ]);
  });

  it('refuses subcontracts above the share of the partner’s total costs, exactly at the limit allowed', () => {
    const at = computeBudget(
      [{ kind: 'sme', costs: costs(750, { subcontracts: 250 }), fundingRate: 5000, smeStatus: 'unknown' }],
      rules,
    );
    expect(at.errors).toEqual([]);
    const above = computeBudget(
      [
        { kind: 'sme', costs: costs(750, { subcontracts: 250 }), fundingRate: 5000, smeStatus: 'unknown' },
        { kind: 'sme', costs: costs(749, { subcontracts: 251 }), fundingRate: 5000, smeStatus: 'unknown' },
      ],
      rules,
    );
    expect(above.errors).toEqual([
      { field: 'partners.1.costs.subcontracts', messages: [expect.any(String)] },
    ]);
  });
});
