import { PDFDocument } from 'pdf-lib';
import {
  assigned,
  assignmentAction,
  auth,
  COMPLETE_PROPOSAL,
  createUser,
  fire,
  registerApplicant,
  saveReview,
  TestUser,
  uploadPdf,
} from './support/factories';
import { awaitingDecision, defaultScores as s } from './support/seed-reviews';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;

/** A real PDF of `pages` pages (the server counts them with pdf-lib). */
async function pagesPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

describe('a two-stage call: outline, invitation, full proposal (issue 15)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let callId: string;
  let invitedApplicant: TestUser;
  let otherApplicant: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let member: TestUser;
  let invitedId: string;
  let otherId: string;

  const http = () => t.http();
  const get = (token: string, id: string, path = '') =>
    http().get(`/api/proposals/${id}${path}`).set(auth(token));
  const vote = (token: string, id: string, v: string) =>
    http().put(`/api/proposals/${id}/vote`).set(auth(token)).send({ vote: v });
  const decide = (id: string, body: Record<string, unknown>) =>
    http().post(`/api/proposals/${id}/decision`).set(auth(chair.token)).send(body);
  const outline = { ...COMPLETE_PROPOSAL, requestedFundingEur: 120000 };
  const reviewsBy = (who: TestUser[], tag: string, score: number) =>
    who.map((reviewer, i) => ({
      reviewer,
      scores: s(score, score, score, score, score),
      commentToApplicant: `${tag}: Hinweis ${i + 1}.`,
    }));
  // The outline rubric: two criteria of its own, weighted 3 : 1 (the full stage keeps the default rubric).
  const criterion = (key: string, weight: number) => ({
    key,
    label: { de: key, en: key },
    weight,
    min: 0,
    max: 5,
    step: 0.5,
    threshold: 3,
  });
  const outlineRubric = {
    criteria: [criterion('relevance', 0.75), criterion('approach', 0.25)],
    overallThreshold: 3,
    disagreementDelta: 2,
  };
  const outlineReviewsBy = (who: TestUser[], tag: string, relevance: number, approach: number) =>
    who.map((reviewer, i) => ({
      reviewer,
      scores: { relevance, approach },
      commentToApplicant: `${tag}: Hinweis ${i + 1}.`,
    }));

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    const now = Date.now();
    const created = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Zweistufig 2031',
        topics: ['battery', 'lightweight'],
        opensAt: new Date(now - 60_000).toISOString(),
        procedure: 'two-stage',
        outlineDeadline: new Date(now + DAY_MS).toISOString(),
        fullProposalDeadline: new Date(now + 30 * DAY_MS).toISOString(),
        outlineReviews: 2,
        reviewsPerProposal: 3,
        minReviews: 2,
        outlineRubric,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      procedure: 'two-stage',
      outlineReviews: 2,
      outlineRubric,
      // The call closes by itself at the full proposal deadline (today's call-deadline job).
      submissionDeadline: created.body.fullProposalDeadline,
    });
    callId = created.body.id;
    expect((await http().post(`/api/calls/${callId}/open`).set(auth(t.officeToken))).status).toBe(200);
    invitedApplicant = await registerApplicant(t, 'Zulieferer GmbH');
    otherApplicant = await createUser(t, { roles: ['applicant'], name: 'Zweite', organisation: 'Andere AG' });
    reviewers = [];
    for (const name of ['Erika Gutachterin', 'Hans Gutachter', 'Ines Prüferin']) {
      reviewers.push(await createUser(t, { roles: ['reviewer'], name, organisation: 'Beirat' }));
    }
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz' });
    member = await createUser(t, { roles: ['steering'], name: 'Mitglied' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('writes outlines: abstract ≤ 2,000, one PDF of ≤ 5 pages counted by pdf-lib', async () => {
    const draft = await http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(invitedApplicant.token))
      .send(outline);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ stage: 'outline', round: 0, state: 'draft' });
    invitedId = draft.body.id;

    const long = await http()
      .patch(`/api/proposals/${invitedId}`)
      .set(auth(invitedApplicant.token))
      .send({ abstract: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ field: 'abstract', messages: [expect.stringMatching(/2000/)] }]);

    const six = await uploadPdf(t, invitedApplicant.token, invitedId, await pagesPdf(6), 'skizze.pdf');
    expect(six.status).toBe(400);
    expect(six.body).toMatchObject({ type: '/problems/outline-pdf-limit', errors: [{ field: 'file' }] });
    expect(
      (await uploadPdf(t, invitedApplicant.token, invitedId, await pagesPdf(5), 'skizze.pdf')).status,
    ).toBe(201);
    const second = await uploadPdf(t, invitedApplicant.token, invitedId, await pagesPdf(1), 'zwei.pdf');
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([{ field: 'file', messages: ['one PDF only'] }]);
  });

  it('takes outlines before outlineDeadline and refuses them after it', async () => {
    expect((await fire(t, invitedApplicant.token, invitedId, 'submit')).status).toBe(200);
    const late = await http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(otherApplicant.token))
      .send(outline);
    otherId = late.body.id;
    expect((await uploadPdf(t, otherApplicant.token, otherId, await pagesPdf(2))).status).toBe(201);
    await t.dataSource.query(
      `UPDATE calls SET outline_deadline = now() - interval '1 second' WHERE id = $1`,
      [callId],
    );
    const refused = await fire(t, otherApplicant.token, otherId, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: '/problems/deadline-passed',
      detail: expect.stringMatching(/outline/),
    });
    // New outlines are refused after the outline deadline too.
    const fresh = await http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(otherApplicant.token))
      .send(outline);
    expect(fresh.status).toBe(409);
    // For the rest of the test the second outline is submitted in time (deadline back in the future;
    // should the deadline job have closed the outline stage in that second, it is opened again).
    await t.dataSource.query(`UPDATE calls SET outline_deadline = now() + interval '1 day' WHERE id = $1`, [
      callId,
    ]);
    await t.dataSource.query('UPDATE calls SET outline_closed_at = NULL WHERE id = $1', [callId]);
    expect((await fire(t, otherApplicant.token, otherId, 'submit')).status).toBe(200);
  });

  it('keeps the outline rubric fixed once the call is open; a single-stage call has none', async () => {
    const changed = await http()
      .patch(`/api/calls/${callId}`)
      .set(auth(t.officeToken))
      .send({ outlineRubric: { ...outlineRubric, overallThreshold: 2 } });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ type: '/problems/fixed-once-open' });
    expect(changed.body.detail).toContain('outlineRubric');
    const bad = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Falsches Schema',
        topics: ['battery'],
        opensAt: new Date().toISOString(),
        procedure: 'two-stage',
        outlineDeadline: new Date(Date.now() + DAY_MS).toISOString(),
        fullProposalDeadline: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        outlineRubric: { ...outlineRubric, criteria: [{ ...criterion('relevance', 1), threshold: 9 }] },
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'outlineRubric.criteria.0.threshold', messages: [expect.any(String)] }]);
    const single = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Einstufig',
        topics: ['battery'],
        opensAt: new Date().toISOString(),
        submissionDeadline: new Date(Date.now() + DAY_MS).toISOString(),
        outlineRubric,
      });
    expect(single.status).toBe(201);
    expect(single.body.outlineRubric).toBeNull();
  });

  it('scores outline reviews on the outline rubric (a full-stage criterion is 400 at the field)', async () => {
    for (const id of [invitedId, otherId])
      expect((await fire(t, t.officeToken, id, 'screen-eligible')).status).toBe(200);
    const assignmentId = await assigned(t, invitedId, reviewers[0].id);
    expect((await assignmentAction(t, reviewers[0].token, assignmentId, 'accept')).status).toBe(200);
    const wrong = await saveReview(t, reviewers[0].token, assignmentId, { scores: s(4, 4, 4, 4, 4) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([{ field: 'scores.scientific_quality', messages: [expect.any(String)] }]),
    );
    // Half a rubric is refused at submit, naming the missing outline criterion.
    expect((await saveReview(t, reviewers[0].token, assignmentId, { scores: { relevance: 4 } })).status).toBe(200);
    const half = await assignmentAction(t, reviewers[0].token, assignmentId, 'review/submit');
    expect(half.status).not.toBe(200);
    expect(JSON.stringify(half.body)).toContain('approach');
    const full = await saveReview(t, reviewers[0].token, assignmentId, {
      scores: { relevance: 5, approach: 1 },
      commentToApplicant: 'Skizze: Hinweis 0.',
    });
    expect(full.status).toBe(200);
    expect(full.body.scores).toEqual({ relevance: 5, approach: 1 });
    expect((await assignmentAction(t, reviewers[0].token, assignmentId, 'review/submit')).status).toBe(200);
  });

  it('reviews an outline with outlineReviews (2) members; votes approve = invite; revise is refused', async () => {
    // Weighted on the outline rubric: (0.75 × 5 + 0.25 × 1) / 1 = 4.
    // The first reviewer's review is in (above); the second one completes k = 2.
    await awaitingDecision(t, invitedId, outlineReviewsBy(reviewers.slice(1, 2), 'Skizze', 5, 1));
    // The second review completed the outline's review without the office closing it: k = 2.
    const audit = await get(t.officeToken, invitedId, '/history');
    expect(audit.body.map((h: { action: string }) => h.action)).toContain('complete-review');
    expect((await get(t.officeToken, invitedId)).body).toMatchObject({
      state: 'awaiting_decision',
      stage: 'outline',
    });

    const revise = await vote(member.token, invitedId, 'revise');
    expect(revise.status).toBe(400);
    expect(revise.body.errors).toEqual([{ field: 'vote', messages: [expect.any(String)] }]);
    expect((await vote(member.token, invitedId, 'approve')).status).toBe(200);
    const tally = await vote(chair.token, invitedId, 'approve');
    expect(tally.body).toMatchObject({ proposedOutcome: 'invited', round: 0 });

    const wrong = await decide(invitedId, { outcome: 'approved', rationale: '', grantedFundingEur: 1 });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      type: '/problems/outcome-not-for-stage',
      errors: [{ field: 'outcome' }],
    });
    const invited = await decide(invitedId, { outcome: 'invited', rationale: 'Vielversprechend.' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ round: 0, outcome: 'invited' });

    const now = await get(invitedApplicant.token, invitedId);
    expect(now.body).toMatchObject({ state: 'draft', stage: 'full', round: 1 });
    expect(now.body.allowedEvents).toEqual(expect.arrayContaining(['submit', 'withdraw']));
    const mail = await sink.waitFor(
      () => sink.to(invitedApplicant.email).some((m) => /eingeladen, einen Vollantrag/.test(m.text)),
      20_000,
      'the invitation to the full stage',
    );
    expect(mail.length).toBeGreaterThan(0);
    const letter = sink.to(invitedApplicant.email).find((m) => /Vollantrag/.test(m.text))!;
    expect(letter.text).toContain('Skizze: Hinweis 1.');
  });

  it('refuses the not-invited outline and mails its letter with the comments', async () => {
    await awaitingDecision(t, otherId, outlineReviewsBy(reviewers.slice(1, 3), 'Abgelehnt', 2, 2));
    await vote(member.token, otherId, 'reject');
    await vote(chair.token, otherId, 'reject');
    const res = await decide(otherId, { outcome: 'not_invited', rationale: 'Nicht passend.' });
    expect(res.status).toBe(201);
    expect((await get(otherApplicant.token, otherId)).body).toMatchObject({
      state: 'not_invited',
      stage: 'outline',
    });
    expect((await fire(t, otherApplicant.token, otherId, 'submit')).status).toBe(409);
    await sink.waitFor(
      () => sink.to(otherApplicant.email).some((m) => /nicht zum Vollantrag eingeladen/.test(m.text)),
      20_000,
      'the not-invited letter',
    );
    const letter = sink.to(otherApplicant.email).find((m) => /nicht zum Vollantrag/.test(m.text))!;
    expect(letter.text).toContain('Abgelehnt: Hinweis 1.');
    expect(letter.text).toContain('Nicht passend.');
  });

  it('takes the full proposal before fullProposalDeadline; review, votes and decision of the full stage', async () => {
    const edited = await http()
      .patch(`/api/proposals/${invitedId}`)
      .set(auth(invitedApplicant.token))
      .send({ abstract: 'Vollantrag: '.padEnd(3000, 'y') });
    // The full stage has the full abstract limit (5,000).
    expect(edited.status).toBe(200);
    await t.dataSource.query(
      `UPDATE calls SET full_proposal_deadline = now() - interval '1 second' WHERE id = $1`,
      [callId],
    );
    const late = await fire(t, invitedApplicant.token, invitedId, 'submit');
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('/problems/deadline-passed');
    await t.dataSource.query(
      `UPDATE calls SET full_proposal_deadline = now() + interval '1 day' WHERE id = $1`,
      [callId],
    );
    const submitted = await fire(t, invitedApplicant.token, invitedId, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', stage: 'full', round: 1 });
    expect((await fire(t, t.officeToken, invitedId, 'screen-eligible')).status).toBe(200);
    await awaitingDecision(t, invitedId, reviewsBy(reviewers, 'Voll', 4.5));
    expect((await get(t.officeToken, invitedId)).body.state).toBe('awaiting_decision');
    await vote(member.token, invitedId, 'approve');
    const tally = await vote(chair.token, invitedId, 'approve');
    expect(tally.body).toMatchObject({ proposedOutcome: 'approved', round: 1 });
    const wrong = await decide(invitedId, { outcome: 'invited', rationale: '' });
    expect(wrong.status).toBe(400);
    const approved = await decide(invitedId, {
      outcome: 'approved',
      rationale: 'Gut.',
      grantedFundingEur: 100000,
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ round: 1, outcome: 'approved' });
  });

  it('reads each stage with ?stage= and shows both stages in the history, in order', async () => {
    const outlineScores = await get(t.officeToken, invitedId, '/scores?stage=outline');
    expect(outlineScores.body).toMatchObject({ round: 0, reviewCount: 2, total: 4 });
    // On the outline rubric's criteria (an equal-weight mean would be 3).
    expect(Object.keys(outlineScores.body.criteria)).toEqual(['relevance', 'approach']);
    expect(outlineScores.body.criteria.relevance).toMatchObject({ mean: 5, spread: 0 });
    const fullScores = await get(t.officeToken, invitedId, '/scores?stage=full');
    expect(fullScores.body).toMatchObject({ round: 1, reviewCount: 3, total: 4.5 });
    expect((await get(t.officeToken, invitedId, '/votes?stage=outline')).body).toMatchObject({
      round: 0,
      tally: { approve: 2 },
      decided: true,
    });
    expect((await get(invitedApplicant.token, invitedId, '/decision?stage=outline')).body).toMatchObject({
      round: 0,
      outcome: 'invited',
    });
    expect((await get(invitedApplicant.token, invitedId, '/decision?stage=full')).body).toMatchObject({
      round: 1,
      outcome: 'approved',
      grantedFundingEur: 100000,
    });
    const outlineReviews = await get(t.officeToken, invitedId, '/reviews?stage=outline');
    expect(outlineReviews.body.map((r: { round: number }) => r.round)).toEqual([0, 0]);
    expect(outlineReviews.body[0].scores).toEqual({ relevance: 5, approach: 1 });
    const fullReviews = await get(t.officeToken, invitedId, '/reviews?stage=full');
    expect(fullReviews.body.map((r: { round: number }) => r.round)).toEqual([1, 1, 1]);
    // A stage the proposal never had is unknown.
    expect((await get(t.officeToken, otherId, '/scores?stage=full')).status).toBe(404);

    const history = await get(invitedApplicant.token, invitedId, '/history');
    const transitions = history.body
      .filter((h: { toState: string | null; fromState: string | null }) => h.fromState !== null)
      .map((h: { action: string }) => h.action);
    expect(transitions).toEqual([
      'submit',
      'screen-eligible',
      'start-review',
      'complete-review',
      'invite',
      'submit',
      'screen-eligible',
      'start-review',
      'complete-review',
      'approve',
    ]);
    const invite = history.body.find((h: { action: string }) => h.action === 'invite');
    expect(invite).toMatchObject({
      fromState: 'awaiting_decision',
      toState: 'draft',
      data: { round: 0, stage: 'outline' },
    });
  });

  it('ranks each stage on its own: ?stage=outline|full (default full), JSON and CSV', async () => {
    const ranking = (query: string, token = t.officeToken) =>
      http().get(`/api/calls/${callId}/ranking${query}`).set(auth(token));
    // Default: the full stage only — the not-invited outline is never ranked with full proposals.
    const full = await ranking('');
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      stage: 'full',
      criteria: ['scientific_quality', 'innovation', 'feasibility', 'transfer', 'sme_benefit'],
    });
    expect(full.body.rows.map((r: { proposalId: string }) => r.proposalId)).toEqual([invitedId]);
    expect(full.body.rows[0]).toMatchObject({ stage: 'full', round: 1, total: 4.5, state: 'approved' });
    expect((await ranking('?stage=full')).body).toEqual(full.body);

    // The outline stage: both outlines (the invited one as it stood at its outline decision), round 0,
    // on the outline rubric, with the outline votes.
    const outlines = await ranking('?stage=outline', chair.token);
    expect(outlines.status).toBe(200);
    expect(outlines.body).toMatchObject({ stage: 'outline', criteria: ['relevance', 'approach'] });
    expect(outlines.body.rows).toMatchObject([
      { rank: 1, proposalId: invitedId, stage: 'outline', round: 0, state: 'invited', total: 4, votes: { approve: 2 } },
      { rank: 2, proposalId: otherId, stage: 'outline', round: 0, state: 'not_invited', total: 2, votes: { reject: 2 } },
    ]);
    expect(outlines.body.rows[0].criteria).toEqual({
      relevance: { mean: 5, spread: 0 },
      approach: { mean: 1, spread: 0 },
    });

    const csv = await ranking('?stage=outline').set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    const [header, ...lines] = csv.text.trim().split(/\r?\n/);
    expect(header).toContain('relevance_mean,relevance_spread,approach_mean,approach_spread');
    expect(header).not.toContain('scientific_quality');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(invitedId);
    expect(lines[1]).toContain(otherId);
    expect(csv.headers['content-disposition']).toContain('-outline.csv');
    const fullCsv = await ranking('').set('Accept', 'text/csv');
    expect(fullCsv.text.trim().split(/\r?\n/)).toHaveLength(2);

    const bogus = await ranking('?stage=skizze');
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors).toEqual([{ field: 'stage', messages: [expect.any(String)] }]);
  });

  it('has no outline ranking for a single-stage call (404)', async () => {
    const single = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Einstufig 2',
        topics: ['battery'],
        opensAt: new Date().toISOString(),
        submissionDeadline: new Date(Date.now() + DAY_MS).toISOString(),
      });
    expect((await http().post(`/api/calls/${single.body.id}/open`).set(auth(t.officeToken))).status).toBe(200);
    const res = await http().get(`/api/calls/${single.body.id}/ranking?stage=outline`).set(auth(t.officeToken));
    expect(res.status).toBe(404);
    const full = await http().get(`/api/calls/${single.body.id}/ranking`).set(auth(t.officeToken));
    expect(full.body).toMatchObject({ stage: 'full', rows: [] });
  });

  it('closes the outline stage by itself at outlineDeadline (the deadline job), not only at submit', async () => {
    const deadline = new Date(Date.now() + 3_000);
    const created = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Skizzenfrist läuft ab',
        topics: ['battery', 'lightweight'],
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        procedure: 'two-stage',
        outlineDeadline: deadline.toISOString(),
        fullProposalDeadline: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      });
    expect(created.status).toBe(201);
    expect(created.body.outlineClosedAt).toBeNull();
    const closing = created.body.id as string;
    expect((await http().post(`/api/calls/${closing}/open`).set(auth(t.officeToken))).status).toBe(200);
    const draft = await http().post(`/api/calls/${closing}/proposals`).set(auth(otherApplicant.token)).send(outline);
    expect(draft.status).toBe(201);
    expect((await uploadPdf(t, otherApplicant.token, draft.body.id, await pagesPdf(1))).status).toBe(201);

    // Wait on the condition: the job has closed the outline stage (the sweep plans it to the second).
    const call = () => http().get(`/api/calls/${closing}`).set(auth(t.officeToken));
    const until = deadline.getTime() + 30_000;
    let closedAt: string | null = null;
    while (closedAt === null) {
      if (Date.now() > until) throw new Error('the outline stage did not close by itself');
      closedAt = (await call()).body.outlineClosedAt;
      if (closedAt === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(Date.parse(closedAt)).toBeGreaterThanOrEqual(deadline.getTime());
    expect((await call()).body.state).toBe('open');
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, data FROM audit_events WHERE entity_id = $1 AND action = 'close-outlines'`,
      [closing],
    );
    expect(audit).toMatchObject({ actor_id: null, data: { outlineDeadline: deadline.toISOString() } });

    // The job's doing, not the clock at submit: with the deadline moved later behind the job's back,
    // the draft still cannot be submitted and no new outline is taken.
    await t.dataSource.query(`UPDATE calls SET outline_deadline = now() + interval '1 day' WHERE id = $1`, [
      closing,
    ]);
    const refused = await fire(t, otherApplicant.token, draft.body.id, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/deadline-passed');
    const fresh = await http().post(`/api/calls/${closing}/proposals`).set(auth(otherApplicant.token)).send(outline);
    expect(fresh.status).toBe(409);
    expect(fresh.body.type).toBe('/problems/call-not-accepting');

    // The office moving the outline deadline later opens the outline stage again.
    const moved = await http()
      .patch(`/api/calls/${closing}`)
      .set(auth(t.officeToken))
      .send({ outlineDeadline: new Date(Date.now() + 2 * DAY_MS).toISOString() });
    expect(moved.status).toBe(200);
    expect(moved.body.outlineClosedAt).toBeNull();
    expect((await fire(t, otherApplicant.token, draft.body.id, 'submit')).status).toBe(200);
  }, 60_000);

  it('auto-assigns outlines with outlineReviews and full proposals with reviewsPerProposal in one run', async () => {
    const created = await http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Gemischte Zuteilung',
        topics: ['battery', 'lightweight'],
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        procedure: 'two-stage',
        outlineDeadline: new Date(Date.now() + DAY_MS).toISOString(),
        fullProposalDeadline: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        outlineReviews: 1,
        reviewsPerProposal: 3,
        minReviews: 1,
      });
    expect(created.status).toBe(201);
    const mixed = created.body.id as string;
    expect((await http().post(`/api/calls/${mixed}/open`).set(auth(t.officeToken))).status).toBe(200);
    const ids: string[] = [];
    for (const applicant of [invitedApplicant, otherApplicant]) {
      const draft = await http().post(`/api/calls/${mixed}/proposals`).set(auth(applicant.token)).send(outline);
      expect(draft.status).toBe(201);
      expect((await uploadPdf(t, applicant.token, draft.body.id, await pagesPdf(1))).status).toBe(201);
      expect((await fire(t, applicant.token, draft.body.id, 'submit')).status).toBe(200);
      expect((await fire(t, t.officeToken, draft.body.id, 'screen-eligible')).status).toBe(200);
      ids.push(draft.body.id);
    }
    const [outlineId, fullId] = ids;
    // Set-up shortcut: the second one stands for a full proposal of the same call, screened and
    // waiting for reviewers (the invitation path itself is covered above).
    await t.dataSource.query(`UPDATE proposals SET stage = 'full', round = 1 WHERE id = $1`, [fullId]);

    const autoAssign = (body: Record<string, unknown>) =>
      http().post(`/api/calls/${mixed}/auto-assign`).set(auth(t.officeToken)).send(body);
    const preview = await autoAssign({ dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ needed: 4, filled: 4, short: [] });
    const per = (id: string) => preview.body.pairs.filter((p: { proposalId: string }) => p.proposalId === id).length;
    expect([per(outlineId), per(fullId)]).toEqual([1, 3]);

    const committed = await autoAssign({ dryRun: false, fingerprint: preview.body.fingerprint });
    expect(committed.status).toBe(200);
    const rows: { proposal_id: string; round: number; n: number }[] = await t.dataSource.query(
      `SELECT proposal_id, round, count(*)::int AS n FROM assignments WHERE proposal_id = ANY($1::uuid[])
        GROUP BY proposal_id, round ORDER BY round`,
      [ids],
    );
    expect(rows).toEqual([
      { proposal_id: outlineId, round: 0, n: 1 },
      { proposal_id: fullId, round: 1, n: 3 },
    ]);
    // Nothing left to do: each proposal has its stage's k.
    expect((await autoAssign({ dryRun: true })).body).toMatchObject({ needed: 0, filled: 0 });
  });
});
