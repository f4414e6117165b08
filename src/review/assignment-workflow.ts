import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { rubricOfRoundSql, type Rubric } from '@/calls/rubric';
import { Proposal } from '@/proposals/proposal.entity';
import { ProposalWorkflow } from '@/proposals/proposal-workflow';
import { OUTBOX } from '@/workflow/outbox-kinds';
import type { Actor } from '@/workflow/state-machine';
import {
  AggregateSpec,
  TransitionHook,
  TransitionRequest,
  TransitionService,
} from '@/workflow/transition.service';
import { Assignment, type AssignmentState } from './assignment.entity';
import {
  ASSIGNMENT_ACTIONS,
  ASSIGNMENT_API_EVENTS,
  AssignmentAction,
  AssignmentEvent,
  AssignmentGuardContext,
  assignmentMachine,
  missingForSubmission,
  OPEN_ASSIGNMENT_STATES,
  WRITABLE_ASSIGNMENT_STATES,
} from './assignment-transitions';

type AssignmentHook = TransitionHook<Assignment>;

/** Why an assignment ended, as told to the reviewer (OUTBOX.assignmentEnded). */
export type EndCause = 'revoked' | 'withdrawn';

/**
 * The assignment aggregate on the transition service, plus the proposal side effects that belong to
 * review: withdrawal and the end of review revoke the open assignments.
 *
 * Lock order, everywhere: the proposal row first, then its assignments. Callers that fire an assignment
 * event lock the proposal before (see AssignmentLocks), so accept → start-review and withdraw → revoke
 * can never deadlock each other.
 */
@Injectable()
export class AssignmentWorkflow implements OnModuleInit {
  private readonly hooks = new Map<string, AssignmentHook[]>();

  readonly spec: AggregateSpec<
    Assignment,
    AssignmentState,
    AssignmentEvent,
    AssignmentGuardContext,
    AuthUser
  > = {
    entity: Assignment,
    entityType: 'assignment',
    machine: assignmentMachine,
    actorsOf: (assignment, user) => actorsOf(assignment, user),
    loadGuardContext: (manager, assignment) => loadGuardContext(manager, assignment),
    hooksFor: (event) => this.hooks.get(event) ?? [],
  };

  constructor(
    private readonly transitions: TransitionService,
    private readonly proposals: ProposalWorkflow,
  ) {
    this.on('accept', async (tx) => {
      tx.set({ respondedAt: new Date() });
      const proposal = await tx.manager.findOneByOrFail(Proposal, { id: tx.before.proposalId });
      if (proposal.state === 'eligible') {
        await this.proposals.fire({
          id: proposal.id,
          event: 'start-review',
          actor: null,
          manager: tx.manager,
        });
      }
    });
    this.on('decline', async (tx) => {
      tx.set({ respondedAt: new Date(), declineReason: tx.reason ?? null });
      await tx.outbox(OUTBOX.invitationDeclined, { assignmentId: tx.before.id, reason: tx.reason });
      await tx.outbox(OUTBOX.cancelReminders, { assignmentId: tx.before.id });
    });
    this.on('submit', async (tx) => {
      await tx.manager.query('UPDATE reviews SET submitted_at = now() WHERE assignment_id = $1', [
        tx.before.id,
      ]);
      await tx.outbox(OUTBOX.cancelReminders, { assignmentId: tx.before.id });
    });
    this.on('reopen', async (tx) => {
      await tx.manager.query('UPDATE reviews SET submitted_at = NULL WHERE assignment_id = $1', [
        tx.before.id,
      ]);
      if (typeof tx.data.dueAt === 'string') tx.set({ dueAt: new Date(tx.data.dueAt) });
      await tx.outbox(OUTBOX.scheduleReminders, { assignmentId: tx.before.id });
    });
    this.on('revoke', async (tx) => {
      const cause: EndCause = tx.data.cause === 'withdrawn' ? 'withdrawn' : 'revoked';
      await tx.outbox(OUTBOX.cancelReminders, { assignmentId: tx.before.id });
      await tx.outbox(OUTBOX.assignmentEnded, { assignmentId: tx.before.id, reason: cause });
    });
  }

