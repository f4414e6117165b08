import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
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
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(20)
  acronym?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  abstract?: string;

  /** 1–5 of the call's topics (checked against the call). */
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PartnerDto)
  partners?: PartnerDto[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  requestedFundingEur?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  durationMonths?: number;
}

export class CreateProposalDto extends ProposalFieldsDto {}

export class UpdateProposalDto extends ProposalFieldsDto {
  /** Refused with 409 when the proposal changed meanwhile. */
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

export class ProposalEventDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

export class ListProposalsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  callId?: string;

  @IsOptional()
  @IsIn(PROPOSAL_STATES)
  state?: ProposalState;
}
