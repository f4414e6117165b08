import type { ProposalStage } from '@/proposals/proposal-transitions';
import { roundOfStage, stageRoundsSql } from '@/proposals/proposal-stage';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { isOnScale, rubricOfRound, rubricOfRoundSql, type Rubric } from '@/calls/rubric';
import { FieldError, invalidInput, notFound, problem } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import { ProposalWorkflow } from '@/proposals/proposal-workflow';
import { lockAssignment } from './assignment-access';
import { Assignment } from './assignment.entity';
import { assignmentMachine, WRITABLE_ASSIGNMENT_STATES } from './assignment-transitions';
import { actorsOf, AssignmentWorkflow } from './assignment-workflow';
import { ConflictService } from './conflicts.service';
import type { ReopenReviewDto } from './dto/assignment.dto';
import type { ReviewDto } from './dto/review.dto';
import { reviewerLabel, visibleReviews } from './review-access';

export interface ReviewView {
  id: string | null;
  assignmentId: string;
  proposalId: string;
  round: number;
  reviewerId: string;
  reviewerName: string;
  /** In rubric order. */
  scores: Record<string, number>;
  commentToApplicant: string;
  /** For the board only; never shown to the applicant. */
  confidentialComment: string;
  submittedAt: string | null;
  updatedAt: string | null;
}

/** What the applicant may read of a review: no identity, no confidential comment. */
export interface ApplicantReview {
  label: string;
  commentToApplicant: string;
}

interface ReviewRow {
  id: string | null;
  assignment_id: string;
  proposal_id: string;
  round: number;
  reviewer_id: string;
  reviewer_name: string;
  comment_to_applicant: string | null;
  confidential_comment: string | null;
  submitted_at: Date | null;
  updated_at: Date | null;
  scores: Record<string, number> | null;
}

/** Reviews with their scores as one JSON object; `a` is the assignment, ordered as reviewers were invited. */
const REVIEW_SELECT = `
  SELECT r.id, a.id AS assignment_id, a.proposal_id, a.round, a.reviewer_id, u.name AS reviewer_name,
         r.comment_to_applicant, r.confidential_comment, r.submitted_at, r.updated_at,
         (SELECT jsonb_object_agg(s.criterion_key, s.score) FROM review_scores s WHERE s.review_id = r.id) AS scores
    FROM assignments a
    JOIN users u ON u.id = a.reviewer_id
    LEFT JOIN reviews r ON r.assignment_id = a.id`;

/** One field error per score that is not a criterion of the rubric, not a number, or off scale/step. */
export function scoreErrors(rubric: Rubric, scores: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const criterion = rubric.criteria.find((c) => c.key === key);
    const field = `scores.${key}`;
    if (!criterion) errors.push({ field, messages: ['not a criterion of this call'] });
    else if (typeof value !== 'number' || !isOnScale(criterion, value)) {
      errors.push({
        field,
        messages: [
          `must be a number from ${criterion.min} to ${criterion.max} in steps of ${criterion.step}`,
        ],
      });
    }
  }
  return errors;
}

