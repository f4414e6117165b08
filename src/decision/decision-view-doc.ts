import type { FundingKind } from '@/calls/funding-rules';
import { FundingRatesDoc } from '@/calls/call-view-doc';
import { PROPOSAL_STAGES, type ProposalStage } from '@/proposals/proposal-transitions';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { ApplicantConsensus } from '@/consensus/consensus-view';
import type { ApplicantReview } from '@/review/reviews.service';
import { DECISION_OUTCOMES, type DecisionOutcome } from './decision.entity';
import type { DecisionView } from './decisions.service';
import { FUNDING_LINES, type FundingLine, type RankingRow, type RankingView } from './ranking.service';
import type { CriterionScores, RankedCriterion } from './score-query';
import type { ScoresView } from './scores.service';
import { VOTE_CHOICES, type VoteChoice } from './vote.entity';
import type { VoteEntry, VotesView } from './votes.service';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

const nullableNumber = { type: Number, nullable: true } as const;
/** A map from criterion key (rubric order) to `schema`. */
const byCriterion = (schema: object) => ({ type: 'object', additionalProperties: schema }) as const;

/** Votes per choice. */
@ApiSchema({ name: 'VoteCounts' })
class VoteCountsDoc implements Record<VoteChoice, number> {
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
}

@ApiSchema({ name: 'CriterionScores' })
export class CriterionScoresDoc implements CriterionScores {
  @ApiProperty(nullableNumber)
  mean: number | null;
  @ApiProperty(nullableNumber)
  min: number | null;
  @ApiProperty(nullableNumber)
  max: number | null;
  @ApiProperty(nullableNumber)
  spread: number | null;
}

@ApiSchema({ name: 'ScoresView' })
@ApiExtraModels(CriterionScoresDoc)
export class ScoresViewDoc implements ScoresView {
  round: number;
  /** In rubric priority order. */
  @ApiProperty(byCriterion({ $ref: getSchemaPath(CriterionScoresDoc) }))
  criteria: Record<string, CriterionScoresDoc>;
  @ApiProperty(nullableNumber)
  total: number | null;
  aboveThreshold: boolean;
  disagreement: boolean;
  reviewCount: number;
  /** True when a final consensus report gives the round's scores. */
  consensus: boolean;
}

@ApiSchema({ name: 'RankingRow' })
export class RankingRowDoc implements RankingRow {
  rank: number;
  proposalId: string;
  title: string;
  acronym: string;
  state: string;
  round: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  reviewCount: number;
  @ApiProperty(nullableNumber)
  total: number | null;
  aboveThreshold: boolean;
  disagreement: boolean;
  @ApiProperty(
    byCriterion({
      type: 'object',
      properties: { mean: { type: 'number', nullable: true }, spread: { type: 'number', nullable: true } },
      required: ['mean', 'spread'],
    }),
  )
  criteria: Record<string, RankedCriterion>;
  @ApiProperty({ type: VoteCountsDoc })
  votes: Record<VoteChoice, number>;
  /** Σ requestedFundingEur of this row and every row ranked before it. */
  cumulativeRequestedEur: number;
  /** within: fits the budget in rank order; reserve: above the thresholds, past the line; beyond: below them. */
  @ApiProperty({ enum: FUNDING_LINES })
  fundingLine: FundingLine;
  /** The recorded decision of the round, if any. */
  @ApiProperty({ enum: DECISION_OUTCOMES, nullable: true })
  outcome: string | null;
  @ApiProperty(nullableNumber)
  grantedFundingEur: number | null;
  @ApiProperty({ enum: PROPOSAL_STAGES })
  stage: ProposalStage;
  requestedFundingEur: number;
  /** Requested funding per partner kind (the kind whose cap applied); null for proposals without budgets. */
  @ApiProperty({ type: FundingRatesDoc, nullable: true })
  fundingByKind: Record<FundingKind, number> | null;
}

