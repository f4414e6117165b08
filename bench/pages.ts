/**
 * Benchmark of the pages (issue 19, DESIGN §15 "every page with the bench data"):
 *
 *   npm run bench:pages
 *
 * Starts the whole service in-process on its own database `beirat_bench_pages_<random>` (dropped at the
 * end; BENCH_DATABASE_URL picks the server), seeds the bench call of `npm run bench` (bench/seed.ts:
 * 2,000 proposals, 300 reviewers, 6,000 submitted reviews), adds the Part II data through the API
 * (bench/pages-world.ts: organisation registry, a 40-item meeting with approved minutes, 40 batch
 * letters, a consensus report), signs each role in by its session cookie and requests every page the
 * role has with that data: warm-up, then RUNS sequential requests per page. The figure is the round
 * trip on loopback (request sent → whole body read), measured by the client in the same process —
 * server time plus a loopback hop; nothing else runs meanwhile. Every page must answer 200 with HTML,
 * the meeting pack, minutes and letter with a PDF (a benchmark of error pages would be worthless: exit
 * 1 otherwise).
 * Left out: pages behind a one-time token (set-password, confirm, invitation answer), redirects
 * (/lang/:locale), downloads other than the PDFs (CSV, XLSX, assets), and pages needing a state the
 * bench call does not have (new proposal: the call is closed; edit: no draft or revision).
 * Prints median and p99 per page; the last line "…; target < 150 ms: met" (or MISSED) is the headline
 * of `npm run bench`. BENCH_RUNS (30).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '@/app';
import { SESSION_COOKIE } from '@/auth/session-token';
import { createPino } from '@/common/logger';
import { loadConfig } from '@/config/config';
import { dropDatabase } from '@/database/ensure-database';
import { deleteRedisPrefix } from '../test/support/test-app';
import { AGENDA_ITEMS, seedPagesWorld } from './pages-world';
import { benchId, BENCH_SIZE, seedCall } from './seed';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const TARGET_MS = 150;

interface PageFigures {
  role: string;
  path: string;
  median: number;
  p99: number;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** The PDFs are downloads; every other page is HTML. */
const contentTypeOf = (path: string): RegExp => (path.endsWith('.pdf') ? /^application\/pdf/ : /^text\/html/);

async function timePage(
  base: string,
  role: string,
  path: string,
  token: string | null,
): Promise<PageFigures> {
  const headers: Record<string, string> = token ? { cookie: `${SESSION_COOKIE}=${token}` } : {};
  let bytes = 0;
  const once = async () => {
    const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200 || !contentTypeOf(path).test(res.headers.get('content-type') ?? ''))
      throw new Error(
        `${role} ${path} answered ${res.status} ${res.headers.get('location') ?? ''}: ${body.toString('utf8', 0, 200)}`,
      );
    bytes = body.length;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { role, path, median: percentile(times, 0.5), p99: percentile(times, 0.99), bytes };
}

