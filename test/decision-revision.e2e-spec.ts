import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, defaultScores as s, SeededReview } from './support/seed-reviews';

const DAY_MS = 86_400_000;

describe('revision round trip and the applicant view of a decision', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let member: TestUser;
  let id: string;
  let round1: SeededReview[];

  const get = (token: string, path: string) => t.http().get(`/api/proposals/${id}${path}`).set(auth(token));
  const vote = (token: string, v: string) =>
    t.http().put(`/api/proposals/${id}/vote`).set(auth(token)).send({ vote: v });
  const decide = (body: Record<string, unknown>) =>
    t.http().post(`/api/proposals/${id}/decision`).set(auth(chair.token)).send(body);
  const reviews = (scores: Record<string, number>[], tag: string) =>
    scores.map((sc, i) => ({
      reviewer: reviewers[i],
      scores: sc,
      commentToApplicant: `${tag}: Anmerkung ${i + 1} für die Antragstellerin.`,
      confidentialComment: `${tag}: VERTRAULICH von ${reviewers[i].email}`,
    }));

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t, { revisionPeriodDays: 14, minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = [];
    for (const name of ['Dr. Erika Mustermann', 'Prof. Hans Gutachter', 'Ines Prüferin']) {
      reviewers.push(await createUser(t, { roles: ['reviewer'], name, organisation: 'Beirat' }));
    }
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    member = await createUser(t, { roles: ['steering'], name: 'Mitglied Adler' });
    id = await eligibleProposal(t, applicant, callId);
    round1 = await awaitingDecision(
      t,
      id,
      reviews([s(4, 3, 3.5, 4, 3), s(3.5, 2.5, 3, 4, 3), s(4.5, 3, 3.5, 3.5, 4)], 'R1'),
    );
  });
  afterAll(() => t.close());

  it('shows the applicant nothing of the reviews, scores, votes or decision before the decision', async () => {
    expect((await get(applicant.token, '/decision')).status).toBe(404);
    const list = await get(applicant.token, '/decisions');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
    expect((await get(applicant.token, '/scores')).status).toBe(404);
    expect((await get(applicant.token, '/votes')).status).toBe(404);
  });

  it('requests a revision: deadline from the call, decision letter, the proposal editable', async () => {
    expect((await vote(member.token, 'revise')).status).toBe(200);
    expect((await vote(chair.token, 'revise')).status).toBe(200);
    const before = Date.now();
    const res = await decide({
      outcome: 'revision_requested',
      rationale: 'Bitte den Arbeitsplan überarbeiten.',
    });
    expect(res.status).toBe(201);
    const proposal = await get(applicant.token, '');
    expect(proposal.body).toMatchObject({ state: 'revision_requested', round: 1 });
    expect(proposal.body.allowedEvents).toEqual(expect.arrayContaining(['resubmit', 'withdraw']));
    const deadline = new Date(proposal.body.revisionDeadline).getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 14 * DAY_MS - 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 14 * DAY_MS + 1000);
    const letters = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE kind = 'mail.decision-letter' AND payload->>'proposalId' = $1`,
      [id],
    );
    expect(letters.map((l: { payload: unknown }) => l.payload)).toEqual([{ proposalId: id, round: 1 }]);
  });

  it('shows the applicant outcome, rationale, means and labelled comments — and no identity at all', async () => {
    const res = await get(applicant.token, '/decision');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      proposalId: id,
      round: 1,
      outcome: 'revision_requested',
      rationale: 'Bitte den Arbeitsplan überarbeiten.',
      grantedFundingEur: null,
      decidedAt: expect.any(String),
      revisionDeadline: expect.any(String),
      scores: {
        // 4+3.5+4.5 = 12 → 4; 3+2.5+3 → 2.833; 3.5+3+3.5 → 3.333; 4+4+3.5 → 3.833; 3+3+4 → 3.333
        criteria: {
          scientific_quality: { mean: 4 },
          innovation: { mean: 2.833 },
          feasibility: { mean: 3.333 },
          transfer: { mean: 3.833 },
          sme_benefit: { mean: 3.333 },
        },
        // (0.3·12 + 0.25·8.5 + 0.2·10 + 0.15·11.5 + 0.1·10) / 3 = 10.45 / 3
        total: 3.483,
        reviewCount: 3,
        consensus: false,
      },
      // No consensus on this call (issue 16); released at once (releaseDecisions: immediately).
      consensus: null,
      releasedAt: expect.any(String),
      comments: [
        { label: 'Reviewer A', commentToApplicant: 'R1: Anmerkung 1 für die Antragstellerin.' },
        { label: 'Reviewer B', commentToApplicant: 'R1: Anmerkung 2 für die Antragstellerin.' },
        { label: 'Reviewer C', commentToApplicant: 'R1: Anmerkung 3 für die Antragstellerin.' },
      ],
    });
    const json = JSON.stringify([res.body, (await get(applicant.token, '/decisions')).body]);
    for (const r of reviewers) {
      expect(json).not.toContain(r.id);
      expect(json).not.toContain(r.email);
    }
    for (const name of ['Erika', 'Mustermann', 'Hans', 'Prüferin', 'VERTRAULICH', 'Weber', chair.id]) {
      expect(json).not.toContain(name);
    }
    for (const a of round1) expect(json).not.toContain(a.assignmentId);

    const board = await get(t.officeToken, '/decision');
    expect(board.body).toMatchObject({ decidedBy: { id: chair.id, name: 'Vorsitz Weber' }, override: false });
    expect(board.body.comments).toEqual(res.body.comments);
    const scores = await get(applicant.token, '/scores?round=1');
    expect(scores.status).toBe(200);
    expect(scores.body).toMatchObject({ round: 1, total: 3.483, aboveThreshold: false, reviewCount: 3 });
  });

  it('lets the applicant edit and resubmit as round 2; round 1 stays readable with ?round=1', async () => {
    const edit = await t
      .http()
      .patch(`/api/proposals/${id}`)
      .set(auth(applicant.token))
      .send({ title: 'Überarbeitet: Leichtbau-Batteriegehäuse' });
    expect(edit.status).toBe(200);
    const resubmitted = await fire(t, applicant.token, id, 'resubmit');
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ state: 'submitted', round: 2, revisionDeadline: null });

    const r1 = await get(t.officeToken, '/scores?round=1');
    expect(r1.body).toMatchObject({ round: 1, reviewCount: 3, total: 3.483 });
    expect((await get(member.token, '/scores?round=1')).body).toEqual(r1.body);
    const current = await get(t.officeToken, '/scores');
    expect(current.body).toMatchObject({ round: 2, reviewCount: 0, total: null });
    // Steering does not see round 2's scores before it awaits a decision.
    expect((await get(member.token, '/scores')).status).toBe(404);
    expect((await get(t.officeToken, '/scores?round=3')).status).toBe(404);

    const v1 = await get(member.token, '/votes?round=1');
    expect(v1.body).toMatchObject({ round: 1, decided: true, voted: 2, tally: { revise: 2 } });
    const v2 = await get(member.token, '/votes');
    expect(v2.body).toMatchObject({ round: 2, decided: false, voted: 0 });
    expect((await vote(member.token, 'approve')).status).toBe(409);

    const ranking = await t.http().get(`/api/calls/${callId}/ranking`).set(auth(t.officeToken));
    expect(ranking.body.rows).toEqual([]);
    expect((await get(applicant.token, '/decision')).body.revisionDeadline).toBeNull();
  });

  it('reviews and decides round 2 separately; both decisions stay readable per round', async () => {
    expect((await fire(t, t.officeToken, id, 'screen-eligible')).status).toBe(200);
    await awaitingDecision(t, id, reviews([s(5, 4, 4, 4, 4), s(4.5, 4, 4, 4, 4), s(4, 4, 4, 4, 4)], 'R2'));
    expect((await get(member.token, '/scores')).body).toMatchObject({
      round: 2,
      reviewCount: 3,
      total: 4.15,
    });
    await vote(member.token, 'approve');
    await vote(chair.token, 'approve');
    const approved = await decide({
      outcome: 'approved',
      rationale: 'Jetzt überzeugend.',
      grantedFundingEur: 240000,
    });
    expect(approved.status).toBe(201);
    expect(approved.body.round).toBe(2);

    const list = await get(applicant.token, '/decisions');
    expect(list.body.map((d: { round: number; outcome: string }) => [d.round, d.outcome])).toEqual([
      [1, 'revision_requested'],
      [2, 'approved'],
    ]);
    expect(list.body[0].comments[0].commentToApplicant).toMatch(/^R1:/);
    expect(list.body[1].comments.map((c: { label: string }) => c.label)).toEqual([
      'Reviewer A',
      'Reviewer B',
      'Reviewer C',
    ]);
    expect(list.body[1].comments[2].commentToApplicant).toMatch(/^R2:/);
    expect((await get(applicant.token, '/decision')).body).toMatchObject({
      round: 2,
      grantedFundingEur: 240000,
    });
    expect((await get(applicant.token, '/decision?round=1')).body.outcome).toBe('revision_requested');
    expect((await get(member.token, '/votes?round=1')).body.tally.revise).toBe(2);
    expect((await get(member.token, '/votes?round=2')).body.tally.approve).toBe(2);
  });

  it('refuses a resubmission after the revision deadline', async () => {
    const late = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(t, late, reviews([s(3, 3, 3, 3, 3)], 'L').slice(0, 1));
    const path = `/api/proposals/${late}`;
    await t.http().put(`${path}/vote`).set(auth(member.token)).send({ vote: 'revise' });
    const res = await t
      .http()
      .post(`${path}/decision`)
      .set(auth(t.officeToken))
      .send({ outcome: 'revision_requested', rationale: 'Mehr Details.' });
    expect(res.status).toBe(201);
    await t.dataSource.query(
      `UPDATE proposals SET revision_deadline = now() - interval '1 minute' WHERE id = $1`,
      [late],
    );
    const refused = await fire(t, applicant.token, late, 'resubmit');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('revision period');
  });
});
