import {
  auth,
  createDraft,
  createOpenCall,
  fire,
  png,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Every problem+json body names its code, the code's parameters and the type derived from the code. */
describe('problem codes in API answers', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t);
  });
  afterAll(() => t.close());

  it('a guard refusal carries its code, parameters and the workflow members', async () => {
    const draft = await createDraft(t, applicant, callId);
    const refused = await fire(t, applicant.token, draft.id, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: '/problems/proposal-incomplete',
      code: 'proposal-incomplete',
      params: { missing: ['pdf'] },
      state: 'draft',
      version: draft.version,
    });
    expect(refused.body.detail).toContain('PDF');

    const stale = await fire(t, applicant.token, draft.id, 'submit', { expectedVersion: draft.version + 5 });
    expect(stale.body).toMatchObject({ code: 'stale-version', params: { version: draft.version } });
  });

  it('files, validation, unknown ids and unknown routes have codes too', async () => {
    const draft = await createDraft(t, applicant, callId);
    const notPdf = await uploadPdf(t, applicant.token, draft.id, png());
    expect(notPdf.status).toBe(415);
    expect(notPdf.body).toMatchObject({ code: 'not-a-pdf', type: '/problems/not-a-pdf', params: {} });

    const invalid = await t
      .http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(applicant.token))
      .send({ bogus: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid-input');
    expect(invalid.body.errors.length).toBeGreaterThan(0);

    const unknownId = await t.http().get('/api/proposals/not-a-uuid').set(auth(applicant.token));
    expect(unknownId.body).toMatchObject({ status: 404, code: 'not-found', type: '/problems/not-found' });

    const unknownRoute = await t.http().get('/api/nothing-here').set(auth(applicant.token));
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toMatchObject({ code: 'not-found', params: {} });

    const signedOut = await t.http().get('/api/proposals');
    expect(signedOut.body).toMatchObject({ status: 401, code: 'not-signed-in' });
  });
});
