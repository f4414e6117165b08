import { assigned, assignmentAction, auth, createUser, fire, saveReview, TestUser } from './factories';
import type { TestApp } from './test-app';

/** One submitted review to seed: the reviewer, scores per criterion key, the two comments. */
export interface ReviewSeed {
  reviewer: TestUser;
  scores: Record<string, number>;
  commentToApplicant?: string;
  confidentialComment?: string;
}

export interface SeededReview {
  assignmentId: string;
  reviewerId: string;
}

export async function createReviewers(t: TestApp, count: number, organisation = ''): Promise<TestUser[]> {
  const reviewers: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    reviewers.push(await createUser(t, { roles: ['reviewer'], organisation, name: `Gutachter ${i + 1}` }));
  }
  return reviewers;
}

function ok(res: { status: number; body: unknown }, expected: number, what: string): void {
  if (res.status !== expected) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Submitted reviews for the proposal's current round through the review API: the office assigns, the
 * reviewer accepts, writes and submits (in the order given = invitation order). The first accept
 * starts the review; the k-th submission completes it. Confidential comments default to text that
 * names the reviewer, so leak tests can search for it.
 */
export async function seedReviews(
  t: TestApp,
  proposalId: string,
  reviews: ReviewSeed[],
): Promise<SeededReview[]> {
  const seeded: SeededReview[] = [];
  for (const [i, seed] of reviews.entries()) {
    const assignmentId = await assigned(t, proposalId, seed.reviewer.id);
    ok(await assignmentAction(t, seed.reviewer.token, assignmentId, 'accept'), 200, 'accept');
    const saved = await saveReview(t, seed.reviewer.token, assignmentId, {
      scores: seed.scores,
      commentToApplicant: seed.commentToApplicant ?? `Comment to the applicant ${i + 1}.`,
      confidentialComment: seed.confidentialComment ?? `Confidential note of ${seed.reviewer.email}.`,
    });
    ok(saved, 200, 'saving the review');
    ok(
      await assignmentAction(t, seed.reviewer.token, assignmentId, 'review/submit'),
      200,
      'submitting the review',
    );
    seeded.push({ assignmentId, reviewerId: seed.reviewer.id });
  }
  return seeded;
}

/** Seeds the reviews and brings the proposal to awaiting_decision (the office closes review early if fewer than k). */
export async function awaitingDecision(
  t: TestApp,
  proposalId: string,
  reviews: ReviewSeed[],
): Promise<SeededReview[]> {
  const seeded = await seedReviews(t, proposalId, reviews);
  const now = await t.http().get(`/api/proposals/${proposalId}`).set(auth(t.officeToken));
  if (now.body.state === 'in_review')
    ok(await fire(t, t.officeToken, proposalId, 'close-review'), 200, 'close-review');
  return seeded;
}

/** Scores in the default rubric's priority order: scientific_quality, innovation, feasibility, transfer, sme_benefit. */
export function defaultScores(...s: number[]): Record<string, number> {
  const keys = ['scientific_quality', 'innovation', 'feasibility', 'transfer', 'sme_benefit'];
  return Object.fromEntries(keys.map((k, i) => [k, s[i]]));
}
