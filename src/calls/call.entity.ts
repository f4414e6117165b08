import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Rubric } from './rubric';

export const RELEASE_MODES = ['immediately', 'batch'] as const;
export type ReleaseMode = (typeof RELEASE_MODES)[number];

/** bigint columns read back as text; amounts in EUR stay far below 2^53. */
const EUR_BIGINT = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

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

  @Column({ type: 'jsonb' })
  rubric: Rubric;

  /** Consensus reports (DESIGN §12): the last review moves a proposal to in_consensus. */
  @Column({ type: 'boolean', default: false })
  consensus: boolean;

  /** Days after the report's submission from which the office may close a consensus. */
  @Column({ type: 'int', default: 14 })
  consensusPeriodDays: number;

  /** The money the call can fund; null: no funding line (every above-threshold row is within). */
  @Column({ type: 'bigint', nullable: true, transformer: EUR_BIGINT })
  budgetEur: number | null;

  /** `batch`: recorded decisions reach the applicant only when the office releases the letters. */
  @Column({ type: 'varchar', length: 20, default: 'immediately' })
  releaseDecisions: ReleaseMode;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: CallState;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
