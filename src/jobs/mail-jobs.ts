import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { TemplateName } from '@/notifications/mail-catalogue';
import { MailDispatch, MailResult } from '@/notifications/mail-dispatch';

/** The `notifications` queue's jobs: one mail per event (outbox row), the office digest, resends. */
@Injectable()
export class MailJobs {
  constructor(private readonly mail: MailDispatch) {}

  /** The event's mail to all its recipients; the job id (outbox id) is the event key. */
  async event(job: Job, template: TemplateName): Promise<MailResult> {
    return this.mail.send(template, job.data, String(job.id), { job: job.name });
  }

  /** An invitation revoked (or answered) before its mail went out is not sent any more. */
  async invitation(job: Job): Promise<MailResult> {
    const event = this.mail.event(job.data);
    const a = await event.assignment();
    if (!a || a.state !== 'invited') return { skipped: `assignment is ${a?.state ?? 'gone'}` };
    return this.mail.send('invitation', event, String(job.id), { job: job.name });
  }

  /** Once a day per office member, only when something is open. */
  async digest(job: Job): Promise<MailResult> {
    const open = await this.mail.digestData();
    const nothing =
      open.toScreen.length +
        open.awaitingDecision.length +
        open.overdueReviews +
        open.unansweredInvitations +
        open.mailsNeedingAttention ===
      0;
    if (nothing) return { skipped: 'nothing open' };
    const day = new Date(job.timestamp).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    return this.mail.send('office-digest', {}, `digest:${day}`, { job: job.name });
  }

  resend(job: Job): Promise<MailResult> {
    return this.mail.resend(String(job.data.mailId));
  }
}
