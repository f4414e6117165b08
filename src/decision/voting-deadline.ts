import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { VOTABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { Proposal } from '@/proposals/proposal.entity';
import { conflictExistsSql } from '@/review/conflict-sql';
import { VotingResult } from './voting-result.entity';
import { VotesService } from './votes.service';

export interface VotingResultView {
  proposalId: string;
  round: number;
  closesAt: string;
  eligibleVoters: number;
  voted: number;
  required: number;
  quorumReached: boolean;
  tally: Record<string, number>;
  proposedOutcome: string | null;
  recordedAt: string;
}

/**
 * The written procedure's deadline (DESIGN §13): a delayed job planned for the call's `votingClosesAt`
 * (jobs/deadline-sweep.ts, id `call:<id>:voting-closes-<ms>`) counts the quorum of every proposal
 * still awaiting a decision and records it. Idempotent: a moved deadline or a second run records nothing.
 */
@Injectable()
export class VotingDeadline {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly db: DataSource,
    private readonly votes: VotesService,
    private readonly calls: CallsService,
  ) {}

  async count(callId: string, deadline: string): Promise<Record<string, unknown>> {
    const [call]: { closes: Date | null }[] = await this.db.query(
      'SELECT voting_closes_at AS closes FROM calls WHERE id = $1',
      [callId],
    );
    if (!call?.closes || call.closes.toISOString() !== deadline) return { skipped: 'deadline moved' };
    if (Date.now() < call.closes.getTime()) throw new Error('Voting deadline not reached yet; retrying');
    const proposals = await this.db.getRepository(Proposal).find({
      where: VOTABLE_PROPOSAL_STATES.map((state) => ({ callId, state })),
      order: { id: 'ASC' },
    });
    let recorded = 0;
    for (const proposal of proposals) {
      const view = await this.votes.view(proposal, proposal.round);
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO voting_results (call_id, proposal_id, round, closes_at, eligible_voters, voted, required,
                                     quorum_reached, tally, proposed_outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT "UQ_voting_results_proposal_round_closes" DO NOTHING RETURNING id`,
        [
          callId,
          proposal.id,
          proposal.round,
          call.closes,
          view.eligibleVoters,
          view.voted,
          view.quorum.required,
          view.quorum.reached,
          JSON.stringify(view.tally),
          view.proposedOutcome,
        ],
      );
      recorded += inserted.length;
    }
    this.logger.log(`Written procedure of call ${callId} closed: ${recorded} quorum results recorded.`);
    return { recorded };
  }

  /** `GET /api/calls/:id/voting-results`: office and steering; a member sees no row they are conflicted with. */
  async forReader(callId: string, user: AuthUser): Promise<VotingResultView[]> {
    await this.calls.getVisible(callId, user);
    const viewer = user.roles.includes('office') ? null : user.id;
    const rows: VotingResult[] = await this.db
      .getRepository(VotingResult)
      .createQueryBuilder('r')
      .innerJoin('proposals', 'p', 'p.id = r.proposal_id')
      .where('r.call_id = :callId', { callId })
      .andWhere(`(CAST(:viewer AS uuid) IS NULL OR NOT ${conflictExistsSql('p', 'CAST(:viewer AS uuid)')})`, {
        viewer,
      })
      .orderBy('r.closes_at', 'ASC')
      .addOrderBy('r.proposal_id', 'ASC')
      .getMany();
    return rows.map((r) => ({
      proposalId: r.proposalId,
      round: r.round,
      closesAt: r.closesAt.toISOString(),
      eligibleVoters: r.eligibleVoters,
      voted: r.voted,
      required: r.required,
      quorumReached: r.quorumReached,
      tally: r.tally,
      proposedOutcome: r.proposedOutcome,
      recordedAt: r.recordedAt.toISOString(),
    }));
  }
}
