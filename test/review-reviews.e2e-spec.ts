import { ReviewsService } from '@/review/reviews.service';
import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  assignmentAction,
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  registerApplicant,
  saveReview,
  submittedReview,
  TestUser,
} from './support/factories';

describe('review: drafts, submission, reopening, the automatic proposal transitions and visibility', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let steering: TestUser;

  const state = async (proposalId: string): Promise<string> =>
    (await t.dataSource.query('SELECT state FROM proposals WHERE id = $1', [proposalId]))[0].state;

  /** Assigned and accepted; returns the assignment id. */
  async function accepted(reviewer: TestUser, proposalId: string): Promise<string> {
    const id = await assigned(t, proposalId, reviewer.id);
    expect((await assignmentAction(t, reviewer.token, id, 'accept')).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id; // k = 3, minReviews = 2, 0–5 in steps of 0.5
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = await Promise.all(
      ['Alpha', 'Beta', 'Gamma', 'Delta'].map((org) =>
        createUser(t, { roles: ['reviewer'], organisation: org, name: `Reviewer ${org}` }),
      ),
    );
    steering = await createUser(t, { roles: ['steering'], organisation: 'Stadt' });
  });
  afterAll(() => t.close());

  it('saves drafts only on the rubric’s scale and step, with one field error per bad score', async () => {
    const proposalId = await eligibleProposal(t, applicant, callId);
    const [r] = reviewers;
    const id = await assigned(t, proposalId, r.id);
    const early = await saveReview(t, r.token, id, { scores: { innovation: 3 } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ state: 'invited', allowedEvents: ['accept', 'decline'] });
    await assignmentAction(t, r.token, id, 'accept');

    const bad = await saveReview(t, r.token, id, {
      scores: { scientific_quality: 3.3, innovation: 7, feasibility: -0.5, colour: 2, transfer: '3' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'scores.colour',
      'scores.feasibility',
      'scores.innovation',
      'scores.scientific_quality',
      'scores.transfer',
    ]);
    expect(
      bad.body.errors.find((e: { field: string }) => e.field === 'scores.innovation').messages[0],
    ).toContain('from 0 to 5 in steps of 0.5');
    expect((await saveReview(t, r.token, id, { scores: { innovation: 3.3 } })).status).toBe(400);
    expect((await saveReview(t, r.token, id, { commentToApplicant: 'x'.repeat(10001) })).status).toBe(400);
    expect((await saveReview(t, r.token, id, { scores: [] })).status).toBe(400);
    expect((await saveReview(t, r.token, id, { rating: 5 })).status).toBe(400);
    expect((await t.http().get(`/api/assignments/${id}/review`).set(auth(r.token))).body.scores).toEqual({});

    const saved = await saveReview(t, r.token, id, {
      scores: { transfer: 2.5, scientific_quality: 0, innovation: 5 },
      commentToApplicant: 'Solide.',
      confidentialComment: 'Nur für den Beirat.',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      assignmentId: id,
      proposalId,
      round: 1,
      reviewerId: r.id,
      scores: { scientific_quality: 0, innovation: 5, transfer: 2.5 },
      commentToApplicant: 'Solide.',
      confidentialComment: 'Nur für den Beirat.',
      submittedAt: null,
    });
    expect(Object.keys(saved.body.scores)).toEqual(['scientific_quality', 'innovation', 'transfer']);
    const stored = await t.dataSource.query(
      `SELECT s.criterion_key, s.score FROM review_scores s JOIN reviews r ON r.id = s.review_id
        WHERE r.assignment_id = $1 ORDER BY 1`,
      [id],
    );
    expect(stored).toEqual([
      { criterion_key: 'innovation', score: '5.000' },
      { criterion_key: 'scientific_quality', score: '0.000' },
      { criterion_key: 'transfer', score: '2.500' },
    ]);
    // PUT replaces the draft.
    const replaced = await saveReview(t, r.token, id, { scores: { feasibility: 4.5 } });
    expect(replaced.body).toMatchObject({
      scores: { feasibility: 4.5 },
      commentToApplicant: '',
      confidentialComment: '',
    });
  });

  it('submits only a complete review, then refuses changes until the office reopens it', async () => {
    const proposalId = await eligibleProposal(t, applicant, callId);
    const [r] = reviewers;
    const id = await accepted(r, proposalId);
    await saveReview(t, r.token, id, { scores: { innovation: 4 } });
    const incomplete = await assignmentAction(t, r.token, id, 'review/submit');
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'scores.scientific_quality',
      'scores.feasibility',
      'scores.transfer',
      'scores.sme_benefit',
      'commentToApplicant',
    ]);
    await saveReview(t, r.token, id, { scores: fullScores(4), commentToApplicant: '   ' });
    expect((await assignmentAction(t, r.token, id, 'review/submit')).body.errors).toEqual([
      { field: 'commentToApplicant', messages: ['required to submit'] },
    ]);
    await saveReview(t, r.token, id, { scores: fullScores(4), commentToApplicant: 'Gut.' });
    const submitted = await assignmentAction(t, r.token, id, 'review/submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.submittedAt).toEqual(expect.any(String));
    const assignment = await t.http().get(`/api/assignments/${id}`).set(auth(r.token));
    expect(assignment.body.state).toBe('submitted');

    expect((await saveReview(t, r.token, id, { scores: fullScores(1) })).status).toBe(409);
    expect((await assignmentAction(t, r.token, id, 'review/submit')).status).toBe(409);
    expect((await assignmentAction(t, r.token, id, 'review/reopen')).status).toBe(403);

    const reopened = await assignmentAction(t, t.officeToken, id, 'review/reopen', {
      reason: 'Bitte Machbarkeit prüfen',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('accepted');
    const draft = await t.http().get(`/api/assignments/${id}/review`).set(auth(r.token));
    expect(draft.body).toMatchObject({
      submittedAt: null,
      scores: fullScores(4),
      commentToApplicant: 'Gut.',
    });
    const [audit] = await t.dataSource.query(
      `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'reopen'`,
      [id],
    );
    expect(audit.data).toEqual({ reason: 'Bitte Machbarkeit prüfen' });
    expect(
      (await saveReview(t, r.token, id, { scores: fullScores(3), commentToApplicant: 'Besser.' })).status,
    ).toBe(200);
    expect((await assignmentAction(t, r.token, id, 'review/submit')).status).toBe(200);
  });

  it('moves the proposal to awaiting_decision with the k-th review and revokes the rest', async () => {
    const proposalId = await eligibleProposal(t, applicant, callId);
    const [a, b, c, d] = reviewers;
    await submittedReview(t, a, proposalId, 4);
    await submittedReview(t, b, proposalId, 3);
    const extra = await assigned(t, proposalId, d.id);
    expect(await state(proposalId)).toBe('in_review');
    const last = await submittedReview(t, c, proposalId, 5);
    expect(await state(proposalId)).toBe('awaiting_decision');

    const history = await t.http().get(`/api/proposals/${proposalId}/history`).set(auth(t.officeToken));
    expect(history.body.filter((e: { action: string }) => e.action === 'complete-review')).toEqual([
      expect.objectContaining({ actorId: null, fromState: 'in_review', toState: 'awaiting_decision' }),
    ]);
    const ready = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE kind = 'mail.ready-for-decision' AND payload->>'proposalId' = $1`,
      [proposalId],
    );
    expect(ready).toEqual([{ payload: { proposalId, round: 1 } }]);
    expect((await t.http().get(`/api/assignments/${extra}`).set(auth(t.officeToken))).body.state).toBe(
      'revoked',
    );
    // Review has ended: no reopening.
    const reopen = await assignmentAction(t, t.officeToken, last, 'review/reopen');
    expect(reopen.status).toBe(409);
    expect(reopen.body.detail).toContain('awaiting_decision');
  });

  it('lets the office close review early with ≥ minReviews, and refuses it below', async () => {
    const proposalId = await eligibleProposal(t, applicant, callId);
    const [a, b, c] = reviewers;
    await submittedReview(t, a, proposalId);
    const open = await accepted(c, proposalId);
    const refused = await fire(t, t.officeToken, proposalId, 'close-review');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('at least 2 submitted reviews (1 so far)');
    expect((await fire(t, applicant.token, proposalId, 'close-review')).status).toBe(403);

    await submittedReview(t, b, proposalId);
    const closed = await fire(t, t.officeToken, proposalId, 'close-review');
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('awaiting_decision');
    expect((await t.http().get(`/api/assignments/${open}`).set(auth(c.token))).body.state).toBe('revoked');
    expect((await saveReview(t, c.token, open, { scores: fullScores() })).status).toBe(409);
  });

  it('submits the last two reviews in parallel: exactly one transition and one audit event', async () => {
    const [a, b, c] = reviewers;
    // Several proposals at once, so that the two last submissions of each really overlap.
    const cases = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const proposalId = await eligibleProposal(t, applicant, callId);
        await submittedReview(t, a, proposalId);
        const pending: [TestUser, string][] = [];
        for (const r of [b, c]) {
          const id = await accepted(r, proposalId);
          expect(
            (await saveReview(t, r.token, id, { scores: fullScores(), commentToApplicant: 'ok' })).status,
          ).toBe(200);
          pending.push([r, id]);
        }
        return { proposalId, pending };
      }),
    );
    const results = await Promise.all(
      cases.flatMap(({ pending }) =>
        pending.map(([r, id]) => assignmentAction(t, r.token, id, 'review/submit')),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    for (const { proposalId } of cases) {
      expect(await state(proposalId)).toBe('awaiting_decision');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE entity_type = 'proposal' AND entity_id = $1 AND to_state = 'awaiting_decision'`,
        [proposalId],
      );
      expect(n).toBe(1);
      const [{ mails }] = await t.dataSource.query(
        `SELECT count(*)::int AS mails FROM outbox WHERE kind = 'mail.ready-for-decision' AND payload->>'proposalId' = $1`,
        [proposalId],
      );
      expect(mails).toBe(1);
    }
  });

  describe('who sees which reviews (docs/CONTRACT.md §5)', () => {
    let proposalId: string;
    let ids: string[];
    let conflictedSteering: TestUser;
    const list = (token: string) => t.http().get(`/api/proposals/${proposalId}/reviews`).set(auth(token));
    const reviewerIds = (res: { body: { reviewerId: string }[] }) => res.body.map((r) => r.reviewerId);

    beforeAll(async () => {
      proposalId = await eligibleProposal(t, applicant, callId);
      conflictedSteering = await createUser(t, { roles: ['steering'], organisation: 'TU Braunschweig' });
      const [a, b, c] = reviewers;
      ids = [
        await submittedReview(t, a, proposalId, 4),
        await accepted(b, proposalId),
        await accepted(c, proposalId),
      ];
      await saveReview(t, b.token, ids[1], {
        scores: fullScores(2),
        commentToApplicant: 'Entwurf B',
        confidentialComment: 'geheim B',
      });
    });

    it('shows a reviewer only their own review until they submitted it, then the others’ submitted ones', async () => {
      const [a, b, c, d] = reviewers;
      expect(reviewerIds(await list(b.token))).toEqual([b.id]); // own draft only, not A's review
      expect(reviewerIds(await list(c.token))).toEqual([]); // no draft yet
      expect(reviewerIds(await list(a.token))).toEqual([a.id]); // B's draft is never shown
      expect((await list(d.token)).body).toEqual([]); // not assigned
      const office = await list(t.officeToken);
      expect(reviewerIds(office)).toEqual([a.id]);
      expect(office.body[0]).toMatchObject({ reviewerName: 'Reviewer Alpha', confidentialComment: '' });

      await assignmentAction(t, b.token, ids[1], 'review/submit');
      const afterB = await list(b.token);
      expect(reviewerIds(afterB)).toEqual([a.id, b.id]);
      expect(afterB.body[1]).toMatchObject({
        commentToApplicant: 'Entwurf B',
        confidentialComment: 'geheim B',
      });
      expect(reviewerIds(await list(a.token))).toEqual([a.id, b.id]);
      expect(reviewerIds(await list(c.token))).toEqual([]);
    });

    it('hides reviews from the applicant and conflicted users, and from steering before awaiting_decision', async () => {
      expect((await list(applicant.token)).status).toBe(403);
      expect((await list(steering.token)).status).toBe(404);
      const conflicted = await createUser(t, { roles: ['reviewer'], organisation: 'zulieferer gmbh' });
      expect((await list(conflicted.token)).status).toBe(403);
      const anonymous = await t.http().get(`/api/proposals/${proposalId}/reviews`);
      expect(anonymous.status).toBe(401);

      const [, , c] = reviewers;
      await saveReview(t, c.token, ids[2], {
        scores: fullScores(5),
        commentToApplicant: 'Stark',
        confidentialComment: 'intern C',
      });
      await assignmentAction(t, c.token, ids[2], 'review/submit');
      expect(await state(proposalId)).toBe('awaiting_decision');
      const forSteering = await list(steering.token);
      expect(forSteering.status).toBe(200);
      expect(forSteering.body).toHaveLength(3);
      expect((await list(conflictedSteering.token)).status).toBe(403);
      expect((await list(applicant.token)).status).toBe(403);
      expect(
        (await t.http().get(`/api/proposals/${proposalId}/reviews?round=2`).set(auth(steering.token))).body,
      ).toEqual([]);
    });

    it('gives the decision module an anonymous applicant view: Reviewer A, B, C in invitation order', async () => {
      const view = await t.app.get(ReviewsService).reviewsForApplicant(proposalId, 1);
      expect(view).toEqual([
        { label: 'Reviewer A', commentToApplicant: 'Kommentar (4)' },
        { label: 'Reviewer B', commentToApplicant: 'Entwurf B' },
        { label: 'Reviewer C', commentToApplicant: 'Stark' },
      ]);
      const text = JSON.stringify(view);
      for (const r of reviewers) expect(text).not.toContain(r.id);
      expect(text).not.toMatch(/geheim|intern|Alpha/);
    });
  });
});
