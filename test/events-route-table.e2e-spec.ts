import { callMachine } from '@/calls/call-transitions';
import { DOCUMENTED_MACHINES } from '@/state-machines';
import { EVENTS_ROUTE } from '@/workflow/state-machine';
import type { AnyMachine } from '@/workflow/state-diagrams';
import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { PageSession, pageSession, postForm } from './support/page-session';

const ROLES = [
  'owner',
  'otherApplicant',
  'reviewer',
  'steering',
  'chair',
  'conflictedChair',
  'office',
  'anonymous',
] as const;
type Role = (typeof ROLES)[number];

/** The table of each aggregate: its rows' table and the generic events route, if it has one. */
const AGGREGATES: Record<string, { table: string; api: string; page?: string }> = {
  proposal: { table: 'proposals', api: '/api/proposals', page: '/proposals' },
  assignment: { table: 'assignments', api: '/api/assignments' },
  call: { table: 'calls', api: '/api/calls' },
  meeting: { table: 'meetings', api: '/api/meetings', page: '/meetings' },
};
/** Aggregates whose generic events route signs in first (401 for the anonymous caller). */
const WITH_EVENTS_ROUTE = ['proposal', 'meeting'];

/**
 * Walks every event of every transition table and fires it through the generic events route as
 * every role, with the object in a state the event leaves from: either the table gives the event to
 * that route (and it has no other), or the route refuses it before anything happens — so every event
 * reachable over HTTP runs the guards of its own route (e.g. the decision's quorum check).
 */
