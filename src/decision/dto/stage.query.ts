import { IsIn, IsOptional } from 'class-validator';
import { PROPOSAL_STAGES, type ProposalStage } from '@/proposals/proposal-transitions';

/** `?stage=` of the ranking: `full` when absent; `outline` only for two-stage calls. */
export class StageQuery {
  /** Outlines (round 0) and full proposals never rank together. */
  @IsOptional()
  @IsIn(PROPOSAL_STAGES)
  stage?: ProposalStage;
}
