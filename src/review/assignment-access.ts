import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound } from '@/common/problem';
import { Proposal } from '@/proposals/proposal.entity';
import { Assignment } from './assignment.entity';

/** The reviewer of an assignment and the office see it; to everyone else it does not exist (404). */
export function mayReadAssignment(assignment: Assignment, user: AuthUser): boolean {
  return assignment.reviewerId === user.id || user.roles.includes('office');
}

export interface LockedAssignment {
  assignment: Assignment;
  proposal: Proposal;
}

/**
 * Locks the proposal of an assignment (FOR UPDATE), then reads both. Every change to an assignment
 * goes through here, so the lock order is always proposal → assignment (no deadlock with withdraw, which
 * locks the proposal and then revokes its assignments). 404 when unknown or not readable by `user`.
 */
export async function lockAssignment(
  manager: EntityManager,
  assignmentId: string,
  user: AuthUser,
): Promise<LockedAssignment> {
  const locked: { id: string }[] = await manager.query(
    `SELECT p.id FROM proposals p JOIN assignments a ON a.proposal_id = p.id
      WHERE a.id = $1 FOR UPDATE OF p`,
    [assignmentId],
  );
  if (locked.length === 0) throw notFound('Assignment');
  const assignment = await manager.findOneByOrFail(Assignment, { id: assignmentId });
  if (!mayReadAssignment(assignment, user)) throw notFound('Assignment');
  const proposal = await manager.findOneByOrFail(Proposal, { id: locked[0].id });
  return { assignment, proposal };
}
