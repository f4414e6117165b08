import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '@/app';
import { createPino } from '@/common/logger';
import { AppConfig, loadConfig } from '@/config/config';
import { dropDatabase } from '@/database/ensure-database';

export const OFFICE_EMAIL = 'office@beirat.test';
export const OFFICE_PASSWORD = 'office-password-1';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** Bearer token of the bootstrap office user. */
  officeToken: string;
  close(): Promise<void>;
}

/**
 * Starts the whole service against its own fresh database (`beirat_test_<random>`), its own Redis key
 * prefix and its own upload and mail folders; `close()` removes all of them.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { log?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const id = randomBytes(5).toString('hex');
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/beirat_test_${id}`;
  const databaseName = base.pathname.slice(1);
  if (!databaseName.includes('test'))
    throw new Error(`Refusing to run tests against database "${databaseName}"`);
  const folder = await mkdtemp(join(tmpdir(), 'beirat-test-'));
  const config = loadConfig({
    DATABASE_URL: base.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `beirat-test-${id}`,
    UPLOAD_DIR: join(folder, 'uploads'),
    MAIL_DIR: join(folder, 'mail'),
    BOOTSTRAP_OFFICE_EMAIL: OFFICE_EMAIL,
    BOOTSTRAP_OFFICE_PASSWORD: OFFICE_PASSWORD,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    WORKERS: 'off',
    APP_URL: 'http://beirat.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const { app } = await createApp(config, createPino(config.logLevel, 'json', options.log));
  const http = () => request(app.getHttpServer());
  const login = await http().post('/api/auth/login').send({ email: OFFICE_EMAIL, password: OFFICE_PASSWORD });
  if (login.status !== 200)
    throw new Error(`office sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    http,
    officeToken: login.body.accessToken,
    async close() {
      await app.close();
      await dropDatabase(config.databaseUrl);
      await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
