import { IsInt, IsObject, IsOptional, IsString, Min, MaxLength } from 'class-validator';
import { Type } from 'class-transformer';

/**
 * A review draft; PUT replaces the whole draft (a field left out is saved empty). The score keys and
 * values are checked against the call's rubric by the service (scale and step), with one field error
 * per bad score.
 */
export class ReviewDto {
  @IsOptional()
  @IsObject()
  scores?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  commentToApplicant?: string;

  /** For the board only; never shown to the applicant. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  confidentialComment?: string;
}

export class ListReviewsQuery {
  /** Only this round's reviews; all rounds when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  round?: number;
}
