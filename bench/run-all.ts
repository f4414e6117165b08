/**
 * `npm run bench`: how fast Beirat is on this machine, side by side with the limits of its parts.
 *
 *  1. builds the service (`npm run build`) and starts `node <npm start's flags> dist/src/main.js` as a
 *     child process on its own database `beirat_bench` (dropped and recreated), its own Redis prefix,
 *     workers on;
 *  2. seeds one large call (bench/seed.ts) and starts the bare Fastify + pg baseline;
 *  3. measures with autocannon (50 connections, 20 s each, loopback) the baseline and four endpoints;
 *  4. reads the service's RSS, stops it, runs the sub-benchmarks that exist (bench:assign,
 *     bench:auto-assign, bench:ranking, bench:queue, bench:startup: bench/sub-benchmarks.ts) one after
 *     the other;
 *  5. prints one table and writes it into docs/BENCHMARKS.md; drops the database and the Redis keys.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/beirat_bench) and BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379) choose the servers; the database name must contain "bench".
 * For trying the harness out: BENCH_SECONDS=3 (shorter runs), BENCH_SUBS=off, BENCH_BUILD=off (use
 * the existing dist/); a run with BENCH_SECONDS or BENCH_SUBS=off leaves docs/BENCHMARKS.md alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@/database/ensure-database';
import { measureService, type ServiceFigures } from './endpoints';
import { SHORTENED } from './http';
import { deleteRedisKeys, freePort, rssOf, runQuiet, startFlags, stop, versions, waitFor } from './processes';
import { describeMachine, fmt, summaryMarkdown, summaryTable, writeSummary, type SummaryRow } from './report';
import { BENCH_SIZE, REVIEWS_PER_PROPOSAL, seedCall, type SeedResult } from './seed';
import { runSubBenchmarks } from './sub-benchmarks';
import { httpRows, memoryRow, notesFor } from './verdicts';

const ROOT = resolve(__dirname, '..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beirat_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `beirat-bench-${randomBytes(4).toString('hex')}`;
const SUB_BENCHMARK_TIMEOUT_MS = 6 * 60_000;

const started = Date.now();
const log = (message: string) =>
  console.log(`[bench ${fmt.duration((Date.now() - started) / 1000)}] ${message}`);

async function main(): Promise<void> {
  const databaseName = new URL(DATABASE_URL).pathname.slice(1);
  if (!databaseName.includes('bench'))
    throw new Error(`Refusing to drop "${databaseName}": its name lacks "bench"`);
  const { postgres, redis } = await versions(DATABASE_URL, REDIS_URL).catch(async () => {
    await ensureDatabase(DATABASE_URL);
    return versions(DATABASE_URL, REDIS_URL);
  });
  const machine = await describeMachine(postgres, redis);
  const startedAt = new Date();
  log(
    `${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, PostgreSQL ${postgres}, Redis ${redis}`,
  );

  if (process.env.BENCH_BUILD === 'off') log('BENCH_BUILD=off: using the existing dist/');
  else {
    log('npm run build …');
    await runQuiet(ROOT, 'npm', ['run', 'build']);
  }
  await dropDatabase(DATABASE_URL);
  await ensureDatabase(DATABASE_URL);

  const folder = await mkdtemp(join(tmpdir(), 'beirat-bench-'));
  const [port, baselinePort] = [await freePort(), await freePort()];
  const serviceLog = join(folder, 'service.log');
  const baselineLog = join(folder, 'baseline.log');
  let service: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  const rows: SummaryRow[] = [];
  let seed: SeedResult | undefined;
  let http: ServiceFigures;
  try {
    service = spawn(process.execPath, [...startFlags(ROOT), 'dist/src/main.js'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL,
        REDIS_URL,
        REDIS_PREFIX,
        WORKERS: 'on',
        LOG_LEVEL: 'warn',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        BOOTSTRAP_OFFICE_EMAIL: 'office@bench.example',
        BOOTSTRAP_OFFICE_PASSWORD: randomBytes(12).toString('hex'),
        UPLOAD_DIR: join(folder, 'uploads'),
        MAIL_DIR: join(folder, 'mail'),
        SMTP_URL: '',
      },
    });
    const serviceOut = createWriteStream(serviceLog);
    service.stdout?.pipe(serviceOut);
    service.stderr?.pipe(serviceOut);
    await waitFor(`http://127.0.0.1:${port}/health`, (s) => s === 200, service, serviceLog, 120);
    log(`service up (pid ${service.pid}), migrations applied; seeding …`);

    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      seed = await seedCall(client, BENCH_SIZE);
    } finally {
      await client.end();
    }
    log(`seeded in ${seed.seconds.toFixed(1)} s: ${JSON.stringify(seed.counts)}`);

    baseline = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'bench/baseline-server.ts'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DATABASE_URL, PORT: String(baselinePort) },
      },
    );
    const baselineOut = createWriteStream(baselineLog);
    baseline.stdout?.pipe(baselineOut);
    baseline.stderr?.pipe(baselineOut);
    // Any answer (401 without a token) means it listens.
    await waitFor(
      `http://127.0.0.1:${baselinePort}/api/proposals/x`,
      (s) => s < 500,
      baseline,
      baselineLog,
      60,
    );

    const idle = await rssOf(service.pid as number);
    http = await measureService(
      `http://127.0.0.1:${port}`,
      `http://127.0.0.1:${baselinePort}`,
      seed,
      {
        service: service.pid,
        baseline: baseline.pid,
        database: databaseName,
      },
      log,
    );
    await stop(baseline);
    const memory = { ...(await rssOf(service.pid as number)), idle: idle.rss };
    rows.push(...httpRows(http.figures, seed, http.rankingRows), memoryRow(memory));
    await stop(service);
    log(`service RSS after the run ${fmt.mb(memory.rss)} (peak ${fmt.mb(memory.peak)}); service stopped`);

    if (process.env.BENCH_SUBS !== 'off') {
      const subs = await runSubBenchmarks(ROOT, SUB_BENCHMARK_TIMEOUT_MS, log);
      rows.push(...subs.rows);
    }
  } finally {
    await stop(baseline);
    await stop(service);
    await dropDatabase(DATABASE_URL).catch((e: Error) =>
      log(`could not drop the bench database: ${e.message}`),
    );
    const keys = await deleteRedisKeys(REDIS_URL, REDIS_PREFIX).catch(() => -1);
    log(`dropped ${databaseName}, deleted ${keys} Redis keys under ${REDIS_PREFIX}:`);
    await rm(folder, { recursive: true, force: true });
  }

  const runSeconds = (Date.now() - started) / 1000;
  const dataset =
    `Data (bench/seed.ts, ${seed ? `${seed.seconds.toFixed(1)} s` : '—'}): 1 closed call, ${fmt.int(BENCH_SIZE.proposals)} proposals ` +
    `(${fmt.int(BENCH_SIZE.proposals - BENCH_SIZE.revisionProposals)} awaiting a decision, ${BENCH_SIZE.revisionProposals} ` +
    `resubmitted and in review in round 2), ${BENCH_SIZE.reviewers} reviewers, ${BENCH_SIZE.steering} steering members, ` +
    `${fmt.int(seed?.counts.submittedReviews ?? 0)} submitted reviews × 5 criteria ` +
    `(k = ${REVIEWS_PER_PROPOSAL}), ${fmt.int(seed?.counts.votes ?? 0)} votes, ${fmt.int(seed?.counts.bids ?? 0)} bids. ` +
    'HTTP: autocannon on loopback, 50 connections, 20 s per row after a 3 s warm-up, Bearer tokens; ' +
    `service built with \`npm run build\`, started as \`${['node', ...startFlags(ROOT), 'dist/src/main.js'].join(' ')}\` (npm start's flags) with WORKERS=on, LOG_LEVEL=warn.`;
  const doc = {
    machine,
    startedAt,
    runSeconds,
    dataset,
    rows,
    notes: notesFor(http.figures, rows, runSeconds, http.rssAfter),
  };
  console.log(`\n${summaryTable(rows)}\n`);
  // A failed row (a correctness check inside a benchmark, or one without figures) fails the run.
  const failed = rows.filter((r) => r.verdict === 'failed');
  if (failed.length > 0) {
    process.exitCode = 1;
    for (const row of failed) console.error(`FAILED: ${row.what}: ${row.figure}`);
  }
  for (const note of doc.notes) console.log(`- ${note}`);
  if (SHORTENED || process.env.BENCH_SUBS === 'off') {
    log(
      `shortened run (BENCH_SECONDS or BENCH_SUBS=off): docs/BENCHMARKS.md left as it is; ${fmt.duration(runSeconds)}`,
    );
    return;
  }
  await writeSummary(join(ROOT, 'docs', 'BENCHMARKS.md'), summaryMarkdown(doc));
  log(`written to docs/BENCHMARKS.md; whole run ${fmt.duration(runSeconds)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
