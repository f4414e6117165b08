import type Redis from 'ioredis';
import { REDIS } from '@/common/redis.module';
import { registerApplicant, TestUser } from './support/factories';
import { OwnRedis } from './support/own-redis';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 11: sign-in does not need Redis — a bounded wait, then the per-process fallback limiter. */
describe('sign-in while Redis is down or frozen', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let applicant: TestUser;

  beforeAll(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url, TRUST_PROXY: 'loopback' });
    applicant = await registerApplicant(t);
  });

  afterAll(async () => {
    redis.resume();
    await t.close();
    await redis.stop();
  });

  const login = (password: string, address = '192.0.2.10') =>
    t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', address)
      .send({ email: applicant.email, password });

  /** The answer and how long it took. */
  async function timed(request: PromiseLike<{ status: number }>): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const { status } = await request;
    return { status, ms: Date.now() - started };
  }

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in 15 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('Redis stopped: the right password answers 200 within 1 s, wrong ones 401 and then 429 from memory', async () => {
    await redis.stop();
    const right = await timed(login(applicant.password));
    expect(right.status).toBe(200);
    expect(right.ms).toBeLessThan(1000);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await timed(login('wrong-password', '192.0.2.11'));
      expect(wrong.status).toBe(401);
      expect(wrong.ms).toBeLessThan(1000);
    }
    // The per-process fallback counted them: this pair is now blocked, the owner elsewhere is not.
    expect((await login(applicant.password, '192.0.2.11')).status).toBe(429);
    expect((await login(applicant.password, '192.0.2.12')).status).toBe(200);
    // Registration's limiter falls back the same way.
    expect((await registerApplicant(t)).email).toContain('@');
  }, 30_000);

  it('Redis frozen (SIGSTOP): the right password answers 200 within 1 s, a wrong one 401', async () => {
    await redis.start();
    const client = t.app.get<Redis>(REDIS);
    await until(() => client.status === 'ready');
    expect((await login(applicant.password)).status).toBe(200);

    redis.pause();
    const right = await timed(login(applicant.password));
    expect(right.status).toBe(200);
    expect(right.ms).toBeLessThan(1000);
    const wrong = await timed(login('wrong-password'));
    expect(wrong.status).toBe(401);
    expect(wrong.ms).toBeLessThan(1000);
    redis.resume();
    expect((await login(applicant.password)).status).toBe(200);
  }, 30_000);
});
