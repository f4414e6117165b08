import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { problem } from '@/common/problem';
import { timingDummyHash, verifyPassword } from '@/users/passwords';
import { User } from '@/users/user.entity';
import { UsersService, toAuthUser } from '@/users/users.service';
import type { AuthUser } from './auth-user';
import { LoginDto, LoginResponse, RegisterDto } from './auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { RegistrationRateLimiter } from './registration-rate-limiter';
import { Session } from './session.entity';
import { hashToken, newToken } from './session-token';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly registrationLimiter: RegistrationRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Self-registration always makes an applicant; other roles come from the office. */
  async register(dto: RegisterDto, address: string): Promise<AuthUser> {
    await this.registrationLimiter.take(address);
    const user = await this.users.create({ ...dto, roles: ['applicant'] }, null);
    return toAuthUser(user);
  }

  async login(dto: LoginDto, address: string): Promise<LoginResponse> {
    await this.rateLimiter.assertAllowed(dto.email, address);
    const user = await this.dataSource.getRepository(User).findOneBy({ email: dto.email });
    const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), dto.password);
    if (!user || !valid || !user.active) {
      await this.rateLimiter.recordFailure(dto.email, address);
      throw problem('wrong-credentials', {}, 'E-mail address or password is wrong.');
    }
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    await this.dataSource
      .getRepository(Session)
      .insert({ tokenHash: hashToken(token), userId: user.id, expiresAt });
    return { accessToken: token, expiresAt: expiresAt.toISOString() };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ tokenHash: hashToken(token) }, { revokedAt: () => 'now()' } as never);
  }

  /** The active user behind a live session token, or null. */
  async userForToken(token: string): Promise<AuthUser | null> {
    const rows: User[] = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Session, 's', 's.user_id = u.id')
      .where('s.token_hash = :hash', { hash: hashToken(token) })
      .andWhere('s.revoked_at IS NULL AND s.expires_at > now() AND u.active')
      .getMany();
    return rows[0] ? toAuthUser(rows[0]) : null;
  }
}
