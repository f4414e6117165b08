import { Injectable } from '@nestjs/common';
import type { Call } from '@/calls/call.entity';
import { computeBudget, type BudgetResult, type PartnerCosts } from '@/calls/funding-rules';
import { FieldError, invalidInput } from '@/common/problem';
import type { Partner } from './proposal.entity';
import { PartnerStatusSource } from './partner-status';

/** What a saved partner list gives: the partners as stored (with their figures) and the derived request. */
export interface SavedBudget {
  partners: Partner[];
  /** null: no partner carries costs, the typed amount (legacy) stays. */
  requestedFundingEur: number | null;
}

/**
 * The budget rules on save: every partner with costs needs a rate and vice versa; rates within the
 * cap of the partner's kind (the registry's SME status where known), subcontracts within the share.
 * The derived request and each partner's funding are stored with the partners (read-only output).
 */
@Injectable()
export class ProposalBudget {
  constructor(private readonly status: PartnerStatusSource) {}

  async apply(call: Call, partners: Partner[]): Promise<SavedBudget> {
    const errors: FieldError[] = [];
    partners.forEach((p, i) => {
      if (p.costs && p.fundingRate === undefined)
        errors.push({ field: `partners.${i}.fundingRate`, messages: ['required with costs'] });
      if (!p.costs && p.fundingRate !== undefined)
        errors.push({ field: `partners.${i}.costs`, messages: ['required with a funding rate'] });
    });
    const withCosts = partners.some((p) => p.costs);
    if (withCosts)
      partners.forEach((p, i) => {
        if (!p.costs)
          errors.push({ field: `partners.${i}.costs`, messages: ['every partner needs costs once one has'] });
      });
    if (errors.length > 0)
      throw invalidInput(errors.map((e) => `${e.field}: ${e.messages}`).join('; '), errors);
    if (!withCosts) return { partners: partners.map(strip), requestedFundingEur: null };

    const result = await this.compute(call, partners);
    if (result.errors.length > 0)
      throw invalidInput(result.errors.map((e) => `${e.field}: ${e.messages}`).join('; '), result.errors);
    return {
      partners: partners.map((p, i) => ({
        ...strip(p),
        fundingEur: result.partners[i].fundingEur,
        capKind: result.partners[i].capKind,
      })),
      requestedFundingEur: result.requestedFundingEur,
    };
  }

  /** The figures of partners that all carry costs and a rate, without refusing anything. */
  async compute(call: Call, partners: Partner[]): Promise<BudgetResult> {
    const status = await this.status.smeStatusByName(partners.map((p) => p.name));
    return computeBudget(
      partners.map((p) => ({
        kind: p.kind,
        costs: p.costs as PartnerCosts,
        fundingRate: p.fundingRate ?? 0,
        smeStatus: status.get(p.name) ?? 'unknown',
      })),
      { maxFundingRate: call.maxFundingRate, maxSubcontractShare: call.maxSubcontractShare },
    );
  }
}

function strip(p: Partner): Partner {
  return {
    name: p.name,
    kind: p.kind,
    city: p.city,
    ...(p.costs ? { costs: { ...p.costs } } : {}),
    ...(p.fundingRate !== undefined ? { fundingRate: p.fundingRate } : {}),
  };
}
