import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
} from 'typeorm';
import { Assignment } from './assignment.entity';

/** One per assignment; a draft until `submittedAt` is set. Scores live in `review_scores`. */
@Entity('reviews')
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('reviews_assignment_id_key', { unique: true })
  @Column({ type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  assignment?: Assignment;

  @Column({ type: 'varchar', length: 10000, default: '' })
  commentToApplicant: string;

  /** For the board only; never shown to the applicant. */
  @Column({ type: 'varchar', length: 10000, default: '' })
  confidentialComment: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
