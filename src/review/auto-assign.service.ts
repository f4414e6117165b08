import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { notFound, problem } from '@/common/problem';
import { ASSIGNABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { writeAudit } from '@/workflow/audit';
import { insertAssignments } from './assignment-creation';
import { LIVE_ASSIGNMENT_STATES } from './assignment-transitions';
import { DAY_MS } from './assignments.service';
import { buildPlan, Plan, PlanInput, PlannedPair } from './auto-assign-instance';
import { conflictPairsSql } from './conflict-sql';

export interface AutoAssignResult extends Omit<Plan, 'pairs'> {
  dryRun: boolean;
  callId: string;
  /** New pairs carry the id of the created assignment once committed. */
  pairs: (PlannedPair & { assignmentId?: string })[];
}

/**
 * Automatic assignment for a whole call (docs/CONTRACT.md §4): eligible and in-review proposals of the call in
 * their current round; active reviewers; affinity = |expertise ∩ topics| + bid; no conflicted, declined
 * or revoked pair; live pairs kept and counted toward k; load cap = the smaller of maxLoadPerReviewer
 * and the reviewer's own limit for the call (`reviewer_capacities`, issue 14) minus the
 * reviewer's live (invited, accepted and also submitted) assignments in the call — a submitted review is
 * work done in this call, so it still counts, or a fast reviewer would be refilled past the cap.
 */
@Injectable()
export class AutoAssignService {
  constructor(private readonly dataSource: DataSource) {}

  async run(
    callId: string,
    dryRun: boolean,
    actor: AuthUser,
    fingerprint?: string,
  ): Promise<AutoAssignResult> {
    if (dryRun) {
      // One consistent snapshot for the few reads of the preview.
      return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const call = await manager.findOneBy(Call, { id: callId });
        if (!call) throw notFound('Call');
        const { plan } = await this.plan(manager, call, null);
        return { dryRun, callId, ...plan };
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOne(Call, {
        where: { id: callId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!call) throw notFound('Call');
      if (call.state === 'archived')
        throw problem('call-archived', {}, 'The call is archived.', { state: call.state });
      // Lock the candidate proposals (proposal first, as every assignment change does), then solve again
      // on what is true now: the commit never acts on a stale preview.
      const locked: { id: string }[] = await manager.query(
        'SELECT id FROM proposals WHERE call_id = $1 AND state = ANY($2) ORDER BY id FOR UPDATE',
        [callId, ASSIGNABLE_PROPOSAL_STATES],
      );
      const { plan, rounds } = await this.plan(
        manager,
        call,
        locked.map((r) => r.id),
      );
      if (fingerprint !== undefined && fingerprint !== plan.fingerprint) {
        throw problem(
          'preview-stale',
          {},
          'Assignments, bids or reviewers changed since the preview; preview again.',
          {
            fingerprint: plan.fingerprint,
          },
        );
      }
      const dueAt = new Date(Date.now() + call.reviewPeriodDays * DAY_MS);
      const fresh = plan.pairs.filter((pair) => !pair.kept);
      const created = await insertAssignments(
        manager,
        fresh.map((pair) => ({ ...pair, round: rounds.get(pair.proposalId) as number, dueAt })),
        actor.id,
        'auto',
      );
      const ids = new Map(created.map((a) => [`${a.proposalId}:${a.reviewerId}`, a.id]));
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'call',
        entityId: callId,
        action: 'auto-assign',
        data: { created: created.length, objective: plan.objective, short: plan.short.length },
      });
      return {
        dryRun,
        callId,
        ...plan,
        pairs: plan.pairs.map((pair) =>
          pair.kept ? pair : { ...pair, assignmentId: ids.get(`${pair.proposalId}:${pair.reviewerId}`) },
        ),
      };
    });
  }

  /** Five set-based reads for the whole call, then the exact solver. `only`: restrict to these proposals. */
  private async plan(
    manager: EntityManager,
    call: Call,
    only: string[] | null,
  ): Promise<{ plan: Plan; rounds: Map<string, number> }> {
    const { input, rounds } = await this.instance(manager, call, only);
    return { plan: buildPlan(input), rounds };
  }

  /**
   * The solver's instance for a call (five set-based reads): proposals, reviewers, assignments, bids and
   * every conflicted pair (review/conflict-sql.ts: names, registry groups, competitors, declarations).
   * Public so tests can inspect exactly what the solver is given.
   */
  async instance(
    manager: EntityManager,
    call: Call,
    only: string[] | null,
  ): Promise<{ input: PlanInput; rounds: Map<string, number> }> {
    const proposals: { id: string; round: number; topics: string[]; stage: string }[] = await manager.query(
      `SELECT id, round, topics, stage FROM proposals
        WHERE call_id = $1 AND state = ANY($2) AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
        ORDER BY submitted_at NULLS LAST, created_at, id`,
      [call.id, ASSIGNABLE_PROPOSAL_STATES, only],
    );
    const assignments: { proposal_id: string; reviewer_id: string; state: string; current: boolean }[] =
      await manager.query(
        `SELECT a.proposal_id, a.reviewer_id, a.state, a.round = p.round AS current
           FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = $1`,
        [call.id],
      );
    const reviewers: {
      id: string;
      name: string;
      expertise: string[];
      eligible: boolean;
      load: number;
      maxLoad: number | null;
    }[] = await manager.query(
      `SELECT u.id, u.name, u.expertise, (u.active AND 'reviewer' = ANY(u.roles)) AS eligible,
                (SELECT rc.max_load FROM reviewer_capacities rc
                  WHERE rc.call_id = $1 AND rc.user_id = u.id) AS "maxLoad",
                (SELECT count(*)::int FROM assignments a JOIN proposals p ON p.id = a.proposal_id
                  WHERE a.reviewer_id = u.id AND p.call_id = $1
                    AND a.state = ANY($2)) AS load
           FROM users u
          WHERE (u.active AND 'reviewer' = ANY(u.roles))
             OR u.id IN (SELECT a.reviewer_id FROM assignments a JOIN proposals p ON p.id = a.proposal_id
                          WHERE p.call_id = $1)
          ORDER BY u.name, u.id`,
      [call.id, LIVE_ASSIGNMENT_STATES],
    );
    const filter = 'cp.call_id = $1 AND cp.state = ANY($2)';
    const bids: { proposal_id: string; reviewer_id: string; bid: number }[] = await manager.query(
      `SELECT b.proposal_id, b.reviewer_id, b.bid FROM bids b JOIN proposals cp ON cp.id = b.proposal_id
        WHERE ${filter}`,
      [call.id, ASSIGNABLE_PROPOSAL_STATES],
    );
    const conflicts: { proposal_id: string; user_id: string }[] = await manager.query(
      conflictPairsSql(filter),
      [call.id, ASSIGNABLE_PROPOSAL_STATES],
    );
    const input: PlanInput = {
      // Each proposal's demand by its stage: outlines take outlineReviews, full proposals
      // reviewsPerProposal, in one run (the solver takes a demand per proposal).
      k: call.reviewsPerProposal,
      maxLoad: call.maxLoadPerReviewer,
      proposals: proposals.map((p) => ({
        id: p.id,
        round: p.round,
        topics: p.topics,
        k: p.stage === 'outline' ? call.outlineReviews : call.reviewsPerProposal,
      })),
      reviewers,
      assignments: assignments.map((a) => ({
        proposalId: a.proposal_id,
        reviewerId: a.reviewer_id,
        state: a.state,
        current: a.current,
      })),
      bids: bids.map((b) => ({ proposalId: b.proposal_id, reviewerId: b.reviewer_id, bid: b.bid })),
      conflicts: conflicts.map((c) => ({ proposalId: c.proposal_id, userId: c.user_id })),
    };
    return { input, rounds: new Map(proposals.map((p) => [p.id, p.round])) };
  }
}
