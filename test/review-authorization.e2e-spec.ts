import type { Response, Test } from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  assignmentAction,
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  saveReview,
  submittedReview,
  TestUser,
} from './support/factories';

/**
 * Every route of the review issue × every kind of caller (docs/CONTRACT.md §5, docs/API.md): 401 without sign-in, 404 for
 * what the caller may not see, 403 where they see it but their role may not act, and the success
 * otherwise. The refused cells run first on one scenario, and the test checks that none of them changed
 * anything; a successful write that would change what the next caller meets gets a fresh scenario.
 */

type Caller =
  | 'anonymous'
  | 'applicant'
  | 'assignee'
  | 'otherReviewer'
  | 'conflictedReviewer'
  | 'steering'
  | 'conflictedSteering'
  | 'office';

/** How far the scenario's proposal and the assignee's assignment have got. */
type Stage = 'invited' | 'accepted' | 'submitted' | 'awaiting_decision';

interface Scenario {
  proposalId: string;
  assignmentId: string;
}

interface Row {
  route: string;
  stage: Stage;
  send: (http: TestApp['http'], s: Scenario, caller: Caller) => Test;
  expect: Partial<Record<Caller, number>>;
  /** Successful calls by different callers do not affect each other (reads, own bids, own conflicts). */
  independent?: boolean;
  /** Further checks on a successful answer. */
  check?: (res: Response, caller: Caller, s: Scenario) => void;
}

