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
  await manager.query(
    `INSERT INTO audit_events (actor_id, entity_type, entity_id, action, from_state, to_state, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actorId,
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.fromState ?? null,
      entry.toState ?? null,
      JSON.stringify(entry.data ?? {}),
    ],
  );
}
