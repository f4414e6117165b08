import type { Pool } from 'pg';
import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/**
 * One statement outside any transaction (autocommit), straight on the pool TypeORM opened
 * (`driver.master`): the reads of every request (the session, a proposal, a page of the list, a call)
 * and the mail path's batched claims and marks skip the query runner TypeORM builds, logs and releases
 * per statement — ~10 % of a read's CPU in the profile of issue 19. Answers the rows (also of
 * INSERT/UPDATE … RETURNING; none without RETURNING). Errors are pg's own, which `databaseProblem`
 * reads the same way.
 */
export async function poolQuery<T>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
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
  for (const column of columnsOf(metadata, prefix)) {
    const value = row[column.key];
    fields[column.property] =
      column.transformer && value !== undefined
        ? ApplyValueTransformers.transformFrom(column.transformer, value)
        : value;
  }
  return entity;
}

interface RowColumn {
  key: string;
  property: string;
  transformer: ColumnMetadata['transformer'];
}

/** Per entity and prefix, the row keys and properties, worked out once (lists map 20 rows a request). */
const rowColumns = new WeakMap<EntityMetadata, Map<string, RowColumn[]>>();

function columnsOf(metadata: EntityMetadata, prefix: string): RowColumn[] {
  let byPrefix = rowColumns.get(metadata);
  if (!byPrefix) rowColumns.set(metadata, (byPrefix = new Map()));
  let columns = byPrefix.get(prefix);
  if (!columns) {
    columns = metadata.columns.map((c) => ({
      key: `${prefix}${c.databaseName}`,
      property: c.propertyName,
      transformer: c.transformer,
    }));
    byPrefix.set(prefix, columns);
  }
  return columns;
}

/** `"a", "b", …`: every column of an entity, for a fixed SELECT written once. */
export function columnList(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): string {
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `"${c.databaseName}"`)
    .join(', ');
}
