import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { byKeys, MicroBatch } from '@/common/micro-batch';
import { MailCatalogue, TemplateName } from './mail-catalogue';
import type { Recipient } from './mail-data';
import type { MailEvent } from './mail-event';
import { certainlyNotAccepted, Mailer } from './mailer';
import { poolQuery } from '@/database/pool-query';
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

interface LogEntry {
  id: string;
  status: string;
  transmitted: boolean;
}

/** A claim of a mail-log entry: only the holder of (id, attempts) may transmit or record the outcome. */
interface Claim {
  id: string;
  attempts: number;
}

interface NewEntry {
  key: string;
  template: string;
  toAddress: string;
  recipientId: string | null;
  locale: string;
  /** JSON text. */
  data: string;
  resendOf: string | null;
  subject: string;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'in-doubt' | 'claimed-elsewhere';

const IN_DOUBT =
  'A worker stopped after the message body had started to go to the SMTP server and before recording ' +
  'the answer; it may or may not have arrived. Not resent automatically — resend it if the recipient lacks it.';

/**
 * Sends each mail at most once per idempotency key, through the mail log:
 *
 *   (new) / pending ──claim──▶ sending ──DATA accepted: data_sent_at──▶ body ──250──▶ sent
 *                         ├─ refused / unreachable, or cut off before the body ──▶ failed (the job retries)
 *                         └─ cut off after the body started, or the process died ──▶ unknown
 *
 * `data_sent_at` is written (and committed) after the server answered DATA and before the first byte of
 * the body goes out (Mailer `beforeData`). A retry that finds its entry still `sending` knows the
 * previous attempt died: without `data_sent_at` the mail certainly did not arrive and is sent again;
 * with it the server may have accepted it, so the entry becomes `unknown` and nothing is sent again — at
 * most one copy, at the price that a mail lost in exactly that window needs the office's resend (it
 * shows in GET /api/mails?status=unknown, on the office's home page and in the digest).
 *
 * The lookup, the claim of a new entry, the `data_sent_at` mark and the `sent` mark of concurrent
 * deliveries are each one statement per batch (MicroBatch: the calls of one event-loop turn), so a
 * burst costs a few statements per batch instead of four per mail; each row keeps its own conditions.
 */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger('MailDelivery');

  private readonly lookups = new MicroBatch<string, LogEntry | null>(async (keys) => {
    const rows: (LogEntry & { key: string })[] = await poolQuery(
      this.db,
      `SELECT idempotency_key AS key, id, status, data_sent_at IS NOT NULL AS transmitted
         FROM mail_log WHERE idempotency_key = ANY($1::text[])`,
      [[...new Set(keys)]],
    );
    return byKeys(keys, rows, (row) => row.key);
  });

  /**
   * New entries, written as `sending` at once: the claim, or else the entry the key already has (committed
   * before this statement), or null (written by a concurrent worker just now: claimed elsewhere).
   */
  private readonly inserts = new MicroBatch<NewEntry, Claim | LogEntry | null>(async (entries) => {
    const column = <K extends keyof NewEntry>(name: K) => entries.map((e) => e[name]);
    const rows: ((Claim & { key: string; new: true }) | (LogEntry & { key: string; new: false }))[] =
      await poolQuery(
        this.db,
        `WITH v AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[],
                                $7::uuid[], $8::text[]) AS v(k, t, a, r, l, d, o, s)),
         written AS (
           INSERT INTO mail_log (idempotency_key, template, to_address, recipient_id, locale, data, resend_of,
                                 subject, status, attempts)
           SELECT k, t, a, r, l, d, o, left(s, 400), 'sending', 1 FROM v
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key, id, attempts)
         SELECT idempotency_key AS key, id, attempts, true AS new, NULL AS status, false AS transmitted
           FROM written
         UNION ALL
         SELECT m.idempotency_key, m.id, m.attempts, false, m.status, m.data_sent_at IS NOT NULL
           FROM mail_log m WHERE m.idempotency_key = ANY($1::text[])`,
        [
          column('key'),
          column('template'),
          column('toAddress'),
          column('recipientId'),
          column('locale'),
          column('data'),
          column('resendOf'),
          column('subject'),
        ],
      );
    // The same key twice in one batch: one row was written, and only the first caller holds its claim.
    const won = new Map<string, Claim>();
    const existing = new Map<string, LogEntry>();
    for (const row of rows) {
      if (row.new) won.set(row.key, { id: row.id, attempts: row.attempts });
      else existing.set(row.key, { id: row.id, status: row.status, transmitted: row.transmitted });
    }
    return entries.map((e) => {
      const claim = won.get(e.key);
      won.delete(e.key);
      return claim ?? existing.get(e.key) ?? null;
    });
  });

