import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { MicroBatch } from '@/common/micro-batch';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import type { TemplateName } from '@/notifications/mail-catalogue';
import { MailDispatch, MailResult } from '@/notifications/mail-dispatch';
import { VOTABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { OPEN_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import { JOB } from './job-names';
import { QueueRegistry } from './queue-registry';
import { QUEUES } from './queues';
import { PlannedReminder, planReminders, ReminderAssignment, reminderJobIds } from './reminder-plan';

/** Invited and accepted assignments still expect work (and reminders). */
const isOpen = (state: string) => (OPEN_ASSIGNMENT_STATES as string[]).includes(state);

/**
 * The `reminders` queue: plans an assignment's delayed reminder jobs (deterministic ids), removes them
 * when the assignment ends, and sends a reminder only after re-reading the assignment — a reminder for
 * a submitted, declined, revoked or rescheduled assignment returns "skipped".
 */
@Injectable()
export class ReminderJobs {
  constructor(
    private readonly db: DataSource,
    private readonly mail: MailDispatch,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Concurrent schedule jobs (a burst of accepted assignments) are planned together: one round of
   * look-ups and one `addBulk` per batch. Planning is idempotent (deterministic job ids), so the
   * input-by-input retry of a failed batch is safe.
   */
  private readonly planning = new MicroBatch<ReminderAssignment, { planned: number; added: number }>(
    (batch) => this.planMany(batch),
  );

  async schedule(job: Job): Promise<Record<string, unknown>> {
    const a = await this.mail.event(job.data).assignment();
    if (!a || !isOpen(a.state)) return { skipped: `assignment is ${a?.state ?? 'gone'}` };
    return this.planning.run(a);
  }

  /**
   * Adds the delayed reminder jobs an open assignment should have and does not (yet) have in Redis;
   * also run for every open assignment by the Redis reconciler, after Redis lost its data.
   */
  async plan(a: ReminderAssignment): Promise<{ planned: number; added: number }> {
    return (await this.planMany([a]))[0];
  }

  /** plan() for many assignments: the existing jobs are looked up concurrently, the new ones added in bulk. */
  async planMany(assignments: ReminderAssignment[]): Promise<{ planned: number; added: number }[]> {
    const queue = this.queues.queue(QUEUES.reminders);
    const now = Date.now();
    const seen = new Set<string>();
    const plans = assignments.map((a) => {
      // The same assignment twice in one batch is planned once.
      const first = !seen.has(a.id);
      seen.add(a.id);
      return first ? planReminders(a, this.config, now) : [];
    });
    const flat = plans.flat();
    const existing = await Promise.all(flat.map((reminder) => queue.getJob(reminder.jobId)));
    const toAdd = new Set<PlannedReminder>();
    await Promise.all(
      flat.map(async (reminder, i) => {
        const job = existing[i];
        if (job) {
          // The same reminder (same due time) is already planned or done.
          if (job.data.at === reminder.at) return;
          // A reminder for an earlier due date: replace it, unless it is running right now (it re-checks).
          if (await job.isActive()) return;
          await job.remove();
        }
        toAdd.add(reminder);
      }),
    );
    const added = Date.now();
    await this.queues.addBulk(
      [...toAdd].map((reminder) => ({
        name: reminder.name,
        data: reminder.data,
        extra: { jobId: reminder.jobId, delay: Math.max(0, reminder.at - added) },
      })),
    );
    return plans.map((planned) => ({
      planned: planned.length,
      added: planned.filter((reminder) => toAdd.has(reminder)).length,
    }));
  }

  async cancel(job: Job): Promise<Record<string, unknown>> {
    const queue = this.queues.queue(QUEUES.reminders);
    let removed = 0;
    for (const jobId of reminderJobIds(String(job.data.assignmentId), this.config)) {
      const planned = await queue.getJob(jobId);
      // Done ones stay for the dashboard; a running one re-checks the assignment itself.
      if (planned && ((await planned.isDelayed()) || (await planned.isWaiting()))) {
        await planned.remove();
        removed += 1;
      }
    }
    return { removed };
  }

  /** One of an assignment's reminders (respond, due soon, overdue, escalation), if still due. */
  async remind(job: Job, template: TemplateName): Promise<MailResult> {
    const event = this.mail.event({ assignmentId: job.data.assignmentId });
    const a = await event.assignment();
    if (!a) return { skipped: 'assignment gone' };
    if (!isOpen(a.state)) return { skipped: `assignment is ${a.state}` };
    if (job.name === JOB.remindRespond && a.state !== 'invited') return { skipped: 'already answered' };
    if (job.data.dueAt !== a.dueAt.toISOString()) return { skipped: 'due date changed' };
    if (job.name === JOB.remindDueSoon && Date.now() >= a.dueAt.getTime()) return { skipped: 'already due' };
    // The time is part of the key: the same reminder re-planned for a new due date is a new mail.
    return this.mail.send(template, event, `${job.id}@${job.data.at}`, { job: job.name, at: job.data.at });
  }

  /** Before the steering meeting: each member who has not voted on a proposal awaiting decision. */
  async voteReminder(job: Job): Promise<MailResult> {
    const [call] = await this.db.query('SELECT steering_meeting_at FROM calls WHERE id = $1', [
      job.data.callId,
    ]);
    const meeting: Date | null = call?.steering_meeting_at ?? null;
    if (!meeting || meeting.toISOString() !== job.data.meetingAt) return { skipped: 'meeting moved' };
    const proposals: { id: string }[] = await this.db.query(
      `SELECT id FROM proposals WHERE call_id = $1 AND state = ANY($2) ORDER BY submitted_at, id`,
      [job.data.callId, VOTABLE_PROPOSAL_STATES],
    );
    const result: Record<string, number> = {};
    for (const { id } of proposals) {
      const sent = await this.mail.send(
        'vote-reminder',
        { proposalId: id, meetingAt: job.data.meetingAt },
        `${job.id}:${id}`,
        { job: job.name },
      );
      for (const [outcome, n] of Object.entries(sent))
        if (typeof n === 'number') result[outcome] = (result[outcome] ?? 0) + n;
    }
    return proposals.length === 0 ? { skipped: 'nothing awaiting decision' } : result;
  }
}
