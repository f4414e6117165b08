import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { JOB, QUEUES } from './job-catalogue';
import { TEMPLATE_OF_JOB } from './mail-catalogue';
import { MailData } from './mail-data';
import { MailJobResult, NotificationProcessor } from './notification.processor';
import { QueueRegistry } from './queue-registry';
import { planReminders, reminderJobIds } from './reminder-plan';

/** Invited and accepted assignments still expect work (and reminders). */
const OPEN_STATES = ['invited', 'accepted'];

/**
 * The `reminders` queue: plans an assignment's delayed reminder jobs (deterministic ids), removes them
 * when the assignment ends, and sends a reminder only after re-reading the assignment — a reminder for
 * a submitted, declined, revoked or rescheduled assignment returns "skipped".
 */
@Injectable()
export class ReminderProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly data: MailData,
    private readonly queues: QueueRegistry,
    private readonly notifications: NotificationProcessor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async process(job: Job): Promise<MailJobResult | Record<string, unknown>> {
    switch (job.name) {
      case OUTBOX.scheduleReminders:
        return this.schedule(String(job.data.assignmentId));
      case OUTBOX.cancelReminders:
        return this.cancel(String(job.data.assignmentId));
      case JOB.voteReminder:
        return this.voteReminder(job);
      case JOB.remindRespond:
      case JOB.remindDueSoon:
      case JOB.remindOverdue:
      case JOB.escalate:
        return this.remind(job);
      default:
        throw new UnrecoverableError(`No reminder handler for job "${job.name}"`);
    }
  }

  private async schedule(assignmentId: string): Promise<Record<string, unknown>> {
    const a = await this.data.assignment(assignmentId);
    if (!a || !OPEN_STATES.includes(a.state)) return { skipped: `assignment is ${a?.state ?? 'gone'}` };
    const queue = this.queues.queue(QUEUES.reminders);
    const planned = planReminders(a, this.config, Date.now());
    let added = 0;
    for (const reminder of planned) {
      const existing = await queue.getJob(reminder.jobId);
      if (existing) {
        // The same reminder (same due time) is already planned or done.
        if (existing.data.at === reminder.at) continue;
        // A reminder for an earlier due date: replace it, unless it is running right now (it re-checks).
        if (await existing.isActive()) continue;
        await existing.remove();
      }
      await this.queues.add(reminder.name, reminder.data, {
        jobId: reminder.jobId,
        delay: Math.max(0, reminder.at - Date.now()),
      });
      added += 1;
    }
    return { planned: planned.length, added };
  }

  private async cancel(assignmentId: string): Promise<Record<string, unknown>> {
    const queue = this.queues.queue(QUEUES.reminders);
    let removed = 0;
    for (const jobId of reminderJobIds(assignmentId, this.config)) {
      const job = await queue.getJob(jobId);
      // Done ones stay for the dashboard; a running one re-checks the assignment itself.
      if (job && ((await job.isDelayed()) || (await job.isWaiting()))) {
        await job.remove();
        removed += 1;
      }
    }
    return { removed };
  }

  private async remind(job: Job): Promise<MailJobResult> {
    const a = await this.data.assignment(String(job.data.assignmentId));
    if (!a) return { skipped: 'assignment gone' };
    if (!OPEN_STATES.includes(a.state)) return { skipped: `assignment is ${a.state}` };
    if (job.name === JOB.remindRespond && a.state !== 'invited') return { skipped: 'already answered' };
    if (job.data.dueAt !== a.dueAt.toISOString()) return { skipped: 'due date changed' };
    if (job.name === JOB.remindDueSoon && Date.now() >= a.dueAt.getTime()) return { skipped: 'already due' };
    const template = TEMPLATE_OF_JOB[job.name];
    // The time is part of the key: the same reminder re-planned for a new due date is a new mail.
    return this.notifications.send(template, { assignmentId: a.id }, `${job.id}@${job.data.at}`, {
      job: job.name,
      at: job.data.at,
    });
  }

  /** Before the steering meeting: each member who has not voted on a proposal awaiting decision. */
  private async voteReminder(job: Job): Promise<MailJobResult> {
    const [call] = await this.db.query('SELECT steering_meeting_at FROM calls WHERE id = $1', [
      job.data.callId,
    ]);
    const meeting: Date | null = call?.steering_meeting_at ?? null;
    if (!meeting || meeting.toISOString() !== job.data.meetingAt) return { skipped: 'meeting moved' };
    const proposals: { id: string }[] = await this.db.query(
      `SELECT id FROM proposals WHERE call_id = $1 AND state = 'awaiting_decision' ORDER BY submitted_at, id`,
      [job.data.callId],
    );
    const result: Record<string, number> = {};
    for (const { id } of proposals) {
      const sent = await this.notifications.send(
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
