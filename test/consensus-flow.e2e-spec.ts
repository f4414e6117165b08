import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { createReviewers, seedReviews } from './support/seed-reviews';

/** Issue 16 acceptance 1: consensus reports replace the means and speak to the applicant with one voice. */
describe('consensus reports (DESIGN §12)', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let stranger: TestUser;
  let chair: TestUser;
  let p1: string;
  let p2: string;
  const comments = [
    'Individueller Kommentar Alpha zur Methodik.',
    'Individueller Kommentar Beta zum Arbeitsplan.',
    'Individueller Kommentar Gamma zum Transfer.',
  ];
  const consensusText = 'Konsens: solide Methodik, der Transfer in KMU ist noch zu vage beschrieben.';
  const minorityView = 'Minderheitsvotum: Die Machbarkeit ist höher zu bewerten als im Bericht.';

  const consensus = (token: string, id: string) =>
    t.http().get(`/api/proposals/${id}/consensus`).set(auth(token));
  const act = (token: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/proposals/${id}/consensus/${action}`).set(auth(token)).send(body);
  const saveDraft = (token: string, id: string, body: Record<string, unknown>) =>
    t.http().put(`/api/proposals/${id}/consensus`).set(auth(token)).send(body);
  const nameRapporteur = (id: string, reviewerId: string) =>
    t.http().put(`/api/proposals/${id}/consensus/rapporteur`).set(auth(t.officeToken)).send({ reviewerId });
  const state = async (id: string) =>
    (await t.http().get(`/api/proposals/${id}`).set(auth(t.officeToken))).body.state as string;

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t, { consensus: true, consensusPeriodDays: 7 })).id;
    applicant = await registerApplicant(t);
    reviewers = await createReviewers(t, 3);
    stranger = (await createReviewers(t, 1, 'Anderswo AG'))[0];
    chair = await createUser(t, { roles: ['steering'], chair: true, organisation: 'Stadtwerke' });
    p1 = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, title: 'Erster Antrag' });
    p2 = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, title: 'Zweiter Antrag' });
    // P1: 4, 5, 4.5 on every criterion → means 4.5, total 4.5. P2: 4 everywhere → total 4.
    await seedReviews(
      t,
      p1,
      [4, 5, 4.5].map((v, i) => ({
        reviewer: reviewers[i],
        scores: fullScores(v),
        commentToApplicant: comments[i],
      })),
    );
    await seedReviews(
      t,
      p2,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4), commentToApplicant: 'Gut.' })),
    );
  });

  afterAll(async () => t?.close());

  it('the last review moves the proposal to in_consensus, with a draft pre-filled from the reviews', async () => {
    expect(await state(p1)).toBe('in_consensus');
    const res = await consensus(t.officeToken, p1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'drafting', rapporteurId: null, prefilled: true, round: 1 });
    expect(res.body.scores).toEqual(fullScores(4.5));
    expect(res.body.means).toEqual(fullScores(4.5));
    for (const c of comments) expect(res.body.commentToApplicant).toContain(c);
    expect(res.body.allowedActions).toEqual(['name-rapporteur']);
    // Applicant and steering may never (403 by role); a reviewer of another proposal gets 404.
    expect((await consensus(applicant.token, p1)).status).toBe(403);
    expect((await consensus(chair.token, p1)).status).toBe(403);
    expect((await consensus(stranger.token, p1)).status).toBe(404);
  });

  it('names only a reviewer of the round as rapporteur; only the rapporteur drafts, on scale and step', async () => {
    const wrong = await nameRapporteur(p1, stranger.id);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('reviewerId');
    expect((await nameRapporteur(p1, reviewers[0].id)).status).toBe(200);
    const notRapporteur = await saveDraft(reviewers[1].token, p1, {
      scores: fullScores(3),
      commentToApplicant: 'x',
    });
    expect(notRapporteur.status).toBe(403);
    const offStep = await saveDraft(reviewers[0].token, p1, {
      scores: { ...fullScores(3.5), innovation: 3.25, transfer: 9 },
      commentToApplicant: consensusText,
    });
    expect(offStep.status).toBe(400);
    expect(offStep.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'scores.innovation',
      'scores.transfer',
    ]);
    const saved = await saveDraft(reviewers[0].token, p1, {
      scores: fullScores(3.5),
      commentToApplicant: consensusText,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      prefilled: false,
      scores: fullScores(3.5),
      commentToApplicant: consensusText,
    });
    expect(saved.body.allowedActions).toEqual(['edit', 'submit']);
  });

  it('submits for signature; one agrees, one dissents with a minority view; then it is final', async () => {
    const submitted = await act(reviewers[0].token, p1, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('signing');
    // The office cannot close before consensusPeriodDays.
    const early = await act(t.officeToken, p1, 'close');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('consensus-period-running');
    expect((await act(reviewers[0].token, p1, 'sign', { agree: true })).status).toBe(403);
    expect((await act(reviewers[1].token, p1, 'sign', { agree: true })).status).toBe(200);
    expect(await state(p1)).toBe('in_consensus');
    const noView = await act(reviewers[2].token, p1, 'sign', { agree: false });
    expect(noView.status).toBe(400);
    expect(noView.body.errors[0].field).toBe('minorityView');
    const dissent = await act(reviewers[2].token, p1, 'sign', { agree: false, minorityView });
    expect(dissent.status).toBe(200);
    expect(dissent.body.state).toBe('final');
    expect(dissent.body.members.map((m: { agree: boolean | null }) => m.agree)).toEqual([null, true, false]);
    expect(await state(p1)).toBe('awaiting_decision');
  });

  it('the office closes a report after consensusPeriodDays even when someone has not answered', async () => {
    expect((await nameRapporteur(p2, reviewers[1].id)).status).toBe(200);
    const draft = (await consensus(reviewers[1].token, p2)).body;
    expect(draft.scores).toEqual(fullScores(4));
    expect(
      (await saveDraft(reviewers[1].token, p2, { scores: draft.scores, commentToApplicant: 'Gute Arbeit.' }))
        .status,
    ).toBe(200);
    expect((await act(reviewers[1].token, p2, 'submit')).status).toBe(200);
    expect((await act(reviewers[0].token, p2, 'sign', { agree: true })).status).toBe(200);
    expect((await act(t.officeToken, p2, 'close')).status).toBe(409);
    await t.dataSource.query(
      `UPDATE consensus_reports SET submitted_at = now() - interval '8 days' WHERE proposal_id = $1`,
      [p2],
    );
    const closed = await act(t.officeToken, p2, 'close');
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('final');
    expect(await state(p2)).toBe('awaiting_decision');
  });

  it('the consensus scores rank: P1 (means 4.5, consensus 3.5) now comes after P2 (4)', async () => {
    const ranking = await t.http().get(`/api/calls/${callId}/ranking`).set(auth(t.officeToken));
    expect(ranking.status).toBe(200);
    expect(
      ranking.body.rows.map((r: { proposalId: string; total: number }) => [r.proposalId, r.total]),
    ).toEqual([
      [p2, 4],
      [p1, 3.5],
    ]);
    const scores = await t.http().get(`/api/proposals/${p1}/scores`).set(auth(t.officeToken));
    expect(scores.body).toMatchObject({ consensus: true, total: 3.5, reviewCount: 3 });
    expect(scores.body.criteria.innovation).toMatchObject({ mean: 3.5, min: 4, max: 5, spread: 1 });
  });

  it("the applicant's decision carries the consensus text and the minority view, no comment and no name", async () => {
    expect(
      (await t.http().put(`/api/proposals/${p1}/vote`).set(auth(chair.token)).send({ vote: 'approve' }))
        .status,
    ).toBe(200);
    const decided = await t
      .http()
      .post(`/api/proposals/${p1}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'approved', rationale: 'Gefördert nach Konsens.', grantedFundingEur: 200000 });
    expect(decided.status).toBe(201);
    const res = await t.http().get(`/api/proposals/${p1}/decision`).set(auth(applicant.token));
    expect(res.status).toBe(200);
    expect(res.body.consensus).toEqual({
      commentToApplicant: consensusText,
      minorityViews: [minorityView],
      scores: fullScores(3.5),
    });
    expect(res.body.comments).toEqual([]);
    expect(res.body.scores.criteria.innovation.mean).toBe(3.5);
    const json = JSON.stringify(res.body);
    for (const c of comments) expect(json).not.toContain(c);
    expect(json).not.toMatch(/Gutachter \d/);
    for (const r of reviewers) {
      expect(json).not.toContain(r.email);
      expect(json).not.toContain(r.id);
    }
    // The letter PDF says the same: consensus text and minority view, no individual comment, no name.
    const pdf = await t
      .http()
      .get(`/api/proposals/${p1}/decision/letter.pdf`)
      .set(auth(applicant.token))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'beirat-consensus-')), 'letter.pdf');
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(consensusText);
    expect(text).toContain(minorityView);
    expect(text).toContain('Konsens der Gutachter*innen');
    for (const c of comments) expect(text).not.toContain(c);
    expect(text).not.toMatch(/Gutachter \d/);
    for (const r of reviewers) expect(text).not.toContain(r.email);
  });

  it('the office closing review early starts the consensus too (in_consensus, not awaiting_decision)', async () => {
    const p3 = await eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      title: 'Dritter Antrag',
    });
    await seedReviews(
      t,
      p3,
      [3, 5].map((v, i) => ({
        reviewer: reviewers[i],
        scores: fullScores(v),
        commentToApplicant: comments[i],
      })),
    );
    expect(await state(p3)).toBe('in_review');
    const closed = await fire(t, t.officeToken, p3, 'close-review');
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('in_consensus');
    expect(await state(p3)).toBe('in_consensus');
    // The draft is there, pre-filled with the means of the two submitted reviews.
    const report = await consensus(t.officeToken, p3);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ state: 'drafting', prefilled: true, round: 1 });
    expect(report.body.scores).toEqual(fullScores(4));
    const history = await t.http().get(`/api/proposals/${p3}/history`).set(auth(t.officeToken));
    expect(history.body.at(-1)).toMatchObject({
      action: 'close-review-to-consensus',
      fromState: 'in_review',
      toState: 'in_consensus',
    });
  });
});
