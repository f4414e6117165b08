import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * pending: logged, not yet handed to SMTP. sending: being handed to SMTP right now (`dataSentAt` tells
 * whether the message body had started to go out). sent: accepted. failed: SMTP refused or could not be
 * reached (the job retries). unknown: the body went out and the server's answer never came back, so it
 * may or may not have arrived; never resent by itself, only by the office (`resend`).
 */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;
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

  /** What the mail was rendered from (template payload, job id), so the office can resend it. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  /** How often a worker handed (or tried to hand) this mail to the SMTP server. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Set on an office resend: the entry this one repeats. */
  @Index('mail_log_resend_of_idx')
  @Column({ type: 'uuid', nullable: true })
  resendOf: string | null;

  @ManyToOne(() => MailLogEntry, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resend_of' })
  original?: MailLogEntry;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /**
   * When the server took DATA and the body was about to go out (written before its first byte). An
   * entry left `sending` without it certainly did not arrive; with it, it is in doubt.
   */
  @Column({ type: 'timestamptz', nullable: true })
  dataSentAt: Date | null;
}
