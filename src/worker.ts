import 'reflect-metadata';
import { createPino } from './common/logger';
import { ConfigError, loadConfig } from './config/config';
import { createWorkerApp } from './worker-app';

/** `npm run start:worker`: queue workers and outbox relay only, no HTTP (SIGTERM finishes active jobs). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createPino(config.logLevel);
  await createWorkerApp(config, logger);
  logger.info('Beirat worker is running (queues: notifications, reminders, deadlines).');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
