import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccountTokenPurpose } from './account-token.entity';
import { hashToken, newToken } from './session-token';

/** How long a link works: an invitation a week (DESIGN §10), a password reset two hours. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3600 * 1000,
  'password-reset': 2 * 3600 * 1000,
};

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/**
 * The one-time links of invitation and password-reset mails: 256 random bits, only the SHA-256
 * stored, single use, expiring. Issuing a link kills the user's earlier links of the same purpose, so
 * only the newest mail works. The mail issues its link when it is rendered (the raw token exists in
 * the mail only); the set-password page only `peek`s on GET and `use`s on the POST.
 */
@Injectable()
export class AccountTokensService {
  constructor(private readonly dataSource: DataSource) {}

  async issue(
    userId: string,
    purpose: AccountTokenPurpose,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const raw = newToken();
    await manager.query(
      // A data-modifying CTE runs whether or not it is read: the older links die in the same statement.
      `WITH killed AS (
         UPDATE account_tokens SET used_at = now()
          WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL)
       INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))`,
      [hashToken(raw), userId, purpose, ACCOUNT_TOKEN_TTL_MS[purpose]],
    );
    return raw;
  }

  /** Kills every unused link of `userId` (a resent invitation, a password set another way). */
  async revokeAll(userId: string, manager: EntityManager, purpose?: AccountTokenPurpose): Promise<void> {
    await manager.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE user_id = $1 AND used_at IS NULL AND ($2::text IS NULL OR purpose = $2)`,
      [userId, purpose ?? null],
    );
  }

  /** The purpose of a link that still works (without using it up), or null. */
  async peek(raw: string): Promise<AccountTokenPurpose | null> {
    if (!WELL_FORMED.test(raw)) return null;
    const rows: { purpose: AccountTokenPurpose }[] = await this.dataSource.query(
      `SELECT t.purpose FROM account_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.active`,
      [hashToken(raw)],
    );
    return rows[0]?.purpose ?? null;
  }

  /** Uses the link up (of two uses exactly one wins): its user and purpose, or null when it does not work. */
  async use(
    raw: string,
    manager: EntityManager,
  ): Promise<{ userId: string; purpose: AccountTokenPurpose } | null> {
    if (!WELL_FORMED.test(raw)) return null;
    const result: unknown = await manager.query(
      `UPDATE account_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.active
       RETURNING t.user_id, t.purpose`,
      [hashToken(raw)],
    );
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
      user_id: string;
      purpose: AccountTokenPurpose;
    }[];
    return rows[0] ? { userId: rows[0].user_id, purpose: rows[0].purpose } : null;
  }
}
