import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';

/** drafting: the rapporteur writes; signing: the co-reviewers answer; final: it replaces the means. */
export const CONSENSUS_STATES = ['drafting', 'signing', 'final'] as const;
export type ConsensusState = (typeof CONSENSUS_STATES)[number];

/**
 * The consensus report of one proposal round (DESIGN §12): one voice of the round's reviewers, drafted
 * by the rapporteur the office names, signed or dissented by the others. Once final its scores are the
 * round's scores (round_scores is rewritten) and its text is what the applicant reads.
 */
@Entity('consensus_reports')
@Index('consensus_reports_proposal_round_key', ['proposalId', 'round'], { unique: true })
export class ConsensusReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'varchar', length: 20, default: 'drafting' })
  state: ConsensusState;

  /** Null until the office names one; a reviewer of the round with a submitted review. */
  @Column({ type: 'uuid', nullable: true })
  rapporteurId: string | null;

  /** Criterion key → score on the rubric's scale and step; null until the rapporteur saves a draft. */
  @Column({ type: 'jsonb', nullable: true })
  scores: Record<string, number> | null;

  @Column({ type: 'varchar', length: 10000, nullable: true })
  commentToApplicant: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finalizedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
