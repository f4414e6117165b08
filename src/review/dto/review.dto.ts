import { PROPOSAL_STAGES, type ProposalStage } from '@/proposals/proposal-transitions';
import { IsIn, IsInt, IsObject, Max, IsString, Min, MaxLength } from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { Type } from 'class-transformer';

/**
 * A review draft; PUT replaces the whole draft (a field left out is saved empty). The score keys and
 * values are checked against the call's rubric by the service (scale and step), with one field error
 * per bad score.
 */
export class ReviewDto {
  @Omittable()
  @IsObject()
  scores?: Record<string, unknown>;

  @Omittable()
  @IsString()
  @MaxLength(10000)
  commentToApplicant?: string;

  /** For the board only; never shown to the applicant. */
  @Omittable()
  @IsString()
  @MaxLength(10000)
  confidentialComment?: string;
}

export class ListReviewsQuery {
  /** Only this round's reviews; all rounds when left out. */
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  round?: number;

  /** Only this stage's reviews: `outline` (round 0) or `full`. */
  @Omittable()
  @IsIn(PROPOSAL_STAGES)
  stage?: ProposalStage;
}
