/**
 * `npm run bench:startup`: how long `npm start` takes on a built tree, from spawning `npm start` to the
 * first 200 from /health. The first start is against a new database (created, 6 migrations applied),
 * the next STARTS against the migrated one; the figure is their median. A figure, not a test: the last
 * line follows the sub-benchmark convention ("…; target < 5000 ms: met" or MISSED).
 *
 * Builds first when dist/ is older than the sources (not timed). BENCH_DATABASE_URL chooses the server
 * (the database is beirat_bench_startup, dropped before and after), BENCH_REDIS_URL the Redis.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropDatabase } from '@/database/ensure-database';
import { deleteRedisKeys, freePort, runQuiet } from './processes';

const ROOT = resolve(__dirname, '..');
const STARTS = 5;
const TARGET_MS = 5000;
const TIMEOUT_MS = 60_000;
const database = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beirat_bench');
database.pathname = '/beirat_bench_startup';
const DATABASE_URL = database.toString();
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `beirat-bench-startup-${randomBytes(4).toString('hex')}`;

function buildIsCurrent(): boolean {
  const check = `import { buildState } from './scripts/build-freshness.mjs'; process.exit(buildState('.').current ? 0 : 1);`;
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', check], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
}

/** Spawns `npm start`, returns the milliseconds until /health answers 200, then stops it. */
async function timeOneStart(port: number, folder: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true, // its own process group: npm, scripts/start.mjs and the service stop together
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      MAIL_DIR: join(folder, 'mail'),
      UPLOAD_DIR: join(folder, 'uploads'),
      SMTP_URL: '',
    },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    while (performance.now() - started < TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`npm start ended with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no 200 from /health within ${TIMEOUT_MS / 1000} s`);
  } finally {
    if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    await untilRefused(port);
  }
}

/** npm may exit before the service has closed its port: wait until nothing answers there. */
async function untilRefused(port: number): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (performance.now() < deadline) {
    const answered = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} still answers ${TIMEOUT_MS / 1000} s after SIGTERM`);
}

async function main(): Promise<void> {
  if (!buildIsCurrent()) {
    console.log('dist/ is older than the sources: npm run build (not timed) …');
    await runQuiet(ROOT, 'npm', ['run', 'build']);
  }
  await dropDatabase(DATABASE_URL);
  const folder = await mkdtemp(join(tmpdir(), 'beirat-bench-startup-'));
  const times: number[] = [];
  try {
    for (let i = 0; i <= STARTS; i++) {
      times.push(await timeOneStart(await freePort(), folder));
      console.log(`start ${i + 1}${i === 0 ? ' (new database)' : ''}: ${Math.round(times[i])} ms`);
    }
  } finally {
    await dropDatabase(DATABASE_URL);
    await deleteRedisKeys(REDIS_URL, REDIS_PREFIX);
    await rm(folder, { recursive: true, force: true });
  }
  const [first, ...rest] = times;
  const median = [...rest].sort((a, b) => a - b)[Math.floor(rest.length / 2)];
  const verdict = median < TARGET_MS ? 'met' : 'MISSED';
  console.log(
    `npm start on a built tree to /health 200: median ${Math.round(median)} ms over ${rest.length} starts ` +
      `(first, on a new database: ${Math.round(first)} ms); target < ${TARGET_MS} ms: ${verdict}`,
  );
  if (verdict === 'MISSED') process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
