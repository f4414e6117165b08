import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createPino } from '@/common/logger';
import { QUEUES } from '@/jobs/queues';
import { OutboxRelay } from '@/jobs/outbox-relay';
import { QueueRegistry } from '@/jobs/queue-registry';
import { createWorkerApp } from '@/worker-app';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { OUTBOX_CHANNEL } from '@/workflow/outbox';
import {
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  fire,
  registerApplicant,
  uploadPdf,
} from './support/factories';
import { freePort, OwnRedis } from './support/own-redis';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function outboxRow(t: TestApp, kind: string, proposalId: string) {
  const [row] = await t.dataSource.query(
    `SELECT id, dispatched_at FROM outbox WHERE kind = $1 AND payload->>'proposalId' = $2`,
    [kind, proposalId],
  );
  return row as { id: string; dispatched_at: Date | null } | undefined;
}

describe('faults: nothing lost, nothing twice', () => {
  it('(a) Redis unreachable while a transition commits: the mail arrives after Redis is back, exactly once', async () => {
    const sink = await SmtpSink.start();
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url, REDIS_URL: redis.url });
    try {
      const callId = (await createOpenCall(t)).id;
      const applicant = await registerApplicant(t);
      const draft = await createDraft(t, applicant, callId);
      expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);

      await redis.stop();
      const submitted = await fire(t, applicant.token, draft.id, 'submit');
      expect(submitted.status).toBe(200);
      await sleep(3000);
      expect(sink.to(applicant.email)).toHaveLength(0);
      // The row waits in PostgreSQL, undispatched.
      expect((await outboxRow(t, OUTBOX.submissionReceipt, draft.id))?.dispatched_at).toBeNull();

      await redis.start();
      const mail = await sink.next(applicant.email, 0, 30_000);
      expect(mail.subject).toBe(
        `Eingangsbestätigung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
      );
      await sleep(3000);
      expect(sink.to(applicant.email)).toHaveLength(1);
      expect((await outboxRow(t, OUTBOX.submissionReceipt, draft.id))?.dispatched_at).not.toBeNull();
      const [log] = await t.dataSource.query(
        `SELECT status, attempts FROM mail_log WHERE template = 'submission-receipt'`,
      );
      expect(log).toEqual({ status: 'sent', attempts: 1 });
    } finally {
      await t.close();
      await redis.stop();
      await sink.stop();
    }
  }, 90_000);

  it('(b) a worker killed after the SMTP server accepted a mail, before the job completed: no second copy', async () => {
    let child: ChildProcess | null = null;
    let t: TestApp | null = null;
    // The test holds the mail's log entry locked from the end of its body on (its DATA step is recorded
    // by then), so the worker, having got the 250, blocks on recording "sent" — and is killed right
    // there, its pending UPDATE cancelled.
    let lock: Client | null = null;
    let armed = true;
    let killed: Promise<void> = Promise.resolve();
    const sink = await SmtpSink.start({
      beforeAccept: async () => {
        if (!armed || !t) return;
        lock = new Client({ connectionString: t.config.databaseUrl });
        await lock.connect();
        await lock.query('BEGIN');
        await lock.query(`SELECT id FROM mail_log WHERE status = 'sending' FOR UPDATE`);
      },
      afterAccept: () => {
        if (!armed || !lock) return;
        armed = false;
        const held = lock;
        killed = (async () => {
          const until = Date.now() + 10_000;
          let blocked: { pid: number }[] = [];
          while (blocked.length === 0) {
            if (Date.now() > until) throw new Error('the worker never tried to record the mail as sent');
            // pg_stat_activity is a snapshot taken at its first read in a transaction, and `held` stays in
            // its transaction (it holds the lock): without clearing it, a first look taken a moment before
            // the worker's UPDATE started waiting would be seen again on every later look.
            await held.query('SELECT pg_stat_clear_snapshot()');
            blocked = (
              await held.query(
                `SELECT pid FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%status = ''sent''%'`,
              )
            ).rows;
            await sleep(20);
          }
          child?.kill('SIGKILL');
          for (const { pid } of blocked) await held.query('SELECT pg_terminate_backend($1)', [pid]);
          await held.query('ROLLBACK');
          await held.end();
        })();
      },
    });
    // API only in this process; the worker runs in a child process we can kill.
    t = await startTestApp({ WORKERS: 'off', SMTP_URL: sink.url });
    let worker: INestApplicationContext | null = null;
    try {
      const env = {
        ...process.env,
        DATABASE_URL: t.config.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        REDIS_PREFIX: t.config.redisPrefix,
        SMTP_URL: sink.url,
        APP_URL: t.config.appUrl,
        MAIL_DIR: t.config.mailDir,
        UPLOAD_DIR: t.config.uploadDir,
        LOG_LEVEL: 'info',
      };
      child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/worker.ts'],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child?.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('worker is running')) resolve();
        });
        child?.once('exit', (code) => reject(new Error(`worker exited early (${code}):\n${out}`)));
      });

      const callId = (await createOpenCall(t)).id;
      const applicant = await registerApplicant(t);
      const draft = await createDraft(t, applicant, callId);
      expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);
      expect((await fire(t, applicant.token, draft.id, 'submit')).status).toBe(200);

      await sink.next(applicant.email, 0, 30_000);
      await killed;
      await exited;
      const jobId = (await outboxRow(t, OUTBOX.submissionReceipt, draft.id))?.id as string;
      const queue = t.app.get(QueueRegistry).queue(QUEUES.notifications);
      expect(await (await queue.getJob(jobId))?.getState()).toBe('active');

      // A fresh worker takes the job over once the dead one's lock expired (stalled-job check).
      worker = await createWorkerApp({ ...t.config, workers: true }, createPino('silent'));
      const until = Date.now() + 45_000;
      while ((await (await queue.getJob(jobId))?.getState()) !== 'completed') {
        if (Date.now() > until) throw new Error('the retried job did not complete');
        await sleep(250);
      }
      const job = await queue.getJob(jobId);
      expect(job?.returnvalue).toEqual({ 'in-doubt': 1 });
      await sleep(1000);
      expect(sink.to(applicant.email)).toHaveLength(1);
      const [log] = await t.dataSource.query(
        `SELECT status, attempts, error FROM mail_log WHERE template = 'submission-receipt'`,
      );
      // The retry found the entry still "sending": in doubt, never resent blindly.
      expect(log.status).toBe('unknown');
      expect(log.attempts).toBe(1);
      expect(log.error).toContain('Not resent automatically');
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await worker?.close();
      await t.close();
      await sink.stop();
    }
  }, 120_000);

  it('(c) two relays running: each outbox row is dispatched exactly once', async () => {
    const t = await startTestApp({ WORKERS: 'off' });
    const queues = t.app.get(QueueRegistry);
    const relays = [1, 2].map(() =>
      OutboxRelay.create(t.dataSource, queues, t.config, { batchSize: 25, pollMs: 200 }),
    );
    try {
      await Promise.all(relays.map((relay) => relay.start()));
      // 40 transactions of 25 rows each, committed concurrently while both relays run.
      await Promise.all(
        Array.from({ length: 40 }, () =>
          t.dataSource.transaction((manager) =>
            manager.query(
              `WITH rows AS (
                 INSERT INTO outbox (kind, payload)
                 SELECT $1, jsonb_build_object('assignmentId', gen_random_uuid()) FROM generate_series(1, 25)
                 RETURNING id)
               SELECT count(pg_notify($2, id::text)) FROM rows`,
              [OUTBOX.cancelReminders, OUTBOX_CHANNEL],
            ),
          ),
        ),
      );
      const until = Date.now() + 20_000;
      for (;;) {
        const [{ left }] = await t.dataSource.query(
          'SELECT count(*)::int AS left FROM outbox WHERE dispatched_at IS NULL',
        );
        if (left === 0) break;
        if (Date.now() > until) throw new Error(`${left} outbox rows not dispatched`);
        await sleep(100);
      }
      expect(relays[0].dispatched + relays[1].dispatched).toBe(1000);
      expect(relays[0].dispatched).toBeGreaterThan(0);
      expect(relays[1].dispatched).toBeGreaterThan(0);

      // Redis's own record: one "added" per row, and no add of an id that already existed.
      const redis = new Redis(t.config.redisUrl);
      try {
        const events = await redis.xrange(`${t.config.redisPrefix}:${QUEUES.reminders}:events`, '-', '+');
        const fields = events.map(([, f]) =>
          Object.fromEntries(
            f.reduce<string[][]>((acc, v, i) => (i % 2 ? acc : [...acc, [v, f[i + 1]]]), []),
          ),
        );
        const added = fields.filter((e) => e.event === 'added').map((e) => e.jobId);
        expect(fields.filter((e) => e.event === 'duplicated')).toEqual([]);
        expect(added).toHaveLength(1000);
        expect(new Set(added).size).toBe(1000);
        const ids: { id: string }[] = await t.dataSource.query('SELECT id FROM outbox');
        expect(new Set(added)).toEqual(new Set(ids.map((row) => row.id)));
      } finally {
        redis.disconnect();
      }
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await t.close();
    }
  }, 60_000);
});
