import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app';
import { createPino } from './common/logger';

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
  if (config.sessionSecretGenerated) {
    logger.warn('SESSION_SECRET is not set: using a random one, so sign-ins end when the process restarts.');
  }
  const { app, createdOffice } = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(`Beirat is running at ${config.appUrl} (API docs at ${config.appUrl}/api/docs)`);
  if (createdOffice?.password) {
    logger.info(
      `Office sign-in created: ${createdOffice.email} / ${createdOffice.password} (shown once; change it)`,
    );
  } else if (createdOffice) {
    logger.info(`Office sign-in created: ${createdOffice.email} (password from BOOTSTRAP_OFFICE_PASSWORD)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
