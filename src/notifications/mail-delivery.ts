import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MailCatalogue, TemplateName } from './mail-catalogue';
import type { Recipient } from './mail-data';
import type { MailEvent } from './mail-event';
import { certainlyNotAccepted, Mailer } from './mailer';
import { returning } from './sql';
import { TemplateRenderer } from './template-renderer';

export interface Delivery {
  /** Unique per (event, recipient): `<outbox id>:<user id>`, `<reminder job id>@<time>:<user id>`, … */
  key: string;
  template: TemplateName;
  /** What the mail is about; rendered only when the mail is really about to go out (it may create one-click tokens). */
  event: MailEvent;
  to: Recipient;
  /** Stored with the log entry: what the mail was made from, so the office can resend it. */
  data: Record<string, unknown>;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'in-doubt' | 'claimed-elsewhere';

const IN_DOUBT =
  'A worker stopped after handing this mail to the SMTP server and before recording the answer; ' +
  'it may or may not have arrived. Not resent automatically — resend it if the recipient lacks it.';

/**
 * Sends each mail at most once per idempotency key, through the mail log:
 *
 *   (new) / pending ──claim──▶ sending ──250──▶ sent
 *                         ├─ refused / unreachable ──▶ failed (the job retries; claimed again)
 *                         └─ cut off after DATA, or the process died ──▶ unknown
 *
 * A retry that finds its entry still `sending` knows the previous attempt died in the window between
 * handing the mail over and recording it. The server may have accepted it, so the entry becomes
 * `unknown` and nothing is sent again: at most one copy, at the price that a mail lost in exactly that
 * window needs the office's resend (it shows in GET /api/mails?status=unknown and in the digest).
 */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger('MailDelivery');

  constructor(
    private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly catalogue: MailCatalogue,
    private readonly renderer: TemplateRenderer,
  ) {}

  async deliver(delivery: Delivery, resendOf: string | null = null): Promise<DeliveryOutcome> {
    const { key, to } = delivery;
    const [entry]: { id: string; status: string }[] = await this.db.query(
      'SELECT id, status FROM mail_log WHERE idempotency_key = $1',
      [key],
    );
    if (entry?.status === 'sent') return 'already-sent';
    if (entry?.status === 'unknown') return 'in-doubt';
    if (entry?.status === 'sending') {
      await this.db.query(
        `UPDATE mail_log SET status = 'unknown', error = $2 WHERE id = $1 AND status = 'sending'`,
        [entry.id, IN_DOUBT],
      );
      this.logger.warn(`Mail ${key} is in doubt (a worker died while sending it); not resent.`);
      return 'in-doubt';
    }

    // Render before claiming, so the window between "sending" and "sent" is only the SMTP exchange.
    const mail = this.renderer.render(
      delivery.template,
      to.locale,
      await this.catalogue.view(delivery.template, delivery.event, to),
    );
    const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${this.mailer.domain}>`;
    // Claim: a new entry is written as "sending" at once (one commit, not two); a pending or failed
    // one is moved to "sending". Either way only one worker wins.
    const claimed = entry
      ? await returning<{ id: string }>(
          this.db,
          `UPDATE mail_log SET status = 'sending', attempts = attempts + 1, subject = left($2, 400),
                  to_address = $3, locale = $4, error = NULL
            WHERE id = $1 AND status IN ('pending', 'failed') RETURNING id`,
          [entry.id, mail.subject, to.email, to.locale],
        )
      : await this.db.query(
          `INSERT INTO mail_log (idempotency_key, template, to_address, recipient_id, locale, data, resend_of,
                                 subject, status, attempts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, left($8, 400), 'sending', 1)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          [
            key,
            delivery.template,
            to.email,
            to.id,
            to.locale,
            JSON.stringify(delivery.data),
            resendOf,
            mail.subject,
          ],
        );
    // Another worker claimed it between our read and now: it sends, we do not.
    if (claimed.length === 0) return 'claimed-elsewhere';
    const id = claimed[0].id;

    try {
      await this.mailer.send({ to: { name: to.name, address: to.email }, messageId, ...mail });
    } catch (error) {
      const status = certainlyNotAccepted(error) ? 'failed' : 'unknown';
      await this.db.query(
        `UPDATE mail_log SET status = $2, error = left($3, 2000) WHERE id = $1 AND status = 'sending'`,
        [id, status, (error as Error).message],
      );
      throw error;
    }
    await this.db.query(
      `UPDATE mail_log SET status = 'sent', message_id = $2, sent_at = now(), error = NULL
        WHERE id = $1 AND status IN ('sending', 'unknown')`,
      [id, messageId],
    );
    return 'sent';
  }
}
