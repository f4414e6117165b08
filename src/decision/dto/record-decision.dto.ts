import { IsBoolean, IsIn, IsInt, IsString, Max, Min, MaxLength } from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { Trim } from '@/common/trim';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../decision.entity';

export class RecordDecisionDto {
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  /** Shown to the applicant with the decision; required (non-empty) for an override. */
  @Trim()
  @IsString()
  @MaxLength(5000)
  rationale: string;

  /** Required for `approved`, at most the requested funding; not allowed for the other outcomes. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  grantedFundingEur?: number;

  /** Must be true to decide other than the steering majority. */
  @Omittable()
  @IsBoolean()
  override?: boolean;
}
