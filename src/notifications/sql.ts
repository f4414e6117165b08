import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back the returned rows. (TypeORM's `query()` answers such
 * statements on PostgreSQL with `[rows, rowCount]` rather than the rows.)
 */
export async function returning<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
