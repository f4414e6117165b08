import type { DataSource } from 'typeorm';
import { columnList, entityFromRow, poolQuery } from '@/database/pool-query';
import { Call } from './call.entity';

const statements = new WeakMap<DataSource, string>();

/**
 * A call by id, or null: one fixed statement (written once per data source) on the pool, hydrated by
 * the column metadata — read on most requests that name a call (its page, ranking, a proposal).
 */
export async function callById(dataSource: DataSource, id: string): Promise<Call | null> {
  let sql = statements.get(dataSource);
  if (sql === undefined) {
    sql = `SELECT ${columnList(dataSource, Call)} FROM calls WHERE id = $1`;
    statements.set(dataSource, sql);
  }
  const [row] = await poolQuery<Record<string, unknown>>(dataSource, sql, [id]);
  return row ? entityFromRow(dataSource, Call, row) : null;
}
