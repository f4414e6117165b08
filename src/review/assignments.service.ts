import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { decodeCursor, Page, toPage } from '@/common/pagination';
import { notFound, problem } from '@/common/problem';
import { Proposal } from '@/proposals/proposal.entity';
import { ASSIGNABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { User } from '@/users/user.entity';
import { inStates } from '@/workflow/state-machine';
import { lockAssignment, mayReadAssignment } from './assignment-access';
import { insertAssignments } from './assignment-creation';
import { Assignment } from './assignment.entity';
import { type AssignmentAction, OPEN_ASSIGNMENT_STATES } from './assignment-transitions';
import { AssignmentWorkflow } from './assignment-workflow';
import { ConflictService } from './conflicts.service';
import type { CreateAssignmentDto, ListAssignmentsQuery } from './dto/assignment.dto';

export interface AssignmentView {
  id: string;
  proposalId: string;
  reviewerId: string;
  reviewerName: string | null;
  round: number;
  state: string;
  version: number;
  dueAt: string;
  /** Derived: due date passed and the review not submitted. */
  overdue: boolean;
  respondedAt: string | null;
  declineReason: string | null;
  createdAt: string;
  /** Events this user may fire now (accept, decline, submit, revoke, reopen). */
  allowedEvents: string[];
  /** What this user may do now besides events: `review` (write the review). */
  allowedActions: AssignmentAction[];
  proposal: { title: string; acronym: string; callId: string; state: string } | null;
}

export const DAY_MS = 86_400_000;

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: AssignmentWorkflow,
    private readonly conflicts: ConflictService,
  ) {}

  view(a: Assignment, user: AuthUser): AssignmentView {
    const live = inStates(OPEN_ASSIGNMENT_STATES, a.state);
    return {
      id: a.id,
      proposalId: a.proposalId,
      reviewerId: a.reviewerId,
      reviewerName: a.reviewer?.name ?? null,
      round: a.round,
      state: a.state,
      version: a.version,
      dueAt: a.dueAt.toISOString(),
      overdue: live && a.dueAt.getTime() < Date.now(),
      respondedAt: a.respondedAt?.toISOString() ?? null,
      declineReason: a.declineReason,
      createdAt: a.createdAt.toISOString(),
      allowedEvents: this.workflow.allowedEvents(a, user),
      allowedActions: this.workflow.allowedActions(a, user),
      proposal: a.proposal
        ? {
            title: a.proposal.title,
            acronym: a.proposal.acronym,
            callId: a.proposal.callId,
            state: a.proposal.state,
          }
        : null,
    };
  }

  /**
   * Office invites a reviewer to a proposal. Refused: proposals not eligible/in review (409), unknown,
   * inactive or non-reviewer users (400), conflicted pairs, live duplicates and reviewers who declined
   * this proposal in this round (409). The load cap is not enforced here: a manual pick is the office's
   * deliberate choice (automatic assignment respects it).
   */
  async create(proposalId: string, dto: CreateAssignmentDto, actor: AuthUser): Promise<Assignment> {
    const assignment = await this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOne(Proposal, {
        where: { id: proposalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal) throw notFound('Proposal');
      if (!inStates(ASSIGNABLE_PROPOSAL_STATES, proposal.state)) {
        throw problem(
          'wrong-state',
          { state: proposal.state },
          `The proposal is ${proposal.state}; reviewers are assigned while it is eligible or in review.`,
          {
            state: proposal.state,
          },
        );
      }
      const reviewer = await manager.findOneBy(User, { id: dto.reviewerId });
      const refuse = (
        code: 'reviewer-unknown' | 'reviewer-inactive' | 'reviewer-lacks-role',
        message: string,
      ) =>
        problem(code, {}, `The reviewer ${message}.`, {
          errors: [{ field: 'reviewerId', messages: [message] }],
        });
      if (!reviewer) throw refuse('reviewer-unknown', 'does not exist');
      if (!reviewer.active) throw refuse('reviewer-inactive', 'is not active');
      if (!reviewer.roles.includes('reviewer'))
        throw refuse('reviewer-lacks-role', 'does not have the reviewer role');
      if (await this.conflicts.isConflicted(reviewer.id, proposal.id, manager)) {
        throw problem(
          'reviewer-conflicted',
          {},
          'The reviewer has a conflict of interest with this proposal.',
        );
      }
      const existing = await manager.findOne(Assignment, {
        where: { proposalId, reviewerId: reviewer.id, round: proposal.round },
        order: { createdAt: 'DESC' },
      });
      if (existing?.state === 'declined') {
        throw problem('declined-earlier', {}, 'The reviewer declined this proposal earlier in this round.', {
          assignmentId: existing.id,
        });
      }
      if (existing && existing.state !== 'revoked') {
        throw problem('already-assigned', {}, 'The reviewer is assigned to this proposal already.', {
          assignmentId: existing.id,
        });
      }
      const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
      const dueAt = dto.dueAt ?? new Date(Date.now() + call.reviewPeriodDays * DAY_MS);
      if (dueAt.getTime() <= Date.now()) {
        throw problem('due-in-past', {}, 'The due date must lie in the future.', {
          errors: [{ field: 'dueAt', messages: ['must be in the future'] }],
        });
      }
      const [created] = await insertAssignments(
        manager,
        [{ proposalId, reviewerId: reviewer.id, round: proposal.round, dueAt }],
        actor.id,
        'manual',
      );
      return created;
    });
    return this.load(assignment.id);
  }

  /** Office revokes an invited or accepted assignment; the reviewer is told, reminders are cancelled. */
  async revoke(id: string, actor: AuthUser): Promise<Assignment> {
    await this.dataSource.transaction(async (manager) => {
      await lockAssignment(manager, id, actor);
      await this.workflow.fire({ id, event: 'revoke', actor, manager, data: { cause: 'revoked' } });
    });
    return this.load(id);
  }

  /** The assignee accepts; the first acceptance of an eligible proposal starts its review. */
  async accept(id: string, user: AuthUser): Promise<Assignment> {
    await this.dataSource.transaction(async (manager) => {
      await lockAssignment(manager, id, user);
      await this.workflow.fire({ id, event: 'accept', actor: user, manager });
    });
    return this.load(id);
  }

  async decline(id: string, user: AuthUser, reason: string): Promise<Assignment> {
    await this.dataSource.transaction(async (manager) => {
      await lockAssignment(manager, id, user);
      await this.workflow.fire({ id, event: 'decline', actor: user, reason, manager });
    });
    return this.load(id);
  }

  async get(id: string, user: AuthUser): Promise<Assignment> {
    const assignment = await this.dataSource.getRepository(Assignment).findOneBy({ id });
    if (!assignment || !mayReadAssignment(assignment, user)) throw notFound('Assignment');
    return this.load(id);
  }

  /** Reviewers get their own; the office gets all (unless `mine`), filtered by proposal, call, state. */
  async list(query: ListAssignmentsQuery, user: AuthUser): Promise<Page<AssignmentView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const mine = query.mine === '1' || query.mine === 'true' || !user.roles.includes('office');
    const qb = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.proposal', 'p')
      .leftJoinAndSelect('a.reviewer', 'u')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC');
    if (mine) qb.andWhere('a.reviewer_id = :me', { me: user.id });
    if (query.proposalId) qb.andWhere('a.proposal_id = :proposalId', { proposalId: query.proposalId });
    if (query.callId) qb.andWhere('p.call_id = :callId', { callId: query.callId });
    if (query.state) qb.andWhere('a.state = :state', { state: query.state });
    if (after)
      qb.andWhere('(a.created_at, a.id) < (:at, :afterId)', { at: after.createdAt, afterId: after.id });
    return toPage(await qb.limit(limit + 1).getMany(), limit, (a) => this.view(a, user));
  }

  private load(id: string): Promise<Assignment> {
    return this.dataSource.getRepository(Assignment).findOneOrFail({
      where: { id },
      relations: { proposal: true, reviewer: true },
    });
  }
}
