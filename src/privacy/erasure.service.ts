import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, problem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import { ErasureRequest } from './erasure-request.entity';
import { PERSONAL_DATA } from './personal-data';
import { erasedAddressOf, pseudonymOf } from './pseudonym';

export interface ErasureRequestView {
  id: string;
  userId: string;
  /** The person's current name; the pseudonym once executed. */
  name: string;
  state: string;
  requestedAt: string;
  executedAt: string | null;
  pseudonym: string | null;
}

/**
 * Erasure (DSGVO Art. 17): the person asks, the office executes with a reason. Executing deactivates
 * the account, ends its sessions and links, makes the password unusable and replaces name, address and
 * organisation by the pseudonym in the account and in the mail log — every page, API answer, CSV and
 * PDF reads names from there, so they show the pseudonym from then on. Proposals, reviews, votes and
 * decisions stay (retention duty) under the pseudonymous account; audit rows are not touched (they
 * hold ids, never names). The request row is the record of the erasure.
 */
@Injectable()
export class ErasureService {
  constructor(private readonly db: DataSource) {}

  async request(userId: string): Promise<ErasureRequestView> {
    return this.db.transaction(async (manager) => {
      const open = await manager.findOneBy(ErasureRequest, { userId, state: 'requested' });
      if (open) return this.view(manager, open);
      const saved = await manager.save(manager.create(ErasureRequest, { userId }));
      await writeAudit(manager, {
        actorId: userId,
        entityType: 'user',
        entityId: userId,
        action: 'erasure-request',
        data: { requestId: saved.id },
      });
      return this.view(manager, await manager.findOneByOrFail(ErasureRequest, { id: saved.id }));
    });
  }

  async list(): Promise<ErasureRequestView[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT e.id, e.user_id, u.name, e.state, e.requested_at, e.executed_at, e.pseudonym
         FROM erasure_requests e JOIN users u ON u.id = e.user_id
        ORDER BY e.state = 'requested' DESC, e.requested_at DESC LIMIT 500`,
    );
    return rows.map(toView);
  }

  /** Office: executes the erasure of `userId` (whether or not they asked), once. */
  async execute(userId: string, reason: string, actorId: string | null): Promise<ErasureRequestView> {
    return this.db.transaction((manager) => this.executeIn(manager, userId, reason, actorId));
  }

  async executeIn(
    manager: EntityManager,
    userId: string,
    reason: string,
    actorId: string | null,
  ): Promise<ErasureRequestView> {
    const [user]: { id: string; name: string; email: string; roles: string[] }[] = await manager.query(
      'SELECT id, name, email, roles FROM users WHERE id = $1 FOR UPDATE',
      [userId],
    );
    if (!user) throw notFound('User');
    if (actorId === userId) throw problem('erasure-of-self', {}, 'The office cannot erase its own account.');
    if (user.roles.includes('office')) {
      const [{ n }]: { n: number }[] = await manager.query(
        `SELECT count(*)::int AS n FROM users WHERE 'office' = ANY(roles) AND active AND id <> $1`,
        [userId],
      );
      if (n === 0) throw problem('last-office-user', {}, 'The last active office user cannot be erased.');
    }
    const done = await manager.findOneBy(ErasureRequest, { userId, state: 'executed' });
    if (done) throw problem('already-erased', {}, 'This person is erased already.');
    const pseudonym = pseudonymOf(userId);
    await pseudonymiseMailLog(manager, user, pseudonym);
    await pseudonymiseOwnTexts(manager, user, pseudonym);
    await manager.query(
      `UPDATE users SET name = $2, email = $3, organisation = '', organisation_key = '', expertise = '{}',
              password_hash = '!erased', totp_secret = NULL, totp_enabled = false, totp_recovery_hashes = '{}', active = false, chair = false, updated_at = now()
        WHERE id = $1`,
      [userId, pseudonym, erasedAddressOf(userId)],
    );
    await manager.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
    ]);
    for (const [table, declaration] of Object.entries(PERSONAL_DATA)) {
      if (declaration.onErasure !== 'delete' || !declaration.rowsOf) continue;
      await manager.query(`DELETE FROM ${table} t WHERE ${declaration.rowsOf.replaceAll(':userId', '$1')}`, [
        userId,
      ]);
    }
    const open = await manager.findOneBy(ErasureRequest, { userId, state: 'requested' });
    const record = open ?? manager.create(ErasureRequest, { userId });
    Object.assign(record, {
      state: 'executed',
      executedAt: new Date(),
      executedBy: actorId,
      reason,
      pseudonym,
    });
    const saved = await manager.save(record);
    await writeAudit(manager, {
      actorId,
      entityType: 'user',
      entityId: userId,
      action: 'erase',
      data: { requestId: saved.id },
    });
    return this.view(manager, saved);
  }

  private async view(manager: EntityManager, request: ErasureRequest): Promise<ErasureRequestView> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT e.id, e.user_id, u.name, e.state, e.requested_at, e.executed_at, e.pseudonym
         FROM erasure_requests e JOIN users u ON u.id = e.user_id WHERE e.id = $1`,
      [request.id],
    );
    return toView(rows[0]);
  }
}

