import { Injectable, OnModuleInit } from '@nestjs/common';
import { rubricOfRound } from '@/calls/rubric';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { isOnScale, type Rubric } from '@/calls/rubric';
import { FieldError, invalidInput, notFound, problem } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import { Proposal } from '@/proposals/proposal.entity';
import { ProposalWorkflow } from '@/proposals/proposal-workflow';
import { ConflictService } from '@/review/conflicts.service';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { ConsensusReport } from './consensus-report.entity';
import { ConsensusSignature } from './consensus-signature.entity';
import type { ConsensusDraftDto, SignConsensusDto } from './consensus.dto';
import type { ApplicantConsensus, ConsensusAction, ConsensusMember, ConsensusView } from './consensus-view';

const DAY_MS = 86_400_000;

/** The reviewers of a round: those whose review of it is submitted, in the order they were invited. */
const MEMBERS_SQL = `
  SELECT a.reviewer_id, u.name FROM assignments a JOIN users u ON u.id = a.reviewer_id
    JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
   WHERE a.proposal_id = $1 AND a.round = $2 AND a.state = 'submitted'
   ORDER BY a.created_at, a.id`;

/** Per criterion: the exact mean of the round's submitted reviews (numeric, as text). */
const MEANS_SQL = `
  SELECT rs.criterion_key AS key, avg(rs.score)::text AS mean
    FROM assignments a JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
    JOIN review_scores rs ON rs.review_id = r.id
   WHERE a.proposal_id = $1 AND a.round = $2 AND a.state = 'submitted'
   GROUP BY rs.criterion_key`;

const COMMENTS_SQL = `
  SELECT r.comment_to_applicant AS comment FROM assignments a JOIN reviews r ON r.assignment_id = a.id
   WHERE a.proposal_id = $1 AND a.round = $2 AND a.state = 'submitted' AND r.submitted_at IS NOT NULL
   ORDER BY a.created_at, a.id`;

/** One field error per score that is not a criterion, off the scale or off the step; and missing ones. */
export function consensusScoreErrors(
  rubric: Rubric,
  scores: Record<string, unknown>,
  complete: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const criterion = rubric.criteria.find((c) => c.key === key);
    const field = `scores.${key}`;
    if (!criterion) errors.push({ field, messages: ['not a criterion of this call'] });
    else if (typeof value !== 'number' || !isOnScale(criterion, value))
      errors.push({
        field,
        messages: [
          `must be a number from ${criterion.min} to ${criterion.max} in steps of ${criterion.step}`,
        ],
      });
  }
  if (complete)
    for (const c of rubric.criteria)
      if (scores[c.key] === undefined)
        errors.push({ field: `scores.${c.key}`, messages: ['required to submit'] });
  return errors;
}

/**
 * Consensus reports (DESIGN §12). The report row is written when the proposal enters in_consensus; the
 * office names the rapporteur, who drafts and submits; the other reviewers of the round sign or dissent;
 * when all answered (or the office closes after consensusPeriodDays) the report is final and the
 * proposal fires finish-consensus. Every write locks the report row, so parallel answers serialize and
 * exactly one of them finalizes.
 */
