import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, ManyToOne } from 'typeorm';
import { Proposal } from '@/proposals/proposal.entity';
import { User } from '@/users/user.entity';

/**
 * A declared conflict of interest (by the user or the office). Conflicts from equal organisations are
 * derived on the fly from users and proposals, so they follow every change of an organisation.
 */
@Entity('conflicts')
@Index('conflicts_proposal_user_key', ['proposalId', 'userId'], { unique: true })
export class Conflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  @Index('conflicts_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'uuid' })
  declaredBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
