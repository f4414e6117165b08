import { startTestApp, TestApp } from './support/test-app';
import {
  createDraft,
  createOpenCall,
  fire,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';

async function snapshot(t: TestApp, proposalId: string) {
  const [proposal] = await t.dataSource.query(
    'SELECT state, version, round, submitted_at FROM proposals WHERE id = $1',
    [proposalId],
  );
  const [{ audit }] = await t.dataSource.query(
    `SELECT count(*)::int AS audit FROM audit_events WHERE entity_id = $1`,
    [proposalId],
  );
  const [{ outbox }] = await t.dataSource.query(
    `SELECT count(*)::int AS outbox FROM outbox WHERE payload->>'proposalId' = $1`,
    [proposalId],
  );
  return { proposal, audit, outbox };
}

describe('transitions are all-or-nothing and happen once', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t);
  });
  afterAll(() => t.close());

  it('10 parallel submits of one draft: one 200, nine 409, one audit event, one receipt', async () => {
    const draft = await createDraft(t, applicant, callId);
    await uploadPdf(t, applicant.token, draft.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => fire(t, applicant.token, draft.id, 'submit')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ state: 'submitted' });
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'submit'`,
      [draft.id],
    );
    expect(n).toBe(1);
    const after = await snapshot(t, draft.id);
    expect(after.outbox).toBe(1);
    expect(after.proposal.version).toBe(draft.version + 2); // + upload, + submit
  });

  it('10 parallel submits carrying the same expectedVersion: exactly one wins', async () => {
    const draft = await createDraft(t, applicant, callId);
    const upload = await uploadPdf(t, applicant.token, draft.id);
    expect(upload.status).toBe(201);
    const version = draft.version + 1;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        fire(t, applicant.token, draft.id, 'submit', { expectedVersion: version }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });

  it('a submit whose guard fails leaves state, version, audit and outbox untouched', async () => {
    const draft = await createDraft(t, applicant, callId, {
      title: 'Ohne PDF',
      abstract: 'a',
      topics: ['battery'],
    });
    const before = await snapshot(t, draft.id);
    const res = await fire(t, applicant.token, draft.id, 'submit');
    expect(res.status).toBe(409);
    expect(await snapshot(t, draft.id)).toEqual(before);
  });

  it('a refused upload leaves no file row, no version bump and no audit event', async () => {
    const draft = await createDraft(t, applicant, callId);
    const before = await snapshot(t, draft.id);
    const res = await uploadPdf(t, applicant.token, draft.id, Buffer.from('GIF89a not a pdf'), 'x.pdf');
    expect(res.status).toBe(415);
    expect(await snapshot(t, draft.id)).toEqual(before);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM attachments WHERE proposal_id = $1',
      [draft.id],
    );
    expect(n).toBe(0);
  });

  it('refuses a sixth attachment and keeps the five', async () => {
    const draft = await createDraft(t, applicant, callId);
    for (let i = 0; i < 5; i += 1) expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);
    const sixth = await uploadPdf(t, applicant.token, draft.id);
    expect(sixth.status).toBe(409);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM attachments WHERE proposal_id = $1',
      [draft.id],
    );
    expect(n).toBe(5);
  });

  it('the database refuses to change or delete audit events', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });
});
