import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The recorded vote result of one agenda item (counts of those present and not conflicted). */
@Entity('meeting_items')
export class MeetingItem {
  @PrimaryColumn('uuid')
  meetingId: string;

  @PrimaryColumn('uuid')
  proposalId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'int' })
  approve: number;

  @Column({ type: 'int' })
  reject: number;

  @Column({ type: 'int' })
  revise: number;

  @Column({ type: 'int' })
  abstain: number;

  /** Present, non-conflicted members at the time of the result (the quorum base). */
  @Column({ type: 'int' })
  presentEligible: number;

  @Column({ type: 'int' })
  eligible: number;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decisionId: string | null;
}
