/**
 * Where the time of the two reads goes (issue 19): `npm run bench:profile-reads`.
 *
 * Starts the built service (`dist/src/main.js`, run `npm run build` first) and the bare baseline
 * (bench/baseline-server.ts) under `node --cpu-prof`, each on the seeded bench database
 * `beirat_bench_profile` (dropped afterwards), loads `GET /api/proposals/:id` (reviewer) and the office
 * list with autocannon (50 connections, BENCH_SECONDS, default 10 s), stops both and prints, per
 * process, req/s and the top self-time frames of its CPU profile (function, file:line, share of the
 * profile's samples). The profiles stay in BENCH_PROFILE_DIR (default a temporary folder, printed).
 * BENCH_PROFILE_RANKING=on loads the steering ranking (gzip, as browsers ask) instead of the list.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@/database/ensure-database';
import { measureHttp, rotate } from './http';
import { deleteRedisKeys, freePort, startFlags, stop, waitFor } from './processes';
import { BENCH_SIZE, seedCall } from './seed';

const ROOT = resolve(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beirat_bench_profile';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per frame (function + file:line), as a share of all samples, largest first. */
export async function topSelfFrames(file: string, top = TOP): Promise<{ frame: string; share: number }[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}` : '';
    const frame = `${functionName || '(anonymous)'} ${where}`.trim();
    counts.set(frame, (counts.get(frame) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  return [...counts.entries()]
    .map(([frame, n]) => ({ frame, share: n / total }))
    .sort((a, b) => b.share - a.share)
    .slice(0, top);
}

function start(args: string[], env: Record<string, string>, log: string): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const out = createWriteStream(log);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

async function main(): Promise<void> {
  if (!new URL(DATABASE_URL).pathname.includes('bench'))
    throw new Error('the database name must contain "bench"');
  const dir = process.env.BENCH_PROFILE_DIR ?? (await mkdtemp(join(tmpdir(), 'beirat-profile-')));
  await mkdir(dir, { recursive: true });
  const prefix = `beirat-bench-profile-${randomBytes(4).toString('hex')}`;
  await dropDatabase(DATABASE_URL);
  await ensureDatabase(DATABASE_URL);
  const [port, baselinePort] = [await freePort(), await freePort()];
  const serviceDir = join(dir, 'service');
  const baselineDir = join(dir, 'baseline');
  let service: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    service = start(
      // The flags of `npm start`, as production runs it.
      [...startFlags(ROOT), '--cpu-prof', '--cpu-prof-dir', serviceDir, 'dist/src/main.js'],
      {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        WORKERS: 'on',
        LOG_LEVEL: 'warn',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        UPLOAD_DIR: join(dir, 'uploads'),
        MAIL_DIR: join(dir, 'mail'),
        SMTP_URL: '',
      },
      join(dir, 'service.log'),
    );
    await waitFor(
      `http://127.0.0.1:${port}/health`,
      (s) => s === 200,
      service,
      join(dir, 'service.log'),
      120,
    );
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    const seed = await seedCall(client, BENCH_SIZE).finally(() => client.end());
    baseline = start(
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        baselineDir,
        '-r',
        'ts-node/register/transpile-only',
        'bench/baseline-server.ts',
      ],
      { DATABASE_URL, PORT: String(baselinePort) },
      join(dir, 'baseline.log'),
    );
    await waitFor(
      `http://127.0.0.1:${baselinePort}/api/proposals/x`,
      (s) => s < 500,
      baseline,
      join(dir, 'baseline.log'),
      60,
    );

    const ids = rotate(seed.proposalIds);
    const byId = () => ({ path: `/api/proposals/${ids()}`, token: seed.reviewerToken });
    const list = () => ({ path: `/api/proposals?callId=${seed.callId}`, token: seed.officeToken });
    const load = { method: 'GET', seconds: SECONDS, warmupSeconds: 2 } as const;
    const figures = [
      await measureHttp({
        ...load,
        name: 'baseline',
        baseUrl: `http://127.0.0.1:${baselinePort}`,
        next: byId,
      }),
      await measureHttp({ ...load, name: 'proposal', baseUrl: `http://127.0.0.1:${port}`, next: byId }),
      process.env.BENCH_PROFILE_RANKING === 'on'
        ? await measureHttp({
            ...load,
            name: 'ranking',
            baseUrl: `http://127.0.0.1:${port}`,
            headers: { 'accept-encoding': 'gzip' },
            next: () => ({ path: `/api/calls/${seed.callId}/ranking`, token: seed.steeringToken }),
          })
        : await measureHttp({ ...load, name: 'list', baseUrl: `http://127.0.0.1:${port}`, next: list }),
    ];
    for (const f of figures)
      console.log(
        `${f.name}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, non-2xx ${f.non2xx}`,
      );
    const base = figures[0].rps;
    console.log(
      `proposal ${((figures[1].rps / base) * 100).toFixed(0)} % and ${figures[2].name} ${((figures[2].rps / base) * 100).toFixed(0)} % of the baseline's req/s`,
    );
  } finally {
    await stop(baseline);
    await stop(service);
    await dropDatabase(DATABASE_URL).catch(() => undefined);
    await deleteRedisKeys(REDIS_URL, prefix).catch(() => -1);
  }
  for (const [name, folder] of [
    ['service (proposal + list runs)', serviceDir],
    ['baseline', baselineDir],
  ]) {
    const files = (await readdir(folder).catch(() => [])).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length === 0) {
      console.log(`${name}: no profile written`);
      continue;
    }
    console.log(`\n${name}: top self time (${join(folder, files[0])})`);
    for (const { frame, share } of await topSelfFrames(join(folder, files[0])))
      console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${frame}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