@ApiSchema({ name: 'RankingView' })
export class RankingViewDoc implements RankingView {
  callId: string;
  /** The stage ranked (`?stage=`, default `full`); outlines and full proposals never rank together. */
  @ApiProperty({ enum: PROPOSAL_STAGES })
  stage: ProposalStage;
  /** Criterion keys in priority order (the tie-break order). */
  @ApiProperty({ type: [String] })
  criteria: string[];
  @ApiProperty({ type: [RankingRowDoc] })
  rows: RankingRowDoc[];
  /** The call's budget; null: no funding line. */
  @ApiProperty(nullableNumber)
  budgetEur: number | null;
  /** Σ granted funding of the rows decided so far. */
  grantedEur: number;
  /** budgetEur − grantedEur; null without a budget. */
  @ApiProperty(nullableNumber)
  remainingEur: number | null;
}

@ApiSchema({ name: 'VoteEntry' })
export class VoteEntryDoc implements VoteEntry {
  voterId: string;
  name: string;
  chair: boolean;
  @ApiProperty({ enum: VOTE_CHOICES })
  vote: VoteChoice;
  comment: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
}

@ApiSchema({ name: 'Quorum' })
class QuorumDoc {
  required: number;
  reached: boolean;
}

@ApiSchema({ name: 'VotesView' })
export class VotesViewDoc implements VotesView {
  proposalId: string;
  round: number;
  /** The round has a decision: its votes are read-only. */
  decided: boolean;
  /** Who voted what, by name. */
  @ApiProperty({ type: [VoteEntryDoc] })
  votes: VoteEntryDoc[];
  @ApiProperty({ type: VoteCountsDoc })
  tally: Record<VoteChoice, number>;
  /** Non-conflicted active steering members. */
  eligibleVoters: number;
  /** Votes cast, abstentions included. */
  voted: number;
  @ApiProperty({ type: QuorumDoc })
  quorum: QuorumDoc;
  /** The majority of approve/reject/revise; a tie goes to the option the chair voted; else null. */
  @ApiProperty({ enum: DECISION_OUTCOMES, nullable: true })
  proposedOutcome: DecisionOutcome | null;
}

@ApiSchema({ name: 'ApplicantReview' })
export class ApplicantReviewDoc implements ApplicantReview {
  /** "Reviewer A", "Reviewer B", …: no names. */
  label: string;
  commentToApplicant: string;
}

@ApiSchema({ name: 'DecisionScores' })
class DecisionScoresDoc {
  @ApiProperty(byCriterion({ type: 'object', properties: { mean: { type: 'number', nullable: true } } }))
  criteria: Record<string, { mean: number | null }>;
  @ApiProperty(nullableNumber)
  total: number | null;
  reviewCount: number;
  /** True when the scores are the final consensus report's. */
  consensus: boolean;
}

@ApiSchema({ name: 'ApplicantConsensus' })
class ApplicantConsensusDoc implements ApplicantConsensus {
  commentToApplicant: string;
  @ApiProperty({ type: [String] })
  minorityViews: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  scores: Record<string, number>;
}

@ApiSchema({ name: 'DecidedBy' })
class DecidedByDoc {
  id: string;
  name: string;
}

/** What the applicant reads with a decision; the board additionally who decided and whether it overrode. */
@ApiSchema({ name: 'DecisionView' })
export class DecisionViewDoc implements DecisionView {
  proposalId: string;
  round: number;
  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: DecisionOutcome;
  rationale: string;
  @ApiProperty(nullableNumber)
  grantedFundingEur: number | null;
  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
  /** Until when the applicant may resubmit (open revision requests only). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revisionDeadline: string | null;
  /** Criterion means and weighted total of the round. */
  @ApiProperty({ type: DecisionScoresDoc })
  scores: DecisionScoresDoc;
  /** Comments to the applicant as "Reviewer A, B, …": no names, ids or confidential comments. */
  @ApiProperty({ type: [ApplicantReviewDoc] })
  comments: ApplicantReviewDoc[];
  /** The final consensus report of the round: its text and the minority views, without names. */
  @ApiProperty({ type: ApplicantConsensusDoc, nullable: true })
  consensus: ApplicantConsensusDoc | null;
  /** When the applicant got the decision; null while a batch release is pending. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  releasedAt: string | null;
  /** Board only. */
  @ApiPropertyOptional({ type: DecidedByDoc })
  decidedBy?: DecidedByDoc;
  /** Board only. */
  override?: boolean;
}
