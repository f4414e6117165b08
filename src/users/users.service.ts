import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { decodeCursor, Page, toPage } from '@/common/pagination';
import { organisationKey } from '@/common/org-name';
import { notFound, problem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import type { AuthUser } from './auth-user';
import { hashPassword } from './passwords';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from './user.dto';
import { User } from './user.entity';

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organisation: user.organisation,
    roles: user.roles,
    expertise: user.expertise,
    locale: user.locale,
    chair: user.chair,
    active: user.active,
    invitationPending: user.passwordHash === null,
    totpEnabled: user.totpEnabled,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    organisation: user.organisation,
    expertise: user.expertise,
    locale: user.locale,
    chair: user.chair,
    totpEnabled: user.totpEnabled,
  };
}

/** What the start log tells the operator; the password only when this start generated it. */
export interface OfficeSignIn {
  email: string;
  password: string | null;
  created: boolean;
}

const uniqueRoles = <T>(values: T[]): T[] => [...new Set(values)];

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates a user on the office's word (or the bootstrap's, `actorId` null): confirmed at creation, the
   * office knows the address. The e-mail address must be new. Self-registration is auth/registration.
   * Without a password the account is invited: it gets a set-password mail and cannot sign in before.
   */
  async create(dto: CreateUserDto, actorId: string | null): Promise<User> {
    const passwordHash = dto.password === undefined ? null : await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const user = manager.create(User, {
        email: dto.email,
        passwordHash,
        name: dto.name,
        organisation: dto.organisation ?? '',
        organisationKey: organisationKey(dto.organisation ?? ''),
        roles: uniqueRoles(dto.roles),
        expertise: [...new Set(dto.expertise ?? [])],
        locale: dto.locale ?? 'de',
        chair: dto.chair ?? false,
        active: dto.active ?? true,
        emailConfirmedAt: new Date(),
      });
      const saved = await manager.save(user).catch((error: { code?: string }) => {
        if (error.code === '23505')
          throw problem('email-taken', {}, 'A user with this e-mail address exists already.', {
            field: 'email',
          });
        throw error;
      });
      await writeAudit(manager, {
        actorId: actorId ?? saved.id,
        entityType: 'user',
        entityId: saved.id,
        action: 'create',
        data: { roles: saved.roles, invited: passwordHash === null },
      });
      if (passwordHash === null) await writeOutbox(manager, OUTBOX.accountInvitation, { userId: saved.id });
      return saved;
    });
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const qb = this.users.createQueryBuilder('u').orderBy('u.created_at', 'DESC').addOrderBy('u.id', 'DESC');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.q) {
      qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q OR u.organisation ILIKE :q)', {
        q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (after) qb.andWhere('(u.created_at, u.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return toPage(await qb.limit(limit + 1).getMany(), limit, toUserView);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      const changes: Partial<User> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.roles !== undefined) changes.roles = uniqueRoles(dto.roles);
      if (dto.organisation !== undefined) changes.organisation = dto.organisation;
      if (dto.expertise !== undefined) changes.expertise = [...new Set(dto.expertise)];
      if (dto.locale !== undefined) changes.locale = dto.locale;
      if (dto.chair !== undefined) changes.chair = dto.chair;
      if (dto.active !== undefined) changes.active = dto.active;
      if (changes.roles && !changes.roles.includes('office') && user.roles.includes('office')) {
        const offices = await manager.query(
          `SELECT count(*)::int AS n FROM users WHERE 'office' = ANY(roles) AND active AND id <> $1`,
          [id],
        );
        if (offices[0].n === 0)
          throw problem('last-office-user', {}, 'The last active office user cannot lose the office role.');
      }
      const key =
        changes.organisation === undefined ? {} : { organisationKey: organisationKey(changes.organisation) };
      await manager.update(User, { id }, { ...changes, ...key });
      await writeAudit(manager, {
        actorId,
        entityType: 'user',
        entityId: id,
        action: 'update',
        data: auditedChanges(changes),
      });
      if (changes.active === false) {
        await manager.query(
          'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [id],
        );
      }
      return manager.findOneByOrFail(User, { id });
    });
  }

  /**
   * Mails the invitation again with a new link; the earlier links stop working at once. Only for an
   * active account whose password is not set yet (409 otherwise).
   */
  async invite(id: string, actorId: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      if (user.passwordHash !== null)
        throw problem('password-already-set', {}, 'This user has set a password already.');
      if (!user.active) throw problem('wrong-state', { state: 'inactive' }, 'This account is deactivated.');
      await manager.query(
        `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL`,
        [id],
      );
      await writeAudit(manager, { actorId, entityType: 'user', entityId: id, action: 'invite', data: {} });
      await writeOutbox(manager, OUTBOX.accountInvitation, { userId: id });
      return user;
    });
  }

  /**
   * Makes sure an office user exists: from BOOTSTRAP_OFFICE_* when set, otherwise one with a generated
   * password that is printed once. Returns what to tell the operator.
   */
  async ensureOfficeUser(): Promise<OfficeSignIn> {
    const existing = await this.users
      .createQueryBuilder('u')
      .where(`'office' = ANY(u.roles)`)
      .andWhere('u.active')
      .orderBy('u.created_at')
      .getOne();
    if (existing) return { email: existing.email, password: null, created: false };
    const email = this.config.bootstrapOfficeEmail ?? 'office@beirat.localhost';
    const generated = this.config.bootstrapOfficePassword === null;
    const password = this.config.bootstrapOfficePassword ?? randomBytes(12).toString('base64url');
    const already = await this.users.findOneBy({ email });
    if (already) {
      // The address exists without the office role (e.g. deactivated): give it back the role.
      await this.users.update(
        { id: already.id },
        {
          roles: uniqueRoles([...already.roles, 'office']),
          active: true,
          emailConfirmedAt: already.emailConfirmedAt ?? new Date(),
        },
      );
      this.logger.warn(`No active office user: gave ${email} the office role again.`);
      return { email, password: null, created: true };
    }
    await this.create(
      { email, password, name: 'Clusterbüro', roles: ['office'], organisation: 'Cluster office' },
      null,
    );
    return { email, password: generated ? password : null, created: true };
  }
}

/**
 * What an account change writes to the append-only audit log: the names of the changed fields, and the
 * values only of those that describe no person (roles, flags, language). Name, address, organisation
 * and expertise would stay there after an erasure (issue 18).
 */
function auditedChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const shown = ['roles', 'active', 'chair', 'locale'];
  return {
    fields: Object.keys(changes),
    ...Object.fromEntries(Object.entries(changes).filter(([key]) => shown.includes(key))),
  };
}
