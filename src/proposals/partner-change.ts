import type { EntityManager } from 'typeorm';
import { organisationKey } from '@/common/org-name';
import { writeAudit } from '@/workflow/audit';
import type { Partner, Proposal } from './proposal.entity';

/** The audit action of a partner change while a revision is open; the conflict list reads it back. */
export const REVISE_PARTNERS = 'revise-partners';

/**
 * Records partner organisations added or removed while the proposal is under revision. Conflicts of
 * interest follow the partner list at once (they are derived in SQL from `partner_keys`), so a partner
 * added now can take a steering member out of the vote: the office sees the change in the proposal's
 * history and, through `addedKeys`, as `partnerAddedInRevision` on the conflicts it causes.
 * Organisations are compared by `organisationKey`, so a re-spelt partner is no change.
 */
export async function auditRevisionPartnerChange(
  manager: EntityManager,
  before: Proposal,
  partners: Partner[],
  actorId: string,
): Promise<void> {
  if (before.state !== 'revision_requested') return;
  const keyed = (list: Partner[]) => list.map((p) => ({ name: p.name, key: organisationKey(p.name) }));
  const old = keyed(before.partners);
  const now = keyed(partners);
  const added = now.filter((p) => p.key !== '' && !old.some((o) => o.key === p.key));
  const removed = old.filter((o) => o.key !== '' && !now.some((p) => p.key === o.key));
  if (added.length === 0 && removed.length === 0) return;
  await writeAudit(manager, {
    actorId,
    entityType: 'proposal',
    entityId: before.id,
    action: REVISE_PARTNERS,
    data: {
      round: before.round,
      added: added.map((p) => p.name),
      removed: removed.map((p) => p.name),
      addedKeys: [...new Set(added.map((p) => p.key))],
    },
  });
}
