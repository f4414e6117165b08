import { unzipSync } from 'fflate';
import { ENTITIES } from '@/entities';
import { declaredColumns, PERSONAL_DATA } from '@/privacy/personal-data';
import { auth, createUser, pdf } from './support/factories';
import { privacyWorld, PrivacyWorld } from './support/privacy-world';
import { startTestApp, TestApp } from './support/test-app';

type Export = { userId: string; tables: Record<string, Record<string, unknown>[]> };

/** GET /api/me/export (issue 18, DESIGN §14): everything about the caller, nothing about anyone else. */
describe('own-data export', () => {
  let t: TestApp;
  let w: PrivacyWorld;
  const exportOf = async (token: string): Promise<Export> => {
    const res = await t.http().get('/api/me/export').set(auth(token));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    return res.body as Export;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await privacyWorld(t);
  });
  afterAll(() => t?.close());

  it('declares every column of every entity as personal, other or secret, and names no column that is gone', () => {
    const metadata = t.dataSource.entityMetadatas;
    expect(metadata).toHaveLength(ENTITIES.length);
    const problems: string[] = [];
    for (const entity of metadata) {
      const declaration = PERSONAL_DATA[entity.tableName];
      if (!declaration) {
        problems.push(`${entity.tableName} (${entity.name}): no entry in src/privacy/personal-data.ts`);
        continue;
      }
      const declared = declaredColumns(declaration);
      const columns = entity.columns.map((c) => c.propertyName);
      for (const column of columns)
        if (!declared.includes(column))
          problems.push(`${entity.tableName}.${column}: not declared personal, other or secret`);
      for (const column of declared)
        if (!columns.includes(column))
          problems.push(`${entity.tableName}.${column}: declared but no such column`);
      if (new Set(declared).size !== declared.length)
        problems.push(`${entity.tableName}: a column declared twice`);
    }
    for (const table of Object.keys(PERSONAL_DATA))
      if (!metadata.some((m) => m.tableName === table))
        problems.push(`${table}: declared but no such entity`);
    expect(problems).toEqual([]);
  });

  it('gives the applicant their two proposals with attachment metadata, and no one else’s data', async () => {
    const data = await exportOf(w.applicant.token);
    expect(data.userId).toBe(w.applicant.id);
    expect(data.tables.users).toEqual([
      expect.objectContaining({ id: w.applicant.id, email: w.applicant.email, name: w.applicant.name }),
    ]);
    expect(data.tables.users[0]).not.toHaveProperty('passwordHash');
    expect(data.tables.proposals.map((p) => p.id).sort()).toEqual([w.funded, w.rejected].sort());
    expect(data.tables.attachments).toHaveLength(2);
    expect(
      data.tables.attachments.every((a) => [w.funded, w.rejected].includes(a.proposalId as string)),
    ).toBe(true);
    expect(data.tables.attachments[0]).not.toHaveProperty('storageKey');
    expect(data.tables.decisions.map((d) => d.proposalId).sort()).toEqual([w.funded, w.rejected].sort());
    expect(data.tables.reviews).toEqual([]);
    expect(data.tables.votes).toEqual([]);
    expect(data.tables.sessions.length).toBeGreaterThan(0);
    expect(data.tables.sessions.every((s) => s.userId === w.applicant.id)).toBe(true);
    expect(data.tables.sessions[0]).not.toHaveProperty('tokenHash');
    expect(data.tables.audit_events.length).toBeGreaterThanOrEqual(6); // create, attach, submit × 2
    expect(data.tables.audit_events.every((e) => e.actorId === w.applicant.id)).toBe(true);
    expectNobodyElse(data, w.applicant.id);
  });

  it('gives a board member the reviews they wrote with their scores, and no proposal', async () => {
    const [reviewer] = w.reviewers;
    const data = await exportOf(reviewer.token);
    expect(data.tables.reviews).toHaveLength(3);
    expect(data.tables.assignments).toHaveLength(3);
    expect(data.tables.assignments.every((a) => a.reviewerId === reviewer.id)).toBe(true);
    const assignmentIds = data.tables.assignments.map((a) => a.id);
    expect(data.tables.reviews.every((r) => assignmentIds.includes(r.assignmentId))).toBe(true);
    expect(data.tables.review_scores).toHaveLength(3 * 5);
    expect(data.tables.proposals).toEqual([]);
    expect(data.tables.votes).toEqual([]);
    expectNobodyElse(data, reviewer.id);
  });

  it('gives a steering member their votes and the decisions they recorded', async () => {
    const data = await exportOf(w.chair.token);
    expect(data.tables.votes.map((v) => v.proposalId).sort()).toEqual([w.funded, w.rejected].sort());
    expect(data.tables.votes.every((v) => v.voterId === w.chair.id)).toBe(true);
    expect(data.tables.decisions).toHaveLength(2);
    expect(data.tables.decisions.every((d) => d.decidedBy === w.chair.id)).toBe(true);
    expect(data.tables.reviews).toEqual([]);
    const member = await exportOf(w.member.token);
    expect(member.tables.votes.map((v) => v.proposalId).sort()).toEqual([w.funded, w.othersProposal].sort());
    expect(member.tables.decisions).toEqual([]);
    expectNobodyElse(data, w.chair.id);
    expectNobodyElse(member, w.member.id);
  });

  it('covers every table that holds rows of a person, each row with every declared column but the secrets', async () => {
    const exports = [
      await exportOf(w.applicant.token),
      await exportOf(w.reviewers[1].token),
      await exportOf(w.member.token),
    ];
    const seen = new Set<string>();
    for (const data of exports) {
      for (const [table, declaration] of Object.entries(PERSONAL_DATA)) {
        if (declaration.rowsOf === null) {
          expect(data.tables).not.toHaveProperty(table);
          continue;
        }
        expect(data.tables).toHaveProperty(table);
        for (const row of data.tables[table]) {
          expect(Object.keys(row).sort()).toEqual([...declaration.personal, ...declaration.other].sort());
          seen.add(table);
        }
      }
    }
    // Rows of these tables exist in this round; every personal column of each was asserted above.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'assignments',
        'attachments',
        'audit_events',
        'decisions',
        'proposals',
        'review_scores',
        'reviews',
        'sessions',
        'users',
        'votes',
      ]),
    );
  });

  it('puts the own attachment files beside export.json in a ZIP (query or Accept header)', async () => {
    for (const request of [
      () => t.http().get('/api/me/export?attachments=zip'),
      () => t.http().get('/api/me/export').set('Accept', 'application/zip'),
    ]) {
      const res = await request()
        .set(auth(w.applicant.token))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(res.body as Buffer));
      const names = Object.keys(files).sort();
      expect(names).toHaveLength(3);
      expect(names).toContain('export.json');
      const attachments = names.filter((n) => n.startsWith('attachments/'));
      expect(attachments.map((n) => n.split('/')[1]).sort()).toEqual([w.funded, w.rejected].sort());
      for (const name of attachments) expect(Buffer.from(files[name]).equals(pdf())).toBe(true);
      const json = JSON.parse(Buffer.from(files['export.json']).toString('utf8')) as Export;
      expect(json.userId).toBe(w.applicant.id);
    }
  });

  it('refuses an unknown export format at the field, and a stranger without a session', async () => {
    const bad = await t.http().get('/api/me/export?attachments=tar').set(auth(w.applicant.token));
    expect(bad.status).toBe(400);
    expect((await t.http().get('/api/me/export')).status).toBe(401);
  });

  it('allows 10 exports an hour per account, then answers 429 with Retry-After', async () => {
    const user = await createUser(t, { roles: ['applicant'] });
    for (let i = 0; i < 10; i++)
      expect((await t.http().get('/api/me/export').set(auth(user.token))).status).toBe(200);
    const refused = await t.http().get('/api/me/export').set(auth(user.token));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate-limited');
  });

  function expectNobodyElse(data: Export, self: string): void {
    const text = JSON.stringify(data);
    const others = w.everyone.filter((p) => p.id !== self);
    const found = others.flatMap((p) => [p.email, p.name].filter((s) => text.includes(s)));
    expect(found).toEqual([]);
  }
});
