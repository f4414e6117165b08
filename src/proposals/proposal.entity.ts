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
import type { PartnerCosts } from '@/calls/funding-rules';
import type { ProposalStage, ProposalState } from './proposal-transitions';

export const PARTNER_KINDS = ['sme', 'large', 'research', 'public', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner {
  name: string;
  kind: PartnerKind;
  city: string;
  /** Costs by category in whole euros; absent on proposals without a budget. */
  costs?: PartnerCosts;
  /** Requested funding rate in basis points (5000 = 50 %). */
  fundingRate?: number;
  /** Output only, written on save: round(total costs × rate), and the kind whose cap applied. */
  fundingEur?: number;
  capKind?: string;
}

/** An answer to one of the call's questions. */
export type AnswerValue = boolean | number | string;

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

  /** Derived from the partners' budgets when they carry costs; typed only on proposals without budgets. */
  @Column({ type: 'int', default: 0 })
  requestedFundingEur: number;

  /** `outline` (round 0) or `full`; see PROPOSAL_STAGES. */
  @Column({ type: 'varchar', length: 10, default: 'full' })
  stage: ProposalStage;

  /** The proposal began as an outline of a two-stage call (its outline is round 0). */
  @Column({ type: 'boolean', default: false })
  hasOutline: boolean;

  /** Answers to the call's questions, by question key. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers: Record<string, AnswerValue>;

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
