import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { problem } from '@/common/problem';
import { User } from '@/users/user.entity';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import type { AuthUser } from './auth-user';
import { RecoveryCodes, TotpEnrolment } from './account.dto';
import {
  decryptTotpSecret,
  encryptTotpSecret,
  newRecoveryCodes,
  recoveryCodeHash,
  totpKey,
} from './totp-secrets';

const SIX_DIGITS = /^\d{6}$/;

/**
 * The optional TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either
 * way). The secret is stored AES-256-GCM encrypted; each accepted step is remembered so a code signs
 * in once. Ten recovery codes, SHA-256 stored, each removed when used.
 */
@Injectable()
export class TotpService {
  private readonly key: Buffer | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = config.totpEncryptionKey ? totpKey(config.totpEncryptionKey) : null;
  }

  get offered(): boolean {
    return this.key !== null;
  }

  /** Whether `user` must enrol before anything else (REQUIRE_TOTP_FOR). */
  mustEnrol(user: AuthUser): boolean {
    return (
      this.offered && !user.totpEnabled && user.roles.some((r) => this.config.requireTotpFor.includes(r))
    );
  }

  /** A new secret (replacing one not yet confirmed); switched on only by `confirm`. */
  async start(user: AuthUser): Promise<TotpEnrolment> {
    const key = this.requireKey();
    if (user.totpEnabled) throw problem('totp-already-enabled', {}, 'The second factor is on already.');
    const secret = generateSecret();
    await this.dataSource
      .getRepository(User)
      .update({ id: user.id }, { totpSecret: encryptTotpSecret(key, user.id, secret), totpLastStep: null });
    return { secret, otpauthUri: generateURI({ issuer: 'Beirat', label: user.email, secret }) };
  }

  /** The enrolment started and not yet confirmed (for showing its QR code again), or null. */
  async pending(user: AuthUser): Promise<TotpEnrolment | null> {
    if (!this.key || user.totpEnabled) return null;
    const row = await this.dataSource.getRepository(User).findOneBy({ id: user.id });
    const secret = row?.totpSecret ? decryptTotpSecret(this.key, user.id, row.totpSecret) : null;
    return secret
      ? { secret, otpauthUri: generateURI({ issuer: 'Beirat', label: user.email, secret }) }
      : null;
  }

  /** Switches the factor on with a current code; answers the recovery codes (shown once). */
  async confirm(user: AuthUser, code: string): Promise<RecoveryCodes> {
    this.requireKey();
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockedUser(manager, user.id);
      if (row.totpEnabled) throw problem('totp-already-enabled', {}, 'The second factor is on already.');
      if (!row.totpSecret)
        throw problem('totp-not-started', {}, 'Start the enrolment first (POST /api/me/totp).');
      if (!(await this.acceptCode(manager, row, code)))
        throw problem('totp-code-wrong', {}, 'The code is wrong.', { field: 'code' });
      const recoveryCodes = newRecoveryCodes();
      await manager.update(
        User,
        { id: user.id },
        { totpEnabled: true, totpRecoveryHashes: recoveryCodes.map(recoveryCodeHash) },
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
        action: 'totp-enable',
        data: {},
      });
      await writeOutbox(manager, OUTBOX.totpEnabled, { userId: user.id });
      return { recoveryCodes };
    });
  }

  /** Switches the factor off; needs a current code or a recovery code. */
  async disable(user: AuthUser, code: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lockedUser(manager, user.id);
      if (!row.totpEnabled) throw problem('totp-not-enabled', {}, 'The second factor is not on.');
      if (!(await this.acceptCode(manager, row, code)))
        throw problem('totp-code-wrong', {}, 'The code is wrong.', { field: 'code' });
      await manager.update(
        User,
        { id: user.id },
        { totpEnabled: false, totpSecret: null, totpRecoveryHashes: [], totpLastStep: null },
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
        action: 'totp-disable',
        data: {},
      });
      await writeOutbox(manager, OUTBOX.totpDisabled, { userId: user.id });
    });
  }

  /**
   * Whether `code` is a current TOTP code not used before, or an unused recovery code (then used up).
   * Recovery codes need no key, so an operator who lost TOTP_ENCRYPTION_KEY still lets people in.
   */
  async acceptCode(manager: EntityManager, user: User, code: string): Promise<boolean> {
    const trimmed = code.trim();
    if (SIX_DIGITS.test(trimmed)) {
      const secret =
        this.key && user.totpSecret ? decryptTotpSecret(this.key, user.id, user.totpSecret) : null;
      if (!secret) return false;
      const result = await verify({ secret, token: trimmed, epochTolerance: 30 });
      if (!result.valid) return false;
      // The step the code belongs to: now's step, moved by the drift the library found.
      const step = Math.floor(Date.now() / 30_000) + result.delta;
      const rows: unknown = await manager.query(
        `UPDATE users SET totp_last_step = $2
          WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [user.id, step],
      );
      return updatedRows(rows) > 0;
    }
    const rows: unknown = await manager.query(
      `UPDATE users SET totp_recovery_hashes = array_remove(totp_recovery_hashes, $2)
        WHERE id = $1 AND $2 = ANY(totp_recovery_hashes) RETURNING id`,
      [user.id, recoveryCodeHash(trimmed)],
    );
    return updatedRows(rows) > 0;
  }

  private requireKey(): Buffer {
    if (!this.key)
      throw problem('totp-unavailable', {}, 'The second factor is not offered (no TOTP_ENCRYPTION_KEY).');
    return this.key;
  }

  private async lockedUser(manager: EntityManager, id: string): Promise<User> {
    return manager.findOneOrFail(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}

/** Rows of an `UPDATE … RETURNING` through `manager.query` (TypeORM answers [rows, count]). */
function updatedRows(result: unknown): number {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0].length;
  return Array.isArray(result) ? result.length : 0;
}
