import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@/users/user.entity';

export const ERASURE_STATES = ['requested', 'executed'] as const;
export type ErasureState = (typeof ERASURE_STATES)[number];

/**
 * A request to erase a person's data (Art. 17) and, once executed, the record of the erasure: who
 * executed it, why, when, and the pseudonym that now stands for the person. Kept for good.
 */
@Entity('erasure_requests')
@Index('erasure_requests_open_key', ['userId'], { unique: true, where: "state = 'requested'" })
export class ErasureRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  user?: User;

  @Column({ type: 'varchar', length: 10, default: 'requested' })
  state: ErasureState;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt: Date | null;

  /** The office member who executed it; null for the retention job. */
  @Column({ type: 'uuid', nullable: true })
  executedBy: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  reason: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  pseudonym: string | null;
}
