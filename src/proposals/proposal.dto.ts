import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
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
import { MAX_COST_EUR } from '@/calls/funding-rules';
import { PARTNER_KINDS, type PartnerKind } from './proposal.entity';
import { PROPOSAL_STATES, type ProposalState } from './proposal-transitions';

export class PartnerCostsDto {
  @IsInt() @Min(0) @Max(MAX_COST_EUR) personnel: number;
  @IsInt() @Min(0) @Max(MAX_COST_EUR) material: number;
  @IsInt() @Min(0) @Max(MAX_COST_EUR) travel: number;
  @IsInt() @Min(0) @Max(MAX_COST_EUR) subcontracts: number;
  @IsInt() @Min(0) @Max(MAX_COST_EUR) depreciation: number;
  @IsInt() @Min(0) @Max(MAX_COST_EUR) other: number;
}

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

  /** Costs by category in whole euros (DESIGN §11); with them the requested funding is derived. */
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => PartnerCostsDto)
  costs?: PartnerCostsDto;

  /** Requested funding rate in basis points (5000 = 50 %), at most the call's cap for the partner's kind. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  fundingRate?: number;
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

  /** Only for proposals whose partners carry no costs (legacy); with budgets it is derived (400 when typed). */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  requestedFundingEur?: number;

  /** Answers to the call's questions by key (merged into the saved ones; `null` clears one). */
  @Omittable()
  @IsObject()
  answers?: Record<string, boolean | number | string | null>;

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
