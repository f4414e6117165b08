import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Every mail, once: the unique idempotency key (event + recipient) keeps a retried job from sending twice. */
@Entity('mail_log')
@Index('mail_log_created_idx', ['createdAt', 'id'])
export class MailLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('mail_log_idempotency_key_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 60 })
  template: string;

  @Index('mail_log_to_address_idx')
  @Column({ type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'uuid', nullable: true })
  recipientId: string | null;

  @Column({ type: 'varchar', length: 2 })
  locale: string;

  @Column({ type: 'varchar', length: 400, default: '' })
  subject: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: MailStatus;

  /** Message-ID the SMTP server accepted; set once sent. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
