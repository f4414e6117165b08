import 'reflect-metadata';
import { createApp } from './app';
import { createPino } from './common/logger';
import { loadConfigOrExit } from './config/load-config-or-exit';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createPino(config.logLevel);
  if (config.sessionSecretGenerated) {
    logger.warn(
      'SESSION_SECRET is not set: using a random one for this process (forms left open in a browser must be reloaded after a restart).',
    );
  }
  const { app, officeSignIn } = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(`Beirat is running at ${config.appUrl} (API docs at ${config.appUrl}/api/docs)`);
  if (officeSignIn.password) {
    logger.info(
      `Office sign-in: ${officeSignIn.email} / ${officeSignIn.password} (generated now and shown once; change it)`,
    );
  } else if (officeSignIn.created) {
    logger.info(`Office sign-in: ${officeSignIn.email} (password from BOOTSTRAP_OFFICE_PASSWORD)`);
  } else {
    logger.info(`Office sign-in: ${officeSignIn.email} (password as set when that user was created)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