/**
 * The mail log keeps what each mail said: the erased person's address and name leave it, in the mails
 * to them and in those to others that named them (subject and template values).
 */
async function pseudonymiseMailLog(
  manager: EntityManager,
  user: { id: string; name: string; email: string },
  pseudonym: string,
): Promise<void> {
  await manager.query(
    'UPDATE mail_log SET to_address = $2 WHERE recipient_id = $1 OR lower(to_address) = lower($3)',
    [user.id, erasedAddressOf(user.id), user.email],
  );
  for (const [text, replacement] of [
    [user.email, erasedAddressOf(user.id)],
    [user.name, pseudonym],
  ]) {
    if (text.trim().length < 2) continue;
    const inJson = JSON.stringify(text).slice(1, -1);
    await manager.query(
      `UPDATE mail_log SET subject = replace(subject, $1, $3), data = replace(data::text, $2, $4)::jsonb
        WHERE strpos(subject, $1) > 0 OR strpos(data::text, $2) > 0`,
      [text, inJson, replacement, JSON.stringify(replacement).slice(1, -1)],
    );
  }
}

/**
 * What the person typed themselves may name them ("Confidential note of …", a signature): their name
 * and address leave the texts they wrote — reviews, votes, reasons of declined invitations. The texts
 * stay (retention), with the pseudonym.
 */
async function pseudonymiseOwnTexts(
  manager: EntityManager,
  user: { id: string; name: string; email: string },
  pseudonym: string,
): Promise<void> {
  const texts: [string, string, string][] = [
    [
      'reviews',
      'comment_to_applicant',
      'assignment_id IN (SELECT id FROM assignments WHERE reviewer_id = $1)',
    ],
    [
      'reviews',
      'confidential_comment',
      'assignment_id IN (SELECT id FROM assignments WHERE reviewer_id = $1)',
    ],
    ['votes', 'comment', 'voter_id = $1'],
    ['assignments', 'decline_reason', 'reviewer_id = $1'],
    ['conflicts', 'reason', 'user_id = $1'],
  ];
  for (const [needle, replacement] of [
    [user.email, erasedAddressOf(user.id)],
    [user.name, pseudonym],
  ]) {
    if (needle.trim().length < 2) continue;
    for (const [table, column, mine] of texts) {
      await manager.query(
        `UPDATE ${table} SET ${column} = replace(${column}, $2, $3) WHERE ${mine} AND strpos(${column}, $2) > 0`,
        [user.id, needle, replacement],
      );
    }
  }
}

function toView(row: Record<string, unknown>): ErasureRequestView {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
  return {
    id: String(row.id),
    userId: String(row.user_id),
    name: String(row.name),
    state: String(row.state),
    requestedAt: iso(row.requested_at)!,
    executedAt: iso(row.executed_at),
    pseudonym: (row.pseudonym as string | null) ?? null,
  };
}
