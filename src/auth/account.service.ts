import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { problem } from '@/common/problem';
import { hashPassword, verifyPassword } from '@/users/passwords';
import { User } from '@/users/user.entity';
import { toAuthUser } from '@/users/users.service';
import { writeAudit } from '@/workflow/audit';
import { OUTBOX_CHANNEL, writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { AccountTokensService } from './account-tokens.service';
import type { AuthUser } from './auth-user';
import {
  ChangePasswordDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
} from './account.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordResetRateLimiter } from './password-reset-rate-limiter';
import { hashToken } from './session-token';

/** The one answer of every accepted password-reset request. */
export const PASSWORD_RESET_ANSWER = {
  status: 'check-your-mail' as const,
  detail: 'If an active account has this address, a mail with a link to set a new password is on its way.',
};

/**
 * A user's own account (DESIGN §10): password reset without telling who has an account, setting a
 * password from a mailed link (invitation or reset), changing it, editing one's profile.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokensService,
    private readonly resetLimiter: PasswordResetRateLimiter,
    private readonly loginLimiter: LoginRateLimiter,
  ) {}

  /**
   * The same work for a known and an unknown address: the two counters, then one statement in one
   * transaction that writes the outbox row only when the address is a known active account (and its
   * mailbox limit is not used up), and one NOTIFY either way, so the relay wakes up for both. No
   * branch in this code depends on whether the account exists.
   */
  async requestReset(dto: PasswordResetRequestDto, address: string): Promise<typeof PASSWORD_RESET_ANSWER> {
    const { mayMail } = await this.resetLimiter.take(dto.email, address);
    await this.dataSource.transaction(async (manager) => {
      // Without this, the known path's commit waits for the WAL flush of its outbox row and the unknown
      // path's (nothing written) does not: milliseconds that tell the two apart (issue 14 measured
      // 13.4 against 8.7 ms). A crash within a fraction of a second may then lose a reset mail; asking
      // again sends it.
      await manager.query('SET LOCAL synchronous_commit = off');
      await manager.query(
        `WITH target AS (
           SELECT id FROM users
            WHERE email = $1 AND active AND email_confirmed_at IS NOT NULL AND $2::boolean),
         inserted AS (
           INSERT INTO outbox (kind, payload)
           SELECT $3, jsonb_build_object('userId', id) FROM target
           RETURNING id)
         SELECT pg_notify($4, coalesce(max(id::text), 'none')) FROM inserted`,
        [dto.email, mayMail, OUTBOX.passwordReset, OUTBOX_CHANNEL],
      );
    });
    return PASSWORD_RESET_ANSWER;
  }

  /**
   * Sets the password from a mailed link (reset or invitation), which is used up. Ends every session
   * of the user and kills their other links; a reset mails "password changed".
   */
  async confirmReset(dto: PasswordResetConfirmDto): Promise<void> {
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.use(dto.token, manager);
      if (!used)
        throw problem('token-invalid', {}, 'The link was used, has expired or was replaced.', {
          field: 'token',
        });
      await manager.query(
        `UPDATE users SET password_hash = $2, email_confirmed_at = coalesce(email_confirmed_at, now()),
                updated_at = now() WHERE id = $1`,
        [used.userId, passwordHash],
      );
      await this.tokens.revokeAll(used.userId, manager);
      await this.endSessions(manager, used.userId, null);
      await writeAudit(manager, {
        actorId: used.userId,
        entityType: 'user',
        entityId: used.userId,
        action: used.purpose === 'invitation' ? 'password-set' : 'password-reset',
        data: {},
      });
      if (used.purpose === 'password-reset')
        await writeOutbox(manager, OUTBOX.passwordChanged, { userId: used.userId });
    });
  }

  /** Changes the signed-in user's password; every other session ends, this one stays. */
  async changePassword(
    user: AuthUser,
    sessionToken: string | null,
    dto: ChangePasswordDto,
    address: string,
  ): Promise<void> {
    await this.loginLimiter.assertAllowed(user.email, address);
    const row = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    if (!row.passwordHash || !(await verifyPassword(row.passwordHash, dto.currentPassword))) {
      await this.loginLimiter.recordFailure(user.email, address);
      throw problem('current-password-wrong', {}, 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.tokens.revokeAll(user.id, manager, 'password-reset');
      await this.endSessions(manager, user.id, sessionToken);
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
        action: 'password-change',
        data: {},
      });
      await writeOutbox(manager, OUTBOX.passwordChanged, { userId: user.id });
    });
  }

  /** Name, language and (board members only) expertise of the signed-in user. */
  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<AuthUser> {
    if (dto.expertise !== undefined && !user.roles.some((r) => r === 'reviewer' || r === 'steering'))
      throw problem(
        'forbidden-role',
        {},
        'Only board members (reviewer, steering) keep expertise keywords.',
        {
          field: 'expertise',
        },
      );
    const changes: Partial<User> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.expertise !== undefined) changes.expertise = [...new Set(dto.expertise)];
    return this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) await manager.update(User, { id: user.id }, changes);
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
        action: 'update-self',
        data: { ...changes },
      });
      return toAuthUser(await manager.findOneByOrFail(User, { id: user.id }));
    });
  }

  /** Revokes the user's live sessions, all or all but the one of `keepToken`. */
  private async endSessions(manager: EntityManager, userId: string, keepToken: string | null): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR token_hash <> $2)`,
      [userId, keepToken === null ? null : hashToken(keepToken)],
    );
  }
}
