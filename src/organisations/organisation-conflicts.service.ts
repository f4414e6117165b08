import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound, problem } from '@/common/problem';
import { LIVE_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import { assignmentConflictedSql } from '@/review/conflict-sql';
import { User } from '@/users/user.entity';
import { writeAudit } from '@/workflow/audit';
import type { DeclarePersonalConflictDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

export interface PersonalConflictView {
  id: string;
  userId: string;
  userName: string;
  organisationId: string;
  organisationName: string;
  reason: string;
  declaredBy: string;
  createdAt: string;
}

/**
 * A live assignment whose reviewer is conflicted with its proposal now (after a registry change, an
 * organisation change of the user, or a partner added while revising): shown to the office, which
 * decides (revoke, keep), never revoked silently.
 */
export interface ConflictedAssignment {
  assignmentId: string;
  proposalId: string;
  proposalTitle: string;
  reviewerId: string;
  reviewerName: string;
  state: string;
}

const BOARD_ROLES = ['reviewer', 'steering'];

@Injectable()
export class OrganisationConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  /** A board member declares their own; the office anyone's (`userId`). */
  async declare(dto: DeclarePersonalConflictDto, actor: AuthUser): Promise<PersonalConflictView> {
    const isOffice = actor.roles.includes('office');
    const targetId = dto.userId ?? actor.id;
    if (targetId !== actor.id && !isOffice)
      throw problem('forbidden-role', {}, 'Only the office declares conflicts for others.');
    const target = await this.dataSource.getRepository(User).findOneBy({ id: targetId });
    if (!target) {
      throw problem('unknown-user', {}, 'No such user.', {
        errors: [{ field: 'userId', messages: ['no user with this id'] }],
      });
    }
    if (!target.roles.some((r) => BOARD_ROLES.includes(r))) {
      if (targetId === actor.id) throw problem('forbidden-role', {}, 'Only board members declare conflicts.');
      throw problem('not-board-member', {}, 'Conflicts are declared for reviewers and steering members.', {
        errors: [{ field: 'userId', messages: ['not a reviewer or steering member'] }],
      });
    }
    const organisation = await this.organisations.resolve(dto.organisation);
    if (!organisation) {
      throw problem('organisation-unknown', {}, 'No registry entry has this name.', {
        errors: [{ field: 'organisation', messages: ['no registry entry has this name or alias'] }],
      });
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO personal_conflicts (user_id, organisation_id, reason, declared_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, organisation_id) DO NOTHING RETURNING id`,
        [targetId, organisation.id, dto.reason, actor.id],
      );
      if (inserted.length === 0)
        throw problem('personal-conflict-declared', {}, 'This conflict is declared already.');
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'personal_conflict',
        entityId: inserted[0].id,
        action: 'declare',
        data: { userId: targetId, organisationId: organisation.id },
      });
      return inserted[0].id;
    });
    return (await this.list({ id }))[0];
  }

  /** The office: anyone's (or one user's); others: their own. */
  async listFor(actor: AuthUser, userId?: string): Promise<PersonalConflictView[]> {
    if (actor.roles.includes('office')) return this.list(userId ? { userId } : {});
    return this.list({ userId: actor.id });
  }

  async withdraw(id: string, actor: AuthUser): Promise<void> {
    const rows = await this.list({ id });
    const row = rows[0];
    if (!row || (row.userId !== actor.id && !actor.roles.includes('office')))
      throw notFound('Personal conflict');
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM personal_conflicts WHERE id = $1', [id]);
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'personal_conflict',
        entityId: id,
        action: 'withdraw',
        data: { userId: row.userId, organisationId: row.organisationId },
      });
    });
  }

  /** Live assignments (invited, accepted, submitted) whose pair is conflicted now. */
  async conflictedAssignments(): Promise<ConflictedAssignment[]> {
    const rows: {
      id: string;
      proposal_id: string;
      title: string;
      reviewer_id: string;
      name: string;
      state: string;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.proposal_id, p.title, a.reviewer_id, u.name, a.state
         FROM assignments a JOIN proposals p ON p.id = a.proposal_id JOIN users u ON u.id = a.reviewer_id
        WHERE a.state = ANY($1) AND ${assignmentConflictedSql('a', '$1')}
        ORDER BY p.title, u.name, a.id
        LIMIT 500`,
      [LIVE_ASSIGNMENT_STATES],
    );
    return rows.map((r) => ({
      assignmentId: r.id,
      proposalId: r.proposal_id,
      proposalTitle: r.title,
      reviewerId: r.reviewer_id,
      reviewerName: r.name,
      state: r.state,
    }));
  }

  private async list(where: { id?: string; userId?: string }): Promise<PersonalConflictView[]> {
    const rows: {
      id: string;
      user_id: string;
      user_name: string;
      organisation_id: string;
      organisation_name: string;
      reason: string;
      declared_by: string;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT pc.id, pc.user_id, u.name AS user_name, pc.organisation_id, o.name AS organisation_name,
              pc.reason, pc.declared_by, pc.created_at
         FROM personal_conflicts pc JOIN users u ON u.id = pc.user_id JOIN organisations o ON o.id = pc.organisation_id
        WHERE ($1::uuid IS NULL OR pc.id = $1) AND ($2::uuid IS NULL OR pc.user_id = $2)
        ORDER BY u.name, o.name, pc.id
        LIMIT 1000`,
      [where.id ?? null, where.userId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      reason: r.reason,
      declaredBy: r.declared_by,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
