import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isProblem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import { callMachine } from './call-transitions';
import { CallsService } from './calls.service';

/**
 * Closes a call at its submission deadline (run by a delayed job planned for that deadline). Re-reads
 * the call and is idempotent: a call already closed, or whose deadline moved, is skipped.
 */
@Injectable()
export class CallDeadline {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly db: DataSource,
    private readonly calls: CallsService,
  ) {}

  /** `deadline` is the ISO time the job was planned for; throws (to be retried) when it is not reached yet. */
  async close(callId: string, deadline: string): Promise<Record<string, unknown>> {
    const [call] = await this.db.query('SELECT state, submission_deadline FROM calls WHERE id = $1', [
      callId,
    ]);
    if (!call || !callMachine.statesThatFire('close').includes(call.state))
      return { skipped: `call is ${call?.state ?? 'gone'}` };
    if ((call.submission_deadline as Date).toISOString() !== deadline) return { skipped: 'deadline moved' };
    if (Date.now() < Date.parse(deadline)) throw new Error('Deadline not reached yet; retrying');
    try {
      await this.calls.fire(callId, 'close', null);
    } catch (error) {
      // The office closed it a moment earlier: nothing left to do.
      if (isProblem(error, 'event-not-allowed')) return { skipped: 'closed meanwhile' };
      throw error;
    }
    this.logger.log(`Call ${callId} closed at its submission deadline.`);
    return { closed: callId };
  }

  /**
   * Closes a two-stage call's outline stage at its outline deadline: from then on the call takes no new
   * outlines and outline drafts cannot be submitted (`outline-stage.ts#outlineStageEnd`). One
   * conditional UPDATE, so a deadline moved meanwhile (or a stage already closed) changes nothing.
   */
  async closeOutlines(callId: string, deadline: string): Promise<Record<string, unknown>> {
    if (Date.now() < Date.parse(deadline)) throw new Error('Outline deadline not reached yet; retrying');
    return this.db.transaction(async (manager) => {
      const closed: { id: string }[] = await manager.query(
        `WITH closed AS (
           UPDATE calls SET outline_closed_at = now(), updated_at = now()
            WHERE id = $1 AND procedure = 'two-stage' AND outline_closed_at IS NULL
              AND outline_deadline = $2::timestamptz AND state = ANY($3)
           RETURNING id)
         SELECT id FROM closed`,
        [callId, deadline, callMachine.statesThatFire('close')],
      );
      if (closed.length === 0) return { skipped: 'closed, moved or gone' };
      await writeAudit(manager, {
        actorId: null,
        entityType: 'call',
        entityId: callId,
        action: 'close-outlines',
        data: { outlineDeadline: deadline },
      });
      this.logger.log(`Call ${callId}: outline stage closed at its outline deadline.`);
      return { closedOutlines: callId };
    });
  }
}
