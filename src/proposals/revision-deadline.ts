import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isProblem } from '@/common/problem';
import { proposalMachine } from './proposal-transitions';
import { ProposalWorkflow } from './proposal-workflow';

/**
 * Ends a proposal's revision period at its deadline (run by a delayed job planned for that deadline).
 * Re-reads the proposal and is idempotent: one resubmitted meanwhile, or whose deadline moved, is skipped.
 */
@Injectable()
export class RevisionDeadline {
  constructor(
    private readonly db: DataSource,
    private readonly proposals: ProposalWorkflow,
  ) {}

  /** `deadline` is the ISO time the job was planned for; throws (to be retried) when it is not reached yet. */
  async expire(proposalId: string, deadline: string): Promise<Record<string, unknown>> {
    const [p] = await this.db.query('SELECT state, revision_deadline FROM proposals WHERE id = $1', [
      proposalId,
    ]);
    if (!p || !proposalMachine.statesThatFire('expire-revision').includes(p.state)) return { skipped: `proposal is ${p?.state ?? 'gone'}` };
    if (!p.revision_deadline || (p.revision_deadline as Date).toISOString() !== deadline) {
      return { skipped: 'deadline moved' };
    }
    if (Date.now() < Date.parse(deadline)) throw new Error('Revision period not over yet; retrying');
    try {
      await this.proposals.fire({ id: proposalId, event: 'expire-revision', actor: null });
    } catch (error) {
      if (isProblem(error, 'event-not-allowed')) return { skipped: 'resubmitted meanwhile' };
      throw error;
    }
    return { expired: proposalId };
  }
}
