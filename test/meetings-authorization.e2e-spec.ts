import { auth, createUser, TestUser } from './support/factories';
import { meetingWorld, MeetingWorld } from './support/meeting-seed';
import { startTestApp, TestApp } from './support/test-app';

type Who = 'anonymous' | 'applicant' | 'reviewer' | 'member' | 'chair' | 'office';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Every meeting route × every role and a stranger (DESIGN §13): who gets in (2xx or a refusal of the
 * request itself, never of the role), who is refused by role (403) before any lookup, and 404 for an
 * unknown meeting. Each route runs against a meeting in the state where it applies.
 */
describe('meeting routes: authorization matrix', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let people: Record<Exclude<Who, 'anonymous'>, TestUser | { token: string }>;
  const ids: Record<string, string> = {};

  const call = (method: string, path: string, who: Who, body?: unknown) => {
    const req = (
      t.http() as unknown as Record<string, (p: string) => ReturnType<ReturnType<TestApp['http']>['get']>>
    )[method](path);
    if (who !== 'anonymous') req.set(auth(people[who].token));
    return body === undefined ? req : req.send(body as object);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await meetingWorld(t);
    const reviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Gutachterei' });
    people = {
      applicant: w.applicant,
      reviewer,
      member: w.members[0],
      chair: w.chair,
      office: { token: t.officeToken },
    };
    const create = async (state: 'planned' | 'open' | 'closed') => {
      const res = await t
        .http()
        .post('/api/meetings')
        .set(auth(t.officeToken))
        .send({ title: `Sitzung ${state}`, startsAt: '2027-03-01T09:00:00Z', callIds: [w.callId] });
      const id = res.body.id as string;
      if (state !== 'planned')
        await t.http().post(`/api/meetings/${id}/events/open`).set(auth(t.officeToken));
      if (state === 'closed')
        await t.http().post(`/api/meetings/${id}/events/close`).set(auth(t.officeToken));
      return id;
    };
    ids.planned = await create('planned');
    ids.open = await create('open');
    ids.closed = await create('closed');
  }, 180_000);
  afterAll(() => t.close());

  const ALL: Who[] = ['anonymous', 'applicant', 'reviewer', 'member', 'chair', 'office'];
  /** [method, path (`:m` the meeting, `:p` an agenda item), meeting state, body, roles allowed] */
  const ROUTES: [string, string, string, unknown, Who[]][] = [
    ['get', '/api/meetings', 'planned', undefined, ['member', 'chair', 'office']],
    ['get', '/api/meetings/:m', 'planned', undefined, ['member', 'chair', 'office']],
    ['patch', '/api/meetings/:m', 'planned', { location: 'Raum 2' }, ['office']],
    ['put', '/api/meetings/:m/agenda', 'planned', { proposalIds: [] }, ['office']],
    ['put', '/api/meetings/:m/attendance', 'open', { present: [] }, ['chair', 'office']],
    [
      'post',
      '/api/meetings/:m/items/:p/result',
      'open',
      { approve: 0, reject: 0, revise: 0, abstain: 0 },
      ['chair', 'office'],
    ],
    [
      'post',
      '/api/meetings/:m/items/:p/decision',
      'open',
      { outcome: 'rejected', rationale: 'x' },
      ['chair', 'office'],
    ],
    ['get', '/api/meetings/:m/minutes.pdf', 'closed', undefined, ['member', 'chair', 'office']],
    ['get', '/api/meetings/:m/pack.pdf', 'planned', undefined, ['member', 'chair', 'office']],
    ['post', '/api/meetings/:m/minutes/approve', 'closed', undefined, ['chair']],
    ['post', '/api/meetings/:m/events/cancel', 'planned', undefined, ['chair', 'office']],
  ];
  const cases = ROUTES.flatMap(([method, path, state, body, allowed]) =>
    ALL.map((who) => [`${method.toUpperCase()} ${path}`, who, method, path, state, body, allowed] as const),
  );

  it.each(cases)('%s as %s', async (_name, who, method, path, state, body, allowed) => {
    const meeting = ids[state];
    const res = await call(method, path.replace(':m', meeting).replace(':p', w.proposals.plain), who, body);
    const expected = who === 'anonymous' ? 401 : allowed.includes(who) ? 'in' : 403;
    if (expected === 'in') {
      // Through the role check: success, or a refusal of this request (state, missing result), never 401/403.
      expect([200, 201, 400, 409]).toContain(res.status);
    } else {
      expect(res.status).toBe(expected);
    }
    if (path.includes(':m') && allowed.includes(who) && who !== 'anonymous') {
      const unknown = await call(
        method,
        path.replace(':m', UNKNOWN).replace(':p', w.proposals.plain),
        who,
        body,
      );
      expect(unknown.status).toBe(404);
    }
  });

  it('refuses events the events route does not fire with 404, the same for every id', async () => {
    for (const id of [ids.closed, UNKNOWN]) {
      const res = await t.http().post(`/api/meetings/${id}/events/approve-minutes`).set(auth(w.chair.token));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('event-not-on-events-route');
    }
  });
});
