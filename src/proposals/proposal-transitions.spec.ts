import { StateMachine } from '@/workflow/state-machine';
import { assertStagesValid } from './proposal-workflow';
import {
  PROPOSAL_API_EVENTS,
  PROPOSAL_STAGES,
  PROPOSAL_STATES,
  type ProposalStage,
  ProposalGuardContext,
  proposalMachine,
} from './proposal-transitions';

/**
 * The expected table, written out by hand from docs/CONTRACT.md §3 and DESIGN §11, per stage: for
 * every state, the event → next state that must be allowed. Every (state, event, stage) triple not
 * listed here must be refused.
 */
const COMMON: Record<string, Record<string, string>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { 'screen-eligible': 'eligible', 'screen-ineligible': 'ineligible', withdraw: 'withdrawn' },
  eligible: { 'start-review': 'in_review', withdraw: 'withdrawn' },
  ineligible: {},
  in_review: {
    'complete-review': 'awaiting_decision',
    'close-review': 'awaiting_decision',
    // Calls with consensus (DESIGN §12, issue 16).
    'start-consensus': 'in_consensus',
    withdraw: 'withdrawn',
  },
  in_consensus: { 'finish-consensus': 'awaiting_decision', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  withdrawn: {},
  not_invited: {},
};
const EXPECTED: Record<ProposalStage, Record<string, Record<string, string>>> = {
  full: {
    ...COMMON,
    // A consensus call's early close starts the consensus of a full proposal (issue 16 follow-up).
    in_review: { ...COMMON.in_review, 'close-review-to-consensus': 'in_consensus' },
    awaiting_decision: { approve: 'approved', reject: 'rejected', 'request-revision': 'revision_requested' },
    revision_requested: { resubmit: 'submitted', withdraw: 'withdrawn', 'expire-revision': 'withdrawn' },
  },
  outline: {
    ...COMMON,
    awaiting_decision: { invite: 'draft', 'not-invite': 'not_invited' },
    // An outline never reaches revision_requested (no outcome leads there); the withdraw row is shared.
    revision_requested: { withdraw: 'withdrawn' },
  },
};

const triples = PROPOSAL_STATES.flatMap((state) =>
  proposalMachine.events().flatMap((event) => PROPOSAL_STAGES.map((stage) => [state, event, stage] as const)),
);

function context(overrides: Partial<ProposalGuardContext> = {}): ProposalGuardContext {
  const now = new Date('2026-05-01T10:00:00Z');
  return {
    now,
    stage: 'full',
    unansweredQuestions: [],
    callState: 'open',
    callOpensAt: new Date('2026-04-01T00:00:00Z'),
    submissionDeadline: new Date('2026-06-01T00:00:00Z'),
    revisionDeadline: null,
    title: 'Titel',
    abstract: 'Zusammenfassung',
    topicCount: 1,
    pdfCount: 1,
    submittedReviews: 0,
    minReviews: 2,
    ...overrides,
  };
}

