import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsSaneDate, Omittable } from '@/common/field-rules';
import { PageQuery } from '@/common/pagination';
import { IsIn, IsOptional } from 'class-validator';
import { Trim, TrimEach } from '@/common/trim';
import {
  CALL_PROCEDURES,
  CALL_STATES,
  type CallProcedure,
  type CallState,
  RELEASE_MODES,
  type ReleaseMode,
} from './call.entity';
import { QUESTION_TYPES, type QuestionType, TEXT_ANSWER_MAX } from './questions';

export class CriterionLabelDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  de: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  en: string;
}

export class CriterionDto {
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'key must be lower-case letters, digits and _ (≤ 50)' })
  key: string;

  @ValidateNested()
  @Type(() => CriterionLabelDto)
  label: CriterionLabelDto;

  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.0001)
  @Max(100)
  weight: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  min: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  max: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(100)
  step: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  threshold: number;
}

export class RubricDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  overallThreshold: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(100)
  disagreementDelta: number;
}

export class EligibleIfDto {
  /** The answer must equal it (boolean, number or text). */
  @Omittable()
  equals?: boolean | number | string;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  oneOf?: string[];

  @Omittable()
  @IsNumber()
  min?: number;

  @Omittable()
  @IsNumber()
  max?: number;
}

export class QuestionDto {
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'key must be lower-case letters, digits and _ (≤ 50)' })
  key: string;

  @ValidateNested()
  @Type(() => CriterionLabelDto)
  label: CriterionLabelDto;

  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @IsBoolean()
  required: boolean;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(TEXT_ANSWER_MAX)
  maxLength?: number;

  @Omittable()
  @IsNumber()
  min?: number;

  @Omittable()
  @IsNumber()
  max?: number;

  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  choices?: string[];

  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibleIfDto)
  eligibleIf?: EligibleIfDto;
}

/** Caps in basis points (5000 = 50 %) per partner kind. */
export class FundingRatesDto {
  @IsInt() @Min(0) @Max(10_000) sme: number;
  @IsInt() @Min(0) @Max(10_000) large: number;
  @IsInt() @Min(0) @Max(10_000) research: number;
  @IsInt() @Min(0) @Max(10_000) public: number;
  @IsInt() @Min(0) @Max(10_000) other: number;
}

export class CreateCallDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Omittable()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @TrimEach()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  topics: string[];

  @Type(() => Date)
  @IsSaneDate()
  opensAt: Date;

  /** Single-stage calls; a two-stage call's submission deadline is its fullProposalDeadline. */
  @Omittable()
  @Type(() => Date)
  @IsSaneDate()
  submissionDeadline?: Date;

  /** `two-stage`: outlines first (outlineDeadline), full proposals of the invited (fullProposalDeadline). */
  @Omittable()
  @IsIn(CALL_PROCEDURES)
  procedure?: CallProcedure;

  @Omittable()
  @Type(() => Date)
  @IsSaneDate()
  outlineDeadline?: Date;

  @Omittable()
  @Type(() => Date)
  @IsSaneDate()
  fullProposalDeadline?: Date;

  /** Reviews per outline (k of the outline stage; default 2). */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10)
  outlineReviews?: number;

  /** Questions every proposal answers; fixed once the call opens. */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  /** Caps of the funding rate per partner kind, basis points (defaults 5000/2500/10000/5000/2500). */
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => FundingRatesDto)
  maxFundingRate?: FundingRatesDto;

  /** Subcontracts' largest share of a partner's total costs, basis points (default 2500 = 25 %). */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  maxSubcontractShare?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10)
  reviewsPerProposal?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10)
  minReviews?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(500)
  maxLoadPerReviewer?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(365)
  reviewPeriodDays?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(365)
  revisionPeriodDays?: number;

  /** `null` clears the meeting date: the one nullable column among these fields. */
  @IsOptional()
  @Type(() => Date)
  @IsSaneDate()
  steeringMeetingAt?: Date;

  /** Written procedure: votes after this time are refused and the quorum is counted at it (`null` clears it). */
  @IsOptional()
  @Type(() => Date)
  @IsSaneDate()
  votingClosesAt?: Date;
  /** Consensus reports after the last review (DESIGN §12); fixed once the call is open. */
  @Omittable()
  @IsBoolean()
  consensus?: boolean;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(365)
  consensusPeriodDays?: number;

  /** The call's budget in EUR; `null` clears it (no funding line). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  budgetEur?: number | null;

  @Omittable()
  @IsIn(RELEASE_MODES)
  releaseDecisions?: ReleaseMode;

  /** An object (an array would pass ValidateNested with no criteria at all). */
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricDto)
  rubric?: RubricDto;

  /** Two-stage calls: the rubric outlines are scored on (default: a copy of the rubric). */
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricDto)
  outlineRubric?: RubricDto;
}

/** Every field of a call, each optional; validators are inherited from CreateCallDto. */
export class UpdateCallDto extends PartialType(CreateCallDto, { skipNullProperties: false }) {
  /** Optimistic concurrency: refused with 409 when the call changed meanwhile. */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion?: number;
}

export class ListCallsQuery extends PageQuery {
  @Omittable()
  @IsIn(CALL_STATES)
  state?: CallState;
}
