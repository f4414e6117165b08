import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Proposal } from './proposal.entity';

@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('attachments_proposal_id_idx')
  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  proposal?: Proposal;

  /** The name the uploader gave, shown and used for the download; never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** File name under UPLOAD_DIR. */
  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
