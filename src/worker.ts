import 'reflect-metadata';
import { createPino } from './common/logger';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { createWorkerApp } from './worker-app';

/** `npm run start:worker`: queue workers and outbox relay only, no HTTP (SIGTERM finishes active jobs). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createPino(config.logLevel);
  await createWorkerApp(config, logger);
  logger.info('Beirat worker is running (queues: notifications, reminders, deadlines).');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
