/**
 * Budgets (DESIGN §11) in integer arithmetic: costs in whole euros, rates and shares in basis points
 * (1 bp = 0.01 %, so 5000 = 50 %). Requested funding = Σ over partners of round(total costs × rate),
 * rounded half up at 0.5 €, computed exactly in integers.
 */
export const COST_CATEGORIES = [
  'personnel',
  'material',
  'travel',
  'subcontracts',
  'depreciation',
  'other',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export type PartnerCosts = Record<CostCategory, number>;

/** The largest amount one cost category may hold (€ 100 M): sums stay far below 2^53. */
export const MAX_COST_EUR = 100_000_000;
export const BASIS_POINTS = 10_000;

export const FUNDING_KINDS = ['sme', 'large', 'research', 'public', 'other'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];
export type FundingRates = Record<FundingKind, number>;

/** DESIGN §11 defaults: sme 0.50, large 0.25, research 1.00, public 0.50, other 0.25. */
export function defaultFundingRates(): FundingRates {
  return { sme: 5000, large: 2500, research: 10000, public: 5000, other: 2500 };
}
export const DEFAULT_MAX_SUBCONTRACT_SHARE = 2500;

export function totalCosts(costs: PartnerCosts): number {
  return COST_CATEGORIES.reduce((sum, c) => sum + costs[c], 0);
}

/** round(total × rate / 10,000), half up (all operands are non-negative integers). */
export function partnerFunding(costs: PartnerCosts, rateBp: number): number {
  return Math.floor((totalCosts(costs) * rateBp + BASIS_POINTS / 2) / BASIS_POINTS);
}

export type SmeStatus = 'sme' | 'not_sme' | 'unknown';

/**
 * The kind whose cap applies: the registry's SME status where known overrides the typed kind —
 * `sme` → the SME cap; `not_sme` → the large-company cap, unless the partner is typed as a research
 * institute or a public body (SME status is about companies).
 */
export function capKind(typed: FundingKind, status: SmeStatus): FundingKind {
  if (status === 'sme') return 'sme';
  if (status === 'not_sme') return typed === 'research' || typed === 'public' ? typed : 'large';
  return typed;
}

export interface BudgetPartner {
  kind: FundingKind;
  costs: PartnerCosts;
  fundingRate: number;
  smeStatus: SmeStatus;
}

export interface PartnerBudget {
  totalCosts: number;
  fundingEur: number;
  capKind: FundingKind;
  maxFundingRate: number;
}

export interface BudgetRules {
  maxFundingRate: FundingRates;
  maxSubcontractShare: number;
}

export interface BudgetResult {
  partners: PartnerBudget[];
  totalCosts: number;
  requestedFundingEur: number;
  /** Field errors at `partners.<i>.fundingRate` and `partners.<i>.costs.subcontracts`. */
  errors: { field: string; messages: string[] }[];
}

export function computeBudget(partners: BudgetPartner[], rules: BudgetRules): BudgetResult {
  const errors: BudgetResult['errors'] = [];
  const rows = partners.map((p, i) => {
    const kind = capKind(p.kind, p.smeStatus);
    const cap = rules.maxFundingRate[kind];
    const total = totalCosts(p.costs);
    if (p.fundingRate > cap)
      errors.push({
        field: `partners.${i}.fundingRate`,
        messages: [`must not exceed ${cap} basis points, the cap for partner kind ${kind}`],
      });
    // subcontracts / total > share  ⇔  subcontracts × 10,000 > share × total (exact in integers).
    if (p.costs.subcontracts * BASIS_POINTS > rules.maxSubcontractShare * total)
      errors.push({
        field: `partners.${i}.costs.subcontracts`,
        messages: [`must not exceed ${rules.maxSubcontractShare} basis points of the partner's total costs`],
      });
    return {
      totalCosts: total,
      fundingEur: partnerFunding(p.costs, p.fundingRate),
      capKind: kind,
      maxFundingRate: cap,
    };
  });
  return {
    partners: rows,
    totalCosts: rows.reduce((s, r) => s + r.totalCosts, 0),
    requestedFundingEur: rows.reduce((s, r) => s + r.fundingEur, 0),
    errors,
  };
}
