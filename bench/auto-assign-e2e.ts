/**
 * Benchmark of the automatic-assignment preview through HTTP (issue 3: "the e2e dry run for a call stays
 * under 1 s at 200 × 40"):
 *
 *   npm run bench:auto-assign
 *
 * Starts the whole service in-process on its own database `beirat_bench_autoassign_<random>` (dropped at
 * the end; BENCH_DATABASE_URL picks the server), seeds one call with set-based SQL — 200 proposals ×
 * 40 reviewers, k = 3, maxLoadPerReviewer 18, 20 topics (proposals 1–5, reviewers 3–8), bids on ~10 %
 * of pairs, ~5 % declared conflicts plus automatic ones through partners, 40 proposals already in
 * review with one accepted (kept) assignment, 20 declined invitations — then measures
 * `POST /api/calls/:id/auto-assign {dryRun: true}` over loopback HTTP: warm-up, then RUNS sequential
 * requests. The round trip covers the six reads, building the instance, the exact solver and the JSON.
 * Finally one commit (`dryRun: false`, all assignments in one transaction) is timed once for reference.
 * Exit code 1 when the median misses the 1 s target.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '@/app';
import { defaultRubric } from '@/calls/rubric';
import { createPino } from '@/common/logger';
import { fillOrganisationKeys } from '@/common/org-name-backfill';
import { loadConfig } from '@/config/config';
import { dropDatabase } from '@/database/ensure-database';
import { deleteRedisPrefix } from '../test/support/test-app';

const PROPOSALS = 200;
const REVIEWERS = 40;
const TOPICS = 20;
const K = 3;
const MAX_LOAD = 18;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 5;
const TARGET_MS = 1000;

const OFFICE_EMAIL = 'office@bench.test';
const OFFICE_PASSWORD = 'bench-office-password';

/** A deterministic byte 0–255 from a label (md5), for pseudo-random but repeatable data. */
const byte = (expr: string, i = 0) => `get_byte(decode(md5(${expr}), 'hex'), ${i})`;

