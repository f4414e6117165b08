import { In, type EntityManager } from 'typeorm';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { writeAuditBatch } from '@/workflow/audit';
import { writeOutboxBatch } from '@/workflow/outbox';
import { Assignment } from './assignment.entity';
import { assignmentMachine } from './assignment-transitions';

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
  const itemByPair = new Map(items.map((i) => [`${i.proposalId}:${i.reviewerId}`, i]));
  await writeAuditBatch(
    manager,
    inserted.map((row) => {
      const item = itemByPair.get(`${row.proposal_id}:${row.reviewer_id}`) as NewAssignment;
      return {
        actorId,
        entityType: 'assignment',
        entityId: row.id,
        action: 'create',
        fromState: null,
        toState: assignmentMachine.initial,
        data: {
          proposalId: item.proposalId,
          reviewerId: item.reviewerId,
          round: item.round,
          dueAt: item.dueAt,
          source,
        },
      };
    }),
  );
  await writeOutboxBatch(
    manager,
    ids.flatMap((assignmentId) =>
      [OUTBOX.invitation, OUTBOX.scheduleReminders].map((kind) => ({ kind, payload: { assignmentId } })),
    ),
  );
  const byPair = new Map(
    (await manager.find(Assignment, { where: { id: In(ids) } })).map((a) => [
      `${a.proposalId}:${a.reviewerId}`,
      a,
    ]),
  );
  return items.map((i) => byPair.get(`${i.proposalId}:${i.reviewerId}`) as Assignment);
}
