import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import { CALL_STATES } from './call.entity';
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
  @ApiProperty({ type: RubricDoc })
  rubric: RubricDoc;
  /** Consensus reports after the last review (DESIGN §12). */
  consensus: boolean;
  consensusPeriodDays: number;
  @ApiProperty({ type: Number, nullable: true })
  budgetEur: number | null;
  @ApiProperty({ enum: ['immediately', 'batch'] })
  releaseDecisions: 'immediately' | 'batch';
  @ApiProperty({ enum: CALL_STATES })
  state: string;
  /** Optimistic-locking version (send as expectedVersion). */
  version: number;
  /** Events this user may fire now: open, close, archive (office only). */
  @ApiProperty({ enum: ['open', 'close', 'archive'], isArray: true })
  allowedEvents: string[];
}

export const CallPageDoc = PageDoc(CallViewDoc, 'CallPage');
