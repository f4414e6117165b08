import type { Actor } from '@/workflow/state-machine';
import { ASSIGNMENT_STATES, type AssignmentState } from './assignment.entity';
import { ASSIGNMENT_API_EVENTS, assignmentMachine, missingForSubmission } from './assignment-transitions';
import { defaultRubric } from '@/calls/rubric';

/** The whole table, written out: (state, event) → [target, who may fire it]; every other pair is refused. */
const EXPECTED: Record<string, [AssignmentState, Actor[]]> = {
  'invited accept': ['accepted', ['assignee']],
  'invited decline': ['declined', ['assignee']],
  'invited revoke': ['revoked', ['office', 'system']],
  'accepted submit': ['submitted', ['assignee']],
  'accepted revoke': ['revoked', ['office', 'system']],
  'submitted reopen': ['accepted', ['office']],
};
const ACTORS: Actor[] = ['owner', 'assignee', 'office', 'chair', 'system'];

describe('assignment transition table', () => {
  it('is valid: every state reachable, every API event in the table', () => {
    expect(() => assignmentMachine.assertValid(ASSIGNMENT_API_EVENTS)).not.toThrow();
  });

  const cells = ASSIGNMENT_STATES.flatMap((state) =>
    ASSIGNMENT_API_EVENTS.flatMap((event) => ACTORS.map((actor) => [state, event, actor] as const)),
  );
  it.each(cells)('%s + %s by %s', (state, event, actor) => {
    const expected = EXPECTED[`${state} ${event}`];
    const allowed = assignmentMachine.allowedEvents(state, [actor]).includes(event);
    expect(allowed).toBe(!!expected && expected[1].includes(actor));
    if (expected) expect(assignmentMachine.transitionFor(event, state)?.to).toBe(expected[0]);
    else expect(assignmentMachine.transitionFor(event, state)).toBeUndefined();
  });

  it('guards: accept needs an eligible or in-review proposal, submit and reopen an in-review one', () => {
    const guard = (event: string, from: AssignmentState, proposalState: string, missing: string[] = []) =>
      assignmentMachine
        .transitionFor(event, from)
        ?.guard?.({ proposalState, missingForSubmission: missing }) ?? null;
    expect(guard('accept', 'invited', 'eligible')).toBeNull();
    expect(guard('accept', 'invited', 'in_review')).toBeNull();
    expect(guard('accept', 'invited', 'withdrawn')).toContain('withdrawn');
    expect(guard('submit', 'accepted', 'in_review')).toBeNull();
    expect(guard('submit', 'accepted', 'in_review', ['commentToApplicant'])).toContain('commentToApplicant');
    expect(guard('submit', 'accepted', 'awaiting_decision')).toContain('awaiting_decision');
    expect(guard('reopen', 'submitted', 'awaiting_decision')).toContain('not in review');
    expect(assignmentMachine.transitionFor('decline', 'invited')?.requiresReason).toBe(true);
  });

  it('names what a review lacks before submission', () => {
    const rubric = defaultRubric();
    const all = new Map(rubric.criteria.map((c) => [c.key, 3]));
    expect(missingForSubmission(rubric, all, 'ok')).toEqual([]);
    expect(missingForSubmission(rubric, new Map([['innovation', 0]]), ' ')).toEqual([
      'scores.scientific_quality',
      'scores.feasibility',
      'scores.transfer',
      'scores.sme_benefit',
      'commentToApplicant',
    ]);
  });
});
