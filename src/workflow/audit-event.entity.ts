import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE (see the migration). */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'seq'])
export class AuditEvent {
  /** Insertion order; history reads oldest first by it. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Null for the system (scheduled work). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 30 })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  toState: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;
}
