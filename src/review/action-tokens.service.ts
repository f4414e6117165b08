import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { ActionTokenPurpose } from './action-token.entity';

export interface IssueTokenRequest {
  purpose: ActionTokenPurpose;
  userId: string;
  assignmentId: string;
  /** Lifetime in milliseconds (> 0). */
  ttlMs: number;
}

/** What a valid token stands for. */
export interface TokenGrant {
  id: string;
  purpose: ActionTokenPurpose;
  userId: string;
  assignmentId: string;
  expiresAt: Date;
}

interface TokenRow {
  id: string;
  purpose: ActionTokenPurpose;
  user_id: string;
  assignment_id: string;
  expires_at: Date;
}

const TOKEN_BYTES = 32;

/** SHA-256 hex of the raw token: the only form stored, so a database leak yields no working link. */
export function hashToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

const toGrant = (row: TokenRow): TokenGrant => ({
  id: row.id,
  purpose: row.purpose,
  userId: row.user_id,
  assignmentId: row.assignment_id,
  expiresAt: row.expires_at,
});

/**
 * One-click links from mails (docs/CONTRACT.md §6): 256 random bits, stored hashed, single use, expiring. A GET
 * page `peek`s (mail scanners follow links, so it must not act); the confirming POST `consume`s — in
 * the same transaction as the action, so a failed action leaves the link usable.
 */
@Injectable()
export class ActionTokensService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new token and returns the raw value for the link (base64url, 43 characters). */
  async issue(manager: EntityManager, request: IssueTokenRequest): Promise<string> {
    if (!Number.isInteger(request.ttlMs) || request.ttlMs <= 0)
      throw new Error('ttlMs must be a positive integer');
    const raw = randomBytes(TOKEN_BYTES).toString('base64url');
    await manager.query(
      `INSERT INTO action_tokens (token_hash, purpose, user_id, assignment_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::double precision / 1000))`,
      [hashToken(raw), request.purpose, request.userId, request.assignmentId, request.ttlMs],
    );
    return raw;
  }

  /** What a still usable token stands for, without using it up; null when unknown, used or expired. */
  async peek(raw: string, manager?: EntityManager): Promise<TokenGrant | null> {
    if (!isWellFormed(raw)) return null;
    const rows: TokenRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, purpose, user_id, assignment_id, expires_at FROM action_tokens
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [hashToken(raw)],
    );
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /**
   * Uses the token up for `purpose` — atomically, so of two concurrent requests exactly one gets the
   * grant. Null when unknown, used, expired or meant for another purpose (then it stays usable for its own).
   */
  async consume(
    raw: string,
    purpose: ActionTokenPurpose,
    manager?: EntityManager,
  ): Promise<TokenGrant | null> {
    if (!isWellFormed(raw)) return null;
    const result: [TokenRow[], number] | TokenRow[] = await (manager ?? this.dataSource.manager).query(
      `UPDATE action_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING id, purpose, user_id, assignment_id, expires_at`,
      [hashToken(raw), purpose],
    );
    // pg answers UPDATE … RETURNING through TypeORM as [rows, affected].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as TokenRow[];
    return rows[0] ? toGrant(rows[0]) : null;
  }
}

function isWellFormed(raw: string): boolean {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{43}$/.test(raw);
}
