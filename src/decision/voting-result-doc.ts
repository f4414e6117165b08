import { ApiProperty } from '@nestjs/swagger';
import type { VotingResultView } from './voting-deadline';

export class VotingTallyDoc {
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
}

export class VotingResultViewDoc implements VotingResultView {
  @ApiProperty({ format: 'uuid' })
  proposalId: string;
  round: number;
  @ApiProperty({ format: 'date-time' })
  closesAt: string;
  eligibleVoters: number;
  voted: number;
  required: number;
  quorumReached: boolean;
  @ApiProperty({ type: VotingTallyDoc })
  tally: Record<string, number>;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'rejected', 'revision_requested'] })
  proposedOutcome: string | null;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}
