import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Rubric } from './rubric';

export const CALL_STATES = ['draft', 'open', 'closed', 'archived'] as const;
export type CallState = (typeof CALL_STATES)[number];

@Entity('calls')
export class Call {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics: string[];

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  submissionDeadline: Date;

  @Column({ type: 'int', default: 3 })
  reviewsPerProposal: number;

  @Column({ type: 'int', default: 2 })
  minReviews: number;

  @Column({ type: 'int', default: 21 })
  reviewPeriodDays: number;

  @Column({ type: 'int', default: 30 })
  revisionPeriodDays: number;

  @Column({ type: 'int', default: 10 })
  maxLoadPerReviewer: number;

  /** Optional date of the steering meeting; vote reminders go out before it. */
  @Column({ type: 'timestamptz', nullable: true })
  steeringMeetingAt: Date | null;

  /** Written procedure (Umlaufverfahren): votes close here and the quorum is counted then. */
  @Column({ type: 'timestamptz', nullable: true })
  votingClosesAt: Date | null;

  @Column({ type: 'jsonb' })
  rubric: Rubric;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: CallState;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
