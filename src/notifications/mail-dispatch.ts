import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { MailCatalogue, TemplateName, TEMPLATES } from './mail-catalogue';
import { MailData, Recipient } from './mail-data';
import { DeliveryOutcome, MailDelivery } from './mail-delivery';
import { MailEvent, Payload } from './mail-event';
import { asLocale } from './mail-format';

export type MailResult = { skipped: string } | Partial<Record<DeliveryOutcome, number>>;

/**
 * "Send template T for event E to its recipients": every job that mails goes through here. Each
 * recipient's copy goes through the mail log (idempotency key `<event key>:<recipient id>`). Errors are
 * not caught: BullMQ retries the job, and recipients already served are skipped by their log entry.
 */
@Injectable()
export class MailDispatch {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: MailCatalogue,
    private readonly data: MailData,
    private readonly delivery: MailDelivery,
  ) {}

  /** The event of a payload, for checks before sending (its proposal and assignment are read once). */
  event(payload: Payload): MailEvent {
    return new MailEvent(this.data, payload);
  }

  /** Sends `template` for one event to all its recipients (those passing `only`, when given). */
  async send(
    template: TemplateName,
    event: MailEvent | Payload,
    eventKey: string,
    meta: Record<string, unknown>,
    only?: (r: Recipient) => boolean,
  ): Promise<MailResult> {
    const mailEvent = event instanceof MailEvent ? event : this.event(event);
    const recipients = (await this.catalogue.recipients(template, mailEvent)).filter(only ?? (() => true));
    if (recipients.length === 0) return { skipped: 'no recipient' };
    const result: Partial<Record<DeliveryOutcome, number>> = {};
    for (const to of recipients) {
      const outcome = await this.delivery.deliver({
        key: `${eventKey}:${to.id}`,
        template,
        event: mailEvent,
        to,
        data: { ...meta, payload: mailEvent.payload },
      });
      result[outcome] = (result[outcome] ?? 0) + 1;
    }
    return result;
  }

  /** An office resend: the new log entry (pending, own key) is rendered afresh and sent. */
  async resend(mailId: string): Promise<MailResult> {
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
      { key: entry.idempotency_key, template, event: this.event(payload), to, data: entry.data },
      entry.resend_of,
    );
    return { [outcome]: 1 };
  }

  /** What the office digest would list now (the digest is not sent when nothing is open). */
  digestData() {
    return this.data.digest();
  }
}
