import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { PageQuery } from '@/common/pagination';
import { Trim, TrimEach } from '@/common/trim';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity';

/** Given, or `null` to clear; left out: unchanged (update) or none (create). */
const Nullable = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined && value !== null);

/** The largest euro figure accepted (a trillion euros; keeps sums exact in JavaScript numbers). */
export const MAX_EUR = 1_000_000_000_000;

export class CreateOrganisationDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Other names of the same organisation ("VW AG"); compared like the name. */
  @Omittable()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  /** The parent company (corporate group); `null`: none. */
  @Nullable()
  @IsUUID()
  parentId?: string | null;

  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  city?: string;

  @Omittable()
  @IsBoolean()
  inRegion?: boolean;

  /** Staff headcount (annual work units); `null`: unknown. */
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees?: number | null;

  /** Annual turnover in euros; `null`: unknown. */
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_EUR)
  turnoverEur?: number | null;

  /** Annual balance-sheet total in euros; `null`: unknown. */
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_EUR)
  balanceSheetEur?: number | null;

  /** Expertise keywords, compared case-insensitively with proposal topics. */
  @Omittable()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  expertise?: string[];
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto, {
  skipNullProperties: false,
}) {}

export class ListOrganisationsQuery extends PageQuery {
  /** Part of a name or alias. */
  @Omittable()
  @Type(() => String)
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class MergeOrganisationDto {
  /** The entry that stays; this one's name becomes its alias. */
  @IsUUID()
  intoId: string;
}

export class CompetitorDto {
  @IsUUID()
  organisationId: string;
}

export class AddAliasDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  alias: string;
}

export class DeclarePersonalConflictDto {
  /** Whom the conflict concerns; the caller when left out. Only the office declares for others. */
  @Omittable()
  @IsUUID()
  userId?: string;

  /** The organisation's name or alias as in the registry (its whole group conflicts). */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class ListPersonalConflictsQuery {
  /** Office: one person's conflicts; others see their own. */
  @Omittable()
  @IsUUID()
  userId?: string;
}
