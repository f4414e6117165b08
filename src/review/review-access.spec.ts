import type { AuthUser } from '@/auth/auth-user';
import type { Proposal } from '@/proposals/proposal.entity';
import type { Role } from '@/users/user.entity';
import { reviewerLabel, visibleReviews } from './review-access';

const user = (id: string, ...roles: Role[]): AuthUser => ({
  id,
  email: `${id}@x`,
  name: id,
  roles,
  organisation: '',
  expertise: [],
  locale: 'de',
  chair: false,
  totpEnabled: false,
});
const proposal = (state: string, round = 1) => ({ state, round }) as Proposal;
const review = (reviewerId: string, round: number, submitted: boolean) => ({
  reviewerId,
  round,
  submittedAt: submitted ? new Date() : null,
});

describe('visibleReviews (docs/CONTRACT.md §5)', () => {
  const rows = [
    review('a', 1, true),
    review('b', 1, false),
    review('c', 1, true),
    review('a', 2, false),
    review('c', 2, true),
  ];
  const who = (viewer: AuthUser, p: Proposal) =>
    visibleReviews(rows, viewer, p).map((r) => `${r.reviewerId}${r.round}`);

  it('shows a reviewer their own reviews, and the others’ submitted ones of rounds they submitted in', () => {
    expect(who(user('a', 'reviewer'), proposal('in_review', 2))).toEqual(['a1', 'c1', 'a2']);
    expect(who(user('b', 'reviewer'), proposal('in_review', 2))).toEqual(['b1']);
    expect(who(user('z', 'reviewer'), proposal('in_review', 2))).toEqual([]);
  });

  it('shows the office every submitted review, never someone else’s draft', () => {
    expect(who(user('o', 'office'), proposal('in_review', 2))).toEqual(['a1', 'c1', 'c2']);
  });

  it('shows a conflicted reviewer their own reviews and nothing else; the office all the same', () => {
    const conflicted = (viewer: AuthUser) =>
      visibleReviews(rows, viewer, proposal('awaiting_decision', 2), true).map(
        (r) => `${r.reviewerId}${r.round}`,
      );
    expect(conflicted(user('a', 'reviewer', 'steering'))).toEqual(['a1', 'a2']);
    expect(conflicted(user('z', 'steering'))).toEqual([]);
    expect(conflicted(user('o', 'office'))).toEqual(['a1', 'c1', 'c2']);
  });

  it('shows steering a round once it reached awaiting_decision', () => {
    expect(who(user('s', 'steering'), proposal('in_review', 2))).toEqual(['a1', 'c1']);
    expect(who(user('s', 'steering'), proposal('awaiting_decision', 2))).toEqual(['a1', 'c1', 'c2']);
    expect(who(user('s', 'steering'), proposal('in_review', 1))).toEqual([]);
  });
});

describe('reviewerLabel', () => {
  it('labels A … Z, then AA, AB …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(reviewerLabel)).toEqual([
      'Reviewer A',
      'Reviewer B',
      'Reviewer Z',
      'Reviewer AA',
      'Reviewer AB',
      'Reviewer AZ',
      'Reviewer BA',
    ]);
  });
});
