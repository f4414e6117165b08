import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** Channel the relay LISTENs on; NOTIFY inside a transaction is delivered at commit. */
export const OUTBOX_CHANNEL = 'beirat_outbox';

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
