import { randomBytes } from 'node:crypto';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';
import {
  auth,
  createDraft,
  createOpenCall,
  createUser,
  fire,
  fullScores,
  signIn,
  uploadPdf,
} from './support/factories';
import { awaitingDecision } from './support/seed-reviews';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { OFFICE_EMAIL, startTestApp, TestApp } from './support/test-app';

const CONFIRM_LINK = /http:\/\/beirat\.test\/confirm\/([A-Za-z0-9_-]{43})/;

/**
 * Nothing personal in logs (issue 18): the log of a whole walk at debug level — registration with
 * consent, confirmation, submission, review, votes, decision, mails, a refused mail whose server
 * quotes the address — holds no address and no name of the people in it.
 */
describe('consent at registration, and a log without personal data', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const lines: string[] = [];
  let refuseFor: string | null = null;
  const people: { name: string; email: string }[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start({
      beforeAccept: async () => {
        const address = refuseFor;
        refuseFor = null;
        if (address) throw Object.assign(new Error(`Mailbox ${address} is full`), { responseCode: 452 });
      },
    });
    t = await startTestApp(
      { WORKERS: 'on', SMTP_URL: sink.url, LOG_LEVEL: 'debug' },
      { log: { write: (line: string) => void lines.push(line) } },
    );
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const register = (email: string, name: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/auth/register')
      .send({ email, password: 'a-new-password', name, organisation: 'Protokoll GmbH', ...extra });

  async function clickConfirm(mail: CapturedMail) {
    const token = CONFIRM_LINK.exec(mail.text)?.[1] ?? '';
    const form = await t.http().get('/register');
    const cookies = (form.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    return t
      .http()
      .post(`/confirm/${token}`)
      .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
      .type('form')
      .send({ _csrf: csrf });
  }

  it('refuses a notice version the client was not shown, at the field, and creates nothing', async () => {
    const email = `stale-${randomBytes(4).toString('hex')}@example.test`;
    const res = await register(email, 'Stale Version', { privacyNoticeVersion: '2000-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'privacyNoticeVersion' })]);
    expect(await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email])).toEqual([]);
  });

  it('records the version of the notice and the time of the registration', async () => {
    const email = `consent-${randomBytes(4).toString('hex')}@example.test`;
    const name = 'Hildegard Protokollprüfer';
    people.push({ name, email });
    const from = new Date();
    expect((await register(email, name, { privacyNoticeVersion: PRIVACY_NOTICE_VERSION })).status).toBe(202);
    const to = new Date();
    const rows = await t.dataSource.query(
      `SELECT c.notice_version, c.consented_at FROM privacy_consents c JOIN users u ON u.id = c.user_id
        WHERE u.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].notice_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(rows[0].consented_at.getTime()).toBeGreaterThanOrEqual(from.getTime() - 1000);
    expect(rows[0].consented_at.getTime()).toBeLessThanOrEqual(to.getTime() + 1000);
    // Registering again with the known address records no second consent.
    expect((await register(email, name)).status).toBe(202);
    const again = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM privacy_consents c JOIN users u ON u.id = c.user_id WHERE u.email = $1',
      [email],
    );
    expect(again[0].n).toBe(1);
    // The registration page shows the notice's version and links it.
    const page = await t.http().get('/register');
    expect(page.text).toContain(`value="${PRIVACY_NOTICE_VERSION}"`);
    expect(page.text).toContain('href="/datenschutz"');
  });

  it('logs a whole round without any address or name of the people in it', async () => {
    const [applicantPerson] = people;
    const confirmMail = await sink.next(applicantPerson.email);
    expect((await clickConfirm(confirmMail)).status).toBeLessThan(400);
    const applicant = {
      id: '',
      email: applicantPerson.email,
      password: 'a-new-password',
      token: await signIn(t, applicantPerson.email, 'a-new-password'),
    };
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: applicant.email, password: 'wrong-password' });
    expect(wrong.status).toBe(401);

    const reviewers = [];
    for (const name of ['Ingeborg Loggfrei', 'Jochen Spurlos']) {
      const reviewer = await createUser(t, { roles: ['reviewer'], name, organisation: 'Institut' });
      reviewers.push(reviewer);
      people.push({ name, email: reviewer.email });
    }
    const chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Kunigunde Stillschweig' });
    people.push({ name: 'Kunigunde Stillschweig', email: chair.email });

    const callId = (await createOpenCall(t)).id;
    const draft = await createDraft(t, applicant, callId);
    expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);
    refuseFor = applicant.email; // The submission receipt is refused once, quoting the address.
    expect((await fire(t, applicant.token, draft.id, 'submit')).status).toBe(200);
    expect((await fire(t, t.officeToken, draft.id, 'screen-eligible')).status).toBe(200);
    await awaitingDecision(
      t,
      draft.id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
    expect(
      (await t.http().put(`/api/proposals/${draft.id}/vote`).set(auth(chair.token)).send({ vote: 'approve' }))
        .status,
    ).toBe(200);
    const decided = await t
      .http()
      .post(`/api/proposals/${draft.id}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'approved', rationale: 'Gut', grantedFundingEur: 1000 });
    expect(decided.status).toBe(201);
    expect(
      (
        await t
          .http()
          .get(`/api/mails?to=${encodeURIComponent(applicant.email)}`)
          .set(auth(t.officeToken))
      ).status,
    ).toBe(200);

    await sink.waitFor(
      (mails) =>
        mails.filter((m) => m.to.includes(applicant.email)).length >= 3 && // confirm, receipt (retried), letter
        mails.some((m) => m.to.includes(applicant.email) && /Entscheidung|decision/i.test(m.subject)),
      40_000,
      'the receipt after its retry and the decision letter',
    );
    await waitForLine(/failed \(attempt/);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('failed (attempt'); // the refused mail was logged …
    expect(log).toContain('<address>'); // … with its address redacted
    const everyone = [...people, { name: 'Clusterbüro', email: OFFICE_EMAIL }];
    const found = everyone.flatMap((p) =>
      [p.name, p.email].filter((s) => log.toLowerCase().includes(s.toLowerCase())),
    );
    expect(found).toEqual([]);
  }, 120_000);

  async function waitForLine(pattern: RegExp): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!lines.some((line) => pattern.test(line))) {
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
