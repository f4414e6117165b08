import { randomBytes } from 'node:crypto';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { registerApplicant } from './support/factories';

/** Issue 11: the slow per-account rate, the registration limit and the JSON-only sign-in API. */
describe('sign-in and registration limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Distinct client addresses: believe X-Forwarded-For from loopback.
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, address: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('a stranger failing 5 times for the office leaves the office signing in from its own address', async () => {
    for (let i = 0; i < 6; i += 1) await login(OFFICE_EMAIL, 'wrong-password', '192.0.2.66');
    expect((await login(OFFICE_EMAIL, OFFICE_PASSWORD, '192.0.2.66')).status).toBe(429);
    expect((await login(OFFICE_EMAIL, OFFICE_PASSWORD, '192.0.2.1')).status).toBe(200);
  });

  it('slows guessing one account from many addresses: 429 everywhere after 100 failures in the hour', async () => {
    const applicant = await registerApplicant(t);
    // 20 addresses, 5 failures each: none of them trips its own per-pair limit before the last round.
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, a) => login(applicant.email, 'wrong-password', `203.0.113.${a + 1}`)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(401));
    }
    const fresh = await login(applicant.email, applicant.password, '203.0.113.200');
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(15 * 60);
    // The limit is the account's: other accounts sign in from the same address.
    expect((await login(OFFICE_EMAIL, OFFICE_PASSWORD, '203.0.113.200')).status).toBe(200);
  });

  const registration = (address: string) =>
    t
      .http()
      .post('/api/auth/register')
      .set('X-Forwarded-For', address)
      .send({
        email: `many-${randomBytes(4).toString('hex')}@example.test`,
        password: 'long-enough-pw',
        name: 'Bot',
        organisation: 'Bot GmbH',
      });

  it('rate-limits registration per address: 20 an hour, then 429 with Retry-After; other addresses go on', async () => {
    for (let i = 0; i < 20; i += 1) expect((await registration('198.18.0.9')).status).toBe(202);
    const refused = await registration('198.18.0.9');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await registration('198.18.0.10')).status).toBe(202);
  });

  it('the registration page counts against the same limit', async () => {
    for (let i = 0; i < 20; i += 1) await registration('198.18.0.11');
    const form = await t.http().get('/register');
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const page = await t
      .http()
      .post('/register')
      .set('X-Forwarded-For', '198.18.0.11')
      .set('Cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        email: `page-${randomBytes(4).toString('hex')}@example.test`,
        password: 'long-enough-pw',
        name: 'Bot',
        organisation: 'Bot GmbH',
      });
    expect(page.status).toBe(429);
  });

  it.each([
    ['urlencoded', 'application/x-www-form-urlencoded', `email=${OFFICE_EMAIL}&password=${OFFICE_PASSWORD}`],
    ['text/plain', 'text/plain', `{"email":"${OFFICE_EMAIL}","password":"${OFFICE_PASSWORD}"}`],
    [
      'multipart',
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${OFFICE_EMAIL}\r\n--x--\r\n`,
    ],
  ])('refuses a %s sign-in or registration with 415 (login CSRF)', async (_case, type, body) => {
    for (const path of ['/api/auth/login', '/api/auth/register']) {
      const res = await t.http().post(path).set('Content-Type', type).send(body);
      expect(res.status).toBe(415);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('still takes JSON sign-in and a body-less sign-out', async () => {
    const ok = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ email: OFFICE_EMAIL, password: OFFICE_PASSWORD }));
    expect(ok.status).toBe(200);
    const out = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${ok.body.accessToken}`);
    expect(out.status).toBe(204);
  });
});
