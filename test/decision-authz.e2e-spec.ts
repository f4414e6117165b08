import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';

const ACTORS = [
  'owner',
  'otherApplicant',
  'reviewer',
  'otherReviewer',
  'conflictedSteering',
  'steering',
  'chair',
  'office',
  'anonymous',
] as const;
type Actor = (typeof ACTORS)[number];
type Expected = Record<Actor, number>;

/** Authorization matrix for every route of the decision module: each actor, one proposal, each phase. */
describe('decision routes: authorization matrix', () => {
  let t: TestApp;
  let callId: string;
  let proposalId: string;
  const tokens = {} as Record<Actor, string | null>;

  const route = {
    scores: () => ({ method: 'get', path: `/api/proposals/${proposalId}/scores` }),
    ranking: () => ({ method: 'get', path: `/api/calls/${callId}/ranking` }),
    votes: () => ({ method: 'get', path: `/api/proposals/${proposalId}/votes` }),
    vote: () => ({ method: 'put', path: `/api/proposals/${proposalId}/vote`, body: { vote: 'abstain' } }),
    decide: () => ({
      method: 'post',
      path: `/api/proposals/${proposalId}/decision`,
      body: { outcome: 'rejected', rationale: 'Nicht förderfähig.' },
    }),
    decision: () => ({ method: 'get', path: `/api/proposals/${proposalId}/decision` }),
    decisions: () => ({ method: 'get', path: `/api/proposals/${proposalId}/decisions` }),
  };
  type RouteName = keyof typeof route;

  async function statuses(name: RouteName): Promise<Expected> {
    const { method, path, body } = route[name]() as { method: string; path: string; body?: object };
    const out = {} as Expected;
    for (const actor of ACTORS) {
      const req = (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](
        path,
      );
      if (tokens[actor]) req.set(auth(tokens[actor] as string));
      out[actor] = (await (body ? req.send(body) : req)).status;
    }
    return out;
  }

  const row = (...codes: number[]): Expected =>
    Object.fromEntries(ACTORS.map((a, i) => [a, codes[i]])) as Expected;

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    const owner = await registerApplicant(t, 'Zulieferer GmbH');
    const other = await registerApplicant(t, 'Andere AG');
    const reviewers = await createReviewers(t, 3);
    const otherReviewer = await createUser(t, { roles: ['reviewer'] });
    const conflicted = await createUser(t, { roles: ['steering'], organisation: 'Zulieferer GmbH' });
    const steering = await createUser(t, { roles: ['steering'] });
    const chair = await createUser(t, { roles: ['steering'], chair: true });
    proposalId = await eligibleProposal(t, owner, callId);
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer: TestUser) => ({ reviewer, scores: fullScores(4) })),
    );
    Object.assign(tokens, {
      owner: owner.token,
      otherApplicant: other.token,
      reviewer: reviewers[0].token,
      otherReviewer: otherReviewer.token,
      conflictedSteering: conflicted.token,
      steering: steering.token,
      chair: chair.token,
      office: t.officeToken,
      anonymous: null,
    });
  });
  afterAll(() => t.close());

  //                        owner other  rev  oRev  coSt  st  chair office anon
  it('before the decision', async () => {
    expect(await statuses('scores')).toEqual(row(404, 404, 200, 404, 404, 200, 200, 200, 401));
    expect(await statuses('ranking')).toEqual(row(403, 403, 403, 403, 200, 200, 200, 200, 401));
    expect(await statuses('votes')).toEqual(row(404, 404, 404, 404, 404, 200, 200, 200, 401));
    expect(await statuses('decision')).toEqual(row(404, 404, 404, 404, 404, 404, 404, 404, 401));
    expect(await statuses('decisions')).toEqual(row(200, 404, 404, 404, 404, 200, 200, 200, 401));
    // Steering and chair abstain: quorum, no majority.
    expect(await statuses('vote')).toEqual(row(403, 404, 403, 403, 403, 200, 200, 403, 401));
    // Chair and office pass authorization and meet the override rule (409): nothing is recorded.
    expect(await statuses('decide')).toEqual(row(403, 404, 403, 403, 403, 403, 409, 409, 401));
  });

  it('the conflicted steering member sees the ranking without this proposal', async () => {
    const res = await t
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(tokens.conflictedSteering as string));
    expect(res.body.rows).toEqual([]);
    const steering = await t
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(tokens.steering as string));
    expect(steering.body.rows.map((r: { proposalId: string }) => r.proposalId)).toEqual([proposalId]);
  });

  it('after the decision', async () => {
    const recorded = await t
      .http()
      .post(`/api/proposals/${proposalId}/decision`)
      .set(auth(tokens.chair as string))
      .send({ outcome: 'rejected', rationale: 'Nicht förderfähig.', override: true });
    expect(recorded.status).toBe(201);
    expect(await statuses('decision')).toEqual(row(200, 404, 404, 404, 404, 200, 200, 200, 401));
    expect(await statuses('decisions')).toEqual(row(200, 404, 404, 404, 404, 200, 200, 200, 401));
    expect(await statuses('scores')).toEqual(row(200, 404, 200, 404, 404, 200, 200, 200, 401));
    expect(await statuses('votes')).toEqual(row(404, 404, 404, 404, 404, 200, 200, 200, 401));
    expect(await statuses('vote')).toEqual(row(403, 404, 403, 403, 403, 409, 409, 403, 401));
    expect(await statuses('decide')).toEqual(row(403, 404, 403, 403, 403, 403, 409, 409, 401));
  });

  it.each([
    ['get', 'scores'],
    ['get', 'votes'],
    ['put', 'vote'],
    ['post', 'decision'],
    ['get', 'decision'],
    ['get', 'decisions'],
  ])('answers 404 for an unknown or malformed proposal id: %s %s', async (method, path) => {
    const body =
      path === 'vote'
        ? { vote: 'approve' }
        : path === 'decision'
          ? { outcome: 'rejected', rationale: '' }
          : {};
    for (const pid of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const req = (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](
        `/api/proposals/${pid}/${path}`,
      );
      const res = await req.set(auth(t.officeToken)).send(body);
      expect(res.status).toBe(404);
    }
  });

  it('answers 404 for an unknown call ranking, to the office and steering alike', async () => {
    for (const token of [t.officeToken, tokens.steering as string]) {
      const res = await t
        .http()
        .get('/api/calls/00000000-0000-4000-8000-000000000000/ranking')
        .set(auth(token));
      expect(res.status).toBe(404);
    }
  });
});
