import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
} from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';
import { User } from '@/users/user.entity';

export const ASSIGNMENT_STATES = ['invited', 'accepted', 'declined', 'submitted', 'revoked'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

@Entity('assignments')
@Index('assignments_proposal_round_idx', ['proposalId', 'round'])
// One live assignment per (proposal, reviewer, round); a revoked one may be replaced.
@Index('assignments_live_pair_key', ['proposalId', 'reviewerId', 'round'], {
  unique: true,
  where: "state <> 'revoked'",
})
export class Assignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Index('assignments_reviewer_id_idx')
  @Column({ type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  reviewer?: User;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'varchar', length: 20, default: 'invited' })
  state: AssignmentState;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  declineReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
