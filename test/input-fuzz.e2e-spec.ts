import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import {
  assigned,
  createOpenCall,
  createUser,
  createDraft,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { jsonBodyText, queryText } from './support/fuzz-bodies';
import { startTestApp, TestApp } from './support/test-app';

/** Fixed, so that a failure is seen again on the next run; change it to explore. */
const SEED = 11;
const BODY_RUNS = 8000;
const QUERY_RUNS = 500;

interface Route {
  method: string;
  path: string;
  /** The body's DTO class name, from the OpenAPI `$ref`. */
  dto?: string;
}

interface FuzzCase {
  route: Route;
  token: string | undefined;
  params: Record<string, string>;
  payload: string;
}

/**
 * Issue #11: a few thousand generated bodies (and query strings) over every route of the OpenAPI
 * document, each with one role's session or none; no answer may be a 5xx.
 */
describe('fuzzed requests never answer 5xx', () => {
  let t: TestApp;
  let fastify: FastifyInstance;
  let routes: Route[];
  let uuids: string[];
  let tokens: Array<string | undefined>;
  let ids: Record<string, string[]>;
  const admittedBy = new Map<Route, Set<string | undefined>>();

  beforeAll(async () => {
    t = await startTestApp();
    fastify = t.app.getHttpAdapter().getInstance() as FastifyInstance;
    const callId = (await createOpenCall(t)).id;
    const applicant = await registerApplicant(t);
    const reviewer = await createUser(t, { roles: ['reviewer'], expertise: ['battery'] });
    const steering = await createUser(t, { roles: ['steering'], chair: true });
    const draftId = (await createDraft(t, applicant, callId)).id;
    const eligibleId = await eligibleProposal(t, applicant, callId);
    const assignmentId = await assigned(t, eligibleId, reviewer.id);
    tokens = [t.officeToken, applicant.token, reviewer.token, steering.token, undefined];
    // A user the office may change at will: changing the others would end the sessions in use.
    const spare = await createUser(t, { roles: ['reviewer'] });
    const unknown = [randomUUID(), 'not-a-uuid'];
    // Ids by the collection the path names, the fixtures' ids more often than unknown ones, so that
    // most cases reach past the 404.
    const known = (...real: string[]) => [...real, ...real, ...real, ...unknown];
    uuids = [applicant.id, reviewer.id, steering.id, spare.id, callId, randomUUID()];
    ids = {
      calls: known(callId),
      proposals: known(draftId, eligibleId),
      assignments: known(assignmentId),
      users: known(spare.id),
      mails: unknown,
      aid: unknown,
      // Not withdraw or submit: they would end the draft that most cases edit.
      event: ['screen-eligible', 'close-review', 'approve', 'resubmit', 'nonsense', '%00'],
    };

    const doc = (await t.http().get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
      >;
    };
    // Signing out would end the sessions the other cases use; closing or archiving the call would
    // end the workflow the other cases work in (and these routes take no body).
    const spoilers = ['/api/auth/logout', '/api/calls/{id}/close', '/api/calls/{id}/archive'];
    routes = Object.entries(doc.paths)
      .filter(([path]) => !spoilers.includes(path))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          dto: operation.requestBody?.content['application/json']?.schema.$ref?.split('/').pop(),
        })),
      );
    for (const route of routes)
      for (const token of tokens) {
        const res = await send(
          { route, token, params: firstIds(route), payload: '{}' },
          route.method !== 'GET',
        );
        if (res.statusCode !== 401 && res.statusCode !== 403)
          admittedBy.set(route, (admittedBy.get(route) ?? new Set()).add(token));
      }
  });

  const firstIds = (route: Route) =>
    Object.fromEntries(
      [...route.path.matchAll(/(\w+)\/\{(\w+)\}/g)].map(([, collection, name]) => [
        name,
        (ids[name] ?? ids[collection] ?? ['x'])[0],
      ]),
    );
  afterAll(() => t.close());

  /** Mostly a session the route lets in (found by a first empty request), so cases reach the services. */
  const tokenFor = (route: Route) => {
    const admitted = tokens.filter((token) => admittedBy.get(route)?.has(token));
    return admitted.length > 0
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...admitted) },
          { weight: 1, arbitrary: fc.constantFrom(...tokens) },
        )
      : fc.constantFrom(...tokens);
  };

  const caseOf = (routeList: Route[], payload: (route: Route) => fc.Arbitrary<string>) =>
    fc.constantFrom(...routeList).chain((route) =>
      fc.record({
        route: fc.constant(route),
        token: tokenFor(route),
        params: fc.record(
          Object.fromEntries(
            [...route.path.matchAll(/(\w+)\/\{(\w+)\}/g)].map(([, collection, name]) => [
              name,
              fc.constantFrom(...(ids[name] ?? ids[collection] ?? ['x'])),
            ]),
          ),
        ),
        payload: payload(route),
      }),
    );

  const send = (c: FuzzCase, withBody: boolean) => {
    const path = c.route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(c.params[name]));
    return fastify.inject({
      method: c.route.method as 'GET',
      url: withBody ? path : `${path}?${c.payload}`,
      headers: {
        ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
        ...(withBody ? { 'content-type': 'application/json' } : {}),
      },
      ...(withBody ? { payload: c.payload } : {}),
    });
  };

  /** Runs the cases one after another (as the probe did) and lists every 5xx with its request. */
  async function serverErrors(cases: FuzzCase[], withBody: boolean): Promise<string[]> {
    const failures: string[] = [];
    for (const c of cases) {
      const res = await send(c, withBody);
      if (res.statusCode >= 500)
        failures.push(
          `${res.statusCode} ${c.route.method} ${c.route.path} ${JSON.stringify(c.params)} ${c.payload.slice(0, 300)}`,
        );
    }
    return failures;
  }

  it(`${BODY_RUNS} generated JSON bodies over every write route`, async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(20);
    const cases = fc.sample(
      caseOf(writes, (route) => jsonBodyText(route.dto, uuids)),
      { seed: SEED, numRuns: BODY_RUNS },
    );
    expect(await serverErrors(cases, true)).toEqual([]);
  }, 120_000);

  it(`${QUERY_RUNS} generated query strings over every read route`, async () => {
    const reads = routes.filter((r) => r.method === 'GET');
    const cases = fc.sample(
      caseOf(reads, () => queryText),
      { seed: SEED, numRuns: QUERY_RUNS },
    );
    expect(await serverErrors(cases, false)).toEqual([]);
  }, 60_000);
});