async function seed(dataSource: DataSource): Promise<string> {
  return dataSource.transaction(async (m) => {
    const topics = Array.from({ length: TOPICS }, (_, i) => `topic-${i + 1}`);
    const [call]: { id: string }[] = await m.query(
      `INSERT INTO calls (title, topics, opens_at, submission_deadline, reviews_per_proposal, min_reviews,
                          max_load_per_reviewer, rubric, state)
       VALUES ('Bench call', $1, now() - interval '60 days', now() - interval '30 days', $2, 2, $3, $4, 'closed')
       RETURNING id`,
      [topics, K, MAX_LOAD, JSON.stringify(defaultRubric())],
    );
    // Users that never sign in (the hash is never checked).
    await m.query(
      `INSERT INTO users (email, password_hash, name, organisation, roles)
       SELECT 'applicant-' || n || '@bench.test', 'x', 'Applicant ' || n, 'Company ' || n, '{applicant}'
         FROM generate_series(1, 100) n`,
    );
    await m.query(
      `INSERT INTO users (email, password_hash, name, organisation, roles, expertise)
       SELECT 'reviewer-' || n || '@bench.test', 'x', 'Reviewer ' || n, 'Institute ' || n, '{reviewer}',
              ARRAY(SELECT DISTINCT 'Topic-' || (1 + ${byte("'r' || n || ':' || j")} % $2)
                      FROM generate_series(1, 3 + n % 6) j)
         FROM generate_series(1, $1) n`,
      [REVIEWERS, TOPICS],
    );
    // Every 10th proposal has a reviewer's institute as partner: an automatic conflict.
    await m.query(
      `INSERT INTO proposals (call_id, applicant_id, title, acronym, abstract, topics, partners,
                              requested_funding_eur, duration_months, round, state, submitted_at)
       SELECT $1, a.id, 'Proposal ' || n, 'P' || n, 'Abstract',
              ARRAY(SELECT DISTINCT 'topic-' || (1 + ${byte("'p' || n || ':' || j")} % $3)
                      FROM generate_series(1, 1 + n % 5) j),
              jsonb_build_array(jsonb_build_object(
                'name', CASE WHEN n % 10 = 0 THEN 'institute  ' || (1 + n % $4) ELSE 'Partner ' || n END,
                'kind', 'research', 'city', 'Wolfsburg')),
              250000, 24, 1, CASE WHEN n <= 40 THEN 'in_review' ELSE 'eligible' END,
              now() - interval '30 days' + n * interval '1 minute'
         FROM generate_series(1, $2) n
         JOIN users a ON a.email = 'applicant-' || (1 + n % 100) || '@bench.test'`,
      [call.id, PROPOSALS, TOPICS, REVIEWERS],
    );
    // Rows written by SQL carry no organisation keys yet; the automatic conflicts compare those.
    await fillOrganisationKeys((sql, params) => m.query(sql, params));
    const pairs = `
      FROM (SELECT id, row_number() OVER (ORDER BY submitted_at) AS n FROM proposals WHERE call_id = $1) p
      CROSS JOIN (SELECT id, row_number() OVER (ORDER BY email) AS k FROM users WHERE 'reviewer' = ANY(roles)) r`;
    await m.query(
      `INSERT INTO conflicts (proposal_id, user_id, reason, declared_by)
       SELECT p.id, r.id, 'declared', r.id ${pairs}
        WHERE ${byte("'c' || p.n || ':' || r.k")} < 13`,
      [call.id],
    );
    await m.query(
      `INSERT INTO bids (proposal_id, reviewer_id, bid)
       SELECT p.id, r.id, ${byte("'b' || p.n || ':' || r.k", 1)} % 5 - 2 ${pairs}
        WHERE ${byte("'b' || p.n || ':' || r.k")} < 26`,
      [call.id],
    );
    // Proposals 1–40 in review with one accepted assignment (kept); 41–60 with a declined invitation.
    await m.query(
      `INSERT INTO assignments (proposal_id, reviewer_id, round, state, due_at, responded_at)
       SELECT p.id, r.id, 1, CASE WHEN p.n <= 40 THEN 'accepted' ELSE 'declined' END,
              now() + interval '21 days', now() ${pairs}
        WHERE p.n <= 60 AND r.k = 1 + (p.n * 7) % $2
          AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.proposal_id = p.id AND c.user_id = r.id)`,
      [call.id, REVIEWERS],
    );
    return call.id;
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

interface Answer {
  objective: number;
  filled: number;
  needed: number;
  pairs: { kept: boolean }[];
  short: unknown[];
}

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/beirat_bench_autoassign_${id}`;
  const folder = await mkdtemp(join(tmpdir(), 'beirat-bench-autoassign-'));
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `beirat-bench-autoassign-${id}`,
    UPLOAD_DIR: join(folder, 'uploads'),
    MAIL_DIR: join(folder, 'mail'),
    BOOTSTRAP_OFFICE_EMAIL: OFFICE_EMAIL,
    BOOTSTRAP_OFFICE_PASSWORD: OFFICE_PASSWORD,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    WORKERS: 'off',
    LOG_LEVEL: 'silent',
  });
  const { app } = await createApp(config, createPino('silent'));
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const dataSource = app.get(DataSource);
    const callId = await seed(dataSource);
    await dataSource.query('ANALYZE');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: OFFICE_EMAIL, password: OFFICE_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*) FROM proposals)::int AS proposals,
              (SELECT count(*) FROM users WHERE 'reviewer' = ANY(roles))::int AS reviewers,
              (SELECT count(*) FROM conflicts)::int AS conflicts, (SELECT count(*) FROM bids)::int AS bids,
              (SELECT count(*) FROM assignments)::int AS assignments`,
    );
    console.log(
      `seeded ${counts.proposals} proposals × ${counts.reviewers} reviewers, k = ${K}, max load ${MAX_LOAD}, ` +
        `${counts.conflicts} declared conflicts, ${counts.bids} bids, ${counts.assignments} existing assignments`,
    );

    const post = async (dryRun: boolean) => {
      const start = process.hrtime.bigint();
      const res = await fetch(`${base}/api/calls/${callId}/auto-assign`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ dryRun }),
      });
      const text = await res.text();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (res.status !== 200) throw new Error(`auto-assign answered ${res.status}: ${text.slice(0, 300)}`);
      return { ms, bytes: Buffer.byteLength(text), answer: JSON.parse(text) as Answer };
    };
    for (let i = 0; i < WARMUP; i++) await post(true);
    const times: number[] = [];
    let last = await post(true);
    for (let i = 0; i < RUNS; i++) {
      last = await post(true);
      times.push(last.ms);
    }
    times.sort((a, b) => a - b);
    const { answer } = last;
    const kept = answer.pairs.filter((p) => p.kept).length;
    console.log(
      `answer: objective ${answer.objective}, filled ${answer.filled} of ${answer.needed} missing slots, ` +
        `${kept} kept pairs, ${answer.short.length} proposals short, ${(last.bytes / 1024).toFixed(0)} KiB JSON`,
    );
    const median = percentile(times, 0.5);
    console.log(
      `dry run over loopback HTTP, ${RUNS} sequential requests after ${WARMUP} warm-up: ` +
        `median ${median.toFixed(1)} ms, p90 ${percentile(times, 0.9).toFixed(1)} ms, min ${times[0].toFixed(1)} ms`,
    );
    const commit = await post(false);
    console.log(
      `commit (once, ${commit.answer.filled} assignments in one transaction): ${commit.ms.toFixed(1)} ms`,
    );
    const met = median < TARGET_MS;
    console.log(
      `dry-run median ${median.toFixed(1)} ms; target < ${TARGET_MS} ms: ${met ? 'met' : 'MISSED'}`,
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
