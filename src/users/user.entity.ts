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

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
