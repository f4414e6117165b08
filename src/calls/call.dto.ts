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
import { CALL_STATES, type CallState, RELEASE_MODES, type ReleaseMode } from './call.entity';

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

  @Type(() => Date)
  @IsSaneDate()
  submissionDeadline: Date;

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
