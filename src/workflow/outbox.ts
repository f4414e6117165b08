import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** Channel the relay LISTENs on; NOTIFY inside a transaction is delivered at commit. */
export const OUTBOX_CHANNEL = 'beirat_outbox';

export interface OutboxRow {
  kind: string;
  payload: Record<string, unknown>;
}

/** Records a side effect to run after commit. Call only inside the transaction of the change. */
export async function writeOutbox(
  manager: EntityManager,
  kind: string,
  payload: Record<string, unknown>,
): Promise<OutboxMessage> {
  const message = await manager.save(manager.create(OutboxMessage, { kind, payload }));
  await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, message.id]);
  return message;
}

/**
 * The same rows as `writeOutbox` for each of `rows`, in one statement: bulk work (an automatic
 * assignment of hundreds of pairs) stays a handful of statements. NOTIFY per row, as the relay expects.
 */
export async function writeOutboxBatch(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `WITH inserted AS (
       INSERT INTO outbox (kind, payload)
       SELECT r.kind, r.payload
         FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS r(kind, payload, n)
        ORDER BY r.n
       RETURNING id)
     SELECT count(pg_notify($3, id::text)) FROM inserted`,
    [rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.payload)), OUTBOX_CHANNEL],
  );
}
