import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { PageQuery } from '@/common/pagination';
import { Trim, TrimEach } from '@/common/trim';
import { PARTNER_KINDS, type PartnerKind } from './proposal.entity';
import { PROPOSAL_STATES, type ProposalState } from './proposal-transitions';

export class PartnerDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @Trim()
  @IsString()
  @MaxLength(100)
  city: string;
}

/** Every field is optional while drafting; `submit` checks completeness. */
export class ProposalFieldsDto {
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  title?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(20)
  acronym?: string;

  @Omittable()
  @IsString()
  @MaxLength(5000)
  abstract?: string;

  /** 1–5 of the call's topics (checked against the call). */
  @Omittable()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @Omittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PartnerDto)
  partners?: PartnerDto[];

  @Omittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  requestedFundingEur?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(60)
  durationMonths?: number;
}

export class CreateProposalDto extends ProposalFieldsDto {}

export class UpdateProposalDto extends ProposalFieldsDto {
  /** Refused with 409 when the proposal changed meanwhile. */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion?: number;
}

export class ProposalEventDto {
  @Omittable()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion?: number;
}

export class ListProposalsQuery extends PageQuery {
  @Omittable()
  @IsUUID()
  callId?: string;

  @Omittable()
  @IsIn(PROPOSAL_STATES)
  state?: ProposalState;
}
