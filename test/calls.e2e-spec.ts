import { startTestApp, TestApp } from './support/test-app';
import { auth, createUser, registerApplicant } from './support/factories';

describe('calls and their rubric', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const draftCall = async (extra: Record<string, unknown> = {}) => {
    const now = Date.now();
    return t
      .http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Ausschreibung',
        topics: ['battery', 'software'],
        opensAt: new Date(now - 60_000).toISOString(),
        submissionDeadline: new Date(now + 86_400_000).toISOString(),
        ...extra,
      });
  };

  it('creates a draft with the default rubric of docs/CONTRACT.md §2', async () => {
    const res = await draftCall();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'draft', reviewsPerProposal: 3, minReviews: 2, version: 1 });
    expect(res.body.rubric.criteria.map((c: { key: string; weight: number }) => [c.key, c.weight])).toEqual([
      ['scientific_quality', 0.3],
      ['innovation', 0.25],
      ['feasibility', 0.2],
      ['transfer', 0.15],
      ['sme_benefit', 0.1],
    ]);
    expect(res.body.rubric).toMatchObject({ overallThreshold: 3.5, disagreementDelta: 2 });
  });

  it('refuses rules that span fields, one error per field', async () => {
    const res = await draftCall({
      minReviews: 4,
      reviewsPerProposal: 3,
      submissionDeadline: new Date(Date.now() - 120_000).toISOString(),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'minReviews',
      'submissionDeadline',
    ]);
  });

  it('edits a draft partially, refuses unknown fields and stale versions, and fixes the rubric once open', async () => {
    const call = (await draftCall()).body;
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/calls/${call.id}`).set(auth(t.officeToken)).send(body);

    const renamed = await patch({ title: 'Neuer Titel', expectedVersion: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Neuer Titel', version: 2, topics: ['battery', 'software'] });
    expect((await patch({ title: 'Alt', expectedVersion: 1 })).status).toBe(409);
    expect((await patch({ colour: 'blue' })).status).toBe(400);
    expect((await patch({ reviewsPerProposal: 11 })).status).toBe(400);

    expect((await t.http().post(`/api/calls/${call.id}/open`).set(auth(t.officeToken))).status).toBe(200);
    const rubric = { ...renamed.body.rubric, overallThreshold: 3 };
    const fixed = await patch({ rubric });
    expect(fixed.status).toBe(409);
    expect(fixed.body.detail).toContain('rubric');
    expect((await patch({ description: 'Mehr Text' })).status).toBe(200);
  });

  it('hides drafts from everyone but the office and lets only the office change calls', async () => {
    const call = (await draftCall()).body;
    const applicant = await registerApplicant(t);
    const reviewer = await createUser(t, { roles: ['reviewer'] });
    expect((await t.http().get(`/api/calls/${call.id}`).set(auth(applicant.token))).status).toBe(404);
    expect((await t.http().get(`/api/calls/${call.id}`).set(auth(t.officeToken))).status).toBe(200);
    expect(
      (await t.http().patch(`/api/calls/${call.id}`).set(auth(reviewer.token)).send({ title: 'x' })).status,
    ).toBe(403);
    const listed = await t.http().get('/api/calls').set(auth(applicant.token));
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });
});
