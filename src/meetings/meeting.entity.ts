import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MEETING_STATES = ['planned', 'open', 'closed', 'minutes_approved', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** A steering meeting (Sitzung, DESIGN §13): its calls, agenda, attendance and frozen minutes. */
@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'varchar', length: 200, default: '' })
  location: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  callIds: string[];

  /** The office's order of the agenda (proposal ids); null: the default order, all proposals. */
  @Column({ type: 'uuid', array: true, nullable: true })
  agenda: string[] | null;

  /** Steering members present (recorded while the meeting is open). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  present: string[];

  /** The iCalendar SEQUENCE of the invitation: raised with every change the invitees must hear of. */
  @Column({ type: 'int', default: 0 })
  icsSequence: number;

  @Column({ type: 'varchar', length: 20, default: 'planned' })
  state: MeetingState;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** The approved minutes, frozen: served byte for byte from here. */
  @Column({ type: 'bytea', nullable: true, select: false })
  minutesPdf: Buffer | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  minutesSha256: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  minutesApprovedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
