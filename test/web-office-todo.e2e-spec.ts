import {
  assigned,
  assignmentAction,
  auth,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';
import { awaitingDecision, createReviewers, defaultScores } from './support/seed-reviews';
import { startTestApp, TestApp } from './support/test-app';

/** The count of each to-do row on a page (`<li data-todo="kind">… <span class="badge">n</span>`). */
function todoCounts(html: string): Record<string, number> {
  const rows = html.matchAll(
    /<li data-todo="(\w+)"[^>]*>\s*<a href="([^"]*)"><span class="badge[^"]*">(\d+)<\/span>/g,
  );
  return Object.fromEntries([...rows].map((m) => [m[1], Number(m[3])]));
}

function todoLinks(html: string): Record<string, string> {
  const rows = html.matchAll(/<li data-todo="(\w+)"[^>]*>\s*<a href="([^"]*)">/g);
  return Object.fromEntries([...rows].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
}

describe("the office's to-do list counts each kind of waiting work (issue 13)", () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let member: TestUser;
  let page: (path: string) => Promise<string>;

  /** A proposal decided `approved` by the chair (in `inCall`, the to-do's call by default) after one review and two votes. */
  async function decided(reviewer: TestUser, inCall = callId): Promise<string> {
    const id = await eligibleProposal(t, applicant, inCall);
    await awaitingDecision(t, id, [{ reviewer, scores: defaultScores(4, 4, 4, 4, 4) }]);
    for (const voter of [chair, member]) {
      const voted = await t
        .http()
        .put(`/api/proposals/${id}/vote`)
        .set(auth(voter.token))
        .send({ vote: 'approve' });
      expect(voted.status).toBe(200);
    }
    const decision = await t
      .http()
      .post(`/api/proposals/${id}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'approved', rationale: 'Gut.', grantedFundingEur: 100000 });
    expect(decision.status).toBe(201);
    return id;
  }

  /** A mail log row as a worker would leave it. */
  async function mailLogged(
    status: string,
    template: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO mail_log (idempotency_key, template, to_address, locale, subject, status, data)
       VALUES (gen_random_uuid()::text, $1, 'someone@example.test', 'de', $4, $2, $3)`,
      [template, status, JSON.stringify({ payload }), `Betreff ${status} ${template}`],
    );
  }

  beforeAll(async () => {
    // Workers off: the outbox is not relayed, so a decision's letter stays unsent until we log it.
    t = await startTestApp();
    callId = (await createOpenCall(t, { reviewsPerProposal: 1, minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = await createReviewers(t, 5);
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    member = await createUser(t, { roles: ['steering'], name: 'Mitglied Adler' });
    page = async (path) => {
      const res = await t.http().get(path).set('Cookie', `beirat_session=${t.officeToken}`);
      expect(res.status).toBe(200);
      return res.text;
    };

    // To screen: submitted, not yet screened.
    const submitted = await createDraft(t, applicant, callId);
    expect((await uploadPdf(t, applicant.token, submitted.id)).status).toBe(201);
    expect((await fire(t, applicant.token, submitted.id, 'submit')).status).toBe(200);
    // Short of reviewers: eligible, nobody invited (the call asks for one).
    await eligibleProposal(t, applicant, callId);
    // An unanswered invitation (due in the future, so not overdue); the proposal has its reviewer.
    await assigned(t, await eligibleProposal(t, applicant, callId), reviewers[0].id);
    // An overdue review: accepted, due yesterday.
    const late = await assigned(t, await eligibleProposal(t, applicant, callId), reviewers[1].id);
    expect((await assignmentAction(t, reviewers[1].token, late, 'accept')).status).toBe(200);
    await t.dataSource.query(`UPDATE assignments SET due_at = now() - interval '1 day' WHERE id = $1`, [
      late,
    ]);
    // Ready for decision: reviewed, not decided.
    await awaitingDecision(t, await eligibleProposal(t, applicant, callId), [
      { reviewer: reviewers[2], scores: defaultScores(3, 3, 3, 3, 3) },
    ]);
    // One letter unsent; a second decision whose letter went out does not count.
    await decided(reviewers[3]);
    const sentLetter = await decided(reviewers[4]);
    await mailLogged('sent', 'decision-letter', { proposalId: sentLetter, round: 1 });
    // Mails: one failed, one unknown, one sent (not counted).
    await mailLogged('failed', 'invitation', {});
    await mailLogged('unknown', 'reminder-overdue', {});
    await mailLogged('sent', 'submission-receipt', {});
  }, 120_000);
  afterAll(() => t.close());

  it('shows one item of each kind on the home page and the office page', async () => {
    const expected = {
      toScreen: 1,
      shortOfReviewers: 1,
      unansweredInvitations: 1,
      overdueReviews: 1,
      // Counted in test/web-organisations.e2e-spec.ts (an assignment conflicted by a registry change).
      conflictedAssignments: 0,
      readyForDecision: 1,
      lettersUnsent: 1,
      mailsFailed: 1,
      mailsUnknown: 1,
    };
    expect(todoCounts(await page('/'))).toEqual(expected);
    expect(todoCounts(await page('/office'))).toEqual(expected);
  });

  it('links each row to where the work is done', async () => {
    expect(todoLinks(await page('/'))).toEqual({
      toScreen: '/office/proposals?state=submitted',
      shortOfReviewers: `/office/calls/${callId}/assign`,
      unansweredInvitations: `/office/calls/${callId}/assign`,
      overdueReviews: '/office/overdue',
      conflictedAssignments: '/office/organisations#flagged-h',
      readyForDecision: '/office/proposals?state=awaiting_decision',
      lettersUnsent: '/office/mails?template=decision-letter',
      mailsFailed: '/office/mails?status=failed',
      mailsUnknown: '/office/mails?status=unknown',
    });
  });

  it('filters the mail log by the link: only failed mails, and the way back to all', async () => {
    const failed = await page('/office/mails?status=failed');
    expect(failed).toContain('fehlgeschlagene Mails');
    expect(failed).toContain('Betreff failed invitation');
    expect(failed).not.toContain('Betreff unknown');
    expect(failed).not.toContain('Betreff sent');
    const all = await page('/office/mails');
    expect(all).toContain('Betreff unknown reminder-overdue');
    expect(all).not.toContain('fehlgeschlagene Mails');
  });

  it('is not shown to a user without the office role', async () => {
    const home = await t.http().get('/').set('Cookie', `beirat_session=${applicant.token}`);
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('data-todo=');
  });

  it("links unsent letters waiting for a batch release to that call's letters page", async () => {
    const batch = (
      await createOpenCall(t, { reviewsPerProposal: 1, minReviews: 1, releaseDecisions: 'batch' })
    ).id;
    await decided(reviewers[2], batch);
    const home = await page('/');
    expect(todoCounts(home).lettersUnsent).toBe(2);
    expect(todoLinks(home).lettersUnsent).toBe(`/office/calls/${batch}/letters`);
    expect(await page(`/office/calls/${batch}/letters`)).toContain('Gut.');
    // Released: the letter now waits for the relay like any other, and the row links to the mail log.
    const released = await t.http().post(`/api/calls/${batch}/letters/release`).set(auth(t.officeToken));
    expect(released.body.released).toBe(1);
    const after = await page('/');
    expect(todoCounts(after).lettersUnsent).toBe(2);
    expect(todoLinks(after).lettersUnsent).toBe('/office/mails?template=decision-letter');
  });
});
