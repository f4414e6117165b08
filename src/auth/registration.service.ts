import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { organisationKey } from '@/common/org-name';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';
import { hashPassword } from '@/users/passwords';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { RegisterDto, RegistrationAnswer } from './auth.dto';
import { RegistrationRateLimiter } from './registration-rate-limiter';

/** The one answer of every accepted registration: nothing in it tells whether the address was new. */
export const REGISTRATION_ANSWER: RegistrationAnswer = {
  status: 'check-your-mail',
  detail:
    'A mail is on its way to this address: a link that confirms the new account, or for an address with an account already, what to do next.',
};

interface Registered {
  id: string;
  created: boolean;
  confirmed: boolean;
}

/**
 * Self-registration without telling who has an account (issue 11): a new address gets an unconfirmed
 * applicant and a "confirm your address" mail; a known one gets no account but a mail to its owner
 * ("someone tried to register with your address"), or, while still unconfirmed, a fresh confirmation
 * link. Both paths hash the password and run the same statements, so they also take the same time.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: RegistrationRateLimiter,
  ) {}

  async register(dto: RegisterDto, address: string): Promise<RegistrationAnswer> {
    await this.limiter.take(address);
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (manager) => {
      // A concurrent registration of the same address commits between snapshot and conflict check
      // only rarely; the statement then finds no row, and its repetition sees the committed one.
      const user =
        (await this.insertOrFind(manager, dto, passwordHash)) ??
        (await this.insertOrFind(manager, dto, passwordHash));
      // No address in the message: errors are logged.
      if (!user) throw new Error('Registration found no row for the address');
      await writeAudit(manager, {
        // A known address: the attempt is not its owner's doing, so no actor.
        actorId: user.created ? user.id : null,
        entityType: 'user',
        entityId: user.id,
        action: user.created ? 'register' : 'register-again',
        data: user.created ? { roles: ['applicant'] } : {},
      });
      // The notice the page showed beside the button (DESIGN §14): its version and the time.
      if (user.created)
        await manager.query('INSERT INTO privacy_consents (user_id, notice_version) VALUES ($1, $2)', [
          user.id,
          PRIVACY_NOTICE_VERSION,
        ]);
      const kind = user.confirmed ? OUTBOX.registrationAttempt : OUTBOX.confirmAddress;
      await writeOutbox(manager, kind, { userId: user.id });
    });
    return REGISTRATION_ANSWER;
  }

  /** Inserts the applicant unless the address exists, and answers whichever row it is — one statement. */
  private async insertOrFind(
    manager: EntityManager,
    dto: RegisterDto,
    passwordHash: string,
  ): Promise<Registered | undefined> {
    const rows: Registered[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO users (email, password_hash, name, organisation, organisation_key, roles, locale)
         VALUES ($1, $2, $3, $4, $5, '{applicant}', $6)
         ON CONFLICT (email) DO NOTHING
         RETURNING id)
       SELECT id, true AS created, false AS confirmed FROM inserted
       UNION ALL
       SELECT id, false, email_confirmed_at IS NOT NULL FROM users WHERE email = $1
       LIMIT 1`,
      [
        dto.email,
        passwordHash,
        dto.name,
        dto.organisation,
        organisationKey(dto.organisation),
        dto.locale ?? 'de',
      ],
    );
    return rows[0];
  }
}