describe('the generic events route fires only the events the table gives it', () => {
  let t: TestApp;
  const ids = {} as Record<string, string>;
  const tokens = {} as Record<Role, string | null>;
  const sessions = {} as Record<Role, PageSession | null>;

  async function snapshot(table: string, id: string) {
    const [row] = await t.dataSource.query(
      `SELECT state, version,
              (SELECT count(*)::int FROM decisions) AS decisions,
              (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM audit_events) AS audit
         FROM ${table} WHERE id = $1`,
      [id],
    );
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    ids.call = (await createOpenCall(t)).id;
    const owner = await registerApplicant(t, 'Zulieferer GmbH');
    const other = await registerApplicant(t, 'Andere AG');
    const reviewer = await createUser(t, { roles: ['reviewer'] });
    const steering = await createUser(t, { roles: ['steering'] });
    const chair = await createUser(t, { roles: ['steering'], chair: true });
    const conflictedChair = await createUser(t, {
      roles: ['steering'],
      chair: true,
      organisation: 'Zulieferer GmbH',
    });
    ids.proposal = await eligibleProposal(t, owner, ids.call);
    ids.assignment = await assigned(t, ids.proposal, reviewer.id);
    const meeting = await t
      .http()
      .post('/api/meetings')
      .set('Authorization', `Bearer ${t.officeToken}`)
      .send({ title: 'Sitzung', startsAt: '2027-03-01T09:00:00Z', callIds: [ids.call] });
    ids.meeting = meeting.body.id;
    Object.assign(tokens, {
      owner: owner.token,
      otherApplicant: other.token,
      reviewer: reviewer.token,
      steering: steering.token,
      chair: chair.token,
      conflictedChair: conflictedChair.token,
      office: t.officeToken,
      anonymous: null,
    });
    for (const role of ROLES) sessions[role] = tokens[role] ? await pageSession(t, tokens[role]) : null;
  });
  afterAll(() => t.close());

  const cases = DOCUMENTED_MACHINES.flatMap((machine: AnyMachine) =>
    machine.events().map((event: string) => [machine.name, event, machine] as const),
  );

  it('knows every documented machine', () => {
    expect(DOCUMENTED_MACHINES.map((m) => m.name).sort()).toEqual(Object.keys(AGGREGATES).sort());
  });

  it.each(cases)('%s event %s', async (name, event, machine) => {
    const { table, api, page } = AGGREGATES[name];
    const id = ids[name];
    const transition = machine.transitions.find((x: { event: string }) => x.event === event);
    if (!transition) throw new Error(`no transition for ${event}`);
    const onEventsRoute = transition.route === EVENTS_ROUTE;
    // Only these have a generic events route; another aggregate gaining one must add its check.
    if (onEventsRoute) expect(WITH_EVENTS_ROUTE).toContain(name);

    const reachedTheTable: Role[] = [];
    for (const role of ROLES) {
      // The object waits in a state the event leaves from, so only the route can stop it.
      await t.dataSource.query(`UPDATE ${table} SET state = $2 WHERE id = $1`, [id, transition.from[0]]);
      const before = await snapshot(table, id);
      const req = t.http().post(`${api}/${id}/events/${event}`);
      if (tokens[role]) req.set('Authorization', `Bearer ${tokens[role]}`);
      const res = await req.send({ reason: 'Begründung.' });
      const what = `${role}: ${res.status} ${JSON.stringify(res.body)}`;

      if (onEventsRoute) {
        // Its own route: whatever the role and guards answer, it is not the route's refusal.
        expect({ what, refused: res.body.acceptedEvents !== undefined }).toEqual({ what, refused: false });
        // 200, or 409 from the table's own checks (state, guard): the transition service was reached.
        if (res.status === 200 || (res.status === 409 && res.body.state !== undefined))
          reachedTheTable.push(role);
        continue;
      }
      // No such route at all (404) for the other aggregates; the proposal's route signs in first (401).
      const refusal = role === 'anonymous' && WITH_EVENTS_ROUTE.includes(name) ? 401 : 404;
      expect({ what, status: res.status }).toEqual({ what, status: refusal });
      if (WITH_EVENTS_ROUTE.includes(name) && role !== 'anonymous') {
        expect(res.body.detail).toMatch(
          transition.route
            ? `use ${transition.route}.`
            : 'fired by the service itself, never through the API',
        );
      }
      expect(await snapshot(table, id)).toEqual(before);

      const session = sessions[role];
      if (page && session) {
        const posted = await postForm(t, session, `${page}/${id}/events/${event}`, { reason: 'Begründung.' });
        expect({ role, status: posted.status }).toEqual({ role, status: 404 });
        expect(await snapshot(table, id)).toEqual(before);
      }
    }
    // An event the table gives to the route is fired there by the actors the table names.
    if (onEventsRoute) expect(reachedTheTable).not.toEqual([]);
  });

  // The one other generic route: the office's call page posts to /office/calls/:id/:event, the page
  // twin of POST /api/calls/:id/{open,close,archive}. For every role it must end where the API ends.
  it.each(callMachine.transitions.map((x) => [x.event, x] as const))(
    'call page route %s ends as its dedicated API route does',
    async (event, { route, from: [from] }) => {
      const [method, path] = String(route).split(' ');
      const stateAfter = async (fireIt: () => Promise<unknown>) => {
        await t.dataSource.query('UPDATE calls SET state = $2 WHERE id = $1', [ids.call, from]);
        await fireIt();
        return (await snapshot('calls', ids.call)).state;
      };
      for (const role of ROLES) {
        const viaApi = await stateAfter(() => {
          const req = t.http()[method.toLowerCase() as 'post'](path.replace(':id', ids.call));
          return tokens[role] ? req.set('Authorization', `Bearer ${tokens[role]}`) : req;
        });
        const session = sessions[role];
        const viaPage = await stateAfter(() =>
          session
            ? postForm(t, session, `/office/calls/${ids.call}/${event}`)
            : t.http().post(`/office/calls/${ids.call}/${event}`).type('form').send({}),
        );
        expect({ role, viaPage }).toEqual({ role, viaPage: viaApi });
        if (role === 'office') expect(viaApi).not.toBe(from);
      }
    },
  );
});
