import { COST_CATEGORIES, type BudgetResult, type PartnerCosts } from '@/calls/funding-rules';
import type { Partner } from '@/proposals/proposal.entity';
import { FormBody, one } from './form-input';
import type { NumberFields } from './number-input';
import { escapeHtml } from './html';

/** Whether a partner row carries any budget figure (then every cost field and the rate are sent). */
export function rowHasBudget(body: FormBody, i: number): boolean {
  return [...COST_CATEGORIES.map((c) => `costs.${c}`), 'fundingRate'].some(
    (f) => one(body, `partners.${i}.${f}`).trim() !== '',
  );
}

/**
 * A row's budget from the form: costs in whole euros (German input on a German page, empty = 0) and
 * the rate typed in per cent, sent as basis points (50 % → 5000; 37,5 % → 3750).
 */
export function rowBudget(
  body: FormBody,
  i: number,
  numbers: NumberFields,
): { costs: Record<string, number | undefined>; fundingRate: number | undefined } {
  const costs: Record<string, number | undefined> = {};
  for (const c of COST_CATEGORIES) {
    const raw = one(body, `partners.${i}.costs.${c}`);
    costs[c] = raw.trim() === '' ? 0 : numbers.read(`partners.${i}.costs.${c}`, raw, 'whole');
  }
  const rateRaw = one(body, `partners.${i}.fundingRate`);
  const percent = rateRaw.trim() === '' ? undefined : numbers.read(`partners.${i}.fundingRate`, rateRaw, 'decimal');
  return { costs, fundingRate: percent === undefined ? undefined : Math.round(percent * 100) };
}

/** A stored partner's budget as form values (rate back in per cent). */
export function budgetToForm(
  partner: Partner,
  i: number,
  values: Record<string, string | string[]>,
  format: (n: number, kind: 'whole' | 'decimal') => string,
): void {
  if (!partner.costs) return;
  for (const c of COST_CATEGORIES) values[`partners.${i}.costs.${c}`] = format(partner.costs[c], 'whole');
  if (partner.fundingRate !== undefined)
    values[`partners.${i}.fundingRate`] = format(partner.fundingRate / 100, 'decimal');
}

export interface BudgetPreviewRow {
  row: number;
  name: string;
  costs: PartnerCosts;
  fundingRate: number;
}

/** The sums table the form shows and htmx replaces as one types: per partner total and funding, and the totals. */
export function budgetSumsHtml(
  rows: BudgetPreviewRow[],
  result: BudgetResult | null,
  t: (key: string) => string,
  eur: (n: number) => string,
  errors: string[] = [],
): string {
  const body = rows
    .map((r, i) => {
      const p = result?.partners[i];
      return `<tr><th scope="row">${escapeHtml(r.name || `${t('calls.budget')} ${r.row + 1}`)}</th><td data-label="${escapeHtml(t('calls.partnerTotal'))}">${p ? eur(p.totalCosts) : '—'}</td><td data-label="${escapeHtml(t('calls.partnerFunding'))}">${p ? eur(p.fundingEur) : '—'}</td></tr>`;
    })
    .join('');
  const total = result
    ? `<tr><th scope="row">${escapeHtml(t('calls.budgetTotal'))}</th><td data-label="${escapeHtml(t('calls.partnerTotal'))}" id="budget-total-costs">${eur(result.totalCosts)}</td><td data-label="${escapeHtml(t('calls.requestedFunding'))}" id="budget-requested">${eur(result.requestedFundingEur)}</td></tr>`
    : '';
  const problems = errors.length > 0 ? `<p class="field-error" role="status">${errors.map(escapeHtml).join('<br>')}</p>` : '';
  return `<table class="stack" aria-live="polite"><thead><tr><th scope="col">${escapeHtml(t('proposals.partnerName'))}</th><th scope="col">${escapeHtml(t('calls.partnerTotal'))}</th><th scope="col">${escapeHtml(t('calls.partnerFunding'))}</th></tr></thead><tbody>${body}${total}</tbody></table>${problems}`;
}
