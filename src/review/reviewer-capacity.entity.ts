import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Call } from '@/calls/call.entity';
import { User } from '@/users/user.entity';

/** A board member's own, lower load for one call; auto-assign uses min(this, the call's cap). */
@Entity('reviewer_capacities')
export class ReviewerCapacity {
  @PrimaryColumn('uuid')
  callId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  call?: Call;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'integer' })
  maxLoad: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
