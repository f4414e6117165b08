// In review/, not proposals/: it reads the assignment table, and review/ may import proposals/ (not the other way).
import { assignmentMachine } from './assignment-transitions';
import {
  ASSIGNABLE_PROPOSAL_STATES,
  DECIDABLE_PROPOSAL_STATES,
  EDITABLE_PROPOSAL_STATES,
  PROPOSAL_STATES,
  proposalMachine,
  REVIEWABLE_PROPOSAL_STATES,
} from '@/proposals/proposal-transitions';

const acceptGuard = assignmentMachine.transitions.find((t) => t.event === 'accept')!.guard!;
const submitGuard = assignmentMachine.transitions.find((t) => t.event === 'submit')!.guard!;
const complete = { missingForSubmission: [] };

/** The named sets are rules of their own, but must agree with the transition tables that use them. */
describe('named proposal state sets agree with the tables', () => {
  it.each(PROPOSAL_STATES)('%s', (state) => {
    expect(proposalMachine.transitionFor('approve', state) !== undefined).toBe(
      DECIDABLE_PROPOSAL_STATES.includes(state),
    );
    expect(acceptGuard({ proposalState: state, ...complete }) === null).toBe(
      ASSIGNABLE_PROPOSAL_STATES.includes(state),
    );
    expect(submitGuard({ proposalState: state, ...complete }) === null).toBe(
      REVIEWABLE_PROPOSAL_STATES.includes(state),
    );
    // What the applicant may still edit is never past submission: submit or resubmit leaves it.
    if (EDITABLE_PROPOSAL_STATES.includes(state)) {
      expect(proposalMachine.allowedEvents(state, ['owner'])).toEqual(
        expect.arrayContaining([state === 'draft' ? 'submit' : 'resubmit']),
      );
    }
  });
});
