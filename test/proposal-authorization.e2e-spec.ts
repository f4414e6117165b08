import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  createDraft,
  createOpenCall,
  createUser,
  fire,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';

describe('who may see and change a proposal', () => {
  let t: TestApp;
  let owner: TestUser;
  let otherApplicant: TestUser;
  let reviewer: TestUser;
  let steering: TestUser;
  let draftId: string;
  let submittedId: string;
  let attachmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const call = await createOpenCall(t);
    owner = await registerApplicant(t);
    otherApplicant = await registerApplicant(t);
    reviewer = await createUser(t, { roles: ['reviewer'] });
    steering = await createUser(t, { roles: ['steering'], chair: true });
    draftId = (await createDraft(t, owner, call.id)).id;
    attachmentId = (await uploadPdf(t, owner.token, draftId)).body.id;
    submittedId = (await createDraft(t, owner, call.id)).id;
    await uploadPdf(t, owner.token, submittedId);
    expect((await fire(t, owner.token, submittedId, 'submit')).status).toBe(200);
  });
  afterAll(() => t.close());

  describe('another applicant gets 404 for everything of the owner, read and write', () => {
    const cases: Array<
      [string, (id: string) => [method: 'get' | 'patch' | 'post' | 'delete', path: string, body?: object]]
    > = [
      ['read the proposal', (id) => ['get', `/api/proposals/${id}`]],
      ['edit the proposal', (id) => ['patch', `/api/proposals/${id}`, { title: 'gekapert' }]],
      ['read the history', (id) => ['get', `/api/proposals/${id}/history`]],
      ['submit it', (id) => ['post', `/api/proposals/${id}/events/submit`, {}]],
      ['withdraw it', (id) => ['post', `/api/proposals/${id}/events/withdraw`, {}]],
      ['download the attachment', (id) => ['get', `/api/proposals/${id}/attachments/${attachmentId}`]],
      ['delete the attachment', (id) => ['delete', `/api/proposals/${id}/attachments/${attachmentId}`]],
    ];
    it.each(cases)('%s → 404', async (_name, build) => {
      const [method, path, body] = build(draftId);
      let req = t.http()[method](path).set(auth(otherApplicant.token));
      if (body) req = req.send(body);
      const res = await req;
      expect(res.status).toBe(404);
      expect(res.body.detail).not.toContain(owner.email);
    });

    it('upload a file → 404', async () => {
      const res = await uploadPdf(t, otherApplicant.token, draftId);
      expect(res.status).toBe(404);
    });

    it('does not list it, and the owner lists it', async () => {
      const others = await t.http().get('/api/proposals').set(auth(otherApplicant.token));
      expect(others.body.items.map((p: { id: string }) => p.id)).not.toContain(draftId);
      const own = await t.http().get('/api/proposals').set(auth(owner.token));
      expect(own.body.items.map((p: { id: string }) => p.id)).toEqual(
        expect.arrayContaining([draftId, submittedId]),
      );
    });

    it('an attachment id of another proposal is 404 even for the owner', async () => {
      const res = await t
        .http()
        .get(`/api/proposals/${submittedId}/attachments/${attachmentId}`)
        .set(auth(owner.token));
      expect(res.status).toBe(404);
    });

    it('unknown and malformed ids are 404 alike', async () => {
      expect(
        (await t.http().get('/api/proposals/00000000-0000-4000-8000-000000000000').set(auth(owner.token)))
          .status,
      ).toBe(404);
      expect((await t.http().get('/api/proposals/not-a-uuid').set(auth(owner.token))).status).toBe(404);
    });
  });

  describe('screening is the office’s', () => {
    it('reviewers and steering get 403 for screening, whether or not the proposal exists', async () => {
      for (const user of [reviewer, steering]) {
        expect((await fire(t, user.token, submittedId, 'screen-eligible')).status).toBe(403);
        expect((await fire(t, user.token, submittedId, 'screen-ineligible', { reason: 'x' })).status).toBe(
          403,
        );
        expect(
          (await fire(t, user.token, '00000000-0000-4000-8000-000000000000', 'screen-eligible')).status,
        ).toBe(403);
      }
      expect((await t.http().get(`/api/proposals/${submittedId}`).set(auth(reviewer.token))).status).toBe(
        404,
      );
    });

    it.each(['screen-eligible', 'screen-ineligible'])(
      '%s by reviewer and steering is 403 once they can see it',
      async (event) => {
        // A reviewer who can read the proposal (it is eligible) still may not screen: 403.
        const call = await createOpenCall(t);
        const id = (await createDraft(t, owner, call.id)).id;
        await uploadPdf(t, owner.token, id);
        await fire(t, owner.token, id, 'submit');
        await t.dataSource.query(
          `INSERT INTO assignments (proposal_id, reviewer_id, round, state, due_at) VALUES ($1, $2, 1, 'invited', now() + interval '7 days')`,
          [id, reviewer.id],
        );
        const res = await fire(t, reviewer.token, id, event, { reason: 'x' });
        expect(res.status).toBe(403);
        const asOwner = await fire(t, owner.token, id, event, { reason: 'x' });
        expect(asOwner.status).toBe(403);
        const after = await t.http().get(`/api/proposals/${id}`).set(auth(owner.token));
        expect(after.body.state).toBe('submitted');
      },
    );

    it('the office screens', async () => {
      expect((await fire(t, t.officeToken, submittedId, 'screen-eligible')).status).toBe(200);
    });

    it('reviewers read a screened proposal but cannot edit or withdraw it', async () => {
      expect((await t.http().get(`/api/proposals/${submittedId}`).set(auth(reviewer.token))).status).toBe(
        200,
      );
      expect(
        (await t.http().patch(`/api/proposals/${submittedId}`).set(auth(reviewer.token)).send({ title: 'x' }))
          .status,
      ).toBe(403);
      expect((await fire(t, reviewer.token, submittedId, 'withdraw')).status).toBe(403);
    });
  });

  describe('without a session', () => {
    it.each([
      ['get', '/api/proposals'],
      ['get', '/api/proposals/00000000-0000-4000-8000-000000000000'],
      ['post', '/api/proposals/00000000-0000-4000-8000-000000000000/events/submit'],
      ['get', '/api/calls'],
      ['post', '/api/calls'],
      ['get', '/api/users'],
    ] as const)('%s %s → 401', async (method, path) => {
      const res = await t.http()[method](path);
      expect(res.status).toBe(401);
    });
  });

  it('only applicants write proposals and only the office runs calls', async () => {
    const call = await createOpenCall(t);
    const asReviewer = await t
      .http()
      .post(`/api/calls/${call.id}/proposals`)
      .set(auth(reviewer.token))
      .send({ title: 'x' });
    expect(asReviewer.status).toBe(403);
    const asApplicant = await t.http().post(`/api/calls/${call.id}/close`).set(auth(owner.token));
    expect(asApplicant.status).toBe(403);
  });
});
