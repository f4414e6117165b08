import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { appRoutes } from './support/app-routes';
import { assigned, assignmentAction, auth, eligibleProposal, signIn } from './support/factories';
import { privacyWorld, PrivacyWorld } from './support/privacy-world';
import { SmtpSink } from './support/smtp-sink';
import { OFFICE_EMAIL, startTestApp, TestApp } from './support/test-app';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every audit row as text, in order, and a checksum over it: append-only means these never change. */
async function auditSnapshot(t: TestApp) {
  const [row]: { n: number; last: string; sum: string }[] = await t.dataSource.query(
    `SELECT count(*)::int AS n, max(seq)::text AS last,
            md5(string_agg(concat_ws('|', seq, at, actor_id, entity_type, entity_id, action, from_state, to_state, data::text), E'\\n' ORDER BY seq)) AS sum
       FROM audit_events`,
  );
  return row;
}

async function auditChecksumUpTo(t: TestApp, seq: string): Promise<string> {
  const [row]: { sum: string }[] = await t.dataSource.query(
    `SELECT md5(string_agg(concat_ws('|', seq, at, actor_id, entity_type, entity_id, action, from_state, to_state, data::text), E'\\n' ORDER BY seq)) AS sum
       FROM audit_events WHERE seq <= $1`,
    [seq],
  );
  return row.sum;
}

/**
 * Erasure (issue 18): the person asks, the office executes; afterwards their name and address appear
 * in no API answer, page, CSV or generated PDF that anyone can reach, the history still reads with the
 * pseudonym, and the audit rows are the same rows as before.
 */
