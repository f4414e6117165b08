import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  registerApplicant,
  TestUser,
} from './support/factories';

/**
 * The proposal list reads by a statement compiled once per shape (roles, filters, limit; issue 19):
 * the values of each request — reader, call, state, cursor — must still decide every page.
 */
describe('proposal list: filters and cursor with the compiled statement', () => {
  let t: TestApp;
  let callA: string;
  let callB: string;
  let applicant: TestUser;
  let other: TestUser;
  const list = (token: string, query: string) => t.http().get(`/api/proposals?${query}`).set(auth(token));

  beforeAll(async () => {
    t = await startTestApp();
    callA = (await createOpenCall(t)).id;
    callB = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    other = await registerApplicant(t, 'Forschungsinstitut Nord');
    for (const title of ['A1', 'A2', 'A3'])
      await createDraft(t, applicant, callA, { ...COMPLETE_PROPOSAL, title });
    await createDraft(t, other, callA, { ...COMPLETE_PROPOSAL, title: 'A4 other' });
    await createDraft(t, applicant, callB, { ...COMPLETE_PROPOSAL, title: 'B1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pages with the cursor, per call, per reader', async () => {
    const first = await list(t.officeToken, `callId=${callA}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { title: string }) => p.title)).toEqual(['A4 other', 'A3']);
    const second = await list(t.officeToken, `callId=${callA}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: { title: string }) => p.title)).toEqual(['A2', 'A1']);
    expect(second.body.nextCursor).toBeNull();
    // The same shape with other values: another call, another reader.
    expect(
      (await list(t.officeToken, `callId=${callB}&limit=2`)).body.items.map(
        (p: { title: string }) => p.title,
      ),
    ).toEqual(['B1']);
    const own = await list(applicant.token, `callId=${callA}&limit=2`);
    expect(own.body.items.map((p: { title: string }) => p.title)).toEqual(['A3', 'A2']);
    const theirs = await list(other.token, `callId=${callA}&limit=2`);
    expect(theirs.body.items.map((p: { title: string }) => p.title)).toEqual(['A4 other']);
    expect((await list(other.token, 'state=submitted')).body.items).toEqual([]);
    expect(
      (await list(other.token, 'state=draft')).body.items.map((p: { title: string }) => p.title),
    ).toEqual(['A4 other']);
    // The single read: the applicant's own, and 404 for another's draft.
    const [a3] = own.body.items;
    expect((await t.http().get(`/api/proposals/${a3.id}`).set(auth(applicant.token))).status).toBe(200);
    expect((await t.http().get(`/api/proposals/${a3.id}`).set(auth(other.token))).status).toBe(404);
    expect((await t.http().get(`/api/proposals/${a3.id}`).set(auth(t.officeToken))).body.title).toBe('A3');
  });
});
