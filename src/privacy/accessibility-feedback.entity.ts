import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message from the accessibility statement's feedback form (BITV 2.0 § 7): anonymous unless a contact is given. */
@Entity('accessibility_feedback')
export class AccessibilityFeedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 5000 })
  message: string;

  /** How to answer, if the sender wants an answer (an address or a phone number); empty: anonymous. */
  @Column({ type: 'varchar', length: 254, default: '' })
  contact: string;

  @Column({ type: 'varchar', length: 2, default: 'de' })
  locale: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