/** A session of `userId`, written like the seed's (token → SHA-256). */
async function sessionOf(dataSource: DataSource, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await dataSource.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
    [createHash('sha256').update(token).digest('hex'), userId],
  );
  return token;
}

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/beirat_bench_pages_${id}`;
  const folder = await mkdtemp(join(tmpdir(), 'beirat-bench-pages-'));
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `beirat-bench-pages-${id}`,
    UPLOAD_DIR: join(folder, 'uploads'),
    MAIL_DIR: join(folder, 'mail'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    WORKERS: 'off',
    LOG_LEVEL: 'silent',
  });
  const { app } = await createApp(config, createPino('silent'));
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const dataSource = app.get(DataSource);
    const client = new Client({ connectionString: config.databaseUrl });
    await client.connect();
    const seed = await seedCall(client, BENCH_SIZE).finally(() => client.end());
    console.log(`seeded the bench call in ${seed.seconds.toFixed(1)} s: ${JSON.stringify(seed.counts)}`);
    const worldStarted = process.hrtime.bigint();
    const world = await seedPagesWorld(base, dataSource, seed);
    console.log(
      `added registry, a ${AGENDA_ITEMS}-item meeting (minutes approved), batch letters and a consensus ` +
        `report through the API in ${(Number(process.hrtime.bigint() - worldStarted) / 1e9).toFixed(1)} s`,
    );

    // The applicant of the first proposal.
    const proposal = seed.proposalIds[0];
    const revised = seed.proposalIds[seed.proposalIds.length - 1];
    const [{ applicant_id: applicant }] = await dataSource.query<{ applicant_id: string }[]>(
      'SELECT applicant_id FROM proposals WHERE id = $1',
      [proposal],
    );
    const applicantToken = await sessionOf(dataSource, applicant);
    const draft = seed.draftTargets[0];
    const call = seed.callId;
    const meeting = world.meetingId;
    const steeringMember = await sessionOf(dataSource, benchId(BENCH_SIZE.tag, 'steering', 3));
    const pages: [string, string | null, string[]][] = [
      ['anonymous', null, ['/login', '/register', '/password-reset', '/datenschutz', '/barrierefreiheit']],
      [
        'office',
        seed.officeToken,
        [
          '/',
          '/office',
          '/office/calls/new',
          `/office/calls/${call}`,
          `/office/calls/${call}/assign`,
          '/office/proposals',
          '/office/overdue',
          '/office/mails',
          `/proposals/${proposal}`,
          `/calls/${call}/ranking`,
          '/meetings',
          `/meetings/${meeting}`,
          `/api/meetings/${meeting}/minutes.pdf`,
          `/api/meetings/${meeting}/pack.pdf`,
          `/office/calls/${call}/letters`,
          `/api/proposals/${world.letterProposalId}/decision/letter.pdf`,
          `/proposals/${world.consensusProposalId}/consensus`,
          '/office/organisations',
          '/office/organisations/new',
          `/office/organisations/${world.organisationId}`,
          '/office/users',
          `/office/users/${benchId(BENCH_SIZE.tag, 'reviewer', 1)}`,
          '/office/privacy',
          '/profile',
        ],
      ],
      ['chair', seed.chairToken, ['/meetings', `/meetings/${meeting}`, `/api/meetings/${meeting}/pack.pdf`]],
      [
        'steering',
        seed.steeringToken,
        [
          '/steering',
          `/calls/${call}/ranking`,
          `/proposals/${proposal}`,
          '/meetings',
          `/meetings/${meeting}`,
        ],
      ],
      [
        'steering',
        steeringMember,
        [`/api/meetings/${meeting}/pack.pdf`, `/api/meetings/${meeting}/minutes.pdf`],
      ],
      [
        'reviewer',
        draft.token,
        [
          '/reviewer',
          `/reviewer/calls/${call}`,
          `/assignments/${draft.assignmentId}/review`,
          `/proposals/${revised}`,
        ],
      ],
      ['reviewer', seed.reviewerToken, [`/reviewer/calls/${call}`, '/conflicts', '/profile']],
      ['reviewer', world.rapporteurToken, [`/proposals/${world.consensusProposalId}/consensus`]],
      [
        'applicant',
        applicantToken,
        ['/', '/calls', '/proposals', `/proposals/${proposal}`, '/profile', '/me/data'],
      ],
    ];
    const figures: PageFigures[] = [];
    for (const [role, token, paths] of pages) {
      for (const path of paths) {
        const f = await timePage(base, role, path, token);
        figures.push(f);
        console.log(
          `${role.padEnd(9)} ${path.replace(/[0-9a-f-]{36}/g, ':id').padEnd(42)} median ${f.median.toFixed(1)} ms, ` +
            `p99 ${f.p99.toFixed(1)} ms, ${(f.bytes / 1024).toFixed(0)} KiB`,
        );
      }
    }
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    console.log(
      `runs per page: ${RUNS} after ${WARMUP} warm-up requests, sequential; load average ${load} (${cpus().length} cores)`,
    );
    const worst = figures.reduce((a, b) => (b.median > a.median ? b : a));
    const ranking = figures.find((f) => f.role === 'steering' && f.path.endsWith('/ranking'));
    const met = worst.median < TARGET_MS;
    console.log(
      `${figures.length} pages: slowest median ${worst.median.toFixed(1)} ms (${worst.role} ` +
        `${worst.path.replace(/[0-9a-f-]{36}/g, ':id')}), ranking page (steering, 2,000 rows) median ` +
        `${ranking?.median.toFixed(1)} ms, p99 ${ranking?.p99.toFixed(1)} ms; target < ${TARGET_MS} ms: ${met ? 'met' : 'MISSED'}`,
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    await app.close();
    await dropDatabase(config.databaseUrl);
    await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
