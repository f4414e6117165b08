import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, ManyToOne } from 'typeorm';
import { Assignment } from './assignment.entity';
import { User } from '@/users/user.entity';

export const ACTION_TOKEN_PURPOSES = ['accept-invitation', 'decline-invitation', 'open-review'] as const;
export type ActionTokenPurpose = (typeof ACTION_TOKEN_PURPOSES)[number];

/** One-click link from a mail: ≥128 random bits, only the SHA-256 stored, single use, expiring. */
@Entity('action_tokens')
export class ActionToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('action_tokens_token_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 30 })
  purpose: ActionTokenPurpose;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Index('action_tokens_assignment_id_idx')
  @Column({ type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  assignment?: Assignment;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
