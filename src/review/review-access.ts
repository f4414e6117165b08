import type { AuthUser } from '@/auth/auth-user';
import type { Proposal } from '@/proposals/proposal.entity';
import { STEERING_VISIBLE_STATES } from '@/proposals/proposal-transitions';

/** The facts about one review that its visibility depends on. */
export interface ReviewFacts {
  reviewerId: string;
  round: number;
  submittedAt: Date | null;
}

/**
 * docs/CONTRACT.md §5, for a caller who may read the proposal and holds a board or office role (the service
 * answers 404/403 before): which of the proposal's reviews they see.
 *  - their own review, always (a draft included), even once they are `conflicted`: a conflict that
 *    arises later (say, a partner added during a revision) must not take a reviewer's own text away;
 *  - a conflicted caller (not the office): nothing else;
 *  - nobody but its author ever sees a draft;
 *  - the office: every submitted review;
 *  - steering: submitted reviews of a round once it reached `awaiting_decision` (the current round from
 *    then on, every earlier round);
 *  - a reviewer: the other submitted reviews of a round once their own review of that round is submitted.
 */
export function visibleReviews<T extends ReviewFacts>(
  rows: T[],
  viewer: AuthUser,
  proposal: Proposal,
  conflicted = false,
): T[] {
  const office = viewer.roles.includes('office');
  const steering = viewer.roles.includes('steering');
  const reviewer = viewer.roles.includes('reviewer');
  const ownSubmittedRounds = new Set(
    rows.filter((r) => r.reviewerId === viewer.id && r.submittedAt !== null).map((r) => r.round),
  );
  const steeringSeesRound = (round: number) =>
    round < proposal.round || (STEERING_VISIBLE_STATES as string[]).includes(proposal.state);
  return rows.filter((row) => {
    if (row.reviewerId === viewer.id) return true;
    if (row.submittedAt === null || (conflicted && !office)) return false;
    if (office) return true;
    if (steering && steeringSeesRound(row.round)) return true;
    return reviewer && ownSubmittedRounds.has(row.round);
  });
}

/**
 * The one place that names reviewers for the applicant: "A", "B", … "Z", "AA", … by position in
 * invitation order (ReviewsService.reviewsForApplicant). The page and the decision letter both use it.
 */
export function reviewerLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const digit = (n - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "Reviewer A", "Reviewer B", … — labels for the applicant's view (the API's wording). */
export function reviewerLabel(index: number): string {
  return `Reviewer ${reviewerLetter(index)}`;
}
