import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { problem } from '@/common/problem';
import { REVISE_PARTNERS } from '@/proposals/partner-change';
import { ProposalAccess } from '@/proposals/proposal-access';
import { User } from '@/users/user.entity';
import { writeAudit } from '@/workflow/audit';
import { OPEN_ASSIGNMENT_STATES } from './assignment-transitions';
import { AssignmentWorkflow } from './assignment-workflow';
import { Conflict } from './conflict.entity';
import { CONFLICT_KINDS, competitorGroupsSql, conflictExistsSql } from './conflict-sql';

export { CONFLICT_KINDS };
import type { DeclareConflictDto } from './dto/conflict.dto';

export interface ConflictView {
  id: string;
  proposalId: string;
  userId: string;
  reason: string;
  declaredBy: string;
  createdAt: string;
}

/**
 * One conflicted user of a proposal and why: declared for this proposal, same organisation name, same
 * registry entry or corporate group, declared competitors, a personal conflict with an organisation,
 * or the applicant. `reason` names the organisations (or is the declared text).
 */
export interface ConflictEntry {
  userId: string;
  name: string;
  kind: (typeof CONFLICT_KINDS)[number];
  reason: string | null;
  /** An organisation conflict through a partner the applicant added while revising: shown to the office. */
  partnerAddedInRevision: boolean;
}

const BOARD_ROLES = ['reviewer', 'steering'];

export function toConflictView(c: Conflict): ConflictView {
  return {
    id: c.id,
    proposalId: c.proposalId,
    userId: c.userId,
    reason: c.reason,
    declaredBy: c.declaredBy,
    createdAt: c.createdAt.toISOString(),
  };
}

