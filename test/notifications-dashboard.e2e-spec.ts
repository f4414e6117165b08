import { auth, registerApplicant, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

// Split from notifications-mails.e2e-spec.ts: the dashboard and the health report need no mails.
describe('queue dashboard and worker health', () => {
  let t: TestApp;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ WORKERS: 'on' });
    applicant = await registerApplicant(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens the queue dashboard to the office only, and reports running workers in /health', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(404);
    expect((await t.http().get('/admin/queues').set(auth(applicant.token))).status).toBe(403);
    const board = await t.http().get('/admin/queues').set(auth(t.officeToken));
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
    const queues = await t.http().get('/admin/queues/api/queues').set(auth(t.officeToken));
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'deadlines',
      'notifications',
      'reminders',
    ]);

    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.workers).toMatchObject({ status: 'up', running: true, relay: true });
    expect(health.body.checks.redis.status).toBe('up');
  });
});
