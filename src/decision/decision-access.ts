import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { type ProposalStage, STEERING_VISIBLE_STATES } from '@/proposals/proposal-transitions';
import { roundOfStage } from '@/proposals/proposal-stage';
import type { Proposal } from '@/proposals/proposal.entity';
import { conflictExistsSql } from '@/review/conflict-sql';

/**
 * Who sees what of a proposal's scores, votes and decisions (docs/CONTRACT.md §5). Callers first load the
 * proposal with `ProposalAccess.findReadable` (404 for what the user may not read at all).
 */
@Injectable()
export class DecisionAccess {
  constructor(private readonly dataSource: DataSource) {}

  async isConflicted(userId: string, proposalId: string, manager?: EntityManager): Promise<boolean> {
    const rows: { conflicted: boolean }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${conflictExistsSql('p', '$1::uuid')} AS conflicted FROM proposals p WHERE p.id = $2`,
      [userId, proposalId],
    );
    return rows[0]?.conflicted ?? false;
  }

  /** `?stage=&round=`: the current round when absent; a round or stage not reached is unknown (404). */
  roundOf(proposal: Proposal, round: number | undefined, stage?: ProposalStage): number {
    return roundOfStage(proposal, stage, round);
  }

  /** Steering reads a round once it reached awaiting_decision: earlier rounds were all decided. */
  steeringSeesRound(proposal: Proposal, round: number): boolean {
    return round < proposal.round || (STEERING_VISIBLE_STATES as string[]).includes(proposal.state);
  }

  /** The office, or a non-conflicted steering member (votes, the board's view of decisions). */
  async isBoardReader(proposal: Proposal, user: AuthUser, manager?: EntityManager): Promise<boolean> {
    if (user.roles.includes('office')) return true;
    return user.roles.includes('steering') && !(await this.isConflicted(user.id, proposal.id, manager));
  }

  async hasDecision(proposalId: string, round: number, manager?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (manager ?? this.dataSource.manager).query(
      'SELECT 1 FROM decisions WHERE proposal_id = $1 AND round = $2',
      [proposalId, round],
    );
    return rows.length > 0;
  }

  /**
   * Scores of one round: the office always; steering from awaiting_decision on; a reviewer once their
   * own review of that round is submitted; conflicted board members never; the applicant with the
   * released decision of that round.
   */
  async maySeeScores(proposal: Proposal, round: number, user: AuthUser): Promise<boolean> {
    if (user.roles.includes('office')) return true;
    const board = user.roles.includes('steering') || user.roles.includes('reviewer');
    if (board && !(await this.isConflicted(user.id, proposal.id))) {
      if (user.roles.includes('steering') && this.steeringSeesRound(proposal, round)) return true;
      if (user.roles.includes('reviewer') && (await this.submittedOwnReview(proposal.id, round, user.id))) {
        return true;
      }
    }
    return proposal.applicantId === user.id && this.hasReleasedDecision(proposal.id, round);
  }

  /** The applicant's view: a decision counts once released (batch calls hold it back until then). */
  private async hasReleasedDecision(proposalId: string, round: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM decisions WHERE proposal_id = $1 AND round = $2 AND released_at IS NOT NULL',
      [proposalId, round],
    );
    return rows.length > 0;
  }

  private async submittedOwnReview(proposalId: string, round: number, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM assignments a JOIN reviews r ON r.assignment_id = a.id
        WHERE a.proposal_id = $1 AND a.round = $2 AND a.reviewer_id = $3
          AND a.state = 'submitted' AND r.submitted_at IS NOT NULL`,
      [proposalId, round, userId],
    );
    return rows.length > 0;
  }
}
