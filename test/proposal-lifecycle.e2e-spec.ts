import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  fire,
  pdf,
  png,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';

describe('proposal lifecycle (register → draft → upload → submit → screen → withdraw)', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t);
  });
  afterAll(() => t.close());

  it('walks a proposal from draft to eligible and keeps a history of it', async () => {
    const draft = await createDraft(t, applicant, callId);
    expect(draft).toMatchObject({
      state: 'draft',
      round: 1,
      version: 1,
      callId,
      title: COMPLETE_PROPOSAL.title,
    });

    const refused = await fire(t, applicant.token, draft.id, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain('PDF');
    expect(refused.body.state).toBe('draft');
    expect(refused.body.allowedEvents).toEqual(expect.arrayContaining(['submit', 'withdraw']));

    const disguised = await uploadPdf(t, applicant.token, draft.id, png(), 'bild.pdf');
    expect(disguised.status).toBe(415);

    const huge = await uploadPdf(t, applicant.token, draft.id, pdf(21 * 1024 * 1024), 'gross.pdf');
    expect(huge.status).toBe(413);

    const upload = await uploadPdf(t, applicant.token, draft.id, pdf(4096), 'antrag.pdf');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ filename: 'antrag.pdf', sizeBytes: 4096 });
    expect(upload.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = await t
      .http()
      .get(`/api/proposals/${draft.id}/attachments/${upload.body.id}`)
      .set(auth(applicant.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((download.body as Buffer).equals(pdf(4096))).toBe(true);

    const submitted = await fire(t, applicant.token, draft.id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', round: 1 });
    expect(submitted.body.submittedAt).toEqual(expect.any(String));

    const noReason = await fire(t, t.officeToken, draft.id, 'screen-ineligible');
    expect(noReason.status).toBe(400);

    const screened = await fire(t, t.officeToken, draft.id, 'screen-eligible');
    expect(screened.status).toBe(200);
    expect(screened.body.state).toBe('eligible');

    const history = await t.http().get(`/api/proposals/${draft.id}/history`).set(auth(applicant.token));
    expect(history.status).toBe(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'attach',
      'submit',
      'screen-eligible',
    ]);
    expect(history.body[2]).toMatchObject({
      actorId: applicant.id,
      fromState: 'draft',
      toState: 'submitted',
    });
  });

  it('screens a proposal ineligible with a reason', async () => {
    const draft = await createDraft(t, applicant, callId);
    await uploadPdf(t, applicant.token, draft.id);
    await fire(t, applicant.token, draft.id, 'submit');
    const res = await fire(t, t.officeToken, draft.id, 'screen-ineligible', { reason: 'Kein KMU beteiligt' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('ineligible');
    const history = await t.http().get(`/api/proposals/${draft.id}/history`).set(auth(t.officeToken));
    expect(history.body.at(-1)).toMatchObject({
      action: 'screen-ineligible',
      data: { reason: 'Kein KMU beteiligt' },
    });
  });

  it.each(['draft', 'submitted', 'eligible'])('withdraws from %s', async (state) => {
    const draft = await createDraft(t, applicant, callId);
    if (state !== 'draft') {
      await uploadPdf(t, applicant.token, draft.id);
      expect((await fire(t, applicant.token, draft.id, 'submit')).status).toBe(200);
    }
    if (state === 'eligible')
      expect((await fire(t, t.officeToken, draft.id, 'screen-eligible')).status).toBe(200);
    const res = await fire(t, applicant.token, draft.id, 'withdraw');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
    const again = await fire(t, applicant.token, draft.id, 'withdraw');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ state: 'withdrawn', allowedEvents: [] });
  });

  it('refuses a stale expectedVersion with 409 and changes nothing', async () => {
    const draft = await createDraft(t, applicant, callId);
    const edit = await t
      .http()
      .patch(`/api/proposals/${draft.id}`)
      .set(auth(applicant.token))
      .send({ title: 'Neuer Titel', expectedVersion: draft.version });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ title: 'Neuer Titel', version: draft.version + 1 });
    const stale = await t
      .http()
      .patch(`/api/proposals/${draft.id}`)
      .set(auth(applicant.token))
      .send({ title: 'Verloren', expectedVersion: draft.version });
    expect(stale.status).toBe(409);
    const now = await t.http().get(`/api/proposals/${draft.id}`).set(auth(applicant.token));
    expect(now.body.title).toBe('Neuer Titel');
  });

  it('rejects unknown fields, topics outside the call and over-long values with 400', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http().post(`/api/calls/${callId}/proposals`).set(auth(applicant.token)).send(body);
    expect((await post({ title: 'x', colour: 'blue' })).status).toBe(400);
    expect((await post({ topics: ['astrology'] })).body.errors[0].field).toBe('topics');
    expect((await post({ acronym: 'A'.repeat(21) })).status).toBe(400);
    expect((await post({ durationMonths: 61 })).status).toBe(400);
    expect((await post({ requestedFundingEur: -1 })).status).toBe(400);
    expect((await post({ topics: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
  });

  it('refuses submission after the deadline by the server clock', async () => {
    const now = Date.now();
    const late = await createOpenCall(t, {
      opensAt: new Date(now - 60_000).toISOString(),
      submissionDeadline: new Date(now + 1500).toISOString(),
    });
    const draft = await createDraft(t, applicant, late.id);
    await uploadPdf(t, applicant.token, draft.id);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const res = await fire(t, applicant.token, draft.id, 'submit');
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('deadline');
  });
});
