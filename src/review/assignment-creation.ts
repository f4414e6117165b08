import { In, type EntityManager } from 'typeorm';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { OUTBOX_CHANNEL } from '@/workflow/outbox';
import { Assignment } from './assignment.entity';

export interface NewAssignment {
  proposalId: string;
  reviewerId: string;
  round: number;
  dueAt: Date;
}

/**
 * Inserts invitations in state `invited` with their audit events and outbox rows (invitation mail,
 * reminder schedule) — set-based, so an automatic assignment of hundreds of pairs is a handful of
 * statements in its transaction rather than thousands. The caller has checked the pairs and holds the
 * proposal locks. Returns the assignments in the order given.
 */
export async function insertAssignments(
  manager: EntityManager,
  items: readonly NewAssignment[],
  actorId: string | null,
  source: 'manual' | 'auto',
): Promise<Assignment[]> {
  if (items.length === 0) return [];
  const inserted: { id: string; proposal_id: string; reviewer_id: string }[] = await manager.query(
    `INSERT INTO assignments (proposal_id, reviewer_id, round, due_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[])
     RETURNING id, proposal_id, reviewer_id`,
    [
      items.map((i) => i.proposalId),
      items.map((i) => i.reviewerId),
      items.map((i) => i.round),
      items.map((i) => i.dueAt.toISOString()),
    ],
  );
  const ids = inserted.map((row) => row.id);
  await manager.query(
    `INSERT INTO audit_events (actor_id, entity_type, entity_id, action, from_state, to_state, data)
     SELECT $1, 'assignment', a.id, 'create', NULL, a.state,
            jsonb_build_object('proposalId', a.proposal_id, 'reviewerId', a.reviewer_id,
                               'round', a.round, 'dueAt', a.due_at, 'source', $3::text)
       FROM assignments a WHERE a.id = ANY($2::uuid[])`,
    [actorId, ids, source],
  );
  // Same rows as writeOutbox(), one statement for all; NOTIFY per row as the relay expects.
  await manager.query(
    `WITH rows AS (
       INSERT INTO outbox (kind, payload)
       SELECT k.kind, jsonb_build_object('assignmentId', a.id)
         FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)
         CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS k(kind, m)
        ORDER BY a.n, k.m
       RETURNING id)
     SELECT count(pg_notify($3, id::text)) FROM rows`,
    [ids, [OUTBOX.invitation, OUTBOX.scheduleReminders], OUTBOX_CHANNEL],
  );
  const byPair = new Map(
    (await manager.find(Assignment, { where: { id: In(ids) } })).map((a) => [
      `${a.proposalId}:${a.reviewerId}`,
      a,
    ]),
  );
  return items.map((i) => byPair.get(`${i.proposalId}:${i.reviewerId}`) as Assignment);
}
