import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DecisionOutcome } from './decision.entity';
import type { VoteChoice } from './vote.entity';

/** The quorum of a written procedure, counted once per proposal and round at the call's `votingClosesAt`. */
@Entity('voting_results')
@Unique('UQ_voting_results_proposal_round_closes', ['proposalId', 'round', 'closesAt'])
export class VotingResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  callId: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'int' })
  eligibleVoters: number;

  @Column({ type: 'int' })
  voted: number;

  @Column({ type: 'int' })
  required: number;

  @Column({ type: 'boolean' })
  quorumReached: boolean;

  @Column({ type: 'jsonb' })
  tally: Record<VoteChoice, number>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  proposedOutcome: DecisionOutcome | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