@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly proposals: ProposalWorkflow,
    private readonly assignments: AssignmentWorkflow,
    private readonly conflicts: ConflictService,
  ) {}

  /** Saves (replaces) the assignee's draft while the assignment is accepted. */
  async saveDraft(assignmentId: string, dto: ReviewDto, user: AuthUser): Promise<ReviewView> {
    await this.dataSource.transaction(async (manager) => {
      const { assignment, proposal } = await lockAssignment(manager, assignmentId, user);
      if (assignment.reviewerId !== user.id)
        throw problem('not-assignee', {}, 'Only the assigned reviewer writes this review.');
      if (!WRITABLE_ASSIGNMENT_STATES.includes(assignment.state)) throw this.notWritable(assignment, user);
      const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
      const scores = dto.scores ?? {};
      const errors = scoreErrors(rubricOfRound(call, assignment.round), scores);
      if (errors.length > 0) {
        throw invalidInput(errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; '), errors);
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO reviews (assignment_id, comment_to_applicant, confidential_comment) VALUES ($1, $2, $3)
         ON CONFLICT (assignment_id) DO UPDATE
           SET comment_to_applicant = EXCLUDED.comment_to_applicant,
               confidential_comment = EXCLUDED.confidential_comment, updated_at = now()
         RETURNING id`,
        [assignmentId, dto.commentToApplicant ?? '', dto.confidentialComment ?? ''],
      );
      await manager.query('DELETE FROM review_scores WHERE review_id = $1', [id]);
      const keys = Object.keys(scores);
      if (keys.length > 0) {
        await manager.query(
          `INSERT INTO review_scores (review_id, criterion_key, score)
           SELECT $1, k, v FROM unnest($2::text[], $3::numeric[]) AS s(k, v)`,
          [id, keys, keys.map((k) => scores[k])],
        );
      }
    });
    return this.own(assignmentId, user);
  }

  /** The review of one assignment: the assignee's own (an empty draft before the first save), or a submitted one for the office. */
  async own(assignmentId: string, user: AuthUser, manager?: EntityManager): Promise<ReviewView> {
    const m = manager ?? this.dataSource.manager;
    const [row]: ReviewRow[] = await m.query(`${REVIEW_SELECT} WHERE a.id = $1`, [assignmentId]);
    if (!row) throw notFound('Assignment');
    const own = row.reviewer_id === user.id;
    if (!own && !user.roles.includes('office')) throw notFound('Assignment');
    if (!own && row.submitted_at === null) throw notFound('Review');
    const [call]: { rubric: Rubric }[] = await m.query(
      `SELECT ${rubricOfRoundSql('c', '$2::int')} AS rubric FROM calls c JOIN proposals p ON p.call_id = c.id
        WHERE p.id = $1`,
      [row.proposal_id, row.round],
    );
    return toReviewView(row, call.rubric);
  }

  /**
   * Submits the assignee's review: every criterion and a comment to the applicant (400 naming what is
   * missing). The k-th submitted review of the round moves the proposal to awaiting_decision — exactly
   * once, because the proposal row is locked before the count.
   */
  async submit(assignmentId: string, user: AuthUser): Promise<ReviewView> {
    await this.dataSource.transaction(async (manager) => {
      const { assignment, proposal } = await lockAssignment(manager, assignmentId, user);
      if (assignment.reviewerId !== user.id)
        throw problem('not-assignee', {}, 'Only the assigned reviewer submits this review.');
      if (assignmentMachine.transitionFor('submit', assignment.state)) {
        const context = await this.assignments.spec.loadGuardContext(manager, assignment);
        if (context.missingForSubmission.length > 0) {
          throw problem(
            'review-fields-missing',
            { missing: context.missingForSubmission },
            `The review is incomplete: ${context.missingForSubmission.join(', ')}.`,
            {
              errors: context.missingForSubmission.map((field) => ({
                field,
                messages: ['required to submit'],
              })),
            },
          );
        }
      }
      await this.assignments.fire({ id: assignmentId, event: 'submit', actor: user, manager });
      const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
      const [{ submitted }]: { submitted: number }[] = await manager.query(
        `SELECT count(*)::int AS submitted FROM assignments a JOIN reviews r ON r.assignment_id = a.id
          WHERE a.proposal_id = $1 AND a.round = $2 AND a.state = 'submitted' AND r.submitted_at IS NOT NULL`,
        [proposal.id, proposal.round],
      );
      // k of the stage: outlineReviews for an outline, reviewsPerProposal for a full proposal.
      const k = proposal.stage === 'outline' ? call.outlineReviews : call.reviewsPerProposal;
      if (submitted >= k && proposal.state === 'in_review') {
        // Consensus reports are for full proposals; an outline is decided on its means.
        const event = call.consensus && proposal.stage !== 'outline' ? 'start-consensus' : 'complete-review';
        await this.proposals.fire({ id: proposal.id, event, actor: null, manager });
      }
    });
    return this.own(assignmentId, user);
  }

  /** Office reopens a submitted review (submitted → accepted) while the proposal is in review. */
  async reopen(assignmentId: string, dto: ReopenReviewDto, user: AuthUser): Promise<Assignment> {
    if (dto.dueAt && dto.dueAt.getTime() <= Date.now()) {
      throw problem('due-in-past', {}, 'The due date must lie in the future.', {
        errors: [{ field: 'dueAt', messages: ['must be in the future'] }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      await lockAssignment(manager, assignmentId, user);
      return this.assignments.fire({
        id: assignmentId,
        event: 'reopen',
        actor: user,
        reason: dto.reason,
        data: dto.dueAt ? { dueAt: dto.dueAt.toISOString() } : {},
        manager,
      });
    });
  }

  /**
   * A proposal's reviews by docs/CONTRACT.md §5: 404 when the caller may not read the proposal; 403 for the
   * applicant (they read the comments with the decision) and for conflicted users who wrote none of its
   * reviews; otherwise the reviews `visibleReviews` allows (possibly none; a conflicted author their own).
   */
  async listForProposal(
    proposalId: string,
    user: AuthUser,
    round?: number,
    stage?: ProposalStage,
  ): Promise<ReviewView[]> {
    const proposal = await this.access.findReadable(proposalId, user);
    // `?stage=` alone: every round of that stage; with `round`: that round of the full stage.
    if (stage !== undefined) roundOfStage(proposal, stage, round);
    let conflicted = false;
    if (!user.roles.includes('office')) {
      if (!user.roles.includes('reviewer') && !user.roles.includes('steering')) {
        throw problem(
          'comments-after-decision',
          {},
          'Applicants read the comments of the reviews with the decision.',
        );
      }
      conflicted = await this.conflicts.isConflicted(user.id, proposalId);
    }
    const rows: ReviewRow[] = await this.dataSource.query(
      `${REVIEW_SELECT} WHERE a.proposal_id = $1 AND r.id IS NOT NULL AND ($2::int IS NULL OR a.round = $2)
          AND ${stageRoundsSql('a.round', stage)}
        ORDER BY a.round, a.created_at, a.id`,
      [proposalId, round ?? null],
    );
    if (conflicted && !rows.some((row) => row.reviewer_id === user.id)) {
      throw problem(
        'conflict-of-interest',
        {},
        'You have a conflict of interest with this proposal; its reviews are not shown to you.',
      );
    }
    const call = await this.dataSource.getRepository(Call).findOneByOrFail({ id: proposal.callId });
    const facts = rows.map((row) => ({
      row,
      reviewerId: row.reviewer_id,
      round: row.round,
      submittedAt: row.submitted_at,
    }));
    return visibleReviews(facts, user, proposal, conflicted).map(({ row }) =>
      toReviewView(row, rubricOfRound(call, row.round)),
    );
  }

  /**
   * The applicant's view of one round's submitted reviews, for the decision module: comments to the
   * applicant labelled "Reviewer A, B, …" in invitation order — no names, no ids, no confidential text.
   * The caller decides when the applicant may see it (with the decision).
   */
  async reviewsForApplicant(
    proposalId: string,
    round: number,
    manager?: EntityManager,
  ): Promise<ApplicantReview[]> {
    return (await this.reviewsForApplicantMany([{ proposalId, round }], manager))[0];
  }

  /** `reviewsForApplicant` for many (proposal, round) pairs, in their order: one query for all. */
  async reviewsForApplicantMany(
    pairs: { proposalId: string; round: number }[],
    manager?: EntityManager,
  ): Promise<ApplicantReview[][]> {
    if (pairs.length === 0) return [];
    const rows: { proposal_id: string; round: number; comment: string }[] = await (
      manager ?? this.dataSource.manager
    ).query(
      `SELECT a.proposal_id, a.round, r.comment_to_applicant AS comment
         FROM assignments a JOIN reviews r ON r.assignment_id = a.id
        WHERE (a.proposal_id, a.round) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))
          AND a.state = 'submitted' AND r.submitted_at IS NOT NULL
        ORDER BY a.created_at, a.id`,
      [pairs.map((p) => p.proposalId), pairs.map((p) => p.round)],
    );
    const byPair = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.proposal_id}|${row.round}`;
      byPair.set(key, [...(byPair.get(key) ?? []), row.comment]);
    }
    return pairs.map(({ proposalId, round }) =>
      (byPair.get(`${proposalId}|${round}`) ?? []).map((comment, i) => ({
        label: reviewerLabel(i),
        commentToApplicant: comment,
      })),
    );
  }

  private notWritable(assignment: Assignment, user: AuthUser) {
    const detail =
      assignment.state === 'invited'
        ? 'Accept the invitation before writing the review.'
        : assignment.state === 'submitted'
          ? 'The review is submitted; the office can reopen it.'
          : `The assignment is ${assignment.state}; the review cannot be changed.`;
    return problem('review-not-writable', { state: assignment.state }, detail, {
      state: assignment.state,
      version: assignment.version,
      allowedEvents: assignmentMachine.allowedEvents(assignment.state, actorsOf(assignment, user)),
    });
  }
}

function toReviewView(row: ReviewRow, rubric: Rubric): ReviewView {
  const raw = row.scores ?? {};
  const scores: Record<string, number> = {};
  for (const c of rubric.criteria) if (raw[c.key] !== undefined) scores[c.key] = Number(raw[c.key]);
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    proposalId: row.proposal_id,
    round: row.round,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    scores,
    commentToApplicant: row.comment_to_applicant ?? '',
    confidentialComment: row.confidential_comment ?? '',
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}
