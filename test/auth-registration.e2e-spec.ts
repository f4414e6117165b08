import { createHash, randomBytes } from 'node:crypto';
import { auth, createUser, TestUser } from './support/factories';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const CONFIRM_LINK = /http:\/\/beirat\.test\/confirm\/([A-Za-z0-9_-]{43})/;

/** The raw token of a confirmation mail's link (text part; the HTML part carries the same). */
function confirmToken(mail: CapturedMail): string {
  const match = CONFIRM_LINK.exec(mail.text);
  if (!match) throw new Error(`no confirmation link in: ${mail.text}`);
  expect(mail.html).toContain(`/confirm/${match[1]}`);
  return match[1];
}

/**
 * Issue 11: registration answers the same for a new and a known address (no enumeration). A new
 * address gets an unconfirmed account and a mail with a one-time link that confirms and signs in; a
 * known one gets a warning mail to its owner; sign-in of an unconfirmed account looks like wrong
 * credentials.
 */
describe('registration confirmed by mail', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let known: TestUser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    known = await createUser(t, { roles: ['applicant'], name: 'Vera Vorhanden', organisation: 'Alt GmbH' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const newEmail = () => `new-${randomBytes(4).toString('hex')}@example.test`;
  const register = (email: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/auth/register')
      .send({ email, password: 'a-new-password', name: 'Nina Neu', organisation: 'Neu GmbH', ...extra });
  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  /** Posts the confirm page's button as a browser would (CSRF cookie and field from a page's form). */
  async function clickConfirm(token: string) {
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

  it('answers a new and a known address with the same status and body', async () => {
    const fresh = await register(newEmail());
    const again = await register(known.email.toUpperCase());
    expect(fresh.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(fresh.body);
    expect(fresh.body).toEqual({ status: 'check-your-mail', detail: expect.any(String) });
    expect(again.headers['content-type']).toBe(fresh.headers['content-type']);
  });

  it('mails the owner of a known address instead, and changes nothing of the account', async () => {
    const before = sink.to(known.email).length;
    expect((await register(known.email, { password: 'attacker-password', name: 'Mallory' })).status).toBe(
      202,
    );
    const mail = await sink.next(known.email, before);
    expect(mail.subject).toBe('Registrierung mit Ihrer E-Mail-Adresse versucht');
    expect(mail.text).toContain('Vera Vorhanden');
    expect(mail.text).toContain('http://beirat.test/login');
    expect(mail.text).not.toMatch(/\/confirm\//);
    expect((await login(known.email, 'attacker-password')).status).toBe(401);
    expect((await login(known.email, known.password)).status).toBe(200);
    const [row] = await t.dataSource.query('SELECT name FROM users WHERE email = $1', [known.email]);
    expect(row.name).toBe('Vera Vorhanden');
  });

  it('refuses sign-in of an unconfirmed account exactly like wrong credentials', async () => {
    const email = newEmail();
    await register(email);
    const unconfirmed = await login(email, 'a-new-password');
    const wrong = await login(known.email, 'not-the-password');
    const nobody = await login(newEmail(), 'a-new-password');
    expect(unconfirmed.status).toBe(401);
    expect(unconfirmed.body).toEqual(wrong.body);
    expect(unconfirmed.body).toEqual(nobody.body);
  });

  it('the confirmation mail’s link confirms the address once and signs in', async () => {
    const email = newEmail();
    expect((await register(email)).status).toBe(202);
    const mail = await sink.next(email);
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail.text).toContain('Nina Neu');
    const token = confirmToken(mail);
    // Stored hashed only.
    const stored: { token_hash: string }[] = await t.dataSource.query(
      'SELECT c.token_hash FROM email_confirmations c JOIN users u ON u.id = c.user_id WHERE u.email = $1',
      [email],
    );
    expect(stored.map((s) => s.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);

    // The GET (what a mail scanner does) only asks.
    const ask = await t.http().get(`/confirm/${token}`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Adresse bestätigen');
    expect((await login(email, 'a-new-password')).status).toBe(401);

    const confirmed = await clickConfirm(token);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/?flash=auth.confirmed');
    const session = (confirmed.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('beirat_session='),
    );
    expect(session).toBeDefined();
    const me = await t.http().get('/api/me').set('Cookie', session!.split(';')[0]);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, roles: ['applicant'], organisation: 'Neu GmbH' });
    const signedIn = await login(email, 'a-new-password');
    expect(signedIn.status).toBe(200);
    expect((await t.http().get('/api/me').set(auth(signedIn.body.accessToken))).status).toBe(200);

    // Spent: the page says so and links onward.
    const spent = await t.http().get(`/confirm/${token}`);
    expect(spent.status).toBe(404);
    expect(spent.text).toContain('schon benutzt oder abgelaufen');
    expect(spent.text).toContain('href="/login"');
    expect((await clickConfirm(token)).status).toBe(404);
  });

  it('an expired link confirms nothing', async () => {
    const email = newEmail();
    await register(email);
    const token = confirmToken(await sink.next(email));
    await t.dataSource.query(
      `UPDATE email_confirmations SET expires_at = now() - interval '1 second'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
    expect((await t.http().get(`/confirm/${token}`)).status).toBe(404);
    expect((await clickConfirm(token)).status).toBe(404);
    expect((await login(email, 'a-new-password')).status).toBe(401);
  });

  it('registering an unconfirmed address again sends a fresh link, in the account’s language', async () => {
    const email = newEmail();
    await register(email, { locale: 'en', name: 'Nora New' });
    const first = await sink.next(email);
    expect(first.subject).toBe('Please confirm your e-mail address');
    expect(first.text).toContain('Nora New');
    await register(email, { password: 'another-password' });
    const second = await sink.next(email, 1);
    expect(second.subject).toBe('Please confirm your e-mail address');
    expect(confirmToken(second)).not.toBe(confirmToken(first));
    // The first password stays: a second registration changes nothing of the account.
    expect((await clickConfirm(confirmToken(second))).status).toBe(303);
    expect((await login(email, 'another-password')).status).toBe(401);
    expect((await login(email, 'a-new-password')).status).toBe(200);
  });

  it('parallel registrations of one new address make one account and all answer 202', async () => {
    const email = newEmail();
    const answers = await Promise.all(Array.from({ length: 5 }, () => register(email)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(202));
    const rows: unknown[] = await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);
  });

  it('the confirm page speaks the chosen language', async () => {
    const unknown = 'x'.repeat(43);
    const de = await t.http().get(`/confirm/${unknown}`);
    expect(de.status).toBe(404);
    expect(de.text).toContain('E-Mail-Adresse bestätigen');
    const en = await t.http().get(`/confirm/${unknown}`).set('Cookie', 'beirat_lang=en');
    expect(en.status).toBe(404);
    expect(en.text).toContain('Confirm your e-mail address');
    expect(en.text).toContain('has been used already or has expired');
  });

  it('office-created users are confirmed at creation and get no confirmation mail', async () => {
    const reviewer = await createUser(t, { roles: ['reviewer'] });
    const [row] = await t.dataSource.query('SELECT email_confirmed_at FROM users WHERE id = $1', [
      reviewer.id,
    ]);
    expect(row.email_confirmed_at).not.toBeNull();
    expect(sink.to(reviewer.email)).toEqual([]);
  });
});
