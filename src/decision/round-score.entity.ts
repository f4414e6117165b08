import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';

/**
 * The scores of one proposal round as the ranking needs them, written in the transaction that ends
 * the round's review (complete-review or close-review) by the same SQL that computes them live
 * (`score-query.ts`). Reviews cannot change after that (submit and reopen need the proposal in
 * review) and the rubric is fixed once the call is open, so the row is final: the ranking reads 2,000
 * of these instead of aggregating 30,000 scores. A ranked proposal without a row is computed live.
 */
@Entity('round_scores')
export class RoundScore {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @PrimaryColumn({ type: 'int' })
  round: number;

  @Column({ type: 'int' })
  reviewCount: number;

  /** Σ wᵢ·meanᵢ / Σ wᵢ at 30 decimals (exact for ordering); null when a criterion has no score. */
  @Column({ type: 'numeric', nullable: true })
  total: string | null;

  @Column({ type: 'boolean' })
  above: boolean;

  @Column({ type: 'boolean' })
  disagreement: boolean;

  /** Criterion means at 30 decimals in rubric order, −1 where unscored: the tie-break key. */
  @Column({ type: 'numeric', array: true })
  means: string[];

  /** For display: means rounded to 3 decimals, and spreads (max − min), in rubric order. */
  @Column({ type: 'numeric', array: true })
  mean3: (string | null)[];

  @Column({ type: 'numeric', array: true })
  spread: (string | null)[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
