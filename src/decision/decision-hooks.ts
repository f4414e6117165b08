import { Injectable, OnModuleInit } from '@nestjs/common';
import { Call } from '@/calls/call.entity';
import { rubricOfRound } from '@/calls/rubric';
import { ProposalWorkflow } from '@/proposals/proposal-workflow';
import type { ProposalEvent } from '@/proposals/proposal-transitions';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { consensusSnapshotSql, memoize, snapshotRoundScoresSql } from './score-query';

const DAY_MS = 86_400_000;
const snapshotSql = memoize((n) => snapshotRoundScoresSql(n, 'p.id = $2', '$3::int'));
// The outline's decisions write the letter too: the invitation to the full stage, or the refusal.
const DECISION_EVENTS: ProposalEvent[] = ['approve', 'reject', 'request-revision', 'invite', 'not-invite'];

/** Side effects of the end of review and of the decision transitions, inside their transactions. */
@Injectable()
export class DecisionHooks implements OnModuleInit {
  constructor(private readonly workflow: ProposalWorkflow) {}

  onModuleInit(): void {
    // The round's reviews are final once its review ends (submit and reopen need the proposal in
    // review): store their aggregates for the ranking, in the same transaction.
    for (const event of [
      'complete-review',
      'close-review',
      'start-consensus',
      'close-review-to-consensus',
    ] as const) {
      this.workflow.on(event, async (tx) => {
        const call = await tx.manager.findOneByOrFail(Call, { id: tx.before.callId });
        const rubric = rubricOfRound(call, tx.before.round);
        await tx.manager.query(snapshotSql(rubric.criteria.length), [call.id, tx.before.id, tx.before.round]);
      });
    }
    // A final consensus report replaces the means of its round (DESIGN §12).
    this.workflow.on('finish-consensus', async (tx) => {
      const call = await tx.manager.findOneByOrFail(Call, { id: tx.before.callId });
      await tx.manager.query(consensusSnapshotSql(rubricOfRound(call, tx.before.round).criteria.length), [
        call.id,
        tx.before.id,
        tx.before.round,
      ]);
    });
    for (const event of DECISION_EVENTS) {
      this.workflow.on(event, async (tx) => {
        // A batch call's letters leave when the office releases them (LettersService.release).
        const [decision]: { released: boolean }[] = await tx.manager.query(
          'SELECT released_at IS NOT NULL AS released FROM decisions WHERE proposal_id = $1 AND round = $2',
          [tx.before.id, tx.before.round],
        );
        if (decision?.released)
          await tx.outbox(OUTBOX.decisionLetter, { proposalId: tx.before.id, round: tx.before.round });
      });
    }
    // The applicant may resubmit within the call's revision period (the resubmit guard checks it). On a
    // batch call the period starts when the letter is released (LettersService.release sets it then):
    // until then the applicant does not know of the request, and no sweep may end the period.
    this.workflow.on('request-revision', async (tx) => {
      const call = await tx.manager.findOneByOrFail(Call, { id: tx.before.callId });
      tx.set({
        revisionDeadline:
          call.releaseDecisions === 'batch' ? null : new Date(Date.now() + call.revisionPeriodDays * DAY_MS),
      });
    });
  }
}
