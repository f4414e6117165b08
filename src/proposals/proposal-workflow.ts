import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { outlineStageEnd } from '@/calls/outline-stage';
import { unansweredRequired } from '@/calls/questions';
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
    // The stage column of the table: outline rows and full rows of the one machine.
    variantOf: (proposal) => proposal.stage,
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
    // An invited outline becomes a draft full proposal: round 1 of the full stage.
    this.on('invite', async (tx) => {
      tx.set({ stage: 'full', round: 1, submittedAt: null });
    });
    this.on('expire-revision', async (tx) => {
      await tx.outbox(OUTBOX.proposalClosed, { proposalId: tx.before.id, reason: 'revision-period-ended' });
    });
  }

  /** Startup check: every state reachable, every API event in the table. */
  onModuleInit(): void {
    proposalMachine.assertValid(PROPOSAL_API_EVENTS);
    assertStagesValid();
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
      .allowedEvents(proposal.state, actorsOf(proposal, user), proposal.stage)
      .filter((event) => (PROPOSAL_API_EVENTS as readonly string[]).includes(event));
  }

  /**
   * What `user` may do with the proposal now, from the rules (for buttons and forms); the services
   * check again when the request comes (quorum, conflicts, locks).
   */
  allowedActions(proposal: Proposal, user: AuthUser): ProposalAction[] {
    const owner = proposal.applicantId === user.id;
    const events = proposalMachine.allowedEvents(proposal.state, actorsOf(proposal, user), proposal.stage);
    const editable = owner && inStates(EDITABLE_PROPOSAL_STATES, proposal.state);
    const may: Record<ProposalAction, boolean> = {
      edit: editable,
      upload: editable,
      withdraw: events.includes('withdraw'),
      assign: user.roles.includes('office') && inStates(ASSIGNABLE_PROPOSAL_STATES, proposal.state),
      bid: !owner && user.roles.includes('reviewer') && inStates(BIDDABLE_PROPOSAL_STATES, proposal.state),
      vote: user.roles.includes('steering') && inStates(VOTABLE_PROPOSAL_STATES, proposal.state),
      decide: events.includes('approve') || events.includes('invite'),
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
  const outline = proposal.stage === 'outline';
  return {
    now: new Date(),
    stage: proposal.stage,
    callState: call.state,
    callOpensAt: call.opensAt,
    submissionDeadline:
      (outline ? outlineStageEnd(call) : call.fullProposalDeadline) ?? call.submissionDeadline,
    revisionDeadline: proposal.revisionDeadline,
    title: proposal.title,
    abstract: proposal.abstract,
    topicCount: proposal.topics.length,
    pdfCount: counts.pdfs,
    submittedReviews: counts.reviews,
    minReviews: outline ? Math.min(call.minReviews, call.outlineReviews) : call.minReviews,
    unansweredQuestions: unansweredRequired(call.questions, proposal.answers),
  };
}

/**
 * Startup check of the stage column: the outline ends in invite / not-invite only, the full stage in
 * approve / reject / request-revision only, and each stage reaches a decision from draft.
 */
export function assertStagesValid(machine = proposalMachine): void {
  const problems: string[] = [];
  const decisionsOf = (stage: string) =>
    machine.allowedEvents('awaiting_decision', undefined, stage).filter((e) => e !== 'withdraw');
  const expected: Record<string, string[]> = {
    outline: ['invite', 'not-invite'],
    full: ['approve', 'reject', 'request-revision'],
  };
  for (const [stage, events] of Object.entries(expected)) {
    const actual = decisionsOf(stage).sort();
    if (actual.join() !== [...events].sort().join())
      problems.push(
        `stage "${stage}" decides with ${actual.join(', ') || 'nothing'}, expected ${events.join(', ')}`,
      );
    // Every stage walks from draft to awaiting_decision on its own rows.
    const seen = new Set<string>([machine.initial]);
    const queue = [machine.initial as string];
    while (queue.length > 0) {
      const state = queue.shift() as string;
      for (const e of machine.allowedEvents(state as never, undefined, stage)) {
        const t = machine.transitionFor(e, state as never, stage);
        if (t && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    if (!seen.has('awaiting_decision')) problems.push(`stage "${stage}" never reaches awaiting_decision`);
  }
  if (problems.length > 0)
    throw new Error(`State machine "${machine.name}" stages are invalid: ${problems.join('; ')}`);
}
