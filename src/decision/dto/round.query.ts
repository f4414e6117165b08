import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROPOSAL_STAGES, type ProposalStage } from '@/proposals/proposal-transitions';

/** `?round=`: the proposal's current round when absent. */
export class RoundQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  round?: number;

  /** `outline` (round 0 of a two-stage call) or `full`; with `round`, a round of the full stage. */
  @IsOptional()
  @IsIn(PROPOSAL_STAGES)
  stage?: ProposalStage;
}
