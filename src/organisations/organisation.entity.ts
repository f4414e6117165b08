import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '@/users/user.entity';

export const ORGANISATION_KINDS = ['sme', 'large', 'research', 'public', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * An entry of the organisation registry (DESIGN §10): users' organisations and proposal partners'
 * names resolve to it through its name and aliases (compared by `organisationKey`). `parentId` makes
 * corporate groups; `groupId` is the root of the parent chain, kept by the service on every change.
 */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Index('organisations_parent_id_idx')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  parent?: Organisation;

  /** The root of the parent chain (itself when it has no parent): the corporate group. */
  @Index('organisations_group_id_idx')
  @Column({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 200, default: '' })
  city: string;

  @Column({ type: 'boolean', default: false })
  inRegion: boolean;

  @Column({ type: 'integer', nullable: true })
  employees: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: unknown) => v, from: toNumber } })
  turnoverEur: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: unknown) => v, from: toNumber } })
  balanceSheetEur: number | null;

  /** Expertise keywords, matched case-insensitively against proposal topics (partner suggestions). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

function toNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * The comparison keys of every registry name and alias (`organisationKey`), each naming one entry and
 * its group: the conflict SQL (review/conflict-sql.ts) resolves users' and partners' keys here. Rebuilt
 * by the service in the transaction of every registry change, so conflicts follow the registry.
 */
@Entity('organisation_keys')
export class OrganisationKey {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Index('organisation_keys_organisation_id_idx')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  organisation?: Organisation;

  @Index('organisation_keys_group_id_idx')
  @Column({ type: 'uuid' })
  groupId: string;
}

/** Two organisations declared competitors: their groups conflict (stored once, lower id first). */
@Entity('organisation_competitors')
@Check('organisation_competitors_ordered', '"organisation_id" < "competitor_id"')
export class OrganisationCompetitor {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  organisation?: Organisation;

  @Index('organisation_competitors_competitor_id_idx')
  @PrimaryColumn({ type: 'uuid' })
  competitorId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  competitor?: Organisation;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A personal conflict of a board member with an organisation (and its whole group), declared by the
 * member or by the office: every proposal whose applicant or partner resolves into that group conflicts.
 */
@Entity('personal_conflicts')
@Index('personal_conflicts_user_organisation_key', ['userId', 'organisationId'], { unique: true })
export class PersonalConflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Index('personal_conflicts_organisation_id_idx')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'uuid' })
  declaredBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
