/**
 * `beirat migrate` (the image's entry, `node dist/scripts/migrate.js`): creates the database when it is
 * missing and applies the pending migrations, then exits. The API applies them on start as well; this
 * is for running them once before several API and worker processes start.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@/config/load-config-or-exit';
import { dataSourceOptions } from '@/database/data-source-options';
import { ensureDatabase } from '@/database/ensure-database';
import { ENTITIES } from '@/entities';

async function main(): Promise<void> {
  const { databaseUrl } = loadConfigOrExit();
  await ensureDatabase(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, ENTITIES));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migrations: ${applied.map((m) => m.name).join(', ')}`
        : 'No pending migrations.',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