@Injectable()
export class ConsensusService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly workflow: ProposalWorkflow,
    private readonly conflicts: ConflictService,
  ) {}

  onModuleInit(): void {
    for (const event of ['start-consensus', 'close-review-to-consensus'] as const) {
      this.workflow.on(event, async (tx) => {
        await tx.manager.query(
          `INSERT INTO consensus_reports (proposal_id, round) VALUES ($1, $2)
           ON CONFLICT (proposal_id, round) DO NOTHING`,
          [tx.before.id, tx.before.round],
        );
      });
    }
  }

  /** GET: the office and the round's reviewers; 404 for everyone else and before the consensus. */
  async view(proposalId: string, user: AuthUser, manager?: EntityManager): Promise<ConsensusView> {
    const m = manager ?? this.dataSource.manager;
    const proposal = await this.access.findReadable(proposalId, user, m);
    const report = await m.findOne(ConsensusReport, {
      where: { proposalId, round: proposal.round },
    });
    if (!report) throw notFound('Consensus');
    const members = await this.members(m, report);
    const office = user.roles.includes('office');
    if (!office && !members.some((x) => x.reviewerId === user.id)) throw notFound('Consensus');
    const call = await m.findOneByOrFail(Call, { id: proposal.callId });
    const meanRows: { key: string; mean: string }[] = await m.query(MEANS_SQL, [proposalId, report.round]);
    const means: Record<string, number | null> = {};
    const prefill: Record<string, number | null> = {};
    for (const c of rubricOfRound(call, report.round).criteria) {
      const mean = meanRows.find((r) => r.key === c.key)?.mean;
      means[c.key] = mean === undefined ? null : Math.round(Number(mean) * 1000) / 1000;
      // The nearest value on the step (half up), so the pre-filled draft can be submitted unchanged.
      prefill[c.key] =
        mean === undefined ? null : c.min + Math.round((Number(mean) - c.min) / c.step + 1e-9) * c.step;
    }
    const prefilled = report.scores === null && report.commentToApplicant === null;
    let comment = report.commentToApplicant ?? '';
    if (report.commentToApplicant === null) {
      const rows: { comment: string }[] = await m.query(COMMENTS_SQL, [proposalId, report.round]);
      comment = rows
        .map((r) => r.comment.trim())
        .filter((c) => c !== '')
        .join('\n\n');
    }
    return {
      proposalId,
      round: report.round,
      state: report.state,
      rapporteurId: report.rapporteurId,
      scores: report.scores ?? prefill,
      means,
      commentToApplicant: comment,
      prefilled,
      submittedAt: report.submittedAt?.toISOString() ?? null,
      finalizedAt: report.finalizedAt?.toISOString() ?? null,
      closableFrom: report.submittedAt
        ? new Date(report.submittedAt.getTime() + call.consensusPeriodDays * DAY_MS).toISOString()
        : null,
      members,
      allowedActions: this.actions(report, members, user, proposal),
    };
  }

  /** PUT …/consensus/rapporteur by the office: a reviewer of the round, not conflicted; while drafting. */
  async nameRapporteur(proposalId: string, reviewerId: string, user: AuthUser): Promise<ConsensusView> {
    await this.dataSource.transaction(async (manager) => {
      const { report } = await this.lock(manager, proposalId, user);
      if (report.state !== 'drafting') throw wrongState(report);
      const members = await this.members(manager, report);
      if (!members.some((x) => x.reviewerId === reviewerId))
        throw invalidInput('The rapporteur must be a reviewer of this proposal and round.', [
          { field: 'reviewerId', messages: ['not a reviewer of this proposal and round'] },
        ]);
      if (await this.conflicts.isConflicted(reviewerId, proposalId, manager))
        throw problem(
          'reviewer-conflicted',
          {},
          'This reviewer has a conflict of interest with the proposal.',
        );
      await manager.update(ConsensusReport, { id: report.id }, { rapporteurId: reviewerId });
      await this.audit(manager, user, report, 'name-rapporteur', { reviewerId });
      await writeOutbox(manager, OUTBOX.consensusRapporteur, {
        proposalId,
        round: report.round,
        userId: reviewerId,
      });
    });
    return this.view(proposalId, user);
  }

  /** PUT …/consensus by the rapporteur while drafting: replaces scores and comment. */
  async saveDraft(proposalId: string, dto: ConsensusDraftDto, user: AuthUser): Promise<ConsensusView> {
    await this.dataSource.transaction(async (manager) => {
      const { report, call } = await this.lockAsRapporteur(manager, proposalId, user);
      const scores = dto.scores ?? {};
      const errors = consensusScoreErrors(rubricOfRound(call, report.round), scores, false);
      if (errors.length > 0)
        throw invalidInput(errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; '), errors);
      await manager.update(
        ConsensusReport,
        { id: report.id },
        { scores: scores as Record<string, number>, commentToApplicant: dto.commentToApplicant ?? '' },
      );
    });
    return this.view(proposalId, user);
  }

  /** POST …/consensus/submit by the rapporteur: every score and a comment; asks the others to sign. */
  async submit(proposalId: string, user: AuthUser): Promise<ConsensusView> {
    await this.dataSource.transaction(async (manager) => {
      const { report, call } = await this.lockAsRapporteur(manager, proposalId, user);
      const errors = consensusScoreErrors(rubricOfRound(call, report.round), report.scores ?? {}, true);
      if ((report.commentToApplicant ?? '').trim() === '')
        errors.push({ field: 'commentToApplicant', messages: ['required to submit'] });
      if (errors.length > 0)
        throw problem(
          'review-fields-missing',
          { missing: errors.map((e) => e.field) },
          'The consensus report is incomplete.',
          {
            errors,
          },
        );
      await manager.update(ConsensusReport, { id: report.id }, { state: 'signing', submittedAt: new Date() });
      await this.audit(manager, user, report, 'submit-consensus', {});
      await writeOutbox(manager, OUTBOX.consensusSubmitted, { proposalId, round: report.round });
      await this.finalizeIfComplete(manager, { ...report, state: 'signing' }, user);
    });
    return this.view(proposalId, user);
  }

  /** POST …/consensus/sign by a co-reviewer while signing; may change the answer until it is final. */
  async sign(proposalId: string, dto: SignConsensusDto, user: AuthUser): Promise<ConsensusView> {
    if (!dto.agree && (dto.minorityView ?? '').trim() === '')
      throw invalidInput('A dissent needs a minority view.', [
        { field: 'minorityView', messages: ['required when agree is false'] },
      ]);
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.access.findReadable(proposalId, user, manager);
      const report = await this.lockReport(manager, proposal);
      const members = await this.members(manager, report);
      if (!members.some((x) => x.reviewerId === user.id)) throw notFound('Consensus');
      if (report.rapporteurId === user.id)
        throw problem('not-assignee', {}, 'The rapporteur does not sign their own report.');
      if (report.state !== 'signing') throw wrongState(report);
      await manager.query(
        `INSERT INTO consensus_signatures (report_id, reviewer_id, agree, minority_view, signed_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (report_id, reviewer_id) DO UPDATE
           SET agree = EXCLUDED.agree, minority_view = EXCLUDED.minority_view, signed_at = now()`,
        [report.id, user.id, dto.agree, dto.agree ? null : dto.minorityView!.trim()],
      );
      await this.audit(manager, user, report, dto.agree ? 'sign-consensus' : 'dissent-consensus', {});
      await this.finalizeIfComplete(manager, report, user);
    });
    return this.view(proposalId, user);
  }

  /** POST …/consensus/close by the office: a submitted report, once consensusPeriodDays have passed. */
  async close(proposalId: string, user: AuthUser): Promise<ConsensusView> {
    await this.dataSource.transaction(async (manager) => {
      const { report, call } = await this.lock(manager, proposalId, user);
      if (report.state !== 'signing' || !report.submittedAt) throw wrongState(report);
      const from = new Date(report.submittedAt.getTime() + call.consensusPeriodDays * DAY_MS);
      if (Date.now() < from.getTime())
        throw problem(
          'consensus-period-running',
          { until: from.toISOString() },
          `The consensus can be closed from ${from.toISOString()} on.`,
          {
            state: report.state,
          },
        );
      await this.finalize(manager, report, user);
    });
    return this.view(proposalId, user);
  }

  /** The final consensus of a round as the applicant reads it, or null (no consensus, or not final). */
  async forApplicant(
    proposalId: string,
    round: number,
    manager?: EntityManager,
  ): Promise<ApplicantConsensus | null> {
    return (await this.forApplicantMany([{ proposalId, round }], manager))[0];
  }

  /** `forApplicant` for many (proposal, round) pairs, in their order: two queries for all of them. */
  async forApplicantMany(
    pairs: { proposalId: string; round: number }[],
    manager?: EntityManager,
  ): Promise<(ApplicantConsensus | null)[]> {
    if (pairs.length === 0) return [];
    const m = manager ?? this.dataSource.manager;
    const reports = await m.find(ConsensusReport, {
      where: pairs.map(({ proposalId, round }) => ({ proposalId, round, state: 'final' as const })),
    });
    const dissents =
      reports.length === 0
        ? []
        : await m.find(ConsensusSignature, {
            where: { reportId: In(reports.map((r) => r.id)), agree: false },
            order: { signedAt: 'ASC', reviewerId: 'ASC' },
          });
    const byPair = new Map(reports.map((r) => [`${r.proposalId}|${r.round}`, r]));
    return pairs.map(({ proposalId, round }) => {
      const report = byPair.get(`${proposalId}|${round}`);
      if (!report) return null;
      return {
        commentToApplicant: report.commentToApplicant ?? '',
        minorityViews: dissents.filter((d) => d.reportId === report.id).map((d) => d.minorityView ?? ''),
        scores: report.scores ?? {},
      };
    });
  }

  private async finalizeIfComplete(
    manager: EntityManager,
    report: ConsensusReport,
    user: AuthUser,
  ): Promise<void> {
    const members = await this.members(manager, report);
    if (members.every((x) => x.rapporteur || x.agree !== null)) await this.finalize(manager, report, user);
  }

  private async finalize(manager: EntityManager, report: ConsensusReport, user: AuthUser): Promise<void> {
    await manager.update(ConsensusReport, { id: report.id }, { state: 'final', finalizedAt: new Date() });
    await this.audit(manager, user, report, 'finalize-consensus', {});
    await writeOutbox(manager, OUTBOX.consensusFinished, {
      proposalId: report.proposalId,
      round: report.round,
    });
    await this.workflow.fire({ id: report.proposalId, event: 'finish-consensus', actor: null, manager });
  }

  private async members(manager: EntityManager, report: ConsensusReport): Promise<ConsensusMember[]> {
    const rows: { reviewer_id: string; name: string }[] = await manager.query(MEMBERS_SQL, [
      report.proposalId,
      report.round,
    ]);
    const signatures = await manager.find(ConsensusSignature, { where: { reportId: report.id } });
    return rows.map((r) => {
      const s = signatures.find((x) => x.reviewerId === r.reviewer_id);
      return {
        reviewerId: r.reviewer_id,
        name: r.name,
        rapporteur: r.reviewer_id === report.rapporteurId,
        agree: s ? s.agree : null,
        minorityView: s?.minorityView ?? null,
        signedAt: s?.signedAt.toISOString() ?? null,
      };
    });
  }

  private actions(
    report: ConsensusReport,
    members: ConsensusMember[],
    user: AuthUser,
    proposal: Proposal,
  ): ConsensusAction[] {
    const out: ConsensusAction[] = [];
    if (proposal.state !== 'in_consensus') return out;
    const office = user.roles.includes('office');
    if (office && report.state === 'drafting') out.push('name-rapporteur');
    if (report.rapporteurId === user.id && report.state === 'drafting') out.push('edit', 'submit');
    const member = members.find((x) => x.reviewerId === user.id);
    if (member && !member.rapporteur && report.state === 'signing') out.push('sign');
    if (office && report.state === 'signing') out.push('close');
    return out;
  }

  /** Office only: the proposal (locked) and its report of the current round. */
  private async lock(manager: EntityManager, proposalId: string, user: AuthUser) {
    if (!user.roles.includes('office')) throw problem('forbidden-role', {}, 'Only the office does this.');
    const proposal = await this.access.findReadable(proposalId, user, manager);
    const report = await this.lockReport(manager, proposal);
    const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
    return { proposal, report, call };
  }

  private async lockAsRapporteur(manager: EntityManager, proposalId: string, user: AuthUser) {
    const proposal = await this.access.findReadable(proposalId, user, manager);
    const report = await this.lockReport(manager, proposal);
    if (report.rapporteurId !== user.id) {
      const members = await this.members(manager, report);
      if (!members.some((x) => x.reviewerId === user.id) && !user.roles.includes('office'))
        throw notFound('Consensus');
      throw problem('not-assignee', {}, 'Only the rapporteur writes the consensus report.');
    }
    if (report.state !== 'drafting') throw wrongState(report);
    const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
    return { report, call };
  }

  private async lockReport(manager: EntityManager, proposal: Proposal): Promise<ConsensusReport> {
    const report = await manager.findOne(ConsensusReport, {
      where: { proposalId: proposal.id, round: proposal.round },
      lock: { mode: 'pessimistic_write' },
    });
    if (!report) throw notFound('Consensus');
    return report;
  }

  private audit(
    manager: EntityManager,
    user: AuthUser,
    report: ConsensusReport,
    action: string,
    data: Record<string, unknown>,
  ) {
    return writeAudit(manager, {
      actorId: user.id,
      entityType: 'consensus',
      entityId: report.id,
      action,
      data: { proposalId: report.proposalId, round: report.round, ...data },
    });
  }
}

function wrongState(report: ConsensusReport) {
  return problem('wrong-state', { state: report.state }, `The consensus report is ${report.state}.`, {
    state: report.state,
  });
}
