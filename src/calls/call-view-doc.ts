import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import { CALL_PROCEDURES, CALL_STATES } from './call.entity';
import type { FundingRates } from './funding-rules';
import { type CallQuestion, type EligibleIf, QUESTION_TYPES, type QuestionType } from './questions';
import type { CallView } from './calls.service';
import type { Criterion, Rubric } from './rubric';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

@ApiSchema({ name: 'CriterionLabel' })
class CriterionLabelDoc {
  de: string;
  en: string;
}

@ApiSchema({ name: 'Criterion' })
export class CriterionDoc implements Criterion {
  key: string;
  @ApiProperty({ type: CriterionLabelDoc })
  label: CriterionLabelDoc;
  weight: number;
  min: number;
  max: number;
  step: number;
  threshold: number;
}

/** Criteria in priority order (the order breaks ranking ties), plus the overall rules. */
@ApiSchema({ name: 'Rubric' })
export class RubricDoc implements Rubric {
  @ApiProperty({ type: [CriterionDoc] })
  criteria: CriterionDoc[];
  overallThreshold: number;
  disagreementDelta: number;
}

@ApiSchema({ name: 'EligibleIf' })
class EligibleIfDoc implements EligibleIf {
  @ApiPropertyOptional({ oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }] })
  equals?: boolean | number | string;
  @ApiPropertyOptional({ type: [String] })
  oneOf?: string[];
  min?: number;
  max?: number;
}

@ApiSchema({ name: 'CallQuestion' })
export class CallQuestionDoc implements CallQuestion {
  key: string;
  @ApiProperty({ type: CriterionLabelDoc })
  label: CriterionLabelDoc;
  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  @ApiPropertyOptional({ type: [String] })
  choices?: string[];
  @ApiPropertyOptional({ type: EligibleIfDoc })
  eligibleIf?: EligibleIfDoc;
}

/** Caps of the funding rate per partner kind in basis points (5000 = 50 %). */
@ApiSchema({ name: 'FundingRates' })
export class FundingRatesDoc implements FundingRates {
  sme: number;
  large: number;
  research: number;
  public: number;
  other: number;
}

@ApiSchema({ name: 'CallView' })
export class CallViewDoc implements CallView {
  id: string;
  title: string;
  description: string;
  @ApiProperty({ type: [String] })
  topics: string[];
  @ApiProperty({ format: 'date-time' })
  opensAt: string;
  @ApiProperty({ format: 'date-time' })
  submissionDeadline: string;
  reviewsPerProposal: number;
  minReviews: number;
  maxLoadPerReviewer: number;
  reviewPeriodDays: number;
  revisionPeriodDays: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  steeringMeetingAt: string | null;
  /** Written procedure: when the votes close (quorum counted then). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  votingClosesAt: string | null;
  @ApiProperty({ type: RubricDoc })
  rubric: RubricDoc;

  @ApiProperty({ type: RubricDoc, nullable: true, description: 'Two-stage calls: the rubric outlines are scored on.' })
  outlineRubric: RubricDoc | null;
  /** Consensus reports after the last review (DESIGN §12). */
  consensus: boolean;
  consensusPeriodDays: number;
  @ApiProperty({ type: Number, nullable: true })
  budgetEur: number | null;
  @ApiProperty({ enum: ['immediately', 'batch'] })
  releaseDecisions: 'immediately' | 'batch';
  @ApiProperty({ enum: CALL_PROCEDURES })
  procedure: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  outlineDeadline: string | null;
  /** When the deadline job closed the outline stage (no new outlines, no outline submissions). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  outlineClosedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  fullProposalDeadline: string | null;
  outlineReviews: number;
  @ApiProperty({ type: [CallQuestionDoc] })
  questions: CallQuestionDoc[];
  @ApiProperty({ type: FundingRatesDoc })
  maxFundingRate: FundingRatesDoc;
  /** Basis points of a partner's total costs (2500 = 25 %). */
  maxSubcontractShare: number;
  @ApiProperty({ enum: CALL_STATES })
  state: string;
  /** Optimistic-locking version (send as expectedVersion). */
  version: number;
  /** Events this user may fire now: open, close, archive (office only). */
  @ApiProperty({ enum: ['open', 'close', 'archive'], isArray: true })
  allowedEvents: string[];
}

export const CallPageDoc = PageDoc(CallViewDoc, 'CallPage');
