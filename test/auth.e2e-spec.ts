import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, OFFICE_EMAIL } from './support/test-app';
import { auth, createUser, registerApplicant, signIn } from './support/factories';

describe('sign-in, sessions, users', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Sign-in limits per address need distinct client addresses: believe X-Forwarded-For from loopback.
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const uniqueEmail = () => `person-${randomBytes(4).toString('hex')}@example.test`;

  it('registers an applicant, signs in with Bearer and cookie, and signs out', async () => {
    const email = uniqueEmail();
    const registered = await t
      .http()
      .post('/api/auth/register')
      .send({
        email: ` ${email.toUpperCase()} `,
        password: 'long-enough-pw',
        name: 'Anna',
        organisation: 'Werk GmbH',
      });
    // Issue 11: 202 "check your mail", and no sign-in before the mailed link confirms the address.
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ status: 'check-your-mail', detail: expect.any(String) });
    const [account] = await t.dataSource.query(
      'SELECT roles, organisation, locale, email_confirmed_at FROM users WHERE email = $1',
      [email],
    );
    expect(account).toEqual({
      roles: ['applicant'],
      organisation: 'Werk GmbH',
      locale: 'de',
      email_confirmed_at: null,
    });
    expect((await t.http().post('/api/auth/login').send({ email, password: 'long-enough-pw' })).status).toBe(
      401,
    );
    // The link of the mail does this (test/auth-registration.e2e-spec.ts); here the session part only.
    await t.dataSource.query('UPDATE users SET email_confirmed_at = now() WHERE email = $1', [email]);

    const login = await t.http().post('/api/auth/login').send({ email, password: 'long-enough-pw' });
    expect(login.status).toBe(200);
    expect(login.body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = login.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/beirat_session=/);
    expect(cookie).toMatch(/HttpOnly/i);

    const byBearer = await t.http().get('/api/me').set(auth(login.body.accessToken));
    expect(byBearer.body).toMatchObject({ email, roles: ['applicant'] });
    const byCookie = await t.http().get('/api/me').set('Cookie', cookie.split(';')[0]);
    expect(byCookie.status).toBe(200);

    const stored = await t.dataSource.query(
      'SELECT token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1',
      [email],
    );
    expect(stored[0].token_hash).not.toBe(login.body.accessToken);
    const hash = await t.dataSource.query('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    expect((await t.http().post('/api/auth/logout').set(auth(login.body.accessToken))).status).toBe(204);
    expect((await t.http().get('/api/me').set(auth(login.body.accessToken))).status).toBe(401);
  });

  it('refuses API writes signed in by cookie unless they are JSON (no cross-site form posts)', async () => {
    const applicant = await registerApplicant(t);
    const call = await t.http().get('/api/calls').set(auth(applicant.token));
    expect(call.status).toBe(200);
    const cookie = `beirat_session=${applicant.token}`;
    const asForm = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ x: '1' });
    expect(asForm.status).toBe(403);
    expect((await t.http().get('/api/me').set('Cookie', cookie)).status).toBe(200);
    const asJson = await t.http().post('/api/auth/logout').set('Cookie', cookie).send({});
    expect(asJson.status).toBe(204);
  });

  it('refuses short passwords and unknown fields; a known address gets the same 202 as a new one', async () => {
    const email = uniqueEmail();
    const body = { email, password: 'ninechars', name: 'B', organisation: 'X' };
    const short = await t.http().post('/api/auth/register').send(body);
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    expect(
      (
        await t
          .http()
          .post('/api/auth/register')
          .send({ ...body, password: 'tencharsok' })
      ).status,
    ).toBe(202);
    // Issue 11: no 409 "exists already" for a known address (enumeration); its owner is mailed instead.
    expect(
      (
        await t
          .http()
          .post('/api/auth/register')
          .send({ ...body, password: 'tencharsok' })
      ).status,
    ).toBe(202);
    const sneaky = await t
      .http()
      .post('/api/auth/register')
      .send({ ...body, email: uniqueEmail(), password: 'tencharsok', roles: ['office'] });
    expect(sneaky.status).toBe(400);
  });

  it('answers 401 without a session and for a forged token', async () => {
    expect((await t.http().get('/api/me')).status).toBe(401);
    const forged = await t
      .http()
      .get('/api/proposals')
      .set(auth('x'.repeat(43)));
    expect(forged.status).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
  });

  // Issue 11: the lockout is per account *and* address, so a stranger cannot lock the owner out.
  it('rate-limits failed sign-ins per account and address: 429 after 5 failures there, the owner elsewhere signs in', async () => {
    const applicant = await registerApplicant(t);
    const stranger = '198.51.100.23';
    for (let i = 0; i < 5; i += 1) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', stranger)
        .send({ email: applicant.email, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', stranger)
      .send({ email: applicant.email, password: applicant.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const owner = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.24')
      .send({ email: applicant.email, password: applicant.password });
    expect(owner.status).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const applicant = await registerApplicant(t);
    for (let i = 0; i < 8; i += 1) await signIn(t, applicant.email, applicant.password);
    expect(
      (await t.http().post('/api/auth/login').send({ email: applicant.email, password: applicant.password }))
        .status,
    ).toBe(200);
  });

  it('rate-limits failed sign-ins per address: 429 after 50 failures across accounts', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < 50; i += 1) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: `nobody-${i}@example.test`, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', address)
      .send({ email: OFFICE_EMAIL, password: 'office-password-1' });
    expect(blocked.status).toBe(429);
    const otherAddress = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.8')
      .send({ email: OFFICE_EMAIL, password: 'office-password-1' });
    expect(otherAddress.status).toBe(200);
  });

  it('lets the office create, list and change users; others get 403', async () => {
    const reviewer = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'TU Braunschweig',
      expertise: ['battery'],
    });
    const list = await t.http().get('/api/users?role=reviewer&limit=1').set(auth(t.officeToken));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('passwordHash');

    const patched = await t
      .http()
      .patch(`/api/users/${reviewer.id}`)
      .set(auth(t.officeToken))
      .send({
        roles: ['reviewer', 'steering'],
        chair: true,
        expertise: ['battery', 'hydrogen'],
        locale: 'en',
      });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ['reviewer', 'steering'], chair: true, locale: 'en' });

    expect((await t.http().get('/api/users').set(auth(reviewer.token))).status).toBe(403);
    expect(
      (
        await t
          .http()
          .patch(`/api/users/${reviewer.id}`)
          .set(auth(reviewer.token))
          .send({ roles: ['office'] })
      ).status,
    ).toBe(403);

    const deactivated = await t
      .http()
      .patch(`/api/users/${reviewer.id}`)
      .set(auth(t.officeToken))
      .send({ active: false });
    expect(deactivated.body.active).toBe(false);
    expect((await t.http().get('/api/me').set(auth(reviewer.token))).status).toBe(401);
  });

  it('pages through users with an opaque cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i += 1) await createUser(t, { roles: ['steering'] });
    const first = await t.http().get('/api/users?role=steering&limit=2').set(auth(t.officeToken));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t
      .http()
      .get(`/api/users?role=steering&limit=2&cursor=${first.body.nextCursor}`)
      .set(auth(t.officeToken));
    const ids = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await t.http().get('/api/users?cursor=garbage').set(auth(t.officeToken))).status).toBe(400);
    expect((await t.http().get('/api/users?limit=101').set(auth(t.officeToken))).status).toBe(400);
  });

  it('serves health and the OpenAPI document without sign-in', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    const docs = await t.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/proposals/{id}/events/{event}']),
    );
  });
});
