import type { Rubric } from '@/calls/rubric';
import { ASSIGNABLE_PROPOSAL_STATES, REVIEWABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { guardedBy, refusal } from '@/workflow/guard';
import { StateMachine, TransitionDef, inStates } from '@/workflow/state-machine';
import { ASSIGNMENT_STATES, type AssignmentState } from './assignment.entity';

export type AssignmentEvent = 'accept' | 'decline' | 'submit' | 'revoke' | 'reopen';

/** Invited, accepted and submitted assignments hold a reviewer's slot on the proposal. */
export const LIVE_ASSIGNMENT_STATES: AssignmentState[] = ['invited', 'accepted', 'submitted'];
/** Invited and accepted assignments still expect work (and reminders). */
export const OPEN_ASSIGNMENT_STATES: AssignmentState[] = ['invited', 'accepted'];
/** The reviewer writes (drafts) the review of an accepted assignment. */
export const WRITABLE_ASSIGNMENT_STATES: AssignmentState[] = ['accepted'];

/** What a user may do with an assignment besides firing events (`allowedActions` on the view). */
export const ASSIGNMENT_ACTIONS = ['review'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** What the guards look at; loaded under the row lock by the assignment workflow. */
export interface AssignmentGuardContext {
  proposalState: string;
  /** Fields the review still lacks before it can be submitted (`scores.<key>`, `commentToApplicant`). */
  missingForSubmission: string[];
}

/** What a review lacks before it may be submitted: every criterion scored, a comment to the applicant. */
export function missingForSubmission(
  rubric: Rubric,
  scores: ReadonlyMap<string, number>,
  commentToApplicant: string | null,
): string[] {
  const missing = rubric.criteria.filter((c) => !scores.has(c.key)).map((c) => `scores.${c.key}`);
  if (!commentToApplicant || commentToApplicant.trim() === '') missing.push('commentToApplicant');
  return missing;
}

const proposalInReview = guardedBy((ctx: AssignmentGuardContext) =>
  inStates(REVIEWABLE_PROPOSAL_STATES, ctx.proposalState)
    ? null
    : refusal(
        'proposal-not-in-review',
        { state: ctx.proposalState },
        `The proposal is ${ctx.proposalState}, not in review; its reviews are closed.`,
      ),
);

const transitions: TransitionDef<AssignmentState, AssignmentEvent, AssignmentGuardContext>[] = [
  {
    event: 'accept',
    from: ['invited'],
    to: 'accepted',
    actors: ['assignee'],
    route: 'POST /api/assignments/:id/accept',
    // The first acceptance moves an eligible proposal to in_review (assignment workflow hook).
    guard: guardedBy((ctx) =>
      inStates(ASSIGNABLE_PROPOSAL_STATES, ctx.proposalState)
        ? null
        : refusal(
            'proposal-not-taking-reviewers',
            { state: ctx.proposalState },
            `The proposal is ${ctx.proposalState}; it no longer takes reviewers.`,
          ),
    ),
  },
  {
    event: 'decline',
    from: ['invited'],
    to: 'declined',
    actors: ['assignee'],
    route: 'POST /api/assignments/:id/decline',
    requiresReason: true,
  },
  {
    event: 'submit',
    from: ['accepted'],
    to: 'submitted',
    actors: ['assignee'],
    route: 'POST /api/assignments/:id/review/submit',
    guard: guardedBy(
      (ctx) =>
        proposalInReview.refusal(ctx) ??
        (ctx.missingForSubmission.length > 0
          ? refusal(
              'review-incomplete',
              { missing: ctx.missingForSubmission },
              `The review is incomplete: ${ctx.missingForSubmission.join(', ')}.`,
            )
          : null),
    ),
  },
  {
    event: 'revoke',
    from: ['invited', 'accepted'],
    to: 'revoked',
    actors: ['office', 'system'],
    route: 'DELETE /api/assignments/:id',
  },
  {
    event: 'reopen',
    from: ['submitted'],
    to: 'accepted',
    actors: ['office'],
    route: 'POST /api/assignments/:id/review/reopen',
    guard: proposalInReview,
  },
];

export const assignmentMachine = new StateMachine<AssignmentState, AssignmentEvent, AssignmentGuardContext>(
  'assignment',
  ASSIGNMENT_STATES,
  'invited',
  transitions,
);

/** Events the API fires, each through its own route (`route` above); assignments have no events route. */
export const ASSIGNMENT_API_EVENTS = [
  'accept',
  'decline',
  'submit',
  'revoke',
  'reopen',
] as const satisfies readonly AssignmentEvent[];
