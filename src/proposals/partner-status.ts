import { Injectable } from '@nestjs/common';
import type { SmeStatus } from '@/calls/funding-rules';

/**
 * Where the budget calculation learns a partner's SME status (DESIGN §10): the organisation
 * registry binds its own provider to this token; the default knows nothing, so the typed kind counts.
 */
export abstract class PartnerStatusSource {
  abstract smeStatusByName(names: string[]): Promise<Map<string, SmeStatus>>;
}

@Injectable()
export class UnknownPartnerStatus extends PartnerStatusSource {
  async smeStatusByName(names: string[]): Promise<Map<string, SmeStatus>> {
    return new Map(names.map((n) => [n, 'unknown' as const]));
  }
}
