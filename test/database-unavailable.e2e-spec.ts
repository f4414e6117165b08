import { Client } from 'pg';
import { auth } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #11 (Low): while PostgreSQL cannot be reached, requests answer 503 with Retry-After, not
 * 500. The shared server keeps running: only this test's database refuses connections, and its
 * open connections are terminated.
 */
describe('database unavailable', () => {
  let t: TestApp;
  let admin: Client;
  let database: string;

  beforeAll(async () => {
    t = await startTestApp();
    database = new URL(t.config.databaseUrl).pathname.slice(1);
    const adminUrl = new URL(t.config.databaseUrl);
    adminUrl.pathname = '/postgres';
    admin = new Client({ connectionString: adminUrl.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await admin.end();
    await t.close();
  });

  const cutOff = async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
      database,
    ]);
  };

  it('answers 503 database-unavailable with Retry-After, and 200 again once the database is back', async () => {
    expect((await t.http().get('/api/calls').set(auth(t.officeToken))).status).toBe(200);
    await cutOff();

    // The pool first hands out connections that the server has just closed, then cannot connect.
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await t.http().get('/api/calls').set(auth(t.officeToken));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'database-unavailable', retryAfter: 5 });
    }
    const write = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'someone@example.test', password: 'x' });
    expect(write.status).toBe(503);

    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    expect((await t.http().get('/api/calls').set(auth(t.officeToken))).status).toBe(200);
  });
});