@Injectable()
export class ConflictService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly assignments: AssignmentWorkflow,
  ) {}

  /** Whether `userId` is conflicted with the proposal (declared, same organisation, or its applicant). */
  async isConflicted(userId: string, proposalId: string, manager?: EntityManager): Promise<boolean> {
    const rows: { conflicted: boolean }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${conflictExistsSql('p', '$1::uuid')} AS conflicted FROM proposals p WHERE p.id = $2`,
      [userId, proposalId],
    );
    return rows[0]?.conflicted ?? false;
  }

  /**
   * Declares a conflict of `dto.userId` (default: the caller) with a proposal the caller may read.
   * Board members declare their own; the office declares anyone's. Open assignments of that user on the
   * proposal are revoked in the same transaction: a conflicted user is never assigned.
   */
  async declare(proposalId: string, dto: DeclareConflictDto, actor: AuthUser): Promise<Conflict> {
    await this.access.findReadable(proposalId, actor);
    const isOffice = actor.roles.includes('office');
    const targetId = dto.userId ?? actor.id;
    if (targetId !== actor.id && !isOffice)
      throw problem('forbidden-role', {}, 'Only the office declares conflicts for others.');
    const target =
      targetId === actor.id ? null : await this.dataSource.getRepository(User).findOneBy({ id: targetId });
    const targetRoles = target ? target.roles : actor.roles;
    if (targetId !== actor.id && !target) {
      throw problem('unknown-user', {}, 'No such user.', {
        errors: [{ field: 'userId', messages: ['no user with this id'] }],
      });
    }
    if (!targetRoles.some((r) => BOARD_ROLES.includes(r))) {
      if (targetId === actor.id && !isOffice)
        throw problem('forbidden-role', {}, 'Only board members declare conflicts.');
      throw problem('not-board-member', {}, 'Conflicts are declared for reviewers and steering members.', {
        errors: [{ field: 'userId', messages: ['not a reviewer or steering member'] }],
      });
    }

    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM proposals WHERE id = $1 FOR UPDATE', [proposalId]);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO conflicts (proposal_id, user_id, reason, declared_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING id`,
        [proposalId, targetId, dto.reason, actor.id],
      );
      if (inserted.length === 0)
        throw problem('conflict-declared', {}, 'A conflict of this user is declared already.');
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'conflict',
        entityId: inserted[0].id,
        action: 'declare',
        data: { proposalId, userId: targetId },
      });
      const open: { id: string }[] = await manager.query(
        `SELECT id FROM assignments WHERE proposal_id = $1 AND reviewer_id = $2 AND state = ANY($3)`,
        [proposalId, targetId, OPEN_ASSIGNMENT_STATES],
      );
      for (const { id } of open) {
        await this.assignments.fire({
          id,
          event: 'revoke',
          actor: null,
          manager,
          data: { cause: 'revoked' },
        });
      }
      return manager.findOneByOrFail(Conflict, { id: inserted[0].id });
    });
  }

  /** Office: every conflicted user of a proposal. Board members: only their own entries. */
  async listForProposal(proposalId: string, user: AuthUser): Promise<ConflictEntry[]> {
    const proposal = await this.access.findReadable(proposalId, user);
    assertMayListConflicts(user);
    const entries = await this.entries([proposal.id], user.roles.includes('office') ? null : user.id);
    return entries.map(({ userId, name, kind, reason, partnerAddedInRevision }) => ({
      userId,
      name,
      kind,
      reason,
      partnerAddedInRevision,
    }));
  }

  /**
   * The caller's own first conflict entry (in the order of `listForProposal`) for each of
   * `readableIds`, which the caller may read (ids from ProposalsService.list): one query for a page
   * of proposals instead of one per proposal.
   */
  async ownAmong(readableIds: string[], user: AuthUser): Promise<Map<string, ConflictEntry>> {
    assertMayListConflicts(user);
    const own = new Map<string, ConflictEntry & { proposalId: string }>();
    if (readableIds.length === 0) return own;
    for (const entry of await this.entries(readableIds, user.id)) {
      if (!own.has(entry.proposalId)) own.set(entry.proposalId, entry);
    }
    return own;
  }

  /**
   * The conflict entries of the proposals `ids` (of `userId` only unless null), by proposal then kind.
   * The user filter sits in every branch: the planner then starts the registry joins from that user.
   */
  private async entries(
    ids: string[],
    userId: string | null,
  ): Promise<(ConflictEntry & { proposalId: string })[]> {
    const rows: (Omit<ConflictEntry, 'userId' | 'partnerAddedInRevision'> & {
      proposal_id: string;
      user_id: string;
      in_revision: boolean;
    })[] = await this.dataSource.query(
      `SELECT x.proposal_id, u.id AS user_id, u.name, x.kind, x.reason, x.in_revision FROM (
         SELECT c.proposal_id, c.user_id, 'declared' AS kind, c.reason, false AS in_revision, 1 AS o
           FROM conflicts c WHERE c.proposal_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR c.user_id = $2::uuid)
         UNION ALL
         SELECT p.id, u.id, 'organisation', NULL,
                EXISTS (SELECT 1 FROM audit_events e
                         WHERE e.entity_type = 'proposal' AND e.entity_id = p.id AND e.action = $3
                           AND e.data->'addedKeys' ? u.organisation_key), 2
           FROM users u, proposals p
          WHERE p.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR u.id = $2::uuid)
            AND u.id <> p.applicant_id AND u.organisation_key <> ''
            AND (u.organisation_key = ANY(p.partner_keys)
                 OR u.organisation_key = (SELECT a.organisation_key FROM users a WHERE a.id = p.applicant_id))
         UNION ALL
         SELECT DISTINCT ON (p.id, u.id, (rk.group_id = pk.group_id)) p.id, u.id,
                CASE WHEN rk.group_id = pk.group_id THEN 'group' ELSE 'competitor' END,
                ro.name || ' / ' || po.name
                  || CASE WHEN rk.group_id = pk.group_id AND ro.id <> po.id THEN ' (' || go.name || ')' ELSE '' END,
                false, CASE WHEN rk.group_id = pk.group_id THEN 3 ELSE 4 END
           FROM proposals p
           JOIN organisation_keys pk
             ON pk.key = ANY(p.partner_keys || (SELECT a.organisation_key FROM users a WHERE a.id = p.applicant_id))
           JOIN organisation_keys rk
             ON rk.group_id = pk.group_id
             OR EXISTS (SELECT 1 FROM ${competitorGroupsSql('lcg')} lcg WHERE lcg.g1 = rk.group_id AND lcg.g2 = pk.group_id)
           JOIN users u ON u.organisation_key = rk.key
           JOIN organisations ro ON ro.id = rk.organisation_id
           JOIN organisations po ON po.id = pk.organisation_id
           JOIN organisations go ON go.id = pk.group_id
          WHERE p.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR u.id = $2::uuid) AND u.id <> p.applicant_id
            AND NOT (u.organisation_key = ANY(p.partner_keys))
            AND u.organisation_key IS DISTINCT FROM (SELECT a.organisation_key FROM users a WHERE a.id = p.applicant_id)
         UNION ALL
         SELECT DISTINCT ON (p.id, pc.id) p.id, pc.user_id, 'personal', pc.reason || ' (' || po.name || ')', false, 5
           FROM proposals p
           JOIN organisation_keys pk
             ON pk.key = ANY(p.partner_keys || (SELECT a.organisation_key FROM users a WHERE a.id = p.applicant_id))
           JOIN organisations po ON po.group_id = pk.group_id
           JOIN personal_conflicts pc ON pc.organisation_id = po.id
          WHERE p.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR pc.user_id = $2::uuid)
            AND pc.user_id <> p.applicant_id
         UNION ALL
         SELECT p.id, p.applicant_id, 'applicant', NULL, false, 6 FROM proposals p
          WHERE p.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR p.applicant_id = $2::uuid)
       ) x JOIN users u ON u.id = x.user_id
       ORDER BY x.proposal_id, x.o, u.name, u.id`,
      [ids, userId, REVISE_PARTNERS],
    );
    return rows.map((r) => ({
      proposalId: r.proposal_id,
      userId: r.user_id,
      name: r.name,
      kind: r.kind,
      reason: r.reason,
      partnerAddedInRevision: r.in_revision,
    }));
  }
}

function assertMayListConflicts(user: AuthUser): void {
  if (!user.roles.includes('office') && !user.roles.some((r) => BOARD_ROLES.includes(r))) {
    throw problem('forbidden-role', {}, 'Conflicts of interest concern board members.');
  }
}
