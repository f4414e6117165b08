import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Rubric } from './rubric';
import type { CallQuestion } from './questions';
import type { FundingRates } from './funding-rules';

export const CALL_PROCEDURES = ['single', 'two-stage'] as const;
export type CallProcedure = (typeof CALL_PROCEDURES)[number];

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

  /** Written procedure (Umlaufverfahren): votes close here and the quorum is counted then. */
  @Column({ type: 'timestamptz', nullable: true })
  votingClosesAt: Date | null;

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
  /** `two-stage`: an outline (Skizze) first, then a full proposal for the invited ones. */
  @Column({ type: 'varchar', length: 20, default: 'single' })
  procedure: CallProcedure;

  /** Two-stage calls: outlines are submitted before it. */
  @Column({ type: 'timestamptz', nullable: true })
  outlineDeadline: Date | null;

  /**
   * Two-stage calls: when the deadline job closed the outline stage (at `outlineDeadline`); from then
   * on no new outlines and no outline submissions. Cleared when the office moves the deadline later.
   */
  @Column({ type: 'timestamptz', nullable: true })
  outlineClosedAt: Date | null;

  /** Two-stage calls: full proposals are submitted before it (it is also the submission deadline). */
  @Column({ type: 'timestamptz', nullable: true })
  fullProposalDeadline: Date | null;

  /** Two-stage calls: the rubric outlines are scored on (round 0); null for single-stage calls. */
  @Column({ type: 'jsonb', nullable: true })
  outlineRubric: Rubric | null;

  /** Two-stage calls: reviews per outline (k of the outline stage). */
  @Column({ type: 'int', default: 2 })
  outlineReviews: number;

  /** Eligibility and other questions every proposal answers; fixed once the call opens. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: CallQuestion[];

  /** Cap of a partner's funding rate per partner kind, in basis points (5000 = 50 %). */
  // Spelled as PostgreSQL prints the default, so the migration check sees no difference.
  @Column({
    type: 'jsonb',
    default: () => `'{"sme": 5000, "large": 2500, "other": 2500, "public": 5000, "research": 10000}'`,
  })
  maxFundingRate: FundingRates;

  /** Cap of a partner's subcontracts as a share of its total costs, in basis points (2500 = 25 %). */
  @Column({ type: 'int', default: 2500 })
  maxSubcontractShare: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: CallState;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
