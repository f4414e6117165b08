import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { organisationKey } from '@/common/org-name';
import { notFound } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import type { OrganisationKind } from './organisation.entity';

export interface PartnerSuggestion {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  city: string;
  inRegion: boolean;
  /** The proposal's topics this organisation has expertise in (as the proposal spells them). */
  matchingTopics: string[];
}

interface Candidate {
  id: string;
  name: string;
  kind: OrganisationKind;
  city: string;
  in_region: boolean;
  expertise: string[];
  group_id: string;
}

const COMPANY_KINDS = new Set(['sme', 'large']);

/**
 * Ranks candidates (pure, for the unit test): expertise overlapping the topics (case-insensitive),
 * research institutes first when the consortium has companies only, then by overlap, then by name.
 */
export function rankSuggestions(
  topics: readonly string[],
  candidates: readonly Candidate[],
  allCompanies: boolean,
): PartnerSuggestion[] {
  const scored = candidates.flatMap((c) => {
    const expertise = new Set(c.expertise.map((e) => e.toLowerCase()));
    const matchingTopics = topics.filter((t) => expertise.has(t.toLowerCase()));
    if (matchingTopics.length === 0) return [];
    return [{ c, matchingTopics, research: allCompanies && c.kind === 'research' ? 0 : 1 }];
  });
  scored.sort(
    (a, b) =>
      a.research - b.research ||
      b.matchingTopics.length - a.matchingTopics.length ||
      a.c.name.localeCompare(b.c.name) ||
      a.c.id.localeCompare(b.c.id),
  );
  return scored.map(({ c, matchingTopics }) => ({
    organisationId: c.id,
    name: c.name,
    kind: c.kind,
    city: c.city,
    inRegion: c.in_region,
    matchingTopics,
  }));
}

/** "Mögliche Partner" of a proposal (DESIGN §10, the cluster's Anbahnung). */
@Injectable()
export class PartnerSuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
  ) {}

  /**
   * For the proposal's owner and the office (404 for everyone else): registry organisations whose
   * expertise overlaps the topics, leaving out the partners' entries and the applicant's whole group.
   */
  async forProposal(proposalId: string, user: AuthUser, limit = 20): Promise<PartnerSuggestion[]> {
    const proposal = await this.access.findReadable(proposalId, user);
    if (proposal.applicantId !== user.id && !user.roles.includes('office')) throw notFound('Proposal');
    const applicant: { organisation_key: string }[] = await this.dataSource.query(
      'SELECT organisation_key FROM users WHERE id = $1',
      [proposal.applicantId],
    );
    const applicantKey = applicant[0]?.organisation_key ?? '';
    const resolved: { key: string; organisation_id: string; group_id: string; kind: OrganisationKind }[] =
      await this.dataSource.query(
        `SELECT k.key, k.organisation_id, k.group_id, o.kind
           FROM organisation_keys k JOIN organisations o ON o.id = k.organisation_id WHERE k.key = ANY($1)`,
        [[applicantKey, ...proposal.partners.map((p) => organisationKey(p.name))]],
      );
    const byKey = new Map(resolved.map((r) => [r.key, r]));
    const partnerIds = proposal.partners.flatMap(
      (p) => byKey.get(organisationKey(p.name))?.organisation_id ?? [],
    );
    const applicantGroup = byKey.get(applicantKey)?.group_id ?? null;
    const kinds = [
      ...proposal.partners.map((p) => byKey.get(organisationKey(p.name))?.kind ?? p.kind),
      ...(byKey.get(applicantKey) ? [byKey.get(applicantKey)!.kind] : []),
    ];
    const allCompanies = kinds.length > 0 && kinds.every((k) => COMPANY_KINDS.has(k));
    const candidates: Candidate[] = await this.dataSource.query(
      `SELECT o.id, o.name, o.kind, o.city, o.in_region, o.expertise, o.group_id
         FROM organisations o
        WHERE EXISTS (SELECT 1 FROM unnest(o.expertise) e, unnest($1::text[]) t WHERE lower(e) = lower(t))
          AND NOT (o.id = ANY($2::uuid[]))
          AND ($3::uuid IS NULL OR o.group_id <> $3::uuid)`,
      [proposal.topics, partnerIds, applicantGroup],
    );
    return rankSuggestions(proposal.topics, candidates, allCompanies).slice(0, limit);
  }
}
