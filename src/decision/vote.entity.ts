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

export const VOTE_CHOICES = ['approve', 'reject', 'revise', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

@Entity('votes')
@Index('votes_proposal_round_voter_key', ['proposalId', 'round', 'voterId'], { unique: true })
export class Vote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'uuid' })
  voterId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  voter?: User;

  @Column({ type: 'varchar', length: 10 })
  vote: VoteChoice;

  @Column({ type: 'varchar', length: 2000, default: '' })
  comment: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
