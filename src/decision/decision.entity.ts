import { Column, Entity, Index, PrimaryGeneratedColumn, ManyToOne } from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';

/** Full proposals: approved, rejected, revision_requested; outlines (DESIGN §11): invited, not_invited. */
export const DECISION_OUTCOMES = [
  'approved',
  'rejected',
  'revision_requested',
  'invited',
  'not_invited',
] as const;
export const OUTLINE_OUTCOMES: readonly DecisionOutcome[] = ['invited', 'not_invited'];
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

@Entity('decisions')
@Index('decisions_proposal_round_key', ['proposalId', 'round'], { unique: true })
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'varchar', length: 30 })
  outcome: DecisionOutcome;

  @Column({ type: 'varchar', length: 5000 })
  rationale: string;

  @Column({ type: 'int', nullable: true })
  grantedFundingEur: number | null;

  /** True when the outcome differs from the steering majority. */
  @Column({ type: 'boolean', default: false })
  override: boolean;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  /**
   * When the applicant got the decision and its letter: at once (release `immediately`) or when the
   * office released the call's letters (`batch`). Null: recorded, not yet visible to the applicant.
   */
  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  /** The office's personal paragraph for the letter (batch release), '' when none. */
  @Column({ type: 'varchar', length: 3000, default: '' })
  letterParagraph: string;
}
