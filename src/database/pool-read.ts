import type { Pool } from 'pg';
import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/**
 * A read outside any transaction, straight on the pool TypeORM opened (`driver.master`): the reads of
 * every request (the session, a proposal, a page of the list, a call) skip the query runner TypeORM
 * builds, logs and releases per statement — ~10 % of a read's CPU in the profile of issue 19. Errors are
 * pg's own, which `databaseProblem` reads the same way.
 */
export async function poolRead<T>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query(sql, params)).rows as T[];
}

/**
 * The entity of a raw row by the column metadata (`prefix` + database name, as the query builder
 * aliases them), with the columns' transformers applied: what TypeORM's hydration gives for plain columns.
 */
export function entityFromRow<E extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  row: Record<string, unknown>,
  prefix = '',
): E {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as E;
  const fields = entity as Record<string, unknown>;
  for (const column of metadata.columns) {
    const value = row[`${prefix}${column.databaseName}`];
    fields[column.propertyName] =
      column.transformer && value !== undefined
        ? ApplyValueTransformers.transformFrom(column.transformer, value)
        : value;
  }
  return entity;
}

/** `"a", "b", …`: every column of an entity, for a fixed SELECT written once. */
export function columnList(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): string {
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `"${c.databaseName}"`)
    .join(', ');
}
