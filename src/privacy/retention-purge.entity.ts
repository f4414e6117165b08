import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A proposal whose retention period ended and whose attachments and free texts were deleted. The
 * primary key is the claim: two runs at once insert the same proposal once, so each is purged once.
 */
@Entity('retention_purges')
export class RetentionPurge {
  @PrimaryColumn({ type: 'uuid' })
  proposalId: string;

  /** `unfunded` or `funded`: which period applied. */
  @Column({ type: 'varchar', length: 10 })
  kind: string;

  @Column({ type: 'int' })
  attachmentCount: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  purgedAt: Date;
}
