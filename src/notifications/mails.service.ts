import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { decodeCursor, Page, toPage } from '@/common/pagination';
import { notFound, problem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { ListMailsQuery, MailView } from './mail.dto';
import { MailLogEntry } from './mail-log.entity';

export function toMailView(entry: MailLogEntry): MailView {
  return {
    id: entry.id,
    template: entry.template,
    to: entry.toAddress,
    recipientId: entry.recipientId,
    locale: entry.locale,
    subject: entry.subject,
    status: entry.status,
    messageId: entry.messageId,
    attempts: entry.attempts,
    error: entry.error,
    resendOf: entry.resendOf,
    createdAt: entry.createdAt.toISOString(),
    sentAt: entry.sentAt?.toISOString() ?? null,
  };
}

/** The mail log for the office: what went to whom, and resending what did not arrive. */
@Injectable()
export class MailsService {
  constructor(private readonly db: DataSource) {}

  async list(query: ListMailsQuery): Promise<Page<MailView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const qb = this.db
      .getRepository(MailLogEntry)
      .createQueryBuilder('m')
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC');
    if (query.to) qb.andWhere('lower(m.to_address) = lower(:to)', { to: query.to });
    if (query.template) qb.andWhere('m.template = :template', { template: query.template });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (after) qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return toPage(await qb.limit(limit + 1).getMany(), limit, toMailView);
  }

  /**
   * Mails that may or may not have arrived (`unknown`) and were not resent yet: the office's to-do list.
   * Oldest first; `total` counts all of them.
   */
  async inDoubt(limit = 10): Promise<{ items: MailView[]; total: number }> {
    const notResent = 'NOT EXISTS (SELECT 1 FROM mail_log r WHERE r.resend_of = m.id)';
    const qb = this.db
      .getRepository(MailLogEntry)
      .createQueryBuilder('m')
      .where(`m.status = 'unknown' AND ${notResent}`);
    const [entries, total] = await qb
      .orderBy('m.created_at')
      .addOrderBy('m.id')
      .take(limit)
      .getManyAndCount();
    return { items: entries.map(toMailView), total };
  }

  /**
   * Queues a fresh copy: a new log entry with its own key, linked to the original, rendered anew from
   * the same event (new one-click links) when the worker takes it.
   */
  async resend(id: string, actor: AuthUser): Promise<MailView> {
    return this.db.transaction(async (manager) => {
      const original = await manager.findOneBy(MailLogEntry, { id });
      if (!original) throw notFound('Mail');
      if (original.status === 'pending' || original.status === 'sending') {
        throw problem(
          'mail-in-flight',
          {},
          `The mail is still ${original.status}; wait for it before resending.`,
          { status: original.status },
        );
      }
      const copy = manager.create(MailLogEntry, {
        template: original.template,
        toAddress: original.toAddress,
        recipientId: original.recipientId,
        locale: original.locale,
        data: original.data,
        resendOf: original.id,
        status: 'pending',
      });
      copy.idempotencyKey = `resend:${original.id}:${Date.now()}`;
      const saved = await manager.save(copy);
      await writeOutbox(manager, OUTBOX.resendMail, { mailId: saved.id });
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'mail',
        entityId: saved.id,
        action: 'resend',
        // The recipient is the mail's row (no address in the append-only audit log, issue 18).
        data: { resendOf: original.id, template: original.template },
      });
      return toMailView(await manager.findOneByOrFail(MailLogEntry, { id: saved.id }));
    });
  }
}
