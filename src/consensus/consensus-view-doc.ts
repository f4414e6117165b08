import { ApiProperty } from '@nestjs/swagger';
import { CONSENSUS_STATES } from './consensus-report.entity';
import { CONSENSUS_ACTIONS, type ConsensusMember, type ConsensusView } from './consensus-view';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

export class ConsensusMemberDoc implements ConsensusMember {
  @ApiProperty({ format: 'uuid' })
  reviewerId: string;
  name: string;
  rapporteur: boolean;
  @ApiProperty({ type: Boolean, nullable: true })
  agree: boolean | null;
  @ApiProperty({ type: String, nullable: true })
  minorityView: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt: string | null;
}

export class ConsensusViewDoc implements ConsensusView {
  @ApiProperty({ format: 'uuid' })
  proposalId: string;
  round: number;
  @ApiProperty({ enum: CONSENSUS_STATES })
  state: (typeof CONSENSUS_STATES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  rapporteurId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  scores: Record<string, number | null>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  means: Record<string, number | null>;
  commentToApplicant: string;
  prefilled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finalizedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closableFrom: string | null;
  @ApiProperty({ type: [ConsensusMemberDoc] })
  members: ConsensusMemberDoc[];
  @ApiProperty({ enum: CONSENSUS_ACTIONS, isArray: true })
  allowedActions: (typeof CONSENSUS_ACTIONS)[number][];
}
