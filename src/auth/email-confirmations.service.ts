import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hashToken, newToken } from './session-token';

/** How long a confirmation link works: two days, so a mail read after a weekend day still works. */
export const CONFIRMATION_TTL_MS = 48 * 3600 * 1000;

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/**
 * The one-time links of "confirm your address" mails: 256 random bits, stored hashed, single use,
 * expiring. The mail issues a fresh link each time it is rendered; the confirm page `peek`s on GET
 * (mail scanners follow links) and `confirm`s on the POST of its button.
 */
@Injectable()
export class EmailConfirmationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether `userId` is an active account still waiting for its confirmation. */
  async awaitsConfirmation(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM users WHERE id = $1 AND active AND email_confirmed_at IS NULL',
      [userId],
    );
    return rows.length > 0;
  }

  /** Stores a new link for `userId` and returns the raw token (base64url, 43 characters). */
  async issue(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const raw = newToken();
    await manager.query(
      `INSERT INTO email_confirmations (token_hash, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))`,
      [hashToken(raw), userId, CONFIRMATION_TTL_MS],
    );
    return raw;
  }

  /** Whether the link still works, without using it up. */
  async usable(raw: string): Promise<boolean> {
    if (!WELL_FORMED.test(raw)) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM email_confirmations c JOIN users u ON u.id = c.user_id
        WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > now() AND u.active`,
      [hashToken(raw)],
    );
    return rows.length > 0;
  }

  /**
   * Uses the link up and marks its account confirmed, atomically (of two clicks exactly one wins).
   * Answers the confirmed user's id, or null when the link is unknown, spent or expired.
   */
  async confirm(raw: string, manager: EntityManager): Promise<string | null> {
    if (!WELL_FORMED.test(raw)) return null;
    const rows: { user_id: string }[] = await manager.query(
      `WITH used AS (
         UPDATE email_confirmations SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id)
       UPDATE users u SET email_confirmed_at = coalesce(u.email_confirmed_at, now())
         FROM used WHERE u.id = used.user_id AND u.active
       RETURNING u.id AS user_id`,
      [hashToken(raw)],
    );
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { user_id: string }[];
    return list[0]?.user_id ?? null;
  }
}
