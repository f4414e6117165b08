import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { pageSession, postForm } from './support/page-session';
import { awaitingDecision, createReviewers } from './support/seed-reviews';

const DECISION_EVENTS = ['approve', 'reject', 'request-revision'];
const ROUTE_EVENTS = [
  'submit',
  'resubmit',
  'withdraw',
  'screen-eligible',
  'screen-ineligible',
  'close-review',
];

/**
 * Issue 11 (high): the events route decided proposals without quorum, decision row, funding cap or
 * override audit. Decisions now fire only through POST /api/proposals/:id/decision.
 */
describe('decision events are refused on the events route (API and page)', () => {
  let t: TestApp;
  let proposalId: string;
  let chair: TestUser;
  let conflictedChair: TestUser;
  let members: TestUser[];
  let callers: Record<'office' | 'conflicted chair', string>;

  /** Everything a decision would change: the proposal row, decisions, outbox and audit. */
  async function snapshot(id: string) {
    const [row] = await t.dataSource.query(
      `SELECT state, version, round, revision_deadline AS "revisionDeadline",
              (SELECT count(*)::int FROM decisions WHERE proposal_id = p.id) AS decisions,
              (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM audit_events) AS audit
         FROM proposals p WHERE p.id = $1`,
      [id],
    );
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const callId = (await createOpenCall(t)).id;
    const owner = await registerApplicant(t, 'Zulieferer GmbH');
    const reviewers = await createReviewers(t, 3);
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    // Same organisation as the applicant: the automatic conflict of interest.
    conflictedChair = await createUser(t, {
      roles: ['steering'],
      chair: true,
      organisation: 'Zulieferer GmbH',
    });
    members = [
      await createUser(t, { roles: ['steering'], name: 'Mitglied Adler' }),
      await createUser(t, { roles: ['steering'], name: 'Mitglied Brandt' }),
    ];
    proposalId = await eligibleProposal(t, owner, callId);
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
    callers = { office: t.officeToken, 'conflicted chair': conflictedChair.token };
  });
  afterAll(() => t.close());

  const cases = Object.keys({ office: 0, 'conflicted chair': 0 }).flatMap((who) =>
    DECISION_EVENTS.map((event) => [who as keyof typeof callers, event] as const),
  );

  it.each(cases)(
    'API: the %s firing %s gets 404 naming the decision route; nothing changes',
    async (who, event) => {
      const before = await snapshot(proposalId);
      const res = await fire(t, callers[who], proposalId, event, {
        reason: 'Passt.',
        expectedVersion: before.version,
      });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toBe(
        `"${event}" is not fired through the events route; use POST /api/proposals/:id/decision. ` +
          `This route fires ${ROUTE_EVENTS.join(', ')}.`,
      );
      expect(res.body.acceptedEvents).toEqual(ROUTE_EVENTS);
      expect(res.body.dedicatedRoute).toBe('POST /api/proposals/:id/decision');
      expect(await snapshot(proposalId)).toEqual(before);
    },
  );

  it.each(cases)('page: the %s posting %s gets 404; nothing changes', async (who, event) => {
    const session = await pageSession(t, callers[who]);
    const before = await snapshot(proposalId);
    const res = await postForm(t, session, `/proposals/${proposalId}/events/${event}`, { reason: 'Passt.' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(await snapshot(proposalId)).toEqual(before);
  });

  it('answers the same whether or not the proposal exists, to every role (no existence leak)', async () => {
    const answer = async (token: string, id: string) => {
      const res = await fire(t, token, id, 'approve');
      return { status: res.status, detail: res.body.detail };
    };
    const known = await answer(t.officeToken, proposalId);
    expect(known.status).toBe(404);
    expect(await answer(t.officeToken, '00000000-0000-4000-8000-000000000000')).toEqual(known);
    expect(await answer(members[0].token, proposalId)).toEqual(known);
    expect(await answer(chair.token, proposalId)).toEqual(known);
  });

  it('the proposal still offers no decision event, and GET …/decision stays 404', async () => {
    const view = await t.http().get(`/api/proposals/${proposalId}`).set(auth(chair.token));
    expect(view.body.state).toBe('awaiting_decision');
    expect(view.body.allowedEvents).toEqual([]);
    expect(view.body.allowedActions).toContain('decide');
    const decision = await t.http().get(`/api/proposals/${proposalId}/decision`).set(auth(chair.token));
    expect(decision.status).toBe(404);
  });

  it('a refused route event does not offer the decision events as allowed', async () => {
    const refused = await fire(t, t.officeToken, proposalId, 'close-review');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ state: 'awaiting_decision', allowedEvents: [] });
  });

  it('the authorized path still decides: the conflicted chair is refused, the chair records it with quorum', async () => {
    const decide = (token: string) =>
      t
        .http()
        .post(`/api/proposals/${proposalId}/decision`)
        .set(auth(token))
        .send({ outcome: 'rejected', rationale: 'Nicht förderfähig.' });
    expect((await decide(conflictedChair.token)).status).toBe(403);
    expect((await decide(chair.token)).status).toBe(409); // no quorum yet
    for (const member of members) {
      const voted = await t
        .http()
        .put(`/api/proposals/${proposalId}/vote`)
        .set(auth(member.token))
        .send({ vote: 'reject' });
      expect(voted.status).toBe(200);
    }
    const before = await snapshot(proposalId);
    const recorded = await decide(chair.token);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ outcome: 'rejected', override: false });
    const after = await snapshot(proposalId);
    expect(after).toMatchObject({ state: 'rejected', version: before.version + 1, decisions: 1 });
    expect(after.outbox).toBeGreaterThan(before.outbox);
    const decision = await t.http().get(`/api/proposals/${proposalId}/decision`).set(auth(chair.token));
    expect(decision.status).toBe(200);
    expect(decision.body.outcome).toBe('rejected');
  });

  it('documents the events the route accepts as the OpenAPI enum of :event', async () => {
    const doc = await t.http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    const params = doc.body.paths['/api/proposals/{id}/events/{event}'].post.parameters;
    const event = params.find((p: { name: string }) => p.name === 'event');
    expect(event.schema.enum).toEqual(ROUTE_EVENTS);
  });
});