  /** Whether the claim still holds (then `data_sent_at` is now set and committed). */
  private readonly transmissions = new MicroBatch<Claim, boolean>(async (claims) => {
    const rows = await poolQuery<{ id: string; attempts: number }>(
      this.db,
      `UPDATE mail_log m SET data_sent_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS v(id, attempts)
        WHERE m.id = v.id AND m.status = 'sending' AND m.attempts = v.attempts RETURNING m.id, m.attempts`,
      [claims.map((c) => c.id), claims.map((c) => c.attempts)],
    );
    const marked = new Set(rows.map((row) => `${row.id}/${row.attempts}`));
    return claims.map((c) => marked.has(`${c.id}/${c.attempts}`));
  });

  private readonly sentMarks = new MicroBatch<{ id: string; messageId: string }, void>(async (sent) => {
    await poolQuery(
      this.db,
      `UPDATE mail_log m SET status = 'sent', message_id = v.message_id, sent_at = now(), error = NULL
         FROM unnest($1::uuid[], $2::text[]) AS v(id, message_id)
        WHERE m.id = v.id AND m.status IN ('sending', 'unknown')`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId)],
    );
    return sent.map(() => undefined);
  });

  constructor(
    private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly catalogue: MailCatalogue,
    private readonly renderer: TemplateRenderer,
  ) {}

  async deliver(delivery: Delivery, resendOf: string | null = null): Promise<DeliveryOutcome> {
    const { key, to } = delivery;
    // A view that only reads is rendered first and its log entry found by the claim itself (one
    // statement less); one that issues links or is costly (a PDF) is rendered only for a mail not sent yet.
    let entry = this.catalogue.viewOnlyReads(delivery.template) ? null : await this.lookups.run(key);
    const settled = entry && (await this.settled(key, entry));
    if (settled) return settled;

    // Render before claiming, so the window between "sending" and "sent" is only the SMTP exchange.
    const mail = this.renderer.render(
      delivery.template,
      to.locale,
      await this.catalogue.view(delivery.template, delivery.event, to),
    );
    const attachments = await this.catalogue.attachments(delivery.template, delivery.event, to);
    const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${this.mailer.domain}>`;
    // Claim: a new entry is written as "sending" at once (one commit, not two); a pending or failed one,
    // or one left sending with no body sent, is claimed again. Either way only one worker wins, and
    // `attempts` names the claim: only its holder may transmit or record the outcome.
    let claim: Claim | null = null;
    if (!entry) {
      const written = await this.inserts.run({
        key,
        template: delivery.template,
        toAddress: to.email,
        recipientId: to.id,
        locale: to.locale,
        data: JSON.stringify(delivery.data),
        resendOf,
        subject: mail.subject,
      });
      if (written && 'attempts' in written) claim = written;
      else if (written) {
        entry = written;
        const outcome = await this.settled(key, entry);
        if (outcome) return outcome;
      }
    }
    if (entry) {
      [claim = null] = await poolQuery<Claim>(
        this.db,
        `UPDATE mail_log SET status = 'sending', attempts = attempts + 1, subject = left($2, 400),
                to_address = $3, locale = $4, error = NULL, data_sent_at = NULL
          WHERE id = $1 AND (status IN ('pending', 'failed') OR (status = 'sending' AND data_sent_at IS NULL))
          RETURNING id, attempts`,
        [entry.id, mail.subject, to.email, to.locale],
      );
    }
    // Another worker claimed it between our read and now: it sends, we do not.
    if (!claim) return 'claimed-elsewhere';
    const { id, attempts } = claim;

    let transmitting = false;
    const beforeData = async () => {
      // Another claim took over (this attempt was given up for dead): it sends, this one must not.
      if (!(await this.transmissions.run({ id, attempts })))
        throw new Error(`mail ${key} was claimed again; not transmitting`);
      transmitting = true;
    };
    try {
      await this.mailer.send({
        to: { name: to.name, address: to.email },
        messageId,
        ...mail,
        attachments,
        beforeData,
      });
    } catch (error) {
      // Nothing of the body went out unless `beforeData` ran: then only a refusal code is certain.
      const status = !transmitting || certainlyNotAccepted(error) ? 'failed' : 'unknown';
      await poolQuery(
        this.db,
        `UPDATE mail_log SET status = $2, error = left($3, 2000)
          WHERE id = $1 AND status = 'sending' AND attempts = $4`,
        [id, status, (error as Error).message, attempts],
      );
      throw error;
    }
    await this.sentMarks.run({ id, messageId });
    return 'sent';
  }

  /** The outcome when an existing entry is settled (sent, or in doubt), or null when it may be claimed again. */
  private async settled(key: string, entry: LogEntry): Promise<DeliveryOutcome | null> {
    if (entry.status === 'sent') return 'already-sent';
    if (entry.status === 'unknown') return 'in-doubt';
    if (entry.status === 'sending' && entry.transmitted) {
      await poolQuery(
        this.db,
        `UPDATE mail_log SET status = 'unknown', error = $2 WHERE id = $1 AND status = 'sending'`,
        [entry.id, IN_DOUBT],
      );
      this.logger.warn(`Mail ${key} is in doubt (a worker died while transmitting it); not resent.`);
      return 'in-doubt';
    }
    // Left `sending` before its body went out: the worker died before transmitting, so it is claimed again.
    return null;
  }
}
