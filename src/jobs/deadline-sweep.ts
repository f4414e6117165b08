import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { callMachine } from '@/calls/call-transitions';
import { UPCOMING_MEETING_STATES } from '@/meetings/meeting-transitions';
import { proposalMachine } from '@/proposals/proposal-transitions';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { JOB } from './job-names';
import { QueueRegistry } from './queue-registry';
import { offsetLabel } from './reminder-plan';

/** Each sweep plans the exact jobs due within this horizon (the sweep runs far more often). */
const HORIZON_MS = 60_000;

/**
 * The `deadlines` queue's sweep. A sweep (job scheduler, every few seconds) finds deadlines coming up in the
 * database — calls to close, outline stages to close, revision periods to end, steering meetings to remind of — and plans one
 * delayed job per deadline with a deterministic id (the deadline's time in it), so a moved deadline gets
 * a new job and the old one finds nothing to do. The planned jobs run the owners' handlers
 * (src/calls/call-deadline.ts, src/proposals/revision-deadline.ts), which re-read the row.
 */
@Injectable()
export class DeadlineSweep {
  constructor(
    private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<Record<string, unknown>> {
    const now = Date.now();
    const horizon = new Date(now + HORIZON_MS);
    const calls: { id: string; deadline: Date }[] = await this.db.query(
      `SELECT id, submission_deadline AS deadline FROM calls
        WHERE state = ANY($2) AND submission_deadline <= $1`,
      [horizon, callMachine.statesThatFire('close')],
    );
    for (const call of calls) {
      await this.plan(JOB.closeCall, `call:${call.id}:close-${call.deadline.getTime()}`, call.deadline, {
        callId: call.id,
        deadline: call.deadline.toISOString(),
      });
    }
    // Two-stage calls: the outline stage closes at its outline deadline (no new outlines, no submits).
    const outlines: { id: string; deadline: Date }[] = await this.db.query(
      `SELECT id, outline_deadline AS deadline FROM calls
        WHERE procedure = 'two-stage' AND state = ANY($2) AND outline_closed_at IS NULL
          AND outline_deadline <= $1`,
      [horizon, callMachine.statesThatFire('close')],
    );
    for (const call of outlines) {
      await this.plan(JOB.closeOutlines, `call:${call.id}:outlines-${call.deadline.getTime()}`, call.deadline, {
        callId: call.id,
        deadline: call.deadline.toISOString(),
      });
    }
    const revisions: { id: string; deadline: Date }[] = await this.db.query(
      `SELECT id, revision_deadline AS deadline FROM proposals
        WHERE state = ANY($2) AND revision_deadline <= $1`,
      [horizon, proposalMachine.statesThatFire('expire-revision')],
    );
    for (const p of revisions) {
      await this.plan(JOB.expireRevision, `proposal:${p.id}:expire-${p.deadline.getTime()}`, p.deadline, {
        proposalId: p.id,
        deadline: p.deadline.toISOString(),
      });
    }
    // Vote reminders at each REMIND_BEFORE_DUE before a steering meeting (none for a time long past).
    const meetings: { id: string; meeting: Date }[] = await this.db.query(
      `SELECT id, steering_meeting_at AS meeting FROM calls
        WHERE steering_meeting_at > now() AND state <> 'draft'`,
    );
    let votes = 0;
    for (const call of meetings) {
      for (const before of this.config.remindBeforeDueMs) {
        const at = new Date(call.meeting.getTime() - before);
        if (at.getTime() > now + HORIZON_MS || at.getTime() < now - HORIZON_MS) continue;
        const label = `${call.meeting.getTime()}-${offsetLabel(before)}`;
        await this.plan(JOB.voteReminder, `call:${call.id}:vote-${label}`, at, {
          callId: call.id,
          meetingAt: call.meeting.toISOString(),
        });
        votes += 1;
      }
    }
    const steering = await this.steeringDeadlines(now);
    return {
      calls: calls.length,
      outlines: outlines.length,
      revisions: revisions.length,
      voteReminders: votes,
      ...steering,
    };
  }

  /**
   * DESIGN §13: a planned meeting's reminder REMIND_MEETING_BEFORE its start; a written procedure's
   * reminder REMIND_VOTING_BEFORE its `votingClosesAt` and the quorum count at it. The time is in each
   * id, so a rescheduled meeting or moved deadline gets a new job and the old one finds nothing to do.
   */
  private async steeringDeadlines(now: number) {
    const meetingLead = this.config.remindMeetingBeforeMs;
    const meetings: { id: string; starts: Date }[] = await this.db.query(
      `SELECT id, starts_at AS starts FROM meetings
        WHERE state = ANY($1) AND starts_at > now() AND starts_at - $2 * interval '1 millisecond' <= $3`,
      [UPCOMING_MEETING_STATES, meetingLead, new Date(now + HORIZON_MS)],
    );
    for (const m of meetings) {
      const at = new Date(m.starts.getTime() - meetingLead);
      if (at.getTime() < now - HORIZON_MS) continue;
      await this.plan(JOB.meetingReminder, `meeting:${m.id}:remind-${m.starts.getTime()}`, at, {
        meetingId: m.id,
        startsAt: m.starts.toISOString(),
      });
    }
    const votingLead = this.config.remindVotingBeforeMs;
    const procedures: { id: string; closes: Date }[] = await this.db.query(
      `SELECT id, voting_closes_at AS closes FROM calls
        WHERE voting_closes_at IS NOT NULL AND voting_closes_at > now() - interval '1 hour'
          AND voting_closes_at - $1 * interval '1 millisecond' <= $2`,
      [votingLead, new Date(now + HORIZON_MS)],
    );
    for (const c of procedures) {
      const data = { callId: c.id, closesAt: c.closes.toISOString(), deadline: c.closes.toISOString() };
      const remindAt = new Date(c.closes.getTime() - votingLead);
      if (remindAt.getTime() >= now - HORIZON_MS && c.closes.getTime() > now) {
        await this.plan(
          JOB.votingReminder,
          `call:${c.id}:voting-remind-${c.closes.getTime()}`,
          remindAt,
          data,
        );
      }
      if (c.closes.getTime() <= now + HORIZON_MS) {
        await this.plan(JOB.countVotes, `call:${c.id}:voting-closes-${c.closes.getTime()}`, c.closes, data);
      }
    }
    return { meetingReminders: meetings.length, writtenProcedures: procedures.length };
  }

  private async plan(
    name:
      | typeof JOB.closeCall
      | typeof JOB.closeOutlines
      | typeof JOB.expireRevision
      | typeof JOB.voteReminder
      | typeof JOB.meetingReminder
      | typeof JOB.votingReminder
      | typeof JOB.countVotes,
    jobId: string,
    at: Date,
    data: Record<string, unknown>,
  ) {
    // Same id as an earlier sweep's job: BullMQ keeps the first and ignores this one.
    await this.queues.add(name, data, { jobId, delay: Math.max(0, at.getTime() - Date.now()) });
  }
}
