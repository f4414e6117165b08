import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { PinoNestLogger } from './common/logger';
import type { AppConfig } from './config/config';
import { ensureDatabase } from './database/ensure-database';
import { WorkerModule } from './worker.module';

/**
 * A worker-only process: the worker module as a Nest application context (no HTTP server) with the
 * queue workers and the outbox relay on. Scale out by starting more of these.
 */
export async function createWorkerApp(config: AppConfig, logger: Logger): Promise<INestApplicationContext> {
  await ensureDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