  /** Startup check of the table; registers review's side effects of proposal events. */
  onModuleInit(): void {
    assignmentMachine.assertValid(ASSIGNMENT_API_EVENTS);
    const revokeOpenOf =
      (cause: EndCause): TransitionHook<Proposal> =>
      async (tx) => {
        await this.revokeOpen(tx.manager, tx.before.id, cause);
      };
    this.proposals.on('withdraw', revokeOpenOf('withdrawn'));
    // Once review ends (all k reviews in, or closed early), nobody else is expected to review.
    this.proposals.on('complete-review', revokeOpenOf('revoked'));
    this.proposals.on('close-review', revokeOpenOf('revoked'));
    this.proposals.on('start-consensus', revokeOpenOf('revoked'));
    this.proposals.on('close-review-to-consensus', revokeOpenOf('revoked'));
  }

  on(event: AssignmentEvent, hook: AssignmentHook): void {
    this.hooks.set(event, [...(this.hooks.get(event) ?? []), hook]);
  }

  fire(request: TransitionRequest<AuthUser> & { event: AssignmentEvent }): Promise<Assignment> {
    return this.transitions.apply(this.spec, request);
  }

  allowedEvents(assignment: Assignment, user: AuthUser): AssignmentEvent[] {
    return assignmentMachine.allowedEvents(assignment.state, actorsOf(assignment, user));
  }

  /** What `user` may do with the assignment now besides events: `review` (write the draft). */
  allowedActions(assignment: Assignment, user: AuthUser): AssignmentAction[] {
    const may: Record<AssignmentAction, boolean> = {
      review: assignment.reviewerId === user.id && WRITABLE_ASSIGNMENT_STATES.includes(assignment.state),
    };
    return ASSIGNMENT_ACTIONS.filter((action) => may[action]);
  }

  /** Revokes every invited or accepted assignment of a proposal (the caller holds the proposal lock). */
  async revokeOpen(manager: EntityManager, proposalId: string, cause: EndCause): Promise<number> {
    const open: { id: string }[] = await manager.query(
      'SELECT id FROM assignments WHERE proposal_id = $1 AND state = ANY($2) ORDER BY id',
      [proposalId, OPEN_ASSIGNMENT_STATES],
    );
    for (const { id } of open) {
      await this.fire({ id, event: 'revoke', actor: null, manager, data: { cause } });
    }
    return open.length;
  }
}

export function actorsOf(assignment: Assignment, user: AuthUser | null): Actor[] {
  if (user === null) return ['system'];
  const actors: Actor[] = [];
  if (assignment.reviewerId === user.id) actors.push('assignee');
  if (user.roles.includes('office')) actors.push('office');
  return actors;
}

async function loadGuardContext(
  manager: EntityManager,
  assignment: Assignment,
): Promise<AssignmentGuardContext> {
  const [row]: { state: string; rubric: Rubric; comment: string | null; scores: Record<string, string> }[] =
    await manager.query(
      `SELECT p.state, ${rubricOfRoundSql('c', '$3::int')} AS rubric, r.comment_to_applicant AS comment,
              (SELECT coalesce(jsonb_object_agg(s.criterion_key, s.score), '{}'::jsonb)
                 FROM review_scores s WHERE s.review_id = r.id) AS scores
         FROM proposals p
         JOIN calls c ON c.id = p.call_id
         LEFT JOIN reviews r ON r.assignment_id = $1
        WHERE p.id = $2`,
      [assignment.id, assignment.proposalId, assignment.round],
    );
  const scores = new Map(Object.entries(row.scores ?? {}).map(([k, v]) => [k, Number(v)]));
  return {
    proposalState: row.state,
    missingForSubmission: missingForSubmission(row.rubric, scores, row.comment),
  };
}
