import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { JOB } from './job-catalogue';
import { MailCatalogue, Payload, TEMPLATE_OF_JOB, TemplateName, TEMPLATES } from './mail-catalogue';
import { MailData, Recipient } from './mail-data';
import { DeliveryOutcome, MailDelivery } from './mail-delivery';
import { asLocale } from './mail-format';
import { TemplateRenderer } from './template-renderer';

export type MailJobResult = { skipped: string } | Partial<Record<DeliveryOutcome, number>>;

/**
 * The `notifications` queue: one job per event (outbox row), sending the event's mail to each of its
 * recipients through the mail log (idempotency key `<event key>:<recipient id>`). Errors are not caught:
 * BullMQ retries the job, and recipients already served are skipped by their log entry.
 */
@Injectable()
export class NotificationProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: MailCatalogue,
    private readonly data: MailData,
    private readonly delivery: MailDelivery,
    private readonly renderer: TemplateRenderer,
  ) {}

  async process(job: Job): Promise<MailJobResult> {
    if (job.name === JOB.resendMail) return this.resend(String(job.data.mailId));
    if (job.name === JOB.officeDigest) return this.digest(job);
    const template = TEMPLATE_OF_JOB[job.name];
    if (!template) throw new UnrecoverableError(`No mail for job "${job.name}"`);
    if (job.name === OUTBOX.invitation) {
      // An invitation revoked (or answered) before its mail went out is not sent any more.
      const a = await this.data.assignment(String(job.data.assignmentId));
      if (!a || a.state !== 'invited') return { skipped: `assignment is ${a?.state ?? 'gone'}` };
    }
    return this.send(template, job.data, String(job.id), { job: job.name });
  }

  /** Sends `template` for one event to all its recipients. */
  async send(
    template: TemplateName,
    payload: Payload,
    eventKey: string,
    meta: Record<string, unknown>,
    only?: (r: Recipient) => boolean,
  ): Promise<MailJobResult> {
    const recipients = (await this.catalogue.recipients(template, payload)).filter(only ?? (() => true));
    if (recipients.length === 0) return { skipped: 'no recipient' };
    const result: Partial<Record<DeliveryOutcome, number>> = {};
    for (const to of recipients) {
      const outcome = await this.delivery.deliver({
        key: `${eventKey}:${to.id}`,
        template,
        to,
        data: { ...meta, payload },
        render: async () =>
          this.renderer.render(template, to.locale, await this.catalogue.view(template, payload, to)),
      });
      result[outcome] = (result[outcome] ?? 0) + 1;
    }
    return result;
  }

  /** Once a day per office member, only when something is open. */
  private async digest(job: Job): Promise<MailJobResult> {
    const open = await this.catalogue.digestData();
    const nothing =
      open.toScreen.length +
        open.awaitingDecision.length +
        open.overdueReviews +
        open.unansweredInvitations +
        open.mailsNeedingAttention ===
      0;
    if (nothing) return { skipped: 'nothing open' };
    const day = new Date(job.timestamp).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    return this.send('office-digest', {}, `digest:${day}`, { job: job.name });
  }

  /** An office resend: the new log entry (pending, own key) is rendered afresh and sent. */
  private async resend(mailId: string): Promise<MailJobResult> {
    const [entry] = await this.db.query(
      `SELECT id, idempotency_key, template, to_address, recipient_id, locale, data, resend_of
         FROM mail_log WHERE id = $1`,
      [mailId],
    );
    if (!entry) return { skipped: 'mail log entry gone' };
    const template = entry.template as TemplateName;
    if (!TEMPLATES.includes(template)) throw new UnrecoverableError(`Unknown template "${template}"`);
    const user = entry.recipient_id ? await this.data.user(entry.recipient_id) : null;
    const to: Recipient = user ?? {
      id: entry.recipient_id,
      email: entry.to_address,
      name: entry.to_address,
      locale: asLocale(entry.locale),
    };
    const payload = (entry.data?.payload ?? {}) as Payload;
    const outcome = await this.delivery.deliver(
      {
        key: entry.idempotency_key,
        template,
        to,
        data: entry.data,
        render: async () =>
          this.renderer.render(template, to.locale, await this.catalogue.view(template, payload, to)),
      },
      entry.resend_of,
    );
    return { [outcome]: 1 };
  }
}
