import Redis from 'ioredis';
import {
  assignReviewer,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { QueueRegistry } from '@/jobs/queue-registry';
import { QUEUES } from '@/jobs/queues';
import { reminderJobId } from '@/jobs/reminder-plan';
import { OwnRedis } from './support/own-redis';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const SECOND = 1000;
/** Reminders in seconds, so the test sees them fire (DESIGN §6: durations are configurable). */
const ENV = {
  WORKERS: 'on',
  REMIND_RESPOND_AFTER: '8s',
  REMIND_BEFORE_DUE: '4s',
  REMIND_OVERDUE_AFTER: '2s',
  ESCALATE_AFTER: '60s',
};
const TOLERANCE_MS = 3 * SECOND;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isRespond = (m: CapturedMail) => /^Erinnerung: Einladung zur Begutachtung/.test(m.subject);
const isOverdue = (m: CapturedMail) => /^Gutachten überfällig/.test(m.subject);

async function redisKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url);
  try {
    return (await redis.keys(`${prefix}:*`)).length;
  } finally {
    redis.disconnect();
  }
}

async function callState(t: TestApp, callId: string): Promise<string> {
  const [row] = await t.dataSource.query('SELECT state FROM calls WHERE id = $1', [callId]);
  return row.state;
}

async function waitFor(what: string, until: number, check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Redis is not the system of record: after it loses everything (FLUSHALL; a restart without
 * persistence), the running service puts back its job schedulers and every delayed job from the
 * database, so reminders and deadlines still come on time, without a service restart.
 */
describe('Redis reconciler: schedulers and delayed jobs come back after Redis lost its data', () => {
  let redis: OwnRedis;
  let sink: SmtpSink;
  let t: TestApp;

  beforeEach(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    sink = await SmtpSink.start();
    t = await startTestApp({ ...ENV, SMTP_URL: sink.url, REDIS_URL: redis.url });
  });
  afterEach(async () => {
    await t?.close();
    await redis?.stop();
    await sink?.stop();
  });

  /** An open call closing in `deadlineInMs`, and an assignment due in `dueInMs` (still invited). */
  async function setUp(deadlineInMs: number, dueInMs: number) {
    const applicant = await registerApplicant(t);
    // The proposal is submitted to a call far from its deadline; the call under test has none.
    const reviewCall = (await createOpenCall(t, { reviewsPerProposal: 3, minReviews: 1 })).id;
    const proposal = await eligibleProposal(t, applicant, reviewCall);
    const reviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Org R', name: 'Rita' });
    const dueAt = new Date(Date.now() + dueInMs);
    const assigned = await assignReviewer(t, proposal, reviewer.id, { dueAt: dueAt.toISOString() });
    expect(assigned.status).toBe(201);
    const deadline = new Date(Date.now() + deadlineInMs);
    const closing = (
      await createOpenCall(t, { title: 'Schließt bald', submissionDeadline: deadline.toISOString() })
    ).id;
    const [{ created_at: created }] = await t.dataSource.query(
      'SELECT created_at FROM assignments WHERE id = $1',
      [assigned.body.id],
    );
    // The reminders are planned in Redis before Redis loses them.
    const reminders = t.app.get(QueueRegistry).queue(QUEUES.reminders);
    await waitFor('the reminders to be planned', Date.now() + 15 * SECOND, async () =>
      Boolean(await reminders.getJob(reminderJobId(assigned.body.id, 'overdue'))),
    );
    return { reviewer, dueAt, deadline, closing, respondAt: (created as Date).getTime() + 8 * SECOND };
  }

  async function expectOnTime(plan: Awaited<ReturnType<typeof setUp>>) {
    const respond = await sink.waitFor(
      (mails) => mails.some((m) => isRespond(m) && m.to.includes(plan.reviewer.email)),
      30 * SECOND,
      'the respond reminder',
    );
    expect(respond.find(isRespond)!.receivedAt).toBeLessThan(plan.respondAt + TOLERANCE_MS);
    await waitFor(
      'the call to close at its deadline',
      plan.deadline.getTime() + 10 * SECOND,
      async () => (await callState(t, plan.closing)) !== 'open',
    );
    expect(Date.now()).toBeLessThan(plan.deadline.getTime() + TOLERANCE_MS + SECOND);
    const overdueAt = plan.dueAt.getTime() + 2 * SECOND;
    const overdue = await sink.waitFor(
      (mails) => mails.some(isOverdue),
      overdueAt - Date.now() + 15 * SECOND,
      'the overdue reminder',
    );
    expect(overdue.find(isOverdue)!.receivedAt).toBeLessThan(overdueAt + TOLERANCE_MS);
    expect(overdue.find(isOverdue)!.receivedAt).toBeGreaterThanOrEqual(overdueAt - 500);
    // Each reminder once, even though it was planned twice.
    await sleep(SECOND);
    expect(sink.mails.filter(isRespond)).toHaveLength(1);
    expect(sink.mails.filter(isOverdue)).toHaveLength(1);
  }

  it('FLUSHALL: the reminders and the call deadline still fire on time', async () => {
    const plan = await setUp(12 * SECOND, 14 * SECOND);
    const before = await redisKeys(redis.url, t.config.redisPrefix);
    const flush = new Redis(redis.url);
    await flush.flushall();
    flush.disconnect();
    expect(await redisKeys(redis.url, t.config.redisPrefix)).toBeLessThan(before);
    await expectOnTime(plan);
  }, 90_000);

  it('Redis killed and restarted empty: the reminders and the call deadline still fire on time', async () => {
    const plan = await setUp(12 * SECOND, 14 * SECOND);
    await redis.stop();
    await sleep(SECOND);
    await redis.start();
    await expectOnTime(plan);
  }, 90_000);
});
