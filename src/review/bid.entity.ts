import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn, ManyToOne } from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';
import { User } from '@/users/user.entity';

/** A reviewer's preference for a proposal, −2 ("rather not") … +2 ("eager"). */
@Entity('bids')
export class Bid {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Index('bids_reviewer_id_idx')
  @PrimaryColumn({ type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  reviewer?: User;

  @Column({ type: 'smallint' })
  bid: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
