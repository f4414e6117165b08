import 'reflect-metadata';
import { createPino, logFormatFor } from './common/logger';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { mailOutput } from './startup-summary';
import { createWorkerApp } from './worker-app';

/** `npm run start:worker`: queue workers and outbox relay only, no HTTP (SIGTERM finishes active jobs). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createPino(config.logLevel, logFormatFor());
  await createWorkerApp(config, logger);
  logger.info('Beirat worker is running (queues: notifications, reminders, deadlines).');
  logger.info(mailOutput(config));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
