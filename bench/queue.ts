/**
 * Benchmark of the notification path (docs/CONTRACT.md §6), next to a bare BullMQ baseline measured in the same run.
 *
 *   npm run bench:queue
 *
 * 1. Throughput: 10,000 submission-receipt mails. One transaction writes 10,000 outbox rows; the clock
 *    runs from its commit until a local SMTP sink (smtp-server, in this process) has accepted the
 *    10,000th mail. The path: NOTIFY → outbox relay → BullMQ → worker → mail log (sending, sent) →
 *    template rendering (de) → nodemailer SMTP pool → sink.
 *    Baselines: a bare BullMQ producer (addBulk) and worker with the same concurrency, (a) with a no-op
 *    job and (b) sending one fixed mail per job through the same nodemailer pool to the same sink: the
 *    service's submission receipt, rendered once from its templates, so both send mails of the same size.
 * 2. Lateness: 1,000 reminders due in the same second. 1,000 assignments, all due at T, get their
 *    reminder schedule through the outbox; only the "overdue" reminder (REMIND_OVERDUE_AFTER=0s) falls
 *    in the run. Lateness = time the sink accepted the mail − T. Baselines: 1,000 bare BullMQ delayed
 *    jobs due at one instant, no-op (lateness at job start) and sending a fixed mail (at the sink): the
 *    service's overdue reminder, rendered once.
 *
 * Everything runs in this one process on a scratch database and its own Redis prefix; both are removed
 * at the end.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Queue, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { defaultRubric } from '@/calls/rubric';
import { createPino } from '@/common/logger';
import { type AppConfig, loadConfig } from '@/config/config';
import { dropDatabase } from '@/database/ensure-database';
import { CONCURRENCY } from '@/jobs/queues';
import type { TemplateName } from '@/notifications/mail-catalogue';
import { formatDateTime } from '@/notifications/mail-format';
import { TemplateRenderer } from '@/notifications/template-renderer';
import type { Locale } from '@/users/user.entity';
import { createWorkerApp } from '@/worker-app';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { OUTBOX_CHANNEL } from '@/workflow/outbox';
import { deleteRedisPrefix } from '../test/support/test-app';
import { backendCpuDelta, backendCpuMs } from './http';

const MAILS = 10_000;
const REMINDERS = 1_000;

/** An SMTP server that accepts everything and only counts (no parsing: it must not be the bottleneck). */
async function startSink() {
  const received: number[] = [];
  const messageIds = new Set<string>();
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        received.push(Date.now());
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (messageId) messageIds.add(messageId);
        callback(null);
        waiters = waiters.filter((w) => (received.length >= w.count ? (w.resolve(), false) : true));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    messageIds,
    reset: () => {
      received.splice(0);
      messageIds.clear();
    },
    until: (count: number) =>
      new Promise<void>((resolve) =>
        received.length >= count ? resolve() : waiters.push({ count, resolve }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const log = (message: string) => console.error(`[bench:queue] ${message}`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const sink = await startSink();
  const base = loadConfig();
  const url = new URL(base.databaseUrl);
  url.pathname = `/beirat_bench_queue_${id}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: `beirat-bench-${id}`,
    SMTP_URL: sink.url,
    LOG_LEVEL: 'silent',
    WORKERS: 'on',
    REMIND_RESPOND_AFTER: '1d',
    REMIND_BEFORE_DUE: '30d',
    REMIND_OVERDUE_AFTER: '0s',
    ESCALATE_AFTER: '1d',
  });
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const prefix = `${config.redisPrefix}:baseline`;
  const rows: string[][] = [];
  const lateRows: string[][] = [];
  const database = url.pathname.slice(1);
  const cpuLines: string[] = [];
  const perMail = (label: string, cpu: { ownMs: number; pgMs: number }, count: number) =>
    cpuLines.push(
      `- ${label}: ${fmt(cpu.ownMs / count, 2)} ms in this process + ${fmt(cpu.pgMs / count, 2)} ms in PostgreSQL = ${fmt((cpu.ownMs + cpu.pgMs) / count, 2)} ms of CPU per mail`,
    );

  try {
    // ---- baselines: bare BullMQ ----
    const noop = await bareThroughput(connection, prefix, 'noop', async () => undefined);
    log(`bare no-op: ${noop.seconds} s`);
    rows.push(['bare BullMQ, no-op job', fmt(MAILS), fmt(noop.seconds, 2), fmt(MAILS / noop.seconds)]);
    const transport = createTransport({ url: sink.url, pool: true, maxConnections: 5, maxMessages: 1000 });
    // The same mails as the service sends (its templates, rendered once), so both put the same bytes on the wire.
    const receipt = fixedMail(config, 'submission-receipt', 'de', 'Antragsteller 1', {
      round: 1,
      resubmission: false,
    });
    const overdue = fixedMail(config, 'reminder-overdue', 'en', 'Gutachterin 1', {
      dueAt: formatDateTime(new Date(), 'en'),
      reviewUrl: `${config.appUrl}/assignments/${randomUUID()}`,
    });
    const sendFixed = (mail: FixedMail) => () => transport.sendMail({ from: config.mailFrom, ...mail });
    sink.reset();
    const bareMailCpu = cpuMeter(database);
    const bareMail = await bareThroughput(connection, prefix, 'mail', async () => {
      await sendFixed(receipt)();
    });
    perMail('bare BullMQ + nodemailer pool → sink', bareMailCpu(), MAILS);
    log(`bare mail: ${bareMail.seconds} s`);
    rows.push([
      'bare BullMQ + nodemailer pool → sink',
      fmt(MAILS),
      fmt(bareMail.seconds, 2),
      fmt(MAILS / bareMail.seconds),
    ]);

    const bareLate = await bareLateness(connection, prefix, 'late-noop', async () => undefined);
    lateRows.push([
      'bare BullMQ delayed job, no-op (at job start)',
      fmt(REMINDERS),
      fmt(percentile(bareLate, 50)),
      fmt(percentile(bareLate, 99)),
      fmt(Math.max(...bareLate)),
    ]);
    sink.reset();
    const bareLateCpu = cpuMeter(database);
    const bareLateMail = await bareLatenessAtSink(connection, prefix, sink, sendFixed(overdue));
    perMail('bare BullMQ delayed job + fixed mail', bareLateCpu(), REMINDERS);
    lateRows.push([
      'bare BullMQ delayed job + fixed mail (at the sink)',
      fmt(REMINDERS),
      fmt(percentile(bareLateMail, 50)),
      fmt(percentile(bareLateMail, 99)),
      fmt(Math.max(...bareLateMail)),
    ]);
    transport.close();

    // ---- the real path ----
    const app = await createWorkerApp(config, createPino('silent'));
    try {
      const db = app.get(DataSource);
      const { proposalIds, reviewerIds } = await seed(db);

      sink.reset();
      const beiratCpu = cpuMeter(database);
      const started = Date.now();
      await db.query(
        `WITH rows AS (
           INSERT INTO outbox (kind, payload)
           SELECT $1, jsonb_build_object('proposalId', p, 'round', 1) FROM unnest($2::uuid[]) AS p
           RETURNING id)
         SELECT count(pg_notify($3, id::text)) FROM rows`,
        [OUTBOX.submissionReceipt, proposalIds, OUTBOX_CHANNEL],
      );
      await sink.until(MAILS);
      const seconds = (Date.now() - started) / 1000;
      perMail('Beirat mails', beiratCpu(), MAILS);
      const [relay] = await db.query(
        `SELECT extract(epoch FROM max(dispatched_at) - min(created_at))::float AS seconds FROM outbox WHERE kind = $1`,
        [OUTBOX.submissionReceipt],
      );
      log(
        `beirat mails: ${seconds} s (outbox relay: all 10,000 rows in Redis ${fmt(relay.seconds, 2)} s after the commit)`,
      );
      rows.push([
        'Beirat: outbox → relay → queue → mail log → template → SMTP',
        fmt(MAILS),
        fmt(seconds, 2),
        fmt(MAILS / seconds),
      ]);
      // The sink counts at its 250; the worker records "sent" a moment later.
      for (let tries = 0; ; tries += 1) {
        const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM mail_log WHERE status = 'sent'`);
        if (sent === MAILS) break;
        if (tries > 100) throw new Error(`mail log has ${sent} sent entries, expected ${MAILS}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (sink.messageIds.size !== MAILS || sink.received.length !== MAILS) {
        throw new Error(
          `sink got ${sink.received.length} mails with ${sink.messageIds.size} distinct Message-IDs`,
        );
      }

      // Reminders: 1,000 assignments due at one instant T; the schedule goes through the outbox.
      sink.reset();
      const remindersCpu = cpuMeter(database);
      const due = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
      await db.transaction(async (manager) => {
        const ids: { id: string }[] = await manager.query(
          `INSERT INTO assignments (proposal_id, reviewer_id, round, due_at, state)
           SELECT p, ($2::uuid[])[1 + (n % array_length($2::uuid[], 1))], 1, $3, 'accepted'
             FROM unnest($1::uuid[]) WITH ORDINALITY AS x(p, n)
           RETURNING id`,
          [proposalIds.slice(0, REMINDERS), reviewerIds, due],
        );
        await manager.query(
          `WITH rows AS (
             INSERT INTO outbox (kind, payload)
             SELECT $1, jsonb_build_object('assignmentId', a) FROM unnest($2::uuid[]) AS a RETURNING id)
           SELECT count(pg_notify($3, id::text)) FROM rows`,
          [OUTBOX.scheduleReminders, ids.map((row) => row.id), OUTBOX_CHANNEL],
        );
      });
      await sink.until(REMINDERS);
      // From the schedule jobs' outbox rows to the last reminder at the sink: all the work of the burst.
      perMail('Beirat overdue reminders (scheduling included)', remindersCpu(), REMINDERS);
      const late = sink.received.map((at) => at - due.getTime());
      lateRows.push([
        'Beirat overdue reminders (at the sink)',
        fmt(REMINDERS),
        fmt(percentile(late, 50)),
        fmt(percentile(late, 99)),
        fmt(Math.max(...late)),
      ]);
    } finally {
      await app.close();
    }
  } finally {
    await sink.close();
    await dropDatabase(config.databaseUrl).catch(() => undefined);
    await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
  }

  console.log(
    `\nNode ${process.version}, BullMQ concurrency ${CONCURRENCY.notifications} (mail) and ${CONCURRENCY.reminders} (reminders; the lateness baselines too), SMTP pool of 5 connections.\n`,
  );
  console.log('| run | mails | seconds | mails/s |\n| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    '\n| run | reminders due in one second | p50 lateness (ms) | p99 lateness (ms) | max (ms) |\n| --- | ---: | ---: | ---: | ---: |',
  );
  for (const row of lateRows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nCPU per mail:\n${cpuLines.join('\n')}`);
}

type Conn = { url: string; maxRetriesPerRequest: null };

/**
 * CPU used from here on by this process (BullMQ clients and workers, the service's worker, the SMTP
 * sink: shared by both sides) and by the scratch database's PostgreSQL backends — what a run costs,
 * which other processes on the machine do not tilt the way they tilt the seconds.
 */
function cpuMeter(database: string) {
  const own = process.cpuUsage();
  const pg = backendCpuMs(database);
  return () => {
    const used = process.cpuUsage(own);
    return {
      ownMs: (used.user + used.system) / 1000,
      pgMs: backendCpuDelta(pg, backendCpuMs(database)) ?? 0,
    };
  };
}

type FixedMail = { to: { name: string; address: string }; subject: string; text: string; html: string };

/** One of the service's mails rendered from its templates with bench-like values (not per job: fixed). */
function fixedMail(
  config: AppConfig,
  template: TemplateName,
  locale: Locale,
  name: string,
  extra: Record<string, unknown>,
): FixedMail {
  const id = randomUUID();
  const view = {
    name,
    appUrl: config.appUrl,
    proposal: {
      id,
      title: 'Leichtbau-Batteriegehäuse 1',
      acronym: 'LB1',
      round: 1,
      url: `${config.appUrl}/proposals/${id}`,
    },
    callTitle: 'Mobilität 2030',
    ...extra,
  };
  const address = locale === 'de' ? 'applicant-1@bench.test' : 'reviewer-1@bench.test';
  return { to: { name, address }, ...new TemplateRenderer().render(template, locale, view) };
}

async function bareThroughput(connection: Conn, prefix: string, name: string, work: () => Promise<void>) {
  const queue = new Queue(name, { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    name,
    async () => {
      await work();
      if (++done === MAILS) finish();
    },
    { connection, prefix, concurrency: CONCURRENCY.notifications },
  );
  const started = Date.now();
  for (let i = 0; i < MAILS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: 1000 }, (_, j) => ({
        name,
        data: { i: i + j },
        opts: { removeOnComplete: true },
      })),
    );
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { seconds };
}

async function bareLateness(connection: Conn, prefix: string, name: string, work: () => Promise<void>) {
  const queue = new Queue(name, { connection, prefix });
  const late: number[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const due = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
  const worker = new Worker(
    name,
    async () => {
      late.push(Date.now() - due);
      await work();
      if (late.length === REMINDERS) finish();
    },
    { connection, prefix, concurrency: CONCURRENCY.reminders },
  );
  await queue.addBulk(
    Array.from({ length: REMINDERS }, (_, i) => ({
      name,
      data: { i },
      opts: { jobId: `r-${i}`, delay: due - Date.now(), removeOnComplete: true },
    })),
  );
  await finished;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return late;
}

async function bareLatenessAtSink(
  connection: Conn,
  prefix: string,
  sink: Awaited<ReturnType<typeof startSink>>,
  send: () => Promise<unknown>,
) {
  const queue = new Queue('late-mail', { connection, prefix });
  const due = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
  const worker = new Worker('late-mail', async () => void (await send()), {
    connection,
    prefix,
    concurrency: CONCURRENCY.reminders,
  });
  await queue.addBulk(
    Array.from({ length: REMINDERS }, (_, i) => ({
      name: 'late-mail',
      data: { i },
      opts: { jobId: `m-${i}`, delay: due - Date.now(), removeOnComplete: true },
    })),
  );
  await sink.until(REMINDERS);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return sink.received.map((at) => at - due);
}

/** A call, 100 applicants, 50 reviewers and 10,000 submitted proposals, straight in SQL. */
async function seed(db: DataSource): Promise<{ proposalIds: string[]; reviewerIds: string[] }> {
  const [call] = await db.query(
    `INSERT INTO calls (title, opens_at, submission_deadline, rubric, state)
     VALUES ('Mobilität 2030', now() - interval '1 day', now() + interval '30 days', $1, 'open') RETURNING id`,
    [JSON.stringify(defaultRubric())],
  );
  const applicants: { id: string }[] = await db.query(
    `INSERT INTO users (email, password_hash, name, organisation, roles, locale)
     SELECT 'applicant-' || n || '@bench.test', 'x', 'Antragsteller ' || n, 'Firma ' || n, '{applicant}', 'de'
       FROM generate_series(1, 100) n RETURNING id`,
  );
  const reviewers: { id: string }[] = await db.query(
    `INSERT INTO users (email, password_hash, name, organisation, roles, locale)
     SELECT 'reviewer-' || n || '@bench.test', 'x', 'Gutachterin ' || n, 'Uni ' || n, '{reviewer}', 'en'
       FROM generate_series(1, 50) n RETURNING id`,
  );
  const proposals: { id: string }[] = await db.query(
    `INSERT INTO proposals (call_id, applicant_id, title, acronym, abstract, topics, state, round, submitted_at)
     SELECT $1, ($2::uuid[])[1 + (n % 100)], 'Leichtbau-Batteriegehäuse ' || n, 'LB' || n, 'Kurzfassung',
            '{battery}', 'in_review', 1, now()
       FROM generate_series(1, $3::int) n RETURNING id`,
    [call.id, applicants.map((a) => a.id), MAILS],
  );
  return { proposalIds: proposals.map((p) => p.id), reviewerIds: reviewers.map((r) => r.id) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
