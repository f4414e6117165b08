import { OrganisationsService } from '@/organisations/organisations.service';
import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  createUser,
  registerApplicant,
  TestUser,
} from './support/factories';

const NIL = '00000000-0000-4000-8000-000000000000';

/** Issue 14: the registry's routes, merge, cycles, unresolved names, SME status, partner suggestions. */
describe('organisation registry: API', () => {
  let t: TestApp;
  const office = () => auth(t.officeToken);
  const createOrg = async (body: Record<string, unknown>) => {
    const res = await t.http().post('/api/organisations').set(office()).send(body);
    if (res.status !== 201) throw new Error(`organisation: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string; aliases: string[]; groupId: string; smeStatus: string };
  };
  const get = async (id: string) => (await t.http().get(`/api/organisations/${id}`).set(office())).body;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reads the SME status over the whole group', async () => {
    const group = await createOrg({
      name: 'Großkonzern AG',
      kind: 'large',
      employees: 10_000,
      turnoverEur: 9e9,
    });
    const sub = await createOrg({
      name: 'Tochter GmbH',
      kind: 'sme',
      parentId: group.id,
      employees: 40,
      turnoverEur: 8e6,
    });
    const alone = await createOrg({
      name: 'Allein GmbH',
      kind: 'sme',
      employees: 40,
      turnoverEur: 8_000_000,
    });
    const blank = await createOrg({ name: 'Ohne Zahlen GmbH', kind: 'sme' });
    expect([sub.smeStatus, alone.smeStatus, blank.smeStatus]).toEqual(['not_sme', 'sme', 'unknown']);
    expect(sub.groupId).toBe(group.id);

    // The budgets' look-up by name: resolved like conflicts (legal form, case), unresolved → unknown.
    const byName = await t.app
      .get(OrganisationsService)
      .smeStatusByName(['TOCHTER AG', 'Allein', 'Ohne Zahlen', 'Niemand GmbH']);
    expect([...byName]).toEqual([
      ['TOCHTER AG', 'not_sme'],
      ['Allein', 'sme'],
      ['Ohne Zahlen', 'unknown'],
      ['Niemand GmbH', 'unknown'],
    ]);
  });

  it('refuses parent cycles and names that compare equal to another entry', async () => {
    const a = await createOrg({ name: 'Kreis A GmbH', kind: 'other' });
    const b = await createOrg({ name: 'Kreis B GmbH', kind: 'other', parentId: a.id });
    const cycle = await t.http().patch(`/api/organisations/${a.id}`).set(office()).send({ parentId: b.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('organisation-parent-cycle');
    expect(cycle.body.errors[0].field).toBe('parentId');
    const self = await t.http().patch(`/api/organisations/${a.id}`).set(office()).send({ parentId: a.id });
    expect(self.status).toBe(409);
    expect((await get(a.id)).parentId).toBeNull();

    const taken = await t
      .http()
      .post('/api/organisations')
      .set(office())
      .send({ name: 'KREIS A AG', kind: 'other' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('organisation-name-taken');
    const aliasTaken = await t
      .http()
      .post(`/api/organisations/${b.id}/aliases`)
      .set(office())
      .send({ alias: 'Kreis-A' });
    expect(aliasTaken.status).toBe(409);
    const withChildren = await t.http().delete(`/api/organisations/${a.id}`).set(office());
    expect(withChildren.status).toBe(409);
    expect((await t.http().delete(`/api/organisations/${b.id}`).set(office())).status).toBe(204);
    expect((await t.http().delete(`/api/organisations/${a.id}`).set(office())).status).toBe(204);
    expect((await t.http().get(`/api/organisations/${a.id}`).set(office())).status).toBe(404);
  });

  it('merges an entry: its names become aliases, its children and competitors move over', async () => {
    const into = await createOrg({ name: 'Zusammen GmbH', kind: 'sme', expertise: ['battery'] });
    const from = await createOrg({
      name: 'Doppelt GmbH',
      kind: 'sme',
      aliases: ['Doppelt Werke'],
      expertise: ['software'],
    });
    const child = await createOrg({ name: 'Kind GmbH', kind: 'sme', parentId: from.id });
    const rival = await createOrg({ name: 'Rivale GmbH', kind: 'sme' });
    await t
      .http()
      .post(`/api/organisations/${from.id}/competitors`)
      .set(office())
      .send({ organisationId: rival.id });

    const self = await t
      .http()
      .post(`/api/organisations/${from.id}/merge`)
      .set(office())
      .send({ intoId: from.id });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('intoId');
    const merged = await t
      .http()
      .post(`/api/organisations/${from.id}/merge`)
      .set(office())
      .send({ intoId: into.id });
    expect(merged.status).toBe(200);
    expect(merged.body.aliases).toEqual(['Doppelt GmbH', 'Doppelt Werke']);
    expect(merged.body.expertise).toEqual(['battery', 'software']);
    expect(merged.body.competitorIds).toEqual([rival.id]);
    expect((await get(child.id)).parentId).toBe(into.id);
    expect((await get(child.id)).groupId).toBe(into.id);
    expect((await t.http().get(`/api/organisations/${from.id}`).set(office())).status).toBe(404);
    const search = await t.http().get('/api/organisations?q=doppelt ag').set(office());
    expect(search.body.items.map((o: { id: string }) => o.id)).toEqual([into.id]);
  });

  it('lists unresolved users’ organisations and partner names with counts, until mapped by an alias', async () => {
    await createUser(t, { roles: ['reviewer'], organisation: 'Unbekannt Eins GmbH' });
    await createUser(t, { roles: ['reviewer'], organisation: 'unbekannt eins AG' });
    const applicant = await registerApplicant(t, 'Antrag Firma GmbH');
    const callId = (await createOpenCall(t)).id;
    await createDraft(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      partners: [{ name: 'Unbekannt Eins', kind: 'sme', city: 'Ulm' }],
    });
    const list = async () =>
      (await t.http().get('/api/organisations/unresolved').set(office())).body as {
        name: string;
        users: number;
        partners: number;
      }[];
    const row = (await list()).find((r) => r.name.toLowerCase().startsWith('unbekannt eins'));
    expect(row).toMatchObject({ users: 2, partners: 1 });
    const target = await createOrg({ name: 'Eins Holding', kind: 'large' });
    const mapped = await t
      .http()
      .post(`/api/organisations/${target.id}/aliases`)
      .set(office())
      .send({ alias: row!.name });
    expect(mapped.status).toBe(200);
    expect((await list()).find((r) => r.name.toLowerCase().startsWith('unbekannt eins'))).toBeUndefined();
  });

  describe('partner suggestions', () => {
    let applicant: TestUser;
    let proposalId: string;
    let ids: Record<string, string>;

    beforeAll(async () => {
      const own = await createOrg({
        name: 'Eigene Gruppe AG',
        kind: 'large',
        expertise: ['battery', 'software'],
      });
      applicant = await registerApplicant(t, 'Eigene Tochter GmbH');
      ids = {
        ownSub: (
          await createOrg({
            name: 'Eigene Tochter GmbH',
            kind: 'sme',
            parentId: own.id,
            expertise: ['battery'],
          })
        ).id,
        partner: (
          await createOrg({ name: 'Partner Zwei GmbH', kind: 'sme', expertise: ['battery', 'lightweight'] })
        ).id,
        two: (
          await createOrg({ name: 'Zwei Treffer GmbH', kind: 'sme', expertise: ['BATTERY', 'lightweight'] })
        ).id,
        one: (
          await createOrg({ name: 'Ein Treffer GmbH', kind: 'large', expertise: ['lightweight', 'hydrogen'] })
        ).id,
        institute: (await createOrg({ name: 'Institut Eins e.V.', kind: 'research', expertise: ['battery'] }))
          .id,
        none: (await createOrg({ name: 'Kein Treffer GmbH', kind: 'sme', expertise: ['logistics'] })).id,
      };
      const callId = (await createOpenCall(t)).id;
      proposalId = (
        await createDraft(t, applicant, callId, {
          ...COMPLETE_PROPOSAL,
          topics: ['battery', 'lightweight'],
          partners: [{ name: 'Partner Zwei', kind: 'sme', city: 'Ulm' }],
        })
      ).id;
    });

    it('ranks by topic overlap, institutes first for an all-company consortium, without partners and the own group', async () => {
      const res = await t
        .http()
        .get(`/api/proposals/${proposalId}/partner-suggestions`)
        .set(auth(applicant.token));
      expect(res.status).toBe(200);
      const mine = (res.body as { organisationId: string; matchingTopics: string[] }[]).filter((s) =>
        Object.values(ids).includes(s.organisationId),
      );
      expect(mine.map((s) => s.organisationId)).toEqual([ids.institute, ids.two, ids.one]);
      expect(mine[1].matchingTopics).toEqual(['battery', 'lightweight']);
      const asOffice = await t.http().get(`/api/proposals/${proposalId}/partner-suggestions`).set(office());
      expect(asOffice.status).toBe(200);
    });

    it('answers 404 to everyone but the owner and the office', async () => {
      const stranger = await registerApplicant(t, 'Fremd GmbH');
      const reviewer = await createUser(t, { roles: ['reviewer'] });
      for (const user of [stranger, reviewer]) {
        const res = await t
          .http()
          .get(`/api/proposals/${proposalId}/partner-suggestions`)
          .set(auth(user.token));
        expect(res.status).toBe(404);
      }
      expect((await t.http().get(`/api/proposals/${proposalId}/partner-suggestions`)).status).toBe(401);
      expect((await t.http().get(`/api/proposals/${NIL}/partner-suggestions`).set(office())).status).toBe(
        404,
      );
    });
  });

  it('authorization matrix: the registry is the office’s; personal conflicts the board’s', async () => {
    const org = await createOrg({ name: 'Matrix GmbH', kind: 'sme' });
    const other = await createOrg({ name: 'Matrix Zwei GmbH', kind: 'sme' });
    const users = {
      applicant: await registerApplicant(t, 'Matrix Antrag GmbH'),
      reviewer: await createUser(t, { roles: ['reviewer'] }),
      steering: await createUser(t, { roles: ['steering'] }),
    };
    const routes: [string, string, Record<string, unknown>?][] = [
      ['get', '/api/organisations'],
      ['post', '/api/organisations', { name: 'Neu GmbH', kind: 'sme' }],
      ['get', '/api/organisations/unresolved'],
      ['get', '/api/organisations/conflicted-assignments'],
      ['get', `/api/organisations/${org.id}`],
      ['patch', `/api/organisations/${org.id}`, { city: 'Ulm' }],
      ['delete', `/api/organisations/${NIL}`],
      ['post', `/api/organisations/${org.id}/aliases`, { alias: 'Matrix Eins' }],
      ['post', `/api/organisations/${NIL}/merge`, { intoId: org.id }],
      ['post', `/api/organisations/${org.id}/competitors`, { organisationId: other.id }],
      ['delete', `/api/organisations/${org.id}/competitors/${other.id}`],
    ];
    const call = (method: string, path: string, body?: Record<string, unknown>) => {
      const req = (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](
        path,
      );
      return body ? req.send(body) : req;
    };
    for (const [method, path, body] of routes) {
      expect({ route: `${method} ${path}`, status: (await call(method, path, body)).status }).toEqual({
        route: `${method} ${path}`,
        status: 401,
      });
      for (const [role, user] of Object.entries(users)) {
        const res = await call(method, path, body).set(auth(user.token));
        expect({ route: `${method} ${path}`, role, status: res.status }).toEqual({
          route: `${method} ${path}`,
          role,
          status: 403,
        });
      }
      const res = await call(method, path, body).set(office());
      expect({ route: `${method} ${path}`, ok: res.status < 300 || res.status === 404 }).toEqual({
        route: `${method} ${path}`,
        ok: true,
      });
    }
    // Personal conflicts: board members and the office; not applicants, not anonymous.
    const declare = { organisation: 'Matrix GmbH', reason: 'Beirat' };
    expect((await t.http().post('/api/personal-conflicts').send(declare)).status).toBe(401);
    expect((await t.http().get('/api/personal-conflicts')).status).toBe(401);
    expect(
      (await t.http().post('/api/personal-conflicts').set(auth(users.applicant.token)).send(declare)).status,
    ).toBe(403);
    expect((await t.http().get('/api/personal-conflicts').set(auth(users.applicant.token))).status).toBe(403);
    expect(
      (await t.http().post('/api/personal-conflicts').set(auth(users.reviewer.token)).send(declare)).status,
    ).toBe(201);
    expect(
      (await t.http().post('/api/personal-conflicts').set(auth(users.steering.token)).send(declare)).status,
    ).toBe(201);
    const seen = await t.http().get('/api/personal-conflicts').set(auth(users.steering.token));
    expect(seen.body.map((c: { userId: string }) => c.userId)).toEqual([users.steering.id]);
    const officeSees = await t
      .http()
      .get(`/api/personal-conflicts?userId=${users.reviewer.id}`)
      .set(office());
    expect(officeSees.body.map((c: { userId: string }) => c.userId)).toEqual([users.reviewer.id]);
    const notBoard = await t
      .http()
      .post('/api/personal-conflicts')
      .set(office())
      .send({ ...declare, userId: users.applicant.id });
    expect(notBoard.status).toBe(400);
    expect(notBoard.body.errors[0].field).toBe('userId');
  });

  it('pages: the registry pages are the office’s, /conflicts the board’s', async () => {
    const applicant = await registerApplicant(t, 'Seiten GmbH');
    const reviewer = await createUser(t, { roles: ['reviewer'] });
    const org = await createOrg({ name: 'Seiten Test GmbH', kind: 'sme' });
    for (const path of [
      '/office/organisations',
      '/office/organisations/new',
      `/office/organisations/${org.id}`,
    ]) {
      expect({ path, status: (await t.http().get(path)).status }).toEqual({ path, status: 303 });
      for (const user of [applicant, reviewer]) {
        expect({ path, status: (await t.http().get(path).set(auth(user.token))).status }).toEqual({
          path,
          status: 403,
        });
      }
      expect({ path, status: (await t.http().get(path).set(office())).status }).toEqual({
        path,
        status: 200,
      });
    }
    expect((await t.http().get('/conflicts').set(auth(applicant.token))).status).toBe(403);
    expect((await t.http().get('/conflicts').set(auth(reviewer.token))).status).toBe(200);
    expect((await t.http().get('/conflicts').set(office())).status).toBe(403);
  });

  it.each<[string, Record<string, unknown>]>([
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['name', { name: 7 }],
    ['aliases', { aliases: 'VW' }],
    ['aliases', { aliases: ['x'.repeat(201)] }],
    ['aliases', { aliases: Array.from({ length: 51 }, (_, i) => `Alias ${i}`) }],
    ['parentId', { parentId: 'not-a-uuid' }],
    ['parentId', { parentId: NIL }],
    ['kind', { kind: 'giant' }],
    ['city', { city: 'x'.repeat(201) }],
    ['inRegion', { inRegion: 'yes' }],
    ['employees', { employees: -1 }],
    ['employees', { employees: 1.5 }],
    ['employees', { employees: 10_000_001 }],
    ['turnoverEur', { turnoverEur: -5 }],
    ['turnoverEur', { turnoverEur: 1e13 }],
    ['balanceSheetEur', { balanceSheetEur: 'viel' }],
    ['expertise', { expertise: [''] }],
    ['expertise', { expertise: ['x'.repeat(101)] }],
  ])('answers 400 at %s for %j', async (field, bad) => {
    const res = await t
      .http()
      .post('/api/organisations')
      .set(office())
      .send({ name: 'Feldtest GmbH', kind: 'sme', ...bad });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field.split('.')[0].split('[')[0])).toContain(
      field,
    );
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['merge', 'intoId', { intoId: 'x' }],
    ['merge', 'intoId', { intoId: NIL }],
    ['competitors', 'organisationId', {}],
    ['competitors', 'organisationId', { organisationId: NIL }],
    ['aliases', 'alias', { alias: '' }],
    ['aliases', 'alias', { alias: 'x'.repeat(201) }],
  ])('answers 400 at the field of %s: %s %j', async (action, field, body) => {
    const org = await createOrg({ name: `Aktion ${action} ${Math.random()}`, kind: 'sme' });
    const res = await t.http().post(`/api/organisations/${org.id}/${action}`).set(office()).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each<[string, Record<string, unknown>]>([
    ['organisation', { reason: 'r' }],
    ['organisation', { organisation: 'x'.repeat(201), reason: 'r' }],
    ['reason', { organisation: 'Matrix GmbH' }],
    ['reason', { organisation: 'Matrix GmbH', reason: 'x'.repeat(1001) }],
    ['userId', { userId: 'nope', organisation: 'Matrix GmbH', reason: 'r' }],
  ])('personal conflicts answer 400 at %s', async (field, body) => {
    const res = await t.http().post('/api/personal-conflicts').set(office()).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
