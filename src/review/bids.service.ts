import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { problem } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import { BIDDABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { writeAudit } from '@/workflow/audit';
import { inStates } from '@/workflow/state-machine';
import { ConflictService } from './conflicts.service';

export interface BidView {
  proposalId: string;
  reviewerId: string;
  bid: number;
  updatedAt: string;
}

@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly conflicts: ConflictService,
  ) {}

  /** Sets the caller's bid: 404 when they may not read the proposal, 403 without the reviewer role. */
  async place(proposalId: string, bid: number, user: AuthUser): Promise<BidView> {
    const proposal = await this.access.findReadable(proposalId, user);
    if (!user.roles.includes('reviewer')) throw problem('forbidden-role', {}, 'Only reviewers bid.');
    if (!inStates(BIDDABLE_PROPOSAL_STATES, proposal.state)) {
      throw problem(
        'wrong-state',
        { state: proposal.state },
        `The proposal is ${proposal.state}; bids are taken while it awaits reviewers.`,
        {
          state: proposal.state,
        },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      if (await this.conflicts.isConflicted(user.id, proposalId, manager)) {
        throw problem(
          'bid-conflicted',
          {},
          'You have a conflict of interest with this proposal; you cannot bid on it.',
        );
      }
      const [row]: { bid: number; updated_at: Date }[] = await manager.query(
        `INSERT INTO bids (proposal_id, reviewer_id, bid) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET bid = EXCLUDED.bid, updated_at = now()
         RETURNING bid, updated_at`,
        [proposalId, user.id, bid],
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'bid',
        entityId: proposalId,
        action: 'bid',
        data: { bid },
      });
      return { proposalId, reviewerId: user.id, bid: row.bid, updatedAt: row.updated_at.toISOString() };
    });
  }

  /** The caller's own bids, optionally of one call (for the reviewer's call page). */
  async mine(user: AuthUser, callId?: string): Promise<BidView[]> {
    const rows: { proposal_id: string; bid: number; updated_at: Date }[] = await this.dataSource.query(
      `SELECT b.proposal_id, b.bid, b.updated_at FROM bids b JOIN proposals p ON p.id = b.proposal_id
        WHERE b.reviewer_id = $1 AND ($2::uuid IS NULL OR p.call_id = $2::uuid)
        ORDER BY b.updated_at DESC, b.proposal_id`,
      [user.id, callId ?? null],
    );
    return rows.map((r) => ({
      proposalId: r.proposal_id,
      reviewerId: user.id,
      bid: r.bid,
      updatedAt: r.updated_at.toISOString(),
    }));
  }
}
