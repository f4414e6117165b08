import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { poolQuery } from '@/database/pool-query';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { problem } from '@/common/problem';
import { timingDummyHash, verifyPassword } from '@/users/passwords';
import { User } from '@/users/user.entity';
import type { AuthUser } from './auth-user';
import { LoginDto, LoginResponse } from './auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { Session } from './session.entity';
import { hashToken, newToken } from './session-token';
import { TotpService } from './totp.service';

/** The session's user, if the session is current and the account active (bench/baseline-server.ts runs the same). */
export const SESSION_USER_SQL = `SELECT u.id, u.email, u.name, u.roles, u.organisation, u.expertise, u.locale, u.chair,
       u.totp_enabled AS "totpEnabled"
  FROM users u JOIN sessions s ON s.user_id = u.id
 WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<LoginResponse> {
    await this.rateLimiter.assertAllowed(dto.email, address);
    const user = await this.dataSource.getRepository(User).findOneBy({ email: dto.email });
    const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), dto.password);
    // An unconfirmed account, or an invited one without a password yet, is refused like a wrong
    // password, so sign-in tells no more than registration.
    if (!user || !user.passwordHash || !valid || !user.active || !user.emailConfirmedAt) {
      await this.rateLimiter.recordFailure(dto.email, address);
      throw problem('wrong-credentials', {}, 'E-mail address or password is wrong.');
    }
    if (!user.totpEnabled) return this.startSession(user.id);
    // The second factor: a missing or wrong code counts as a failed sign-in, like a wrong password.
    if (!dto.code) {
      await this.rateLimiter.recordFailure(dto.email, address);
      throw problem('totp-required', {}, 'This account has a second factor: send `code` too.');
    }
    const code = dto.code;
    const session = await this.dataSource.transaction(async (manager) =>
      (await this.totp.acceptCode(manager, user, code)) ? this.startSession(user.id, manager) : null,
    );
    if (!session) {
      await this.rateLimiter.recordFailure(dto.email, address);
      throw problem('totp-invalid', {}, 'The code of the second factor is wrong.');
    }
    return session;
  }

  /** A new session for `userId` (after sign-in, or after confirming the address). */
  async startSession(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoginResponse> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    await manager.getRepository(Session).insert({ tokenHash: hashToken(token), userId, expiresAt });
    return { accessToken: token, expiresAt: expiresAt.toISOString() };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ tokenHash: hashToken(token) }, { revokedAt: () => 'now()' } as never);
  }

  /** The active user behind a live session token, or null. */
  /**
   * The signed-in user of a session token, on every request: one fixed statement (no query builder,
   * no entity hydration), the columns `AuthUser` has.
   */
  async userForToken(token: string): Promise<AuthUser | null> {
    const rows = await poolQuery<AuthUser>(this.dataSource, SESSION_USER_SQL, [hashToken(token)]);
    return rows[0] ?? null;
  }
}
