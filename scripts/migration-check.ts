/**
 * Fails when the entities and the checked-in migrations differ: applies every migration to a fresh
 * scratch database, then asks TypeORM which statements `migration:generate` would still write.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@/config/config';
import { dataSourceOptions } from '@/database/data-source-options';
import { dropDatabase, ensureDatabase } from '@/database/ensure-database';
import { ENTITIES } from '@/entities';

async function main(): Promise<void> {
  const url = new URL(loadConfig().databaseUrl);
  url.pathname = `/beirat_migration_check_${randomBytes(4).toString('hex')}`;
  const scratch = url.toString();
  await ensureDatabase(scratch);
  const dataSource = new DataSource(dataSourceOptions(scratch, ENTITIES));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length > 0) {
      console.error(
        'Entities and migrations differ; `npm run migration:generate -- migrations/<name>` would write:',
      );
      for (const query of pending.upQueries) console.error(`  ${query.query};`);
      process.exitCode = 1;
    } else {
      console.log(
        `Migrations match the entities (${applied.length} migrations applied to a scratch database).`,
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
