import { CountedVote, tallyVotes } from './vote-rules';

const v = (vote: CountedVote['vote'], chair = false): CountedVote => ({ vote, chair });

describe('vote rules', () => {
  it.each([
    [4, 1, false],
    [4, 2, true],
    [5, 2, false],
    [5, 3, true],
    [1, 1, true],
    [0, 0, false],
  ])('quorum with %i eligible members and %i votes: %s', (eligible, cast, reached) => {
    const votes = Array.from({ length: cast }, () => v('approve'));
    expect(tallyVotes(votes, eligible).quorum.reached).toBe(reached);
  });

  it('counts abstentions as voted but not for the majority', () => {
    const result = tallyVotes([v('abstain'), v('abstain'), v('reject')], 5);
    expect(result).toMatchObject({
      voted: 3,
      quorum: { required: 3, reached: true },
      tally: { approve: 0, reject: 1, revise: 0, abstain: 2 },
      proposedOutcome: 'rejected',
    });
  });

  it('proposes the option with the most votes', () => {
    expect(tallyVotes([v('revise'), v('revise'), v('approve')], 3).proposedOutcome).toBe(
      'revision_requested',
    );
  });

  it('lets the chair break a tie when the chair voted one of the tied options', () => {
    expect(tallyVotes([v('approve', true), v('reject'), v('abstain')], 3).proposedOutcome).toBe('approved');
    expect(tallyVotes([v('approve'), v('reject', true)], 2).proposedOutcome).toBe('rejected');
  });

  it('has no majority on a tie the chair did not break, or with abstentions only', () => {
    expect(tallyVotes([v('approve'), v('reject'), v('abstain', true)], 3).proposedOutcome).toBeNull();
    expect(tallyVotes([v('approve'), v('reject'), v('revise', true), v('revise')], 4).proposedOutcome).toBe(
      'revision_requested',
    );
    expect(
      tallyVotes([v('approve'), v('approve'), v('reject'), v('reject'), v('revise', true)], 5)
        .proposedOutcome,
    ).toBeNull();
    expect(tallyVotes([v('abstain'), v('abstain')], 2).proposedOutcome).toBeNull();
  });
});
