import { type AppConfig, ConfigError, loadConfig } from './config';

/** For the entry points: a bad variable stops the start with its name and why (exit code 1). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