describe('proposal transition table', () => {
  it('covers exactly the states of docs/CONTRACT.md §3 in each stage', () => {
    for (const stage of PROPOSAL_STAGES)
      expect(Object.keys(EXPECTED[stage]).sort()).toEqual([...PROPOSAL_STATES].sort());
  });

  it.each(triples)(
    '%s + %s in stage %s is allowed exactly when the contract says so',
    (state, event, stage) => {
      const transition = proposalMachine.transitionFor(event, state, stage);
      const expected = EXPECTED[stage][state][event];
      if (expected === undefined) {
        expect(transition).toBeUndefined();
      } else {
        expect(transition?.to).toBe(expected);
      }
    },
  );

  it('reaches every state from draft and names every API event', () => {
    expect(proposalMachine.unreachableStates()).toEqual([]);
    expect(() => proposalMachine.assertValid(PROPOSAL_API_EVENTS)).not.toThrow();
  });

  it('allowedEvents per stage offers exactly the expected events', () => {
    for (const stage of PROPOSAL_STAGES)
      for (const state of PROPOSAL_STATES)
        expect(proposalMachine.allowedEvents(state, undefined, stage).sort()).toEqual(
          Object.keys(EXPECTED[stage][state]).sort(),
        );
  });

  it('the startup check covers the stage column', () => {
    expect(() => assertStagesValid()).not.toThrow();
    // A full-stage row without its stage condition would let outlines be approved: refused at start.
    const leaky = new StateMachine(
      'proposal',
      PROPOSAL_STATES,
      'draft',
      proposalMachine.transitions.map((t) => (t.event === 'approve' ? { ...t, variants: undefined } : t)),
      PROPOSAL_STAGES,
    );
    expect(() => assertStagesValid(leaky)).toThrow(/stage "outline" decides with approve/);
    // A row naming a stage the table does not know, and one applying to no stage.
    const unknown = new StateMachine(
      'proposal',
      PROPOSAL_STATES,
      'draft',
      [
        ...proposalMachine.transitions.map((t) =>
          t.event === 'invite' ? { ...t, variants: ['sketch'] } : t,
        ),
      ],
      PROPOSAL_STAGES,
    );
    expect(() => unknown.assertValid()).toThrow(/unknown variant "sketch"/);
    const twice = new StateMachine(
      'proposal',
      PROPOSAL_STATES,
      'draft',
      [
        ...proposalMachine.transitions,
        {
          event: 'invite',
          from: ['awaiting_decision'],
          to: 'approved',
          actors: ['office'],
          route: 'POST /api/proposals/:id/decision',
        },
      ],
      PROPOSAL_STAGES,
    );
    expect(() => twice.assertValid()).toThrow(
      /"invite" is defined twice from "awaiting_decision" in variant "outline"/,
    );
  });

  it('notices an unreachable state and an event the API names but the table lacks', () => {
    expect(() => proposalMachine.assertValid(['teleport'])).toThrow(/teleport/);
  });

  it('lets only the owner submit, resubmit and withdraw; only the office screen', () => {
    const actorsOf = (event: string) =>
      proposalMachine.transitions.filter((t) => t.event === event).flatMap((t) => t.actors);
    expect(actorsOf('submit')).toEqual(['owner']);
    expect(actorsOf('withdraw')).toEqual(['owner']);
    expect(actorsOf('screen-eligible')).toEqual(['office']);
    expect(actorsOf('screen-ineligible')).toEqual(['office']);
    expect(actorsOf('start-review')).toEqual(['system']);
    expect(proposalMachine.transitionFor('screen-ineligible', 'submitted')?.requiresReason).toBe(true);
  });
});

describe('proposal guards', () => {
  const submit = proposalMachine.transitionFor('submit', 'draft')!;
  const resubmit = proposalMachine.transitionFor('resubmit', 'revision_requested')!;
  const closeReview = proposalMachine.transitionFor('close-review', 'in_review')!;

  it.each([
    ['a complete proposal in an open call', {}, null],
    ['a required question unanswered', { unansweredQuestions: ['in_region'] }, /"in_region"/],
    [
      'an outline after its deadline',
      { stage: 'outline', submissionDeadline: new Date('2026-05-01T10:00:00Z') },
      /outline deadline/,
    ],
    ['no PDF', { pdfCount: 0 }, /PDF/],
    ['no title', { title: '  ' }, /title/],
    ['no abstract', { abstract: '' }, /abstract/],
    ['no topic', { topicCount: 0 }, /topic/],
    ['a call that is not open', { callState: 'closed' }, /not open/],
    ['a call that opens later', { callOpensAt: new Date('2026-05-02T00:00:00Z') }, /not open/],
    ['the deadline passed', { submissionDeadline: new Date('2026-05-01T10:00:00Z') }, /deadline/],
  ] as const)('submit with %s', (_name, overrides, expected) => {
    const why = submit.guard!(context(overrides));
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  it('resubmit is refused after the revision deadline and allowed before it, even with the call closed', () => {
    const base = { callState: 'closed', submissionDeadline: new Date('2026-01-01T00:00:00Z') };
    expect(
      resubmit.guard!(context({ ...base, revisionDeadline: new Date('2026-05-02T00:00:00Z') })),
    ).toBeNull();
    expect(resubmit.guard!(context({ ...base, revisionDeadline: new Date('2026-05-01T10:00:00Z') }))).toMatch(
      /revision period/,
    );
  });

  it('close-review needs at least minReviews submitted reviews', () => {
    expect(closeReview.guard!(context({ submittedReviews: 1, minReviews: 2 }))).toMatch(/at least 2/);
    expect(closeReview.guard!(context({ submittedReviews: 2, minReviews: 2 }))).toBeNull();
  });
});
