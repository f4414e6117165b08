import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
}

/** Appends to the audit log; call inside the transaction of the change it records. */
export async function writeAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await writeAuditBatch(manager, [entry]);
}

/** Appends several entries in one statement, in the order given (bulk work such as auto-assignment). */
export async function writeAuditBatch(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO audit_events (actor_id, entity_type, entity_id, action, from_state, to_state, data)
     SELECT e.actor_id, e.entity_type, e.entity_id, e.action, e.from_state, e.to_state, e.data
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
            WITH ORDINALITY AS e(actor_id, entity_type, entity_id, action, from_state, to_state, data, n)
      ORDER BY e.n`,
    [
      entries.map((e) => e.actorId),
      entries.map((e) => e.entityType),
      entries.map((e) => e.entityId),
      entries.map((e) => e.action),
      entries.map((e) => e.fromState ?? null),
      entries.map((e) => e.toState ?? null),
      entries.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}
