import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect to run after commit (a mail, a reminder to schedule or cancel). Written in the same
 * transaction as the change; the relay moves undispatched rows into BullMQ with jobId = id.
 */
@Entity('outbox')
@Index('outbox_pending_idx', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Job name in the job catalogue, e.g. `mail.submission-receipt`. */
  @Column({ type: 'varchar', length: 80 })
  kind: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
