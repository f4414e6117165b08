import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { createPino } from '@/common/logger';
import { createWorkerApp } from '@/worker-app';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { OUTBOX_CHANNEL } from '@/workflow/outbox';
import { createDraft, createOpenCall, fire, registerApplicant, uploadPdf } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const BURST = 90;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The worker (queues and relay) as a child process of its own, so the test can kill -9 it. */
async function spawnWorker(t: TestApp, smtpUrl: string): Promise<ChildProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: t.config.databaseUrl,
    REDIS_URL: t.config.redisUrl,
    REDIS_PREFIX: t.config.redisPrefix,
    SMTP_URL: smtpUrl,
    APP_URL: t.config.appUrl,
    MAIL_DIR: t.config.mailDir,
    UPLOAD_DIR: t.config.uploadDir,
    LOG_LEVEL: 'info',
  };
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/worker.ts'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('worker is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}):\n${out}`)));
  });
  return child;
}

type Entry = { status: string; key: string; data_sent: boolean };

/** The Message-ID MailDelivery gives a mail (derived from its idempotency key). */
const messageIdPart = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 40);

describe('faults: a worker killed -9 in a burst of mails', () => {
  it('leaves in doubt only the mails whose body was going out; every other mail arrives exactly once', async () => {
    // A slow server (each message answered after 40 ms), so the kill finds mails at every step.
    const sink = await SmtpSink.start({ beforeAccept: () => sleep(40) });
    const t = await startTestApp({ WORKERS: 'off', SMTP_URL: sink.url });
    let child: ChildProcess | null = null;
    let worker: INestApplicationContext | null = null;
    try {
      child = await spawnWorker(t, sink.url);
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      const applicant = await registerApplicant(t);
      const draft = await createDraft(t, applicant, (await createOpenCall(t)).id);
      expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);
      expect((await fire(t, applicant.token, draft.id, 'submit')).status).toBe(200);
      await sink.next(applicant.email, 0, 30_000);

      // The burst: 90 more receipts, as 90 transitions would write them (one outbox row each).
      await t.dataSource.query(
        `WITH rows AS (
           INSERT INTO outbox (kind, payload)
           SELECT $1, jsonb_build_object('proposalId', $2::uuid) FROM generate_series(1, $3::int)
           RETURNING id)
         SELECT count(pg_notify($4, id::text)) FROM rows`,
        [OUTBOX.submissionReceipt, draft.id, BURST, OUTBOX_CHANNEL],
      );
      await sink.waitFor((mails) => mails.length >= 1 + BURST / 3, 60_000, 'a third of the burst');
      child.kill('SIGKILL');
      await exited;
      const [atKill] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'sending' AND data_sent_at IS NOT NULL)::int AS transmitting,
                count(*) FILTER (WHERE status = 'sending' AND data_sent_at IS NULL)::int AS claimed
           FROM mail_log`,
      );

      // A fresh worker takes over the killed one's jobs (stalled-job check) and the rest of the burst.
      worker = await createWorkerApp({ ...t.config, workers: true }, createPino('silent'));
      await waitFor('every mail of the burst to be settled', 90_000, async () => {
        const [row] = await t.dataSource.query(
          `SELECT count(*) FILTER (WHERE status IN ('sent', 'unknown'))::int AS settled FROM mail_log`,
        );
        return row.settled === 1 + BURST;
      });
      await sleep(1000);

      const entries: Entry[] = await t.dataSource.query(
        `SELECT status, idempotency_key AS key, data_sent_at IS NOT NULL AS data_sent FROM mail_log`,
      );
      const copies = (entry: Entry) =>
        sink.mails.filter((m) => m.messageId.startsWith(`<${messageIdPart(entry.key)}@`)).length;
      const unknown = entries.filter((e) => e.status === 'unknown');
      for (const entry of entries) {
        if (entry.status === 'sent') expect(copies(entry)).toBe(1);
        else {
          expect(entry.data_sent).toBe(true);
          expect(copies(entry)).toBeLessThanOrEqual(1);
        }
      }
      expect(sink.mails).toHaveLength(
        entries.filter((e) => e.status === 'sent').length + unknown.filter((e) => copies(e) === 1).length,
      );
      console.log(
        `kill -9 in a burst of ${BURST} mails: ${unknown.length} unknown, ${atKill.transmitting} were ` +
          `transmitting and ${atKill.claimed} claimed but not yet transmitting at the kill (these were resent).`,
      );
      expect(unknown.length).toBeLessThanOrEqual(atKill.transmitting);
      // 16 mail jobs at once on 5 SMTP connections: some were claimed and still waiting for one.
      expect(atKill.claimed).toBeGreaterThan(0);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await worker?.close();
      await t.close();
      await sink.stop();
    }
  }, 180_000);
});
