import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['applicant', 'office', 'reviewer', 'steering'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id; null for an invited account whose owner has not set a password yet (cannot sign in). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  organisation: string;

  /** `organisationKey(organisation)`, written with it: conflicts of interest compare this in SQL. */
  @Index('users_organisation_key_idx')
  @Column({ type: 'text', default: '' })
  organisationKey: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  /** Expertise keywords, matched case-insensitively against proposal topics. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  @Column({ type: 'varchar', length: 2, default: 'de' })
  locale: Locale;

  /** Chair of the steering group: records decisions, breaks vote ties. */
  @Column({ type: 'boolean', default: false })
  chair: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * When the owner proved the address (the link of the confirmation mail); null: not yet, and then the
   * account cannot sign in. Accounts the office creates are confirmed at creation.
   */
  @Column({ type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  /**
   * The TOTP secret (RFC 6238), AES-256-GCM encrypted with TOTP_ENCRYPTION_KEY (auth/totp-secrets.ts);
   * set at enrolment, in use once `totpEnabled`.
   */
  @Column({ type: 'text', nullable: true })
  totpSecret: string | null;

  @Column({ type: 'boolean', default: false })
  totpEnabled: boolean;

  /** SHA-256 of each unused recovery code; a used one is removed. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  totpRecoveryHashes: string[];

  /** The last TOTP time step accepted, so one code signs in once. */
  @Column({ type: 'integer', nullable: true })
  totpLastStep: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
