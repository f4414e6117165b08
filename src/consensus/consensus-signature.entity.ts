import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsensusReport } from './consensus-report.entity';

/** A co-reviewer's answer to a submitted consensus report: agree, or dissent with a minority view. */
@Entity('consensus_signatures')
export class ConsensusSignature {
  @PrimaryColumn({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => ConsensusReport, { onDelete: 'CASCADE' })
  report?: ConsensusReport;

  @PrimaryColumn({ type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'boolean' })
  agree: boolean;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  minorityView: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  signedAt: Date;
}
