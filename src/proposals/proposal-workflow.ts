import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { type Actor, inStates } from '@/workflow/state-machine';
import { OUTBOX } from '@/workflow/outbox-kinds';
import {
  AggregateSpec,
  TransitionHook,
  TransitionRequest,
  TransitionService,
} from '@/workflow/transition.service';
import { Proposal } from './proposal.entity';
import {
  ASSIGNABLE_PROPOSAL_STATES,
  BIDDABLE_PROPOSAL_STATES,
  EDITABLE_PROPOSAL_STATES,
  PROPOSAL_ACTIONS,
  PROPOSAL_API_EVENTS,
  ProposalAction,
  ProposalEvent,
  ProposalGuardContext,
  ProposalState,
  proposalMachine,
  VOTABLE_PROPOSAL_STATES,
} from './proposal-transitions';

type ProposalHook = TransitionHook<Proposal>;

/**
 * The proposal aggregate on the transition service. Other modules add their side effects with `on()`
 * (e.g. review revokes open assignments on withdraw), so this module depends on none of them.
 */
@Injectable()
export class ProposalWorkflow implements OnModuleInit {
  private readonly hooks = new Map<string, ProposalHook[]>();

  readonly spec: AggregateSpec<Proposal, ProposalState, ProposalEvent, ProposalGuardContext, AuthUser> = {
    entity: Proposal,
    entityType: 'proposal',
    machine: proposalMachine,
    actorsOf: (proposal, user) => actorsOf(proposal, user),
    loadGuardContext: (manager, proposal) => loadGuardContext(manager, proposal),
    hooksFor: (event) => this.hooks.get(event) ?? [],
    // A 409 names only events the events route fires (decisions: POST /api/proposals/:id/decision).
    apiEvents: PROPOSAL_API_EVENTS,
  };

  constructor(private readonly transitions: TransitionService) {
    this.on('submit', async (tx) => {
      tx.set({ submittedAt: new Date() });
      await tx.outbox(OUTBOX.submissionReceipt, { proposalId: tx.before.id, round: tx.before.round });
    });
    this.on('resubmit', async (tx) => {
      tx.set({ round: tx.before.round + 1, submittedAt: new Date(), revisionDeadline: null });
      await tx.outbox(OUTBOX.submissionReceipt, { proposalId: tx.before.id, round: tx.before.round + 1 });
    });
    this.on('screen-ineligible', async (tx) => {
      await tx.outbox(OUTBOX.proposalIneligible, { proposalId: tx.before.id, reason: tx.reason });
    });
    const readyForDecision: ProposalHook = async (tx) => {
      await tx.outbox(OUTBOX.readyForDecision, { proposalId: tx.before.id, round: tx.before.round });
    };
    this.on('complete-review', readyForDecision);
    this.on('close-review', readyForDecision);
    this.on('finish-consensus', readyForDecision);
    this.on('expire-revision', async (tx) => {
      await tx.outbox(OUTBOX.proposalClosed, { proposalId: tx.before.id, reason: 'revision-period-ended' });
    });
  }

  /** Startup check: every state reachable, every API event in the table. */
  onModuleInit(): void {
    proposalMachine.assertValid(PROPOSAL_API_EVENTS);
  }

  /** Registers a side effect that runs inside the transaction of `event`. */
  on(event: ProposalEvent, hook: ProposalHook): void {
    this.hooks.set(event, [...(this.hooks.get(event) ?? []), hook]);
  }

  fire(request: TransitionRequest<AuthUser> & { event: ProposalEvent | string }): Promise<Proposal> {
    return this.transitions.apply(this.spec, request);
  }

  /** Whether any of the user's roles could fire `event` on some proposal (unknown events: yes; the transition service refuses them). */
  roleMayEverFire(event: string, user: AuthUser): boolean {
    if (!proposalMachine.hasEvent(event)) return true;
    const possible = new Set<Actor>();
    if (user.roles.includes('applicant')) possible.add('owner');
    if (user.roles.includes('office')) possible.add('office');
    if (user.roles.includes('steering') && user.chair) possible.add('chair');
    return proposalMachine.transitions.some(
      (t) => t.event === event && t.actors.some((a) => possible.has(a)),
    );
  }

  allowedEvents(proposal: Proposal, user: AuthUser): ProposalEvent[] {
    return proposalMachine
      .allowedEvents(proposal.state, actorsOf(proposal, user))
      .filter((event) => (PROPOSAL_API_EVENTS as readonly string[]).includes(event));
  }

  /**
   * What `user` may do with the proposal now, from the rules (for buttons and forms); the services
   * check again when the request comes (quorum, conflicts, locks).
   */
  allowedActions(proposal: Proposal, user: AuthUser): ProposalAction[] {
    const owner = proposal.applicantId === user.id;
    const events = proposalMachine.allowedEvents(proposal.state, actorsOf(proposal, user));
    const editable = owner && inStates(EDITABLE_PROPOSAL_STATES, proposal.state);
    const may: Record<ProposalAction, boolean> = {
      edit: editable,
      upload: editable,
      withdraw: events.includes('withdraw'),
      assign: user.roles.includes('office') && inStates(ASSIGNABLE_PROPOSAL_STATES, proposal.state),
      bid: !owner && user.roles.includes('reviewer') && inStates(BIDDABLE_PROPOSAL_STATES, proposal.state),
      vote: user.roles.includes('steering') && inStates(VOTABLE_PROPOSAL_STATES, proposal.state),
      decide: events.includes('approve'),
    };
    return PROPOSAL_ACTIONS.filter((action) => may[action]);
  }
}

export function actorsOf(proposal: Proposal, user: AuthUser | null): Actor[] {
  if (user === null) return ['system'];
  const actors: Actor[] = [];
  if (proposal.applicantId === user.id) actors.push('owner');
  if (user.roles.includes('office')) actors.push('office');
  if (user.roles.includes('steering') && user.chair) actors.push('chair');
  return actors;
}

async function loadGuardContext(manager: EntityManager, proposal: Proposal): Promise<ProposalGuardContext> {
  const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
  const [counts] = await manager.query(
    `SELECT
       (SELECT count(*)::int FROM attachments WHERE proposal_id = $1) AS pdfs,
       (SELECT count(*)::int FROM assignments a JOIN reviews r ON r.assignment_id = a.id
         WHERE a.proposal_id = $1 AND a.round = $2 AND a.state = 'submitted' AND r.submitted_at IS NOT NULL) AS reviews`,
    [proposal.id, proposal.round],
  );
  return {
    now: new Date(),
    callState: call.state,
    callOpensAt: call.opensAt,
    submissionDeadline: call.submissionDeadline,
    revisionDeadline: proposal.revisionDeadline,
    title: proposal.title,
    abstract: proposal.abstract,
    topicCount: proposal.topics.length,
    pdfCount: counts.pdfs,
    submittedReviews: counts.reviews,
    minReviews: call.minReviews,
  };
}
