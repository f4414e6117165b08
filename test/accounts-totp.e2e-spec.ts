import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { auth, createUser, signIn } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const KEY = 'an-encryption-key-of-more-than-32-bytes!';

/** A code for now + `offsetS` seconds (one 30 s step of drift is accepted either way). */
const codeAt = (secret: string, offsetS = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetS });

/** Issue 14, second factor: enrol, confirm, sign in with a code or a recovery code; REQUIRE_TOTP_FOR. */
describe('TOTP second factor', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url, TOTP_ENCRYPTION_KEY: KEY });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const login = (email: string, password: string, code?: string) =>
    t
      .http()
      .post('/api/auth/login')
      .send(code === undefined ? { email, password } : { email, password, code });

  it('enrols, confirms with a computed code, then sign-in needs the code; a recovery code works once', async () => {
    const user = await createUser(t, { roles: ['reviewer'] });
    const start = await t.http().post('/api/me/totp').set(auth(user.token));
    expect(start.status).toBe(201);
    const { secret, otpauthUri } = start.body as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/Beirat:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Beirat`,
    );
    // Stored encrypted, never as the plain secret.
    const [row] = await t.dataSource.query('SELECT totp_secret, totp_enabled FROM users WHERE id = $1', [
      user.id,
    ]);
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_enabled).toBe(false);
    // Not on yet: sign-in needs no code.
    expect((await login(user.email, user.password)).status).toBe(200);

    const wrong = await t.http().post('/api/me/totp/confirm').set(auth(user.token)).send({ code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual(expect.objectContaining({ code: 'totp-code-wrong', field: 'code' }));
    const confirmed = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(auth(user.token))
      .send({ code: await codeAt(secret) });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [hashes] = await t.dataSource.query('SELECT totp_recovery_hashes FROM users WHERE id = $1', [
      user.id,
    ]);
    expect(hashes.totp_recovery_hashes).toHaveLength(10);
    expect(hashes.totp_recovery_hashes.join()).not.toContain(codes[0].replace(/-/g, ''));
    expect((await sink.next(user.email)).subject).toBe('Zweiter Faktor eingeschaltet');

    const without = await login(user.email, user.password);
    expect(without.status).toBe(401);
    expect(without.body.code).toBe('totp-required');
    const bad = await login(user.email, user.password, '123456');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('totp-invalid');
    // The confirming code's step is used; the next step's code (within the drift window) signs in, once.
    const next = await codeAt(secret, 30);
    expect((await login(user.email, user.password, next)).status).toBe(200);
    expect((await login(user.email, user.password, next)).body.code).toBe('totp-invalid');
    // Four failed sign-ins so far (the limit is five per account and address); the rest must succeed.
    expect((await login(user.email, user.password, codes[3].toUpperCase())).status).toBe(200);
    expect((await login(user.email, user.password, codes[3])).body.code).toBe('totp-invalid');

    // Switching off needs a code; then the password alone signs in again.
    expect(
      (await t.http().post('/api/me/totp/disable').set(auth(user.token)).send({ code: '999999' })).status,
    ).toBe(400);
    expect(
      (await t.http().post('/api/me/totp/disable').set(auth(user.token)).send({ code: codes[5] })).status,
    ).toBe(204);
    expect((await login(user.email, user.password)).status).toBe(200);
    await sink.waitFor((m) =>
      m.some((x) => x.subject === 'Zweiter Faktor ausgeschaltet' && x.to.includes(user.email)),
    );
  });

  it('counts wrong codes toward the sign-in limit', async () => {
    const user = await createUser(t, { roles: ['applicant'] });
    const { secret } = (await t.http().post('/api/me/totp').set(auth(user.token))).body;
    await t
      .http()
      .post('/api/me/totp/confirm')
      .set(auth(user.token))
      .send({ code: await codeAt(secret) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(user.email, user.password, '000000')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('TOTP not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('is not offered without TOTP_ENCRYPTION_KEY', async () => {
    const user = await createUser(t, { roles: ['reviewer'] });
    const res = await t.http().post('/api/me/totp').set(auth(user.token));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('totp-unavailable');
  });
});

describe('REQUIRE_TOTP_FOR=office', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TOTP_ENCRYPTION_KEY: KEY, REQUIRE_TOTP_FOR: 'office' });
  });
  afterAll(async () => t?.close());

  it('lets an office user do nothing but enrol, until enrolled; other roles are not affected', async () => {
    const applicant = await createUserAs(t, 'applicant');
    expect((await t.http().get('/api/calls').set(auth(applicant))).status).toBe(200);

    const office = t.officeToken;
    const blocked = await t.http().get('/api/users').set(auth(office));
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('totp-enrolment-required');
    expect((await t.http().get('/api/calls').set(auth(office))).body.code).toBe('totp-enrolment-required');
    const me = await t.http().get('/api/me').set(auth(office));
    expect(me.status).toBe(200);
    expect(me.body.totpEnabled).toBe(false);
    const { secret } = (await t.http().post('/api/me/totp').set(auth(office))).body;
    const ok = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(auth(office))
      .send({ code: await codeAt(secret) });
    expect(ok.status).toBe(200);
    expect((await t.http().get('/api/users').set(auth(office))).status).toBe(200);
  });

  async function createUserAs(app: TestApp, role: string): Promise<string> {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
    // The office must enrol before it may create anyone; this user is made in the database.
    await app.dataSource.query(
      `INSERT INTO users (email, password_hash, name, roles, email_confirmed_at)
       SELECT $1, password_hash, 'Direkt', $2, now() FROM users WHERE email = 'office@beirat.test'`,
      [email, `{${role}}`],
    );
    return signIn(app, email, 'office-password-1');
  }
});
