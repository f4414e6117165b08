import { conflictsMatter, proposalSections, reopenable } from './proposal-sections';

const base = { allowedActions: [], office: true, assignments: [], visibleReviews: 0, votes: { votes: [] } };

describe('proposal page sections', () => {
  it('a formally rejected proposal shows no assignments, reviews, votes or conflicts to the office', () => {
    expect(proposalSections({ ...base, state: 'ineligible' })).toEqual({
      assignments: false,
      reviews: false,
      votes: false,
      conflicts: false,
    });
  });

  it('awaiting a decision: the office sees reviews, votes (it may decide) and conflicts', () => {
    expect(proposalSections({ ...base, state: 'awaiting_decision', allowedActions: ['decide'] })).toEqual({
      assignments: false,
      reviews: true,
      votes: true,
      conflicts: true,
    });
  });

  it('an eligible proposal: assignments because the office may assign', () => {
    expect(proposalSections({ ...base, state: 'eligible', allowedActions: ['assign'] }).assignments).toBe(
      true,
    );
  });

  it('a decided proposal keeps what it has to show (its votes, reviews, assignments)', () => {
    const s = proposalSections({
      ...base,
      state: 'approved',
      assignments: [{}],
      visibleReviews: 2,
      votes: { votes: [{}] },
    });
    expect(s).toEqual({ assignments: true, reviews: true, votes: true, conflicts: false });
  });

  it('parts the service refused stay off the page', () => {
    const s = proposalSections({
      ...base,
      state: 'awaiting_decision',
      office: false,
      allowedActions: ['vote'],
      assignments: null,
      visibleReviews: null,
      votes: null,
    });
    expect(s).toEqual({ assignments: false, reviews: false, votes: false, conflicts: false });
  });

  it('conflicts matter until the decision; reopen only while in review', () => {
    expect(['eligible', 'in_review', 'awaiting_decision'].map(conflictsMatter)).toEqual([true, true, true]);
    expect(['submitted', 'ineligible', 'approved', 'rejected', 'withdrawn'].some(conflictsMatter)).toBe(
      false,
    );
    expect(reopenable({ allowedEvents: ['reopen'] }, 'in_review')).toBe(true);
    expect(reopenable({ allowedEvents: ['reopen'] }, 'awaiting_decision')).toBe(false);
    expect(reopenable({ allowedEvents: [] }, 'in_review')).toBe(false);
  });
});
