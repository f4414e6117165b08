import { OUTLINE_ROUND, type ProposalStage } from '@/proposals/proposal-transitions';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound, problem } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import { Proposal } from '@/proposals/proposal.entity';
import { VOTABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { conflictExistsSql } from '@/review/conflict-sql';
import { writeAudit } from '@/workflow/audit';
import { inStates } from '@/workflow/state-machine';
import { DecisionAccess } from './decision-access';
import type { CastVoteDto } from './dto/cast-vote.dto';
import type { VoteChoice } from './vote.entity';
import { tallyVotes, VoteTally } from './vote-rules';

export interface VoteEntry {
  voterId: string;
  name: string;
  chair: boolean;
  vote: VoteChoice;
  comment: string;
  at: string;
}

export interface VotesView extends VoteTally {
  proposalId: string;
  round: number;
  /** The round has a decision: its votes are read-only. */
  decided: boolean;
  /** Who voted what, by name. */
  votes: VoteEntry[];
}

interface EligibleRow {
  id: string;
  name: string;
  chair: boolean;
  vote: VoteChoice | null;
  comment: string | null;
  updated_at: Date | null;
}

/**
 * Every active, non-conflicted steering member with their vote of the round (or null). Only these
 * votes count: a member who became conflicted or left the group no longer counts for the quorum.
 */
const ELIGIBLE_SQL = `
  SELECT u.id, u.name, u.chair, v.vote, v.comment, v.updated_at
    FROM proposals p
    JOIN users u ON u.active AND 'steering' = ANY(u.roles) AND NOT ${conflictExistsSql('p', 'u.id')}
    LEFT JOIN votes v ON v.proposal_id = p.id AND v.round = $2 AND v.voter_id = u.id
   WHERE p.id = $1
   ORDER BY u.name, u.id`;

@Injectable()
export class VotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proposals: ProposalAccess,
    private readonly access: DecisionAccess,
  ) {}

  /** `PUT /api/proposals/:id/vote`: casts or changes the caller's vote of the current round. */
  async cast(proposalId: string, dto: CastVoteDto, user: AuthUser): Promise<VotesView> {
    await this.proposals.findReadable(proposalId, user);
    if (!user.roles.includes('steering'))
      throw problem('forbidden-role', {}, 'Only members of the steering group vote.');
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: votes do not block each other, but a decision (FOR UPDATE) waits for them and a
      // vote that waited for a decision then sees the decided state.
      const proposal = await manager.findOneOrFail(Proposal, {
        where: { id: proposalId },
        lock: { mode: 'pessimistic_read' },
      });
      if (await this.access.isConflicted(user.id, proposalId, manager)) {
        throw problem(
          'conflict-of-interest',
          {},
          'You have a conflict of interest with this proposal and do not vote on it.',
        );
      }
      const extra = { state: proposal.state, round: proposal.round };
      if (!inStates(VOTABLE_PROPOSAL_STATES, proposal.state)) {
        throw problem(
          'wrong-state',
          { state: proposal.state },
          `Votes are cast while the proposal awaits a decision; it is ${proposal.state}.`,
          extra,
        );
      }
      // An outline's votes are invite (approve), do not invite (reject) or abstain: no revision.
      if (proposal.stage === 'outline' && dto.vote === 'revise') {
        throw problem(
          'vote-not-for-stage',
          { vote: dto.vote, stage: proposal.stage },
          'An outline is not revised: vote approve (invite), reject (do not invite) or abstain.',
          {
            ...extra,
            errors: [{ field: 'vote', messages: ['approve, reject or abstain on an outline'] }],
          },
        );
      }
      if (await this.access.hasDecision(proposalId, proposal.round, manager)) {
        throw problem('round-decided', {}, 'This round is decided; its votes are read-only.', extra);
      }
      // Written procedure: the server clock decides, the same instant the deadline job counts at.
      const [call]: { closes: Date | null }[] = await manager.query(
        'SELECT voting_closes_at AS closes FROM calls WHERE id = $1',
        [proposal.callId],
      );
      if (call?.closes && Date.now() >= call.closes.getTime()) {
        const closedAt = call.closes.toISOString();
        throw problem('voting-closed', { closedAt }, `Voting closed at ${closedAt}.`, { ...extra, closedAt });
      }
      const [saved]: { id: string }[] = await manager.query(
        `INSERT INTO votes (proposal_id, round, voter_id, vote, comment) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (proposal_id, round, voter_id)
         DO UPDATE SET vote = EXCLUDED.vote, comment = EXCLUDED.comment, updated_at = now()
         RETURNING id`,
        [proposalId, proposal.round, user.id, dto.vote, dto.comment ?? ''],
      );
      // Audited on the vote, not the proposal: the applicant reads the proposal's history.
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'vote',
        entityId: saved.id,
        action: 'vote',
        data: { proposalId, round: proposal.round, vote: dto.vote },
      });
      return this.view(proposal, proposal.round, manager);
    });
  }

  /** `GET /api/proposals/:id/votes?round=`: the office and non-conflicted steering; 404 for others. */
  async forReader(
    proposalId: string,
    user: AuthUser,
    round?: number,
    stage?: ProposalStage,
  ): Promise<VotesView> {
    const proposal = await this.proposals.findReadable(proposalId, user);
    if (!(await this.access.isBoardReader(proposal, user))) throw notFound('Votes');
    return this.view(proposal, this.access.roundOf(proposal, round, stage));
  }

  /** Tally, quorum and proposed outcome of one round, without any access check. */
  async view(proposal: Proposal, round: number, manager?: EntityManager): Promise<VotesView> {
    const m = manager ?? this.dataSource.manager;
    const rows: EligibleRow[] = await m.query(ELIGIBLE_SQL, [proposal.id, round]);
    const cast = rows.filter((r): r is EligibleRow & { vote: VoteChoice } => r.vote !== null);
    return {
      proposalId: proposal.id,
      round,
      decided: await this.access.hasDecision(proposal.id, round, m),
      ...tallyVotes(cast, rows.length, round === OUTLINE_ROUND && proposal.hasOutline ? 'outline' : 'full'),
      votes: cast.map((r) => ({
        voterId: r.id,
        name: r.name,
        chair: r.chair,
        vote: r.vote,
        comment: r.comment ?? '',
        at: (r.updated_at as Date).toISOString(),
      })),
    };
  }
}
