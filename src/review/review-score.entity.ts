import { Column, Entity, PrimaryColumn, ManyToOne } from 'typeorm';
import { Review } from './review.entity';

/** One score per review and criterion, as `numeric` so means and totals are exact in SQL. */
@Entity('review_scores')
export class ReviewScore {
  @PrimaryColumn({ type: 'uuid' })
  reviewId: string;

  @ManyToOne(() => Review, { onDelete: 'CASCADE' })
  review?: Review;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  criterionKey: string;

  @Column({ type: 'numeric', precision: 8, scale: 3 })
  score: string;
}
