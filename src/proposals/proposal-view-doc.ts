import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import type { AttachmentView } from './attachments.service';
import { type Partner, PARTNER_KINDS, type PartnerKind } from './proposal.entity';
import {
  PROPOSAL_ACTIONS,
  PROPOSAL_API_EVENTS,
  PROPOSAL_STAGES,
  PROPOSAL_STATES,
  type ProposalAction,
} from './proposal-transitions';
import type { HistoryEntry, ProposalView } from './proposals.service';
import type { PartnerCosts } from '@/calls/funding-rules';
import type { EligibilityFinding } from '@/calls/questions';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

@ApiSchema({ name: 'PartnerCosts' })
export class PartnerCostsDoc implements PartnerCosts {
  personnel: number;
  material: number;
  travel: number;
  subcontracts: number;
  depreciation: number;
  other: number;
}

@ApiSchema({ name: 'Partner' })
export class PartnerDoc implements Partner {
  name: string;
  @ApiProperty({ enum: PARTNER_KINDS })
  kind: PartnerKind;
  city: string;
  @ApiPropertyOptional({ type: PartnerCostsDoc })
  costs?: PartnerCostsDoc;
  /** Requested funding rate in basis points (5000 = 50 %). */
  fundingRate?: number;
  /** Read-only: round(total costs × rate), half up, in whole euros. */
  fundingEur?: number;
  /** Read-only: the partner kind whose cap applied (the registry's SME status where known). */
  capKind?: string;
}

@ApiSchema({ name: 'EligibilityFinding' })
export class EligibilityFindingDoc implements EligibilityFinding {
  key: string;
  @ApiProperty({ type: 'object', properties: { de: { type: 'string' }, en: { type: 'string' } } })
  label: { de: string; en: string };
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }], nullable: true })
  answer: boolean | number | string | null;
}

@ApiSchema({ name: 'AttachmentView' })
export class AttachmentViewDoc implements AttachmentView {
  id: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

@ApiSchema({ name: 'ProposalView' })
export class ProposalViewDoc implements ProposalView {
  id: string;
  callId: string;
  applicantId: string;
  title: string;
  acronym: string;
  abstract: string;
  @ApiProperty({ type: [String] })
  topics: string[];
  @ApiProperty({ type: [PartnerDoc] })
  partners: PartnerDoc[];
  requestedFundingEur: number;
  durationMonths: number;
  /** `outline` (round 0 of a two-stage call) or `full` (rounds 1, 2, …). */
  @ApiProperty({ enum: PROPOSAL_STAGES })
  stage: 'outline' | 'full';
  /** Answers to the call's questions by key. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  answers: Record<string, boolean | number | string>;
  round: number;
  @ApiProperty({ enum: PROPOSAL_STATES })
  state: string;
  /** Optimistic-locking version (send as expectedVersion). */
  version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revisionDeadline: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  /** Events this user may fire now (for buttons). */
  @ApiProperty({ enum: PROPOSAL_API_EVENTS, isArray: true })
  allowedEvents: string[];
  /** What this user may do now besides events (pages show forms by it; requests are still checked). */
  @ApiProperty({ enum: PROPOSAL_ACTIONS, isArray: true })
  allowedActions: ProposalAction[];
  /** On GET of one proposal. */
  @ApiPropertyOptional({ type: [AttachmentViewDoc] })
  attachments?: AttachmentViewDoc[];
  /** On GET of one proposal: answers failing a question's eligibleIf (formal-check findings). */
  @ApiPropertyOptional({ type: [EligibilityFindingDoc] })
  eligibilityFindings?: EligibilityFindingDoc[];
  /** On GET of one proposal: required questions still unanswered. */
  @ApiPropertyOptional({ type: [String] })
  unansweredQuestions?: string[];
}

@ApiSchema({ name: 'HistoryEntry' })
export class HistoryEntryDoc implements HistoryEntry {
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ type: String, nullable: true })
  actorId: string | null;
  action: string;
  @ApiProperty({ type: String, nullable: true })
  fromState: string | null;
  @ApiProperty({ type: String, nullable: true })
  toState: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

export const ProposalPageDoc = PageDoc(ProposalViewDoc, 'ProposalPage');
