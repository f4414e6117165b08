/**
 * `npm run bench`: how fast Beirat is on this machine, side by side with the limits of its parts.
 *
 *  1. builds the service (`npm run build`) and starts `node dist/src/main.js` as a child process on its
 *     own database `beirat_bench` (dropped and recreated), its own Redis prefix, workers on;
 *  2. seeds one large call (bench/seed.ts) and starts the bare Fastify + pg baseline;
 *  3. measures with autocannon (50 connections, 20 s each, loopback) the baseline and four endpoints;
 *  4. reads the service's RSS, stops it, runs the sub-benchmarks (bench:assign, bench:ranking,
 *     bench:queue) that exist;
 *  5. prints one table and writes it into docs/BENCHMARKS.md; drops the database and the Redis keys.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/beirat_bench) and BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379) choose the servers; the database name must contain "bench".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createWriteStream } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@/database/ensure-database';
import { measureHttp, rotate, SHORTENED, type HttpFigures } from './http';
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

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function runQuiet(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/** Polls `url` until it answers with a status `accept` takes, or the child died, or time is up. */
async function waitFor(
  url: string,
  accept: (status: number) => boolean,
  child: ChildProcess,
  logFile: string,
  seconds: number,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if (accept((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
  throw new Error(`${url} did not answer within ${seconds} s (exit ${child.exitCode}):\n${tail}`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function rssOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function versions(): Promise<{ postgres: string; redis: string }> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const redis = new Redis(REDIS_URL);
  const info = await redis.info('server');
  redis.disconnect();
  return { postgres: rows[0].server_version, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown' };
}

/** One request, checked, before load: a benchmark of error answers would be worthless. */
async function probe(url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

const DRAFT = JSON.stringify({
  scores: { scientific_quality: 4, innovation: 3.5, feasibility: 4, transfer: 3, sme_benefit: 4.5 },
  commentToApplicant:
    'Klar beschriebenes Vorhaben; der Arbeitsplan sollte Puffer für die Validierung vorsehen.',
  confidentialComment: 'Budget für Prototypen knapp.',
});

/** Waits until the service answers /health within 100 ms (or 60 s passed), then 1 s more. */
async function settle(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const t = Date.now();
    await fetch(`${base}/health`).catch(() => undefined);
    if (Date.now() - t < 100) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 1000));
}

interface ServiceFigures {
  figures: HttpFigures[];
  /** Rows of the ranking the steering member sees; null when the endpoint is not there yet. */
  rankingRows: number | null;
}

async function measureService(
  base: string,
  baseline: string,
  seed: SeedResult,
  pids: { service?: number; baseline?: number; database: string },
): Promise<ServiceFigures> {
  const proposalIds = rotate(seed.proposalIds);
  const drafts = rotate(seed.draftTargets);
  const byId = () => ({ path: `/api/proposals/${proposalIds()}`, token: seed.reviewerToken });
  const list = `/api/proposals?callId=${seed.callId}`;
  const ranking = `/api/calls/${seed.callId}/ranking`;

  // Same answer from both before either is measured: the baseline really does the service's work.
  const [fromService, fromBaseline] = await Promise.all([
    probe(`${base}/api/proposals/${seed.proposalIds[0]}`, seed.reviewerToken),
    probe(`${baseline}/api/proposals/${seed.proposalIds[0]}`, seed.reviewerToken),
  ]);
  const { allowedEvents: _events, ...comparable } = fromService as Record<string, unknown>;
  if (JSON.stringify(comparable) !== JSON.stringify(fromBaseline)) {
    throw new Error(
      `baseline and service disagree:\n${JSON.stringify(comparable)}\n${JSON.stringify(fromBaseline)}`,
    );
  }
  await probe(`${base}${list}`, seed.officeToken);

  const results: HttpFigures[] = [];
  const measure = async (figures: Promise<HttpFigures>) => {
    const f = await figures;
    // autocannon leaves requests in flight when its clock stops; let the service finish them first.
    await settle(base);
    const cpu =
      f.serverCpuMsPerRequest === null
        ? ''
        : `, CPU/req server ${f.serverCpuMsPerRequest.toFixed(2)} ms + PostgreSQL ${f.databaseCpuMsPerRequest?.toFixed(2)} ms`;
    const busy = f.machineBusy === null ? '' : `, machine ${fmt.pct(f.machineBusy)} busy`;
    log(
      `${f.name}: ${fmt.rate(f.rps)} req/s, p50 ${fmt.ms(f.p50Ms)} ms, p99 ${fmt.ms(f.p99Ms)} ms, non-2xx ${f.non2xx}${cpu}${busy}`,
    );
    results.push(f);
  };
  const service = {
    baseUrl: base,
    method: 'GET',
    serverPid: pids.service,
    database: pids.database,
    settle: () => settle(base),
  } as const;
  await measure(
    measureHttp({ ...service, name: 'baseline', baseUrl: baseline, serverPid: pids.baseline, next: byId }),
  );
  await measure(measureHttp({ ...service, name: 'proposal', next: byId }));
  await measure(
    measureHttp({ ...service, name: 'list', next: () => ({ path: list, token: seed.officeToken }) }),
  );
  const rankingRows = await probe(`${base}${ranking}`, seed.steeringToken).then(
    (body) => ((body as { rows?: unknown[] }).rows ?? []).length,
    (error: Error) => (log(`ranking not measured: ${error.message}`), null),
  );
  if (rankingRows !== null) {
    const next = () => ({ path: ranking, token: seed.steeringToken });
    await measure(measureHttp({ ...service, name: 'ranking', next }));
    const seconds = SHORTENED ? undefined : 10;
    await measure(measureHttp({ ...service, name: 'ranking-1', next, connections: 1, seconds }));
  }
  const first = seed.draftTargets[0];
  const draftReady = await probe(`${base}/api/assignments/${first.assignmentId}/review`, first.token, {
    method: 'PUT',
    body: DRAFT,
  }).then(
    () => true,
    (error: Error) => (log(`draft save not measured: ${error.message}`), false),
  );
  if (draftReady) {
    const next = () => {
      const target = drafts();
      return { path: `/api/assignments/${target.assignmentId}/review`, token: target.token, body: DRAFT };
    };
    await measure(measureHttp({ ...service, method: 'PUT', name: 'draft', next }));
  }
  return { figures: results, rankingRows };
}

async function main(): Promise<void> {
  const databaseName = new URL(DATABASE_URL).pathname.slice(1);
  if (!databaseName.includes('bench'))
    throw new Error(`Refusing to drop "${databaseName}": its name lacks "bench"`);
  const { postgres, redis } = await versions().catch(async () => {
    await ensureDatabase(DATABASE_URL);
    return versions();
  });
  const machine = await describeMachine(postgres, redis);
  const startedAt = new Date();
  log(
    `${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, PostgreSQL ${postgres}, Redis ${redis}`,
  );

  if (process.env.BENCH_BUILD === 'off') log('BENCH_BUILD=off: using the existing dist/');
  else {
    log('npm run build …');
    await runQuiet('npm', ['run', 'build']);
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
    service = spawn(process.execPath, ['dist/src/main.js'], {
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
    http = await measureService(`http://127.0.0.1:${port}`, `http://127.0.0.1:${baselinePort}`, seed, {
      service: service.pid,
      baseline: baseline.pid,
      database: databaseName,
    });
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
    const keys = await deleteRedisKeys(REDIS_PREFIX).catch(() => -1);
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
    'service built with `npm run build`, started as `node dist/src/main.js` with WORKERS=on, LOG_LEVEL=warn.';
  const doc = {
    machine,
    startedAt,
    runSeconds,
    dataset,
    rows,
    notes: notesFor(http.figures, rows, runSeconds),
  };
  console.log(`\n${summaryTable(rows)}\n`);
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
