import { SUBMITTABLE_CALL_STATES } from '@/calls/call-transitions';
import { type GuardRefusal, guardedBy, refusal } from '@/workflow/guard';
import { EVENTS_ROUTE, inStates, StateMachine, TransitionDef } from '@/workflow/state-machine';

export const PROPOSAL_STATES = [
  'draft',
  'submitted',
  'eligible',
  'ineligible',
  'in_review',
  'in_consensus',
  'awaiting_decision',
  'approved',
  'rejected',
  'revision_requested',
  'withdrawn',
  'not_invited',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/**
 * The table's condition column: a two-stage call's proposal starts as an `outline` (round 0) and,
 * once invited, becomes a `full` proposal (round 1, 2, …); a single-stage call's proposals are `full`.
 */
export const PROPOSAL_STAGES = ['outline', 'full'] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];
/** The round number of the outline: the full stage counts its rounds from 1, as single-stage calls do. */
export const OUTLINE_ROUND = 0;

/** The applicant may change fields and attachments only before submission or during a revision. */
export const EDITABLE_PROPOSAL_STATES: readonly ProposalState[] = ['draft', 'revision_requested'];
/** Proposals take reviewers (invitations, acceptances) while eligible (not yet started) or in review. */
export const ASSIGNABLE_PROPOSAL_STATES: readonly ProposalState[] = ['eligible', 'in_review'];
/** Bids count while reviewers are being found for a proposal. */
export const BIDDABLE_PROPOSAL_STATES: readonly ProposalState[] = ASSIGNABLE_PROPOSAL_STATES;
/** Reviews are written, submitted and reopened only while the proposal is in review. */
export const REVIEWABLE_PROPOSAL_STATES: readonly ProposalState[] = ['in_review'];
/** The steering group votes and the decision is recorded while the proposal awaits its decision. */
export const DECIDABLE_PROPOSAL_STATES: readonly ProposalState[] = ['awaiting_decision'];
export const VOTABLE_PROPOSAL_STATES: readonly ProposalState[] = DECIDABLE_PROPOSAL_STATES;
/** The reviewers of the round agree a consensus report (calls with `consensus`, DESIGN §12). */
export const CONSENSUS_PROPOSAL_STATES: readonly ProposalState[] = ['in_consensus'];

/** Board members see a proposal once it passed the formal check (to bid, declare conflicts, review). */
export const REVIEWER_VISIBLE_STATES: ProposalState[] = [
  'eligible',
  'in_review',
  'in_consensus',
  'awaiting_decision',
  'approved',
  'rejected',
  'revision_requested',
  'not_invited',
];

/** Steering sees a proposal from `awaiting_decision` on, and any proposal it decided before. */
export const STEERING_VISIBLE_STATES: ProposalState[] = [
  'awaiting_decision',
  'approved',
  'rejected',
  'revision_requested',
  'not_invited',
];

