import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RetentionService } from '@/privacy/retention.service';
import { auth, createDraft, createUser, fire, uploadPdf } from './support/factories';
import { privacyWorld, PrivacyWorld } from './support/privacy-world';
import { startTestApp, TestApp } from './support/test-app';

const UNFUNDED_S = 8;

/** Retention (issue 18, DESIGN §14) with periods of seconds: unfunded proposals lose their files, funded keep them. */
describe('retention', () => {
  let t: TestApp;
  let w: PrivacyWorld;
  let withdrawn: string;
  let withdrawer: { id: string; name: string };
  let files: Record<string, string[]>;

  const keysOf = async (proposalId: string): Promise<string[]> =>
    (
      await t.dataSource.query('SELECT storage_key FROM attachments WHERE proposal_id = $1', [proposalId])
    ).map((r: { storage_key: string }) => r.storage_key);
  const onDisk = (key: string) => existsSync(join(resolve(t.config.uploadDir), key));
  const due = async (): Promise<{ proposalId: string; kind: string }[]> => {
    const res = await t.http().get('/api/retention/due').set(auth(t.officeToken));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ RETENTION_UNFUNDED: `${UNFUNDED_S}s`, RETENTION_FUNDED: '1h' });
    w = await privacyWorld(t);
    const person = await createUser(t, { roles: ['applicant'], name: 'Gundula Rückzieher' });
    withdrawer = { id: person.id, name: 'Gundula Rückzieher' };
    const draft = await createDraft(t, person, w.callId);
    expect((await uploadPdf(t, person.token, draft.id)).status).toBe(201);
    expect((await fire(t, person.token, draft.id, 'submit')).status).toBe(200);
    expect((await fire(t, person.token, draft.id, 'withdraw', { reason: 'Anders entschieden' })).status).toBe(
      200,
    );
    withdrawn = draft.id;
    files = {
      [w.funded]: await keysOf(w.funded),
      [w.rejected]: await keysOf(w.rejected),
      [withdrawn]: await keysOf(withdrawn),
    };
  }, 120_000);
  afterAll(() => t?.close());

  it('lists nothing before the period, then the rejected and the withdrawn proposal (dry run, office only)', async () => {
    const [{ decided }] = await t.dataSource.query(
      `SELECT max(at) AS decided FROM audit_events WHERE entity_id = $1 AND to_state = 'rejected'`,
      [w.rejected],
    );
    const early = await due();
    if (Date.now() < new Date(decided).getTime() + UNFUNDED_S * 1000)
      expect(early.map((d) => d.proposalId)).not.toContain(w.rejected);
    expect((await t.http().get('/api/retention/due').set(auth(w.chair.token))).status).toBe(403);

    const deadline = Date.now() + 60_000;
    let listed: { proposalId: string; kind: string }[] = [];
    while (Date.now() < deadline) {
      listed = await due();
      if (listed.length >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed.map((d) => d.proposalId).sort()).toEqual([w.rejected, withdrawn].sort());
    expect(listed.every((d) => d.kind === 'unfunded')).toBe(true);
    // The dry run deleted nothing.
    for (const key of files[w.rejected]) expect(onDisk(key)).toBe(true);
  }, 90_000);

  it('two runs at once purge each due proposal once: files and rows gone, one audit event each; the funded one kept', async () => {
    const retention = t.app.get(RetentionService);
    const [a, b] = await Promise.all([retention.run(), retention.run()]);
    const purged = [...a.purged, ...b.purged].map((p) => p.proposalId).sort();
    expect(purged).toEqual([w.rejected, withdrawn].sort());

    for (const id of [w.rejected, withdrawn]) {
      expect(files[id].length).toBe(1);
      for (const key of files[id]) expect(onDisk(key)).toBe(false);
      expect(await keysOf(id)).toEqual([]);
      const events = await t.dataSource.query(
        `SELECT actor_id, data FROM audit_events WHERE entity_id = $1 AND action = 'retention-purge'`,
        [id],
      );
      expect(events).toEqual([{ actor_id: null, data: { kind: 'unfunded', attachments: 1 } }]);
      const [p] = await t.dataSource.query(
        'SELECT abstract, partners, title, state FROM proposals WHERE id = $1',
        [id],
      );
      expect(p).toMatchObject({ abstract: '', partners: [] });
      expect(p.title).not.toBe('');
    }
    expect(files[w.funded].length).toBe(1);
    for (const key of files[w.funded]) expect(onDisk(key)).toBe(true);
    expect(await keysOf(w.funded)).toEqual(files[w.funded]);

    // The history still reads.
    const history = await t.http().get(`/api/proposals/${w.rejected}/history`).set(auth(t.officeToken));
    expect(history.status).toBe(200);
    expect(history.body.at(-1)).toMatchObject({ action: 'retention-purge', actorId: null });

    const third = await retention.run();
    expect(third.purged).toEqual([]);
    expect(await due()).toEqual([]);
  });

  it('pseudonymises an applicant with nothing left under retention, and not one with a funded proposal', async () => {
    const [person] = await t.dataSource.query('SELECT name, email, active FROM users WHERE id = $1', [
      withdrawer.id,
    ]);
    expect(person.name).toMatch(/^Person [0-9A-F]{6}$/);
    expect(person.email).toMatch(/@erased\.invalid$/);
    expect(person.active).toBe(false);
    const [record] = await t.dataSource.query(
      'SELECT state, executed_by, reason FROM erasure_requests WHERE user_id = $1',
      [withdrawer.id],
    );
    expect(record).toEqual({ state: 'executed', executed_by: null, reason: 'retention period ended' });
    const [applicant] = await t.dataSource.query('SELECT name, active FROM users WHERE id = $1', [
      w.applicant.id,
    ]);
    expect(applicant).toEqual({ name: w.applicant.name, active: true });
  });

  it('shows the dry run as a section of the office privacy page', async () => {
    const page = await t.http().get('/office/privacy').set(auth(t.officeToken));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Aufbewahrungsfrist abgelaufen');
    expect((await t.http().get('/office/privacy').set(auth(w.applicant.token))).status).toBe(403);
  });
});
