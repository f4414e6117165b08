import 'reflect-metadata';
import { createApp } from './app';
import { createPino, logFormatFor } from './common/logger';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { startupSummary } from './startup-summary';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createPino(config.logLevel, logFormatFor());
  if (config.sessionSecretGenerated) {
    logger.warn(
      'SESSION_SECRET is not set: using a random one for this process (forms left open in a browser must be reloaded after a restart).',
    );
  }
  const { app, officeSignIn } = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  for (const line of startupSummary(config, officeSignIn)) logger.info(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
