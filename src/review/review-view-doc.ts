import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import { PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { ASSIGNMENT_STATES } from './assignment.entity';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_API_EVENTS, type AssignmentAction } from './assignment-transitions';
import type { AssignmentView } from './assignments.service';
import type { AutoAssignResult } from './auto-assign.service';
import type { ShortReason } from './auto-assign-instance';
import type { BidView } from './bids.service';
import { CONFLICT_KINDS } from './conflict-sql';
import type { ConflictEntry, ConflictView } from './conflicts.service';
import type { ReviewView } from './reviews.service';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

@ApiSchema({ name: 'ConflictView' })
export class ConflictViewDoc implements ConflictView {
  id: string;
  proposalId: string;
  userId: string;
  reason: string;
  declaredBy: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** One conflicted user of a proposal and why: declared, same organisation, or the applicant. */
@ApiSchema({ name: 'ConflictEntry' })
export class ConflictEntryDoc implements ConflictEntry {
  userId: string;
  name: string;
  @ApiProperty({ enum: CONFLICT_KINDS })
  kind: (typeof CONFLICT_KINDS)[number];
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  /** An organisation conflict through a partner the applicant added while revising: shown to the office. */
  partnerAddedInRevision: boolean;
}

@ApiSchema({ name: 'BidView' })
export class BidViewDoc implements BidView {
  proposalId: string;
  reviewerId: string;
  bid: number;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

@ApiSchema({ name: 'AssignedProposal' })
class AssignedProposalDoc {
  title: string;
  acronym: string;
  callId: string;
  @ApiProperty({ enum: PROPOSAL_STATES })
  state: string;
}

@ApiSchema({ name: 'AssignmentView' })
export class AssignmentViewDoc implements AssignmentView {
  id: string;
  proposalId: string;
  reviewerId: string;
  @ApiProperty({ type: String, nullable: true })
  reviewerName: string | null;
  round: number;
  @ApiProperty({ enum: ASSIGNMENT_STATES })
  state: string;
  /** Optimistic-locking version. */
  version: number;
  @ApiProperty({ format: 'date-time' })
  dueAt: string;
  /** Derived: due date passed and the review not submitted. */
  overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  respondedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  declineReason: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  /** Events this user may fire now (accept, decline, submit, revoke, reopen). */
  @ApiProperty({ enum: ASSIGNMENT_API_EVENTS, isArray: true })
  allowedEvents: string[];
  /** What this user may do now besides events: `review` (write the review). */
  @ApiProperty({ enum: ASSIGNMENT_ACTIONS, isArray: true })
  allowedActions: AssignmentAction[];
  @ApiProperty({ type: AssignedProposalDoc, nullable: true })
  proposal: AssignedProposalDoc | null;
}

@ApiSchema({ name: 'PlannedPair' })
class PlannedPairDoc {
  proposalId: string;
  reviewerId: string;
  affinity: number;
  /** A live assignment kept, not a new pair. */
  kept: boolean;
  /** The created assignment, once committed. */
  assignmentId?: string;
}

@ApiSchema({ name: 'ReviewerLoad' })
class ReviewerLoadDoc {
  reviewerId: string;
  name: string;
  before: number;
  after: number;
  capacity: number;
}

@ApiSchema({ name: 'ShortProposal' })
class ShortProposalDoc {
  proposalId: string;
  missing: number;
  @ApiProperty({ enum: ['too-few-eligible-reviewers', 'load-caps'] })
  reason: ShortReason;
}

@ApiSchema({ name: 'AutoAssignResult' })
export class AutoAssignResultDoc implements AutoAssignResult {
  dryRun: boolean;
  callId: string;
  /** Σ affinity of the whole assignment: kept pairs and new ones. */
  objective: number;
  /** New pairs chosen. */
  filled: number;
  /** Slots that were missing before (Σ over proposals of k − kept). */
  needed: number;
  @ApiProperty({ type: [PlannedPairDoc] })
  pairs: PlannedPairDoc[];
  @ApiProperty({ type: [ReviewerLoadDoc] })
  load: ReviewerLoadDoc[];
  @ApiProperty({ type: [ShortProposalDoc] })
  short: ShortProposalDoc[];
  /** SHA-256 of the new pairs: send it back with the commit to insist on exactly what was previewed. */
  fingerprint: string;
}

@ApiSchema({ name: 'ReviewView' })
export class ReviewViewDoc implements ReviewView {
  /** Null until the first save. */
  @ApiProperty({ type: String, nullable: true })
  id: string | null;
  assignmentId: string;
  proposalId: string;
  round: number;
  reviewerId: string;
  reviewerName: string;
  /** Criterion key → score, in rubric order. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  scores: Record<string, number>;
  commentToApplicant: string;
  /** For the board only; never shown to the applicant. */
  confidentialComment: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  updatedAt: string | null;
}

export const AssignmentPageDoc = PageDoc(AssignmentViewDoc, 'AssignmentPage');
