import type { SmeStatus } from '@/calls/funding-rules';

/**
 * Where the budget calculation learns a partner's SME status (DESIGN §10): the organisation
 * registry (organisations/, a global module) provides it; a name it cannot resolve is `unknown`,
 * and then the typed kind counts.
 */
export abstract class PartnerStatusSource {
  abstract smeStatusByName(names: string[]): Promise<Map<string, SmeStatus>>;
}
