/**
 * `npm start` (scripts/start.mjs) as a newcomer runs it: builds only when the sources are newer than
 * dist/, and ends its start-up with a few human lines in development, JSON lines in production.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@/database/ensure-database';
import { freePort } from './support/own-redis';
import { ROOT, SpawnedService } from './support/spawned-service';
import { deleteRedisPrefix } from './support/test-app';

/** A first start may compile the whole project (~15–40 s on a busy machine). */
const BUILD_AND_START_MS = 180_000;
jest.setTimeout(BUILD_AND_START_MS + 60_000);

function buildState(root: string): { current: boolean; reason: string } {
  const module = join(ROOT, 'scripts', 'build-freshness.mjs');
  const script = `import { buildState } from ${JSON.stringify(module)}; console.log(JSON.stringify(buildState(${JSON.stringify(root)})));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

/** The node flags before `scripts/start.mjs` in a package.json script. */
function npmScriptFlags(name: string): string {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  return /^node (.*?) ?scripts\/start\.mjs/.exec(scripts[name])?.[1] ?? '';
}

describe('the V8 flags of the long-running processes', () => {
  it('are the same for npm start, npm run start:worker and the image (api, worker)', () => {
    const entry = readFileSync(join(ROOT, 'scripts', 'docker-entry.sh'), 'utf8');
    const imageFlags = /^node_flags="(.*)"$/m.exec(entry)?.[1];
    expect(npmScriptFlags('start')).toMatch(/^--heap-growing-percent=\d+ --max-semi-space-size=\d+$/);
    expect(npmScriptFlags('start:worker')).toBe(npmScriptFlags('start'));
    expect(imageFlags).toBe(npmScriptFlags('start'));
    expect(entry).toContain('api) exec node $node_flags dist/src/main.js');
    expect(entry).toContain('worker) exec node $node_flags dist/src/worker.js');
  });
});

describe('build freshness (dist/.build-stamp.json)', () => {
  let root: string;
  const past = new Date(Date.now() - 60_000);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'beirat-freshness-'));
    await mkdir(join(root, 'src', 'users'), { recursive: true });
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'src', 'users', 'users.service.ts'), '');
    for (const path of ['src/users/users.service.ts', 'src/users', 'src'])
      await utimes(join(root, path), past, past);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const stamp = (ms: number) =>
    writeFile(join(root, 'dist', '.build-stamp.json'), JSON.stringify({ sourcesMtimeMs: ms }));

  it('needs a build without a stamp (a fresh clone after npm ci)', () => {
    expect(buildState(root)).toEqual({ current: false, reason: 'no build in dist/ yet' });
  });

  it('is current when no input is newer than the stamp', async () => {
    await stamp(past.getTime());
    expect(buildState(root).current).toBe(true);
  });

  it('is stale after an edit, a new file or a changed package-lock.json', async () => {
    await stamp(past.getTime());
    await writeFile(join(root, 'src', 'users', 'users.service.ts'), 'export {};');
    expect(buildState(root).current).toBe(false);

    await utimes(join(root, 'src', 'users', 'users.service.ts'), past, past);
    await utimes(join(root, 'src', 'users'), past, past);
    expect(buildState(root).current).toBe(true);
    await writeFile(join(root, 'src', 'new-file.ts'), '');
    expect(buildState(root).current).toBe(false);

    await rm(join(root, 'src', 'new-file.ts'));
    await utimes(join(root, 'src'), past, past);
    expect(buildState(root).current).toBe(true);
    await writeFile(join(root, 'package-lock.json'), '{}');
    expect(buildState(root).current).toBe(false);
  });
});

describe('npm start (scripts/start.mjs)', () => {
  const id = randomBytes(5).toString('hex');
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/beirat_test_startup_${id}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `beirat-test-${id}`;
  let folder: string;
  let port: number;
  let service: SpawnedService | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'beirat-startup-'));
    port = await freePort();
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });
  afterAll(async () => {
    await dropDatabase(databaseUrl);
    await deleteRedisPrefix(redisUrl, redisPrefix);
    await rm(folder, { recursive: true, force: true });
  });

  function start(env: NodeJS.ProcessEnv): SpawnedService {
    // As `npm start` runs it, with its node flags.
    service = new SpawnedService(
      [...npmScriptFlags('start').split(' ').filter(Boolean), 'scripts/start.mjs'],
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        MAIL_DIR: join(folder, 'mail'),
        UPLOAD_DIR: join(folder, 'uploads'),
        BOOTSTRAP_OFFICE_EMAIL: 'office@startup.test',
        BOOTSTRAP_OFFICE_PASSWORD: 'office-password-1',
        ...env,
      },
    );
    return service;
  }

  it('in development: builds when needed, then a few human lines with URL, sign-in and mail', async () => {
    const app = start({ NODE_ENV: 'development' });
    await app.waitForOutput(/^Second factor .*$/m, BUILD_AND_START_MS);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const lines = app.stdout.trim().split('\n');
    const afterBuild = lines.slice(lines.findIndex((l) => !l.startsWith('Building')));
    expect(afterBuild).toEqual([
      'Warning: SESSION_SECRET is not set: using a random one for this process (forms left open in a browser must be reloaded after a restart).',
      'Created the database named in DATABASE_URL.',
      'Workers running on notifications, reminders, deadlines.',
      `Beirat is running at http://127.0.0.1:${port} (API docs at http://127.0.0.1:${port}/api/docs, JSON at http://127.0.0.1:${port}/api/docs-json)`,
      'Office sign-in: office@startup.test (password from BOOTSTRAP_OFFICE_PASSWORD)',
      `Mail: written as .eml files to ${join(folder, 'mail')} (SMTP_URL is not set)`,
      'Second factor (TOTP): not offered (TOTP_ENCRYPTION_KEY is not set)',
    ]);
    expect(buildState(ROOT)).toEqual({ current: true, reason: 'dist/ is current' });
  });

  it('on a current build: no build, and JSON lines in production (LOG_LEVEL still applies)', async () => {
    expect(buildState(ROOT).current).toBe(true);
    const app = start({
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: 'smtp://mailer:s3cret-word@127.0.0.1:2525',
    });
    await app.waitForOutput(/"msg":"Second factor[^"]*"/, 30_000);

    const lines = app.stdout.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as { level: number; context?: string; msg: string });
    expect(records.map((r) => r.msg)).not.toContainEqual(expect.stringMatching(/^Building/));
    expect(records.filter((r) => r.context === 'RouterExplorer').length).toBeGreaterThan(20);
    expect(records.filter((r) => r.context === 'RouterExplorer').every((r) => r.level === 20)).toBe(true);
    expect(records.at(-2)).toMatchObject({
      level: 30,
      msg: 'Mail: sent through SMTP at smtp://127.0.0.1:2525',
    });
    expect(records.at(-1)).toMatchObject({
      level: 30,
      msg: 'Second factor (TOTP): not offered (TOTP_ENCRYPTION_KEY is not set)',
    });
    expect(app.stdout).not.toContain('s3cret-word');
  });
});
