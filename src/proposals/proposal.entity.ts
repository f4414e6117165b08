import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Call } from '@/calls/call.entity';
import { User } from '@/users/user.entity';
import type { ProposalState } from './proposal-transitions';

export const PARTNER_KINDS = ['sme', 'large', 'research'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner {
  name: string;
  kind: PartnerKind;
  city: string;
}

@Entity('proposals')
@Index('proposals_call_state_idx', ['callId', 'state'])
@Index('proposals_created_idx', ['createdAt', 'id'])
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'RESTRICT' })
  call?: Call;

  @Index('proposals_applicant_id_idx')
  @Column({ type: 'uuid' })
  applicantId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  applicant?: User;

  @Column({ type: 'varchar', length: 200, default: '' })
  title: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  acronym: string;

  @Column({ type: 'varchar', length: 5000, default: '' })
  abstract: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  partners: Partner[];

  /** `partnerKeys(partners)`, written with them: conflicts of interest compare these in SQL. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partnerKeys: string[];

  @Column({ type: 'int', default: 0 })
  requestedFundingEur: number;

  @Column({ type: 'int', default: 12 })
  durationMonths: number;

  /** 1, then +1 with each resubmission after a revision request. */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'varchar', length: 30, default: 'draft' })
  state: ProposalState;

  /** Optimistic concurrency: +1 with every change. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** When the current round was submitted; the last ranking tie-break. */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** Set with a revision request: resubmission is refused after it. */
  @Column({ type: 'timestamptz', nullable: true })
  revisionDeadline: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
