import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@/users/user.entity';

/** The privacy notice a person accepted, and when (one row per acceptance; registration writes the first). */
@Entity('privacy_consents')
export class PrivacyConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('privacy_consents_user_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  /** `PRIVACY_NOTICE_VERSION` at the time (privacy/privacy-notice.ts). */
  @Column({ type: 'varchar', length: 20 })
  noticeVersion: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  consentedAt: Date;
}