/** What a user may do with a proposal besides firing events (`allowedActions` on the proposal view). */
export const PROPOSAL_ACTIONS = ['edit', 'upload', 'withdraw', 'assign', 'bid', 'vote', 'decide'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export type ProposalEvent =
  | 'submit'
  | 'resubmit'
  | 'withdraw'
  | 'screen-eligible'
  | 'screen-ineligible'
  | 'start-review'
  | 'complete-review'
  | 'close-review'
  | 'close-review-to-consensus'
  | 'start-consensus'
  | 'finish-consensus'
  | 'approve'
  | 'reject'
  | 'request-revision'
  | 'expire-revision'
  | 'invite'
  | 'not-invite';

/** What the guards look at; loaded under the row lock by the proposal workflow. */
export interface ProposalGuardContext {
  now: Date;
  stage: ProposalStage;
  callState: string;
  callOpensAt: Date;
  /** The deadline of the proposal's stage: the outline deadline, else the (full proposal) submission deadline. */
  submissionDeadline: Date;
  revisionDeadline: Date | null;
  title: string;
  abstract: string;
  topicCount: number;
  pdfCount: number;
  submittedReviews: number;
  minReviews: number;
  /** Keys of the call's required questions the proposal has not answered, in question order. */
  unansweredQuestions: readonly string[];
}

/** What a proposal lacks before submission: the parameter value (a word) and the English phrase. */
const REQUIRED_FOR_SUBMISSION = [
  ['title', 'a title', (ctx: ProposalGuardContext) => ctx.title.trim() !== ''],
  ['abstract', 'an abstract', (ctx: ProposalGuardContext) => ctx.abstract.trim() !== ''],
  ['topic', 'at least one topic', (ctx: ProposalGuardContext) => ctx.topicCount >= 1],
  ['pdf', 'at least one PDF attachment', (ctx: ProposalGuardContext) => ctx.pdfCount >= 1],
] as const;

function completeForSubmission(ctx: ProposalGuardContext): GuardRefusal | null {
  const missing = REQUIRED_FOR_SUBMISSION.filter(([, , present]) => !present(ctx));
  if (missing.length === 0) return null;
  return refusal(
    'proposal-incomplete',
    { missing: missing.map(([word]) => word) },
    `The proposal needs ${missing.map(([, phrase]) => phrase).join(', ')} before it can be submitted.`,
  );
}

function questionsAnswered(ctx: ProposalGuardContext): GuardRefusal | null {
  if (ctx.unansweredQuestions.length === 0) return null;
  return refusal(
    'answer-required',
    { questions: ctx.unansweredQuestions },
    `The proposal needs an answer to ${ctx.unansweredQuestions.map((k) => `"${k}"`).join(', ')} before it can be submitted.`,
  );
}

function callAcceptsSubmissions(ctx: ProposalGuardContext): GuardRefusal | null {
  if (!inStates(SUBMITTABLE_CALL_STATES, ctx.callState) || ctx.now < ctx.callOpensAt)
    return refusal('call-not-open', {}, 'The call is not open for submissions.');
  if (ctx.now >= ctx.submissionDeadline)
    return ctx.stage === 'outline'
      ? refusal('deadline-passed', {}, 'The outline deadline of the call has passed.')
      : refusal('deadline-passed', {}, 'The submission deadline of the call has passed.');
  return null;
}

/** The one route that records a decision and fires approve, reject or request-revision. */
const DECISION_ROUTE = 'POST /api/proposals/:id/decision';

/** The office closes review early only with the call's minimum of submitted reviews. */
const enoughReviewsToClose = guardedBy((ctx: ProposalGuardContext) =>
  ctx.submittedReviews < ctx.minReviews
    ? refusal(
        'too-few-reviews',
        { required: ctx.minReviews, submitted: ctx.submittedReviews },
        `Review can close early only with at least ${ctx.minReviews} submitted reviews (${ctx.submittedReviews} so far).`,
      )
    : null,
);

const transitions: TransitionDef<ProposalState, ProposalEvent, ProposalGuardContext>[] = [
  {
    event: 'submit',
    from: ['draft'],
    to: 'submitted',
    actors: ['owner'],
    route: EVENTS_ROUTE,
    guard: guardedBy(
      (ctx) => callAcceptsSubmissions(ctx) ?? completeForSubmission(ctx) ?? questionsAnswered(ctx),
    ),
  },
  {
    event: 'resubmit',
    from: ['revision_requested'],
    to: 'submitted',
    actors: ['owner'],
    route: EVENTS_ROUTE,
    variants: ['full'],
    guard: guardedBy((ctx) =>
      ctx.revisionDeadline !== null && ctx.now >= ctx.revisionDeadline
        ? refusal('revision-period-ended', {}, 'The revision period has ended.')
        : (completeForSubmission(ctx) ?? questionsAnswered(ctx)),
    ),
  },
  {
    event: 'withdraw',
    from: ['draft', 'submitted', 'eligible', 'in_review', 'in_consensus', 'revision_requested'],
    to: 'withdrawn',
    actors: ['owner'],
    route: EVENTS_ROUTE,
  },
  { event: 'screen-eligible', from: ['submitted'], to: 'eligible', actors: ['office'], route: EVENTS_ROUTE },
  {
    event: 'screen-ineligible',
    from: ['submitted'],
    to: 'ineligible',
    actors: ['office'],
    route: EVENTS_ROUTE,
    requiresReason: true,
  },
  // Fired by the first accepted invitation.
  { event: 'start-review', from: ['eligible'], to: 'in_review', actors: ['system'] },
  // Fired by the k-th submitted review.
  { event: 'complete-review', from: ['in_review'], to: 'awaiting_decision', actors: ['system'] },
  {
    event: 'close-review',
    from: ['in_review'],
    to: 'awaiting_decision',
    actors: ['office'],
    route: EVENTS_ROUTE,
    guard: enoughReviewsToClose,
  },
  // Calls with consensus: the k-th submitted review starts the consensus instead of complete-review.
  { event: 'start-consensus', from: ['in_review'], to: 'in_consensus', actors: ['system'] },
  // Calls with consensus: the office's close-review (events route) fires this instead — the early
  // close starts the consensus of a full proposal, as its last review would have (DESIGN §12).
  {
    event: 'close-review-to-consensus',
    variants: ['full'],
    from: ['in_review'],
    to: 'in_consensus',
    actors: ['office'],
    route: 'POST /api/proposals/:id/events/close-review (on a call with consensus)',
    guard: enoughReviewsToClose,
  },
  // The report is final: every co-reviewer answered, or the office closed it after the period.
  { event: 'finish-consensus', from: ['in_consensus'], to: 'awaiting_decision', actors: ['system'] },
  // Decisions fire only from the decision service, after quorum, the chair's conflict, the funding
  // cap and the override rule are checked and the decision row is written (issue 11).
  {
    event: 'approve',
    variants: ['full'],
    from: DECIDABLE_PROPOSAL_STATES,
    to: 'approved',
    actors: ['chair', 'office'],
    route: DECISION_ROUTE,
  },
  {
    event: 'reject',
    variants: ['full'],
    from: DECIDABLE_PROPOSAL_STATES,
    to: 'rejected',
    actors: ['chair', 'office'],
    route: DECISION_ROUTE,
  },
  {
    event: 'request-revision',
    variants: ['full'],
    from: DECIDABLE_PROPOSAL_STATES,
    to: 'revision_requested',
    actors: ['chair', 'office'],
    route: DECISION_ROUTE,
  },
  // Fired when the revision period ends without a resubmission.
  {
    event: 'expire-revision',
    from: ['revision_requested'],
    to: 'withdrawn',
    actors: ['system'],
    variants: ['full'],
  },
  // The outline's decision: invited outlines return to draft as full proposals (round 1 of the
  // full stage, set by the hook); the others end here.
  {
    event: 'invite',
    variants: ['outline'],
    from: DECIDABLE_PROPOSAL_STATES,
    to: 'draft',
    actors: ['chair', 'office'],
    route: DECISION_ROUTE,
  },
  {
    event: 'not-invite',
    variants: ['outline'],
    from: DECIDABLE_PROPOSAL_STATES,
    to: 'not_invited',
    actors: ['chair', 'office'],
    route: DECISION_ROUTE,
  },
];

export const proposalMachine = new StateMachine<ProposalState, ProposalEvent, ProposalGuardContext>(
  'proposal',
  PROPOSAL_STATES,
  'draft',
  transitions,
  PROPOSAL_STAGES,
);

/** Events that `POST /api/proposals/:id/events/:event` accepts (docs/API.md): `route: 'events'` above. */
export const PROPOSAL_API_EVENTS: readonly ProposalEvent[] = proposalMachine.eventsOnEventsRoute();