describe('erasure with pseudonyms', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let w: PrivacyWorld;
  let declinedProposal: string;
  let before: { n: number; last: string; sum: string };
  let historyBefore: unknown[];
  let tokensBefore: number;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    w = await privacyWorld(t);
    // A mail to the office that names the reviewer: she declines an invitation.
    declinedProposal = await eligibleProposal(t, w.other, w.callId);
    const invitation = await assigned(t, declinedProposal, w.reviewers[0].id);
    const declined = await assignmentAction(t, w.reviewers[0].token, invitation, 'decline', {
      reason: 'Keine Zeit',
    });
    expect(declined.status).toBe(200);
    await sink.waitFor(
      (mails) =>
        mails.some((m) => m.to.includes(OFFICE_EMAIL) && m.text.includes(w.reviewers[0].name)) &&
        mails.some(
          (m) => m.to.includes(w.applicant.email.toLowerCase()) && /Entscheidung|decision/i.test(m.subject),
        ),
      20_000,
      'the decline mail to the office and the decision letters',
    );
    historyBefore = (await t.http().get(`/api/proposals/${w.funded}/history`).set(auth(t.officeToken))).body;
    before = await auditSnapshot(t);
    [{ n: tokensBefore }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM action_tokens WHERE user_id = $1',
      [w.reviewers[0].id],
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const erased = () => [w.applicant, w.reviewers[0], w.chair];

  it('records the request of the person and lists it for the office only', async () => {
    const refused = await t.http().post('/api/me/erasure').set(auth(w.applicant.token)).send({});
    expect(refused.status).toBe(400);
    const asked = await t.http().post('/api/me/erasure').set(auth(w.applicant.token)).send({ confirm: true });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ userId: w.applicant.id, state: 'requested', pseudonym: null });
    const again = await t.http().post('/api/me/erasure').set(auth(w.applicant.token)).send({ confirm: true });
    expect(again.body.id).toBe(asked.body.id);
    const list = await t.http().get('/api/erasure-requests').set(auth(t.officeToken));
    expect(list.status).toBe(200);
    expect(list.body.map((r: { userId: string }) => r.userId)).toEqual([w.applicant.id]);
    expect((await t.http().get('/api/erasure-requests').set(auth(w.chair.token))).status).toBe(403);
  });

  it('is executed by the office only, with a reason, once', async () => {
    const url = (id: string) => `/api/users/${id}/erase`;
    expect(
      (await t.http().post(url(w.applicant.id)).set(auth(w.chair.token)).send({ reason: 'Antrag' })).status,
    ).toBe(403);
    expect((await t.http().post(url(w.applicant.id)).set(auth(t.officeToken)).send({})).status).toBe(400);
    const unknown = await t
      .http()
      .post(url('00000000-0000-4000-8000-000000000000'))
      .set(auth(t.officeToken))
      .send({ reason: 'Antrag' });
    expect(unknown.status).toBe(404);
    for (const person of erased()) {
      const res = await t
        .http()
        .post(url(person.id))
        .set(auth(t.officeToken))
        .send({ reason: 'Antrag nach Art. 17' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: person.id, state: 'executed', name: res.body.pseudonym });
      expect(res.body.pseudonym).toMatch(/^Person [0-9A-F]{6}$/);
    }
    const twice = await t
      .http()
      .post(url(w.applicant.id))
      .set(auth(t.officeToken))
      .send({ reason: 'Nochmals' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already-erased');
  });

  it('ends the sessions, deletes the one-click links and makes sign-in impossible', async () => {
    expect(tokensBefore).toBeGreaterThan(0);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM action_tokens WHERE user_id = $1',
      [w.reviewers[0].id],
    );
    expect(n).toBe(0);
    for (const person of erased()) {
      expect((await t.http().get('/api/me').set(auth(person.token))).status).toBe(401);
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: person.email, password: person.password });
      expect(login.status).toBe(401);
    }
  });

  it('leaves the audit rows as they were (count and checksum) and adds only the request and the erasures', async () => {
    expect(await auditChecksumUpTo(t, before.last)).toBe(before.sum);
    const [added]: { actions: string[] }[] = await t.dataSource.query(
      'SELECT array_agg(action ORDER BY seq) AS actions FROM audit_events WHERE seq > $1',
      [before.last],
    );
    expect(added.actions).toEqual(['erasure-request', 'erase', 'erase', 'erase']);
    const history = await t.http().get(`/api/proposals/${w.funded}/history`).set(auth(t.officeToken));
    expect(history.status).toBe(200);
    expect(history.body).toEqual(historyBefore);
  });

  it('shows the pseudonym where the name was: the decision of the erased chair on the proposal page', async () => {
    const page = await t.http().get(`/proposals/${w.funded}`).set(auth(t.officeToken));
    expect(page.status).toBe(200);
    const [{ pseudonym }] = await t.dataSource.query(
      'SELECT pseudonym FROM erasure_requests WHERE user_id = $1',
      [w.chair.id],
    );
    expect(page.text).toContain(pseudonym);
  });

  it('has no name or address of an erased person in any API answer, page, CSV, XLSX or PDF that anyone can reach', async () => {
    const other = await signIn(t, w.other.email, w.other.password);
    const reviewer = w.reviewers[1].token;
    const ids = await t.dataSource.query(
      `SELECT 'proposals' AS kind, id::text FROM proposals UNION ALL SELECT 'calls', id::text FROM calls
       UNION ALL SELECT 'users', id::text FROM users UNION ALL SELECT 'assignments', id::text FROM assignments
       UNION ALL SELECT 'mails', id::text FROM mail_log`,
    );
    const attachments: { id: string; proposal_id: string }[] = await t.dataSource.query(
      'SELECT id, proposal_id FROM attachments',
    );
    const idsOf = (kind: string) =>
      ids.filter((r: { kind: string }) => r.kind === kind).map((r: { id: string }) => r.id);
    const kindOf = (path: string) => {
      const before = path.split('/{')[0].split('/').pop() ?? '';
      return ['proposals', 'calls', 'users', 'assignments', 'mails'].includes(before) ? before : 'proposals';
    };
    const urls = new Set<string>();
    for (const route of appRoutes(t.app).filter((r) => r.method === 'get')) {
      if (route.path.startsWith('/admin') || route.path.includes('{token}') || route.path.startsWith('/lang'))
        continue;
      if (route.path.includes('{aid}')) {
        for (const a of attachments)
          urls.add(route.path.replace('{id}', a.proposal_id).replace('{aid}', a.id));
        continue;
      }
      if (!route.path.includes('{')) {
        urls.add(route.path);
        continue;
      }
      for (const id of idsOf(kindOf(route.path))) urls.add(route.path.replace(/\{\w+\}/, id));
    }
    for (const callId of idsOf('calls')) urls.add(`/calls/${callId}/ranking.csv`);
    const texts: string[] = [];
    let csvs = 0;
    let xlsxs = 0;
    for (const token of [t.officeToken, w.member.token, reviewer, other]) {
      for (const url of urls) {
        const res = await t
          .http()
          .get(url)
          .set(auth(token))
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          });
        const body = res.body as Buffer;
        const type = String(res.headers['content-type'] ?? '');
        // A generated PDF is searched as text (the upload fixtures are not real PDFs and stay bytes).
        if (type.includes('pdf') && body.subarray(0, 5).toString() === '%PDF-' && body.length > 2000) {
          texts.push(execFileSync('pdftotext', ['-', '-'], { input: body }).toString('utf8'));
        } else texts.push(body.toString('utf8'));
        if (type.includes('csv')) csvs++;
      }
      const csv = await t
        .http()
        .get(`/api/calls/${w.callId}/ranking`)
        .set(auth(token))
        .set('Accept', 'text/csv');
      if (csv.status === 200) csvs++;
      texts.push(csv.text ?? '');
      // The XLSX exports (ranking; reviews for the office): every XML part of the workbook as text.
      for (const path of [`/api/calls/${w.callId}/ranking`, `/api/calls/${w.callId}/reviews`]) {
        const xlsx = await t
          .http()
          .get(path)
          .set(auth(token))
          .set('Accept', XLSX_TYPE)
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          });
        if (xlsx.status !== 200) continue;
        xlsxs++;
        const parts = unzipSync(new Uint8Array(xlsx.body as Buffer));
        texts.push(...Object.values(parts).map((part) => strFromU8(part)));
      }
    }
    expect(urls.size).toBeGreaterThan(40);
    expect(csvs).toBeGreaterThan(0);
    expect(xlsxs).toBeGreaterThanOrEqual(2);
    const all = texts.join('\n');
    // The walk saw the other people (so it would have seen these), and none of the erased.
    expect(all).toContain(w.member.name);
    expect(all).toContain(w.reviewers[1].name);
    const found = erased().flatMap((p) =>
      [p.name, p.email].filter((s) => all.toLowerCase().includes(s.toLowerCase())),
    );
    expect(found).toEqual([]);
  }, 240_000);

  it('keeps the mail log and resent mails to others free of the erased name and address', async () => {
    const rows: { to_address: string; subject: string; data: unknown }[] = await t.dataSource.query(
      'SELECT to_address, subject, data FROM mail_log',
    );
    const text = JSON.stringify(rows);
    for (const p of erased()) {
      expect(text).not.toContain(p.name);
      expect(text.toLowerCase()).not.toContain(p.email.toLowerCase());
    }
    const [declineMail]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM mail_log WHERE template = 'invitation-declined' ORDER BY created_at LIMIT 1`,
    );
    const seen = sink.mails.length;
    const resent = await t.http().post(`/api/mails/${declineMail.id}/resend`).set(auth(t.officeToken));
    expect(resent.status).toBeLessThan(300);
    const mails = await sink.waitFor((m) => m.length > seen, 20_000, 'the resent mail');
    const copy = mails.slice(seen);
    const body = copy.map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n');
    expect(body).toContain('Person ');
    expect(body).not.toContain(w.reviewers[0].name);
    expect(body.toLowerCase()).not.toContain(w.reviewers[0].email.toLowerCase());
  });

  it('has no name or address of any test user in any audit row after the whole round, renames and resends included', async () => {
    const renamed = await t
      .http()
      .patch(`/api/users/${w.member.id}`)
      .set(auth(t.officeToken))
      .send({ name: 'Friedhelm Ostwind-Neu', organisation: 'Kammer Nord', expertise: ['battery'] });
    expect(renamed.status).toBe(200);
    const rows: { data: unknown; action: string }[] = await t.dataSource.query(
      'SELECT action, data FROM audit_events ORDER BY seq',
    );
    expect(rows.length).toBeGreaterThan(50);
    const text = JSON.stringify(rows).toLowerCase();
    const people = [...w.everyone, { name: 'Friedhelm Ostwind-Neu', email: OFFICE_EMAIL }];
    const found = people.flatMap((p) => [p.name, p.email].filter((s) => text.includes(s.toLowerCase())));
    expect(found).toEqual([]);
    expect(text).not.toContain('kammer nord');
  });
});