describe('review: authorization matrix', () => {
  let t: TestApp;
  let callId: string;
  const users = {} as Record<Exclude<Caller, 'anonymous' | 'office'>, TestUser>;
  let helpers: TestUser[];
  let spare: TestUser;

  const token = (caller: Caller) =>
    caller === 'office' ? t.officeToken : caller === 'anonymous' ? null : users[caller].token;

  async function scenario(stage: Stage): Promise<Scenario> {
    const proposalId = await eligibleProposal(t, users.applicant, callId);
    if (stage === 'awaiting_decision') {
      for (const helper of helpers) await submittedReview(t, helper, proposalId);
    }
    const assignmentId = await assigned(t, proposalId, users.assignee.id);
    if (stage === 'invited') return { proposalId, assignmentId };
    expect((await assignmentAction(t, users.assignee.token, assignmentId, 'accept')).status).toBe(200);
    const draft = await saveReview(t, users.assignee.token, assignmentId, {
      scores: fullScores(3.5),
      commentToApplicant: 'Für die Antragstellerin',
      confidentialComment: 'Nur für den Beirat',
    });
    expect(draft.status).toBe(200);
    if (stage === 'accepted') return { proposalId, assignmentId };
    expect((await assignmentAction(t, users.assignee.token, assignmentId, 'review/submit')).status).toBe(200);
    return { proposalId, assignmentId };
  }

  /** Everything a refused request must leave untouched. */
  async function snapshot(s: Scenario): Promise<unknown> {
    return t.dataSource.query(
      `SELECT p.state, p.version,
              (SELECT json_agg(json_build_object('id', a.id, 'state', a.state, 'version', a.version) ORDER BY a.id)
                 FROM assignments a WHERE a.proposal_id = p.id) AS assignments,
              (SELECT count(*) FROM conflicts c WHERE c.proposal_id = p.id) AS conflicts,
              (SELECT count(*) FROM bids b WHERE b.proposal_id = p.id) AS bids,
              (SELECT json_agg(json_build_object('c', r.comment_to_applicant, 's', r.submitted_at))
                 FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.proposal_id = p.id) AS reviews,
              (SELECT count(*) FROM outbox o
                WHERE o.payload->>'proposalId' = p.id::text
                   OR o.payload->>'assignmentId' IN (SELECT a.id::text FROM assignments a WHERE a.proposal_id = p.id)
              ) AS outbox
         FROM proposals p WHERE p.id = $1`,
      [s.proposalId],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id; // k = 3
    users.applicant = await registerApplicant(t, 'Zulieferer GmbH');
    users.assignee = await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule A' });
    users.otherReviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule B' });
    users.conflictedReviewer = await createUser(t, { roles: ['reviewer'], organisation: 'ZULIEFERER gmbh' });
    users.steering = await createUser(t, { roles: ['steering'], organisation: 'Land' });
    users.conflictedSteering = await createUser(t, { roles: ['steering'], organisation: 'TU Braunschweig' });
    helpers = [
      await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule C' }),
      await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule D' }),
    ];
    spare = await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule E' });
  });
  afterAll(() => t.close());

  const allBut = (
    status: number,
    others: Partial<Record<Caller, number>>,
  ): Partial<Record<Caller, number>> => ({
    anonymous: 401,
    applicant: status,
    assignee: status,
    otherReviewer: status,
    conflictedReviewer: status,
    steering: status,
    office: status,
    ...others,
  });
  /** Routes on one assignment: only its reviewer and the office see it. */
  const assigneeOnly = (assignee: number, office: number) =>
    allBut(404, { assignee, office, conflictedSteering: 404 });

  const rows: Row[] = [
    {
      route: 'POST /api/proposals/:id/conflicts',
      independent: true,
      stage: 'invited',
      send: (http, s, caller) =>
        http()
          .post(`/api/proposals/${s.proposalId}/conflicts`)
          .send(caller === 'office' ? { userId: spare.id, reason: 'Befangen' } : { reason: 'Befangen' }),
      expect: { ...allBut(201, { applicant: 403, steering: 404 }), conflictedSteering: 404 },
    },
    {
      route: 'GET /api/proposals/:id/conflicts',
      independent: true,
      stage: 'invited',
      send: (http, s) => http().get(`/api/proposals/${s.proposalId}/conflicts`),
      expect: allBut(200, { applicant: 403, steering: 404 }),
      check: (res, caller) => {
        const userIds = res.body.map((c: { userId: string }) => c.userId);
        if (caller === 'office')
          expect(userIds).toEqual(expect.arrayContaining([users.conflictedReviewer.id, users.applicant.id]));
        else if (caller === 'conflictedReviewer') expect(userIds).toEqual([users.conflictedReviewer.id]);
        else expect(userIds).toEqual([]);
      },
    },
    {
      route: 'PUT /api/proposals/:id/bid',
      independent: true,
      stage: 'invited',
      send: (http, s) => http().put(`/api/proposals/${s.proposalId}/bid`).send({ bid: 1 }),
      expect: allBut(200, { applicant: 403, conflictedReviewer: 409, steering: 404, office: 403 }),
    },
    {
      route: 'POST /api/proposals/:id/assignments',
      stage: 'invited',
      send: (http, s) =>
        http().post(`/api/proposals/${s.proposalId}/assignments`).send({ reviewerId: spare.id }),
      expect: allBut(403, { office: 201 }),
    },
    {
      route: 'DELETE /api/assignments/:id',
      stage: 'invited',
      send: (http, s) => http().delete(`/api/assignments/${s.assignmentId}`),
      expect: allBut(403, { office: 200 }),
      check: (res) => expect(res.body.state).toBe('revoked'),
    },
    {
      route: 'POST /api/calls/:id/auto-assign',
      independent: true,
      stage: 'invited',
      send: (http) => http().post(`/api/calls/${callId}/auto-assign`).send({ dryRun: true }),
      expect: allBut(403, { office: 200 }),
    },
    {
      route: 'GET /api/assignments',
      independent: true,
      stage: 'invited',
      send: (http) => http().get('/api/assignments?mine=1&limit=100'),
      expect: allBut(200, {}),
      check: (res, caller, s) => {
        const ids = res.body.items.map((a: { id: string }) => a.id);
        if (caller === 'assignee') expect(ids).toContain(s.assignmentId);
        else expect(ids).not.toContain(s.assignmentId);
      },
    },
    {
      route: 'GET /api/assignments (office: all)',
      independent: true,
      stage: 'invited',
      send: (http, s) => http().get(`/api/assignments?proposalId=${s.proposalId}`),
      expect: allBut(200, {}),
      check: (res, caller, s) => {
        const ids = res.body.items.map((a: { id: string }) => a.id);
        expect(ids).toEqual(caller === 'office' || caller === 'assignee' ? [s.assignmentId] : []);
      },
    },
    {
      route: 'GET /api/assignments/:id',
      independent: true,
      stage: 'invited',
      send: (http, s) => http().get(`/api/assignments/${s.assignmentId}`),
      expect: assigneeOnly(200, 200),
    },
    {
      route: 'POST /api/assignments/:id/accept',
      stage: 'invited',
      send: (http, s) => http().post(`/api/assignments/${s.assignmentId}/accept`),
      expect: assigneeOnly(200, 403),
    },
    {
      route: 'POST /api/assignments/:id/decline',
      stage: 'invited',
      send: (http, s) =>
        http().post(`/api/assignments/${s.assignmentId}/decline`).send({ reason: 'Keine Zeit' }),
      expect: assigneeOnly(200, 403),
    },
    {
      route: 'PUT /api/assignments/:id/review',
      stage: 'accepted',
      send: (http, s) =>
        http()
          .put(`/api/assignments/${s.assignmentId}/review`)
          .send({ scores: fullScores(1), commentToApplicant: 'geändert' }),
      expect: assigneeOnly(200, 403),
    },
    {
      route: 'GET /api/assignments/:id/review (draft)',
      independent: true,
      stage: 'accepted',
      send: (http, s) => http().get(`/api/assignments/${s.assignmentId}/review`),
      expect: assigneeOnly(200, 404),
    },
    {
      route: 'GET /api/assignments/:id/review (submitted)',
      independent: true,
      stage: 'submitted',
      send: (http, s) => http().get(`/api/assignments/${s.assignmentId}/review`),
      expect: assigneeOnly(200, 200),
    },
    {
      route: 'POST /api/assignments/:id/review/submit',
      stage: 'accepted',
      send: (http, s) => http().post(`/api/assignments/${s.assignmentId}/review/submit`),
      expect: assigneeOnly(200, 403),
    },
    {
      route: 'POST /api/assignments/:id/review/reopen',
      stage: 'submitted',
      send: (http, s) => http().post(`/api/assignments/${s.assignmentId}/review/reopen`),
      expect: { ...allBut(403, { office: 200 }), conflictedSteering: 403 },
    },
    {
      route: 'GET /api/proposals/:id/reviews (in review)',
      independent: true,
      stage: 'submitted',
      send: (http, s) => http().get(`/api/proposals/${s.proposalId}/reviews`),
      expect: {
        ...allBut(200, { applicant: 403, conflictedReviewer: 403, steering: 404 }),
        conflictedSteering: 404,
      },
      check: (res, caller) => {
        const reviewers = res.body.map((r: { reviewerId: string }) => r.reviewerId);
        expect(reviewers).toEqual(caller === 'otherReviewer' ? [] : [users.assignee.id]);
      },
    },
    {
      route: 'GET /api/proposals/:id/reviews (awaiting decision)',
      independent: true,
      stage: 'awaiting_decision',
      send: (http, s) => http().get(`/api/proposals/${s.proposalId}/reviews`),
      expect: { ...allBut(200, { applicant: 403, conflictedReviewer: 403 }), conflictedSteering: 403 },
      check: (res, caller) => {
        expect(res.body).toHaveLength(caller === 'otherReviewer' ? 0 : 3);
        if (res.body.length > 0) expect(res.body[0].confidentialComment).toEqual(expect.any(String));
      },
    },
  ];

  it.each(rows.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const shared = await scenario(row.stage);
    const before = await snapshot(shared);
    const outcome: Partial<Record<Caller, number>> = {};
    const run = async (caller: Caller, s: Scenario) => {
      let request = row.send(t.http, s, caller);
      const bearer = token(caller);
      if (bearer) request = request.set(auth(bearer));
      const res = await request;
      outcome[caller] = res.status;
      if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      if (res.status < 300 && (row.expect[caller] as number) < 300) row.check?.(res, caller, s);
    };
    const cells = Object.entries(row.expect) as [Caller, number][];
    for (const [caller, status] of cells) if (status >= 300) await run(caller, shared);
    expect(await snapshot(shared)).toEqual(before);
    for (const [caller, status] of cells) {
      if (status >= 300) continue;
      // A successful write that would change what the next caller meets gets a scenario of its own.
      await run(caller, row.independent ? shared : await scenario(row.stage));
    }
    expect(outcome).toEqual(row.expect);
  });

  it('answers 404 for unknown and malformed ids on every id route, to the office too', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string][] = [
      ['post', `/api/proposals/${unknown}/conflicts`],
      ['get', `/api/proposals/${unknown}/conflicts`],
      ['get', `/api/proposals/${unknown}/reviews`],
      ['post', `/api/proposals/${unknown}/assignments`],
      ['post', `/api/calls/${unknown}/auto-assign`],
      ['get', `/api/assignments/${unknown}`],
      ['delete', `/api/assignments/${unknown}`],
      ['post', `/api/assignments/${unknown}/accept`],
      ['post', `/api/assignments/${unknown}/decline`],
      ['put', `/api/assignments/${unknown}/review`],
      ['get', `/api/assignments/${unknown}/review`],
      ['post', `/api/assignments/${unknown}/review/submit`],
      ['post', `/api/assignments/${unknown}/review/reopen`],
      ['get', '/api/assignments/not-a-uuid'],
    ];
    const bodies: Record<string, object> = {
      conflicts: { userId: spare.id, reason: 'x' },
      assignments: { reviewerId: spare.id },
      'auto-assign': { dryRun: true },
      decline: { reason: 'x' },
      review: {},
    };
    for (const [method, path] of routes) {
      const body = bodies[path.split('/').pop() as string] ?? {};
      const agent = t.http() as unknown as Record<string, (p: string) => Test>;
      const res = await agent[method](path).set(auth(t.officeToken)).send(body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
  });
});
