import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, MoreThan, Not } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound, problem } from '@/common/problem';
import { ProposalAccess } from '@/proposals/proposal-access';
import { Proposal } from '@/proposals/proposal.entity';
import {
  DECIDABLE_PROPOSAL_STATES,
  OUTLINE_ROUND,
  type ProposalEvent,
  type ProposalStage,
} from '@/proposals/proposal-transitions';
import { roundOfStage } from '@/proposals/proposal-stage';
import { ProposalWorkflow } from '@/proposals/proposal-workflow';
import { Call } from '@/calls/call.entity';
import { ConsensusService } from '@/consensus/consensus.service';
import type { ApplicantConsensus } from '@/consensus/consensus-view';
import { ApplicantReview, ReviewsService } from '@/review/reviews.service';
import { writeAudit } from '@/workflow/audit';
import { inStates } from '@/workflow/state-machine';
import { DecisionAccess } from './decision-access';
import { Decision, DecisionOutcome, OUTLINE_OUTCOMES } from './decision.entity';
import type { RecordDecisionDto } from './dto/record-decision.dto';
import { ScoresService } from './scores.service';
import { VotesService } from './votes.service';
import type { VoteTally } from './vote-rules';

const EVENT_OF_OUTCOME: Record<DecisionOutcome, ProposalEvent> = {
  approved: 'approve',
  rejected: 'reject',
  revision_requested: 'request-revision',
  invited: 'invite',
  not_invited: 'not-invite',
};

/** What the applicant reads with a decision; the board additionally who decided and whether it overrode. */
export interface DecisionView {
  proposalId: string;
  round: number;
  outcome: DecisionOutcome;
  rationale: string;
  grantedFundingEur: number | null;
  decidedAt: string;
  /** Until when the applicant may resubmit (open revision requests only). */
  revisionDeadline: string | null;
  /** Criterion means and weighted total of the round. */
  scores: {
    criteria: Record<string, { mean: number | null }>;
    total: number | null;
    reviewCount: number;
    /** True when the scores are the final consensus report's. */
    consensus: boolean;
  };
  /** Comments to the applicant as "Reviewer A, B, …": no names, ids or confidential comments. Empty when a consensus speaks. */
  comments: ApplicantReview[];
  /** The final consensus report of the round (its text and the minority views, no names), or null. */
  consensus: ApplicantConsensus | null;
  /** When the applicant got it; null while a batch release is pending (board readers only see that). */
  releasedAt: string | null;
  decidedBy?: { id: string; name: string };
  override?: boolean;
}

/** Where the votes of a decision come from (online votes, or a meeting's result) and what follows it. */
export interface DecisionSource {
  tally(proposal: Proposal, manager: EntityManager): Promise<VoteTally>;
  audit?: Record<string, unknown>;
  after?(manager: EntityManager, decisionId: string): Promise<void>;
}

@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proposals: ProposalAccess,
    private readonly access: DecisionAccess,
    private readonly workflow: ProposalWorkflow,
    private readonly votes: VotesService,
    private readonly scores: ScoresService,
    private readonly reviews: ReviewsService,
    private readonly consensus: ConsensusService,
  ) {}

  /**
   * `POST /api/proposals/:id/decision` by the chair (not conflicted) or the office: needs quorum; an
   * outcome other than the majority needs `override` and a rationale. The decision row, the
   * transition (with its decision letter and revision deadline) and the audit share one transaction.
   */
  async record(proposalId: string, dto: RecordDecisionDto, user: AuthUser): Promise<DecisionView> {
    return this.recordWith(proposalId, dto, user, {
      tally: (proposal, manager) => this.votes.view(proposal, proposal.round, manager),
    });
  }

  /**
   * The rules of `record` with another source of the tally: a steering meeting counts those present
   * (src/meetings/). `after` runs in the same transaction, once the decision row exists.
   */
  async recordWith(
    proposalId: string,
    dto: RecordDecisionDto,
    user: AuthUser,
    source: DecisionSource,
  ): Promise<DecisionView> {
    await this.proposals.findReadable(proposalId, user);
    const office = user.roles.includes('office');
    if (!office && !(user.roles.includes('steering') && user.chair)) {
      throw problem(
        'forbidden-role',
        {},
        'Only the chair of the steering group or the office records a decision.',
      );
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOneOrFail(Proposal, {
        where: { id: proposalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!office && (await this.access.isConflicted(user.id, proposalId, manager))) {
        throw problem(
          'conflict-of-interest',
          {},
          'You have a conflict of interest with this proposal and do not decide on it.',
        );
      }
      if (!inStates(DECIDABLE_PROPOSAL_STATES, proposal.state)) {
        throw problem(
          'wrong-state',
          { state: proposal.state },
          `A decision needs the proposal awaiting a decision; it is ${proposal.state}.`,
          {
            state: proposal.state,
            round: proposal.round,
            version: proposal.version,
          },
        );
      }
      if (OUTLINE_OUTCOMES.includes(dto.outcome) !== (proposal.stage === 'outline')) {
        const allowed =
          proposal.stage === 'outline'
            ? 'invited or not_invited'
            : 'approved, rejected or revision_requested';
        throw problem(
          'outcome-not-for-stage',
          { outcome: dto.outcome, stage: proposal.stage },
          `A decision on ${proposal.stage === 'outline' ? 'an outline' : 'a full proposal'} is ${allowed}.`,
          { stage: proposal.stage, errors: [{ field: 'outcome', messages: [`must be ${allowed}`] }] },
        );
      }
      checkFunding(dto, proposal);
      const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
      const votes = await source.tally(proposal, manager);
      const { quorum, voted, eligibleVoters, proposedOutcome: majority } = votes;
      if (!quorum.reached) {
        throw problem(
          'no-quorum',
          { votes: voted, eligible: eligibleVoters, required: quorum.required },
          `No quorum: ${voted} of ${eligibleVoters} steering members voted; at least ${quorum.required} must.`,
          { quorum, voted, eligibleVoters },
        );
      }
      const override = dto.outcome !== majority;
      if (override && dto.override !== true) {
        const extra = { proposedOutcome: majority };
        throw majority
          ? problem(
              'majority-differs',
              { majority },
              `The steering majority proposes "${majority}"; to decide otherwise send override: true with a rationale.`,
              extra,
            )
          : problem(
              'no-majority',
              {},
              'The votes give no majority; to decide send override: true with a rationale.',
              extra,
            );
      }
      if (override && dto.rationale === '') {
        throw problem('rationale-required', {}, 'A decision against the majority needs a rationale.', {
          errors: [{ field: 'rationale', messages: ['required for an override'] }],
        });
      }
      const decision = await manager.save(
        manager.create(Decision, {
          proposalId,
          round: proposal.round,
          outcome: dto.outcome,
          rationale: dto.rationale,
          grantedFundingEur: dto.outcome === 'approved' ? (dto.grantedFundingEur as number) : null,
          override,
          decidedBy: user.id,
          // Batch: the applicant gets decision and letter when the office releases the call's letters.
          releasedAt: call.releaseDecisions === 'immediately' ? new Date() : null,
        }),
      );
      await this.workflow.fire({
        id: proposalId,
        event: EVENT_OF_OUTCOME[dto.outcome],
        actor: user,
        manager,
        data: { round: proposal.round, stage: proposal.stage, decisionId: decision.id },
      });
      // The override and the majority are audited on the decision, not in the proposal's history
      // (which the applicant reads).
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'decision',
        entityId: decision.id,
        action: 'decide',
        data: {
          proposalId,
          round: proposal.round,
          outcome: dto.outcome,
          override,
          majority,
          tally: votes.tally,
          grantedFundingEur: decision.grantedFundingEur,
          ...(source.audit ?? {}),
        },
      });
      await source.after?.(manager, decision.id);
      return decision.id;
    });
    const decision = await this.dataSource.getRepository(Decision).findOneByOrFail({ id });
    const proposal = await this.dataSource.getRepository(Proposal).findOneByOrFail({ id: proposalId });
    return this.view(decision, proposal, true);
  }

  /** `GET /api/proposals/:id/decision?round=` (latest decision when absent); 404 before the decision. */
  async forReader(
    proposalId: string,
    user: AuthUser,
    round?: number,
    stage?: ProposalStage,
  ): Promise<DecisionView> {
    const { proposal, board } = await this.readable(proposalId, user);
    // `?stage=outline` is round 0; `?stage=full` without a round: the latest decision of the full stage.
    const exact =
      round !== undefined || stage === 'outline' ? roundOfStage(proposal, stage, round) : undefined;
    if (stage === 'full') roundOfStage(proposal, stage, round);
    const decision = await this.dataSource.getRepository(Decision).findOne({
      where: {
        proposalId,
        ...(exact !== undefined
          ? { round: exact }
          : stage === 'full'
            ? { round: MoreThan(OUTLINE_ROUND) }
            : {}),
        ...(board ? {} : { releasedAt: Not(IsNull()) }),
      },
      order: { round: 'DESC' },
    });
    if (!decision) throw notFound('Decision');
    return this.view(decision, proposal, board);
  }

  /** `GET /api/proposals/:id/decisions`: every decided round, oldest first (empty before any). */
  async listForReader(proposalId: string, user: AuthUser): Promise<DecisionView[]> {
    const { proposal, board } = await this.readable(proposalId, user);
    const decisions = await this.dataSource.getRepository(Decision).find({
      where: { proposalId, ...(board ? {} : { releasedAt: Not(IsNull()) }) },
      order: { round: 'ASC' },
    });
    const views: DecisionView[] = [];
    for (const d of decisions) views.push(await this.view(d, proposal, board));
    return views;
  }

  /** The owner, the office and non-conflicted steering read decisions; everyone else gets 404. */
  private async readable(
    proposalId: string,
    user: AuthUser,
  ): Promise<{ proposal: Proposal; board: boolean }> {
    const proposal = await this.proposals.findReadable(proposalId, user);
    const board = await this.access.isBoardReader(proposal, user);
    if (!board && proposal.applicantId !== user.id) throw notFound('Decision');
    return { proposal, board };
  }

  async view(
    decision: Decision,
    proposal: Proposal,
    board: boolean,
    manager?: EntityManager,
  ): Promise<DecisionView> {
    const m = manager ?? this.dataSource.manager;
    const scores = await this.scores.compute(proposal, decision.round, m);
    const openRevision =
      decision.outcome === 'revision_requested' &&
      decision.round === proposal.round &&
      proposal.state === 'revision_requested';
    const view: DecisionView = {
      proposalId: decision.proposalId,
      round: decision.round,
      outcome: decision.outcome,
      rationale: decision.rationale,
      grantedFundingEur: decision.grantedFundingEur,
      decidedAt: decision.decidedAt.toISOString(),
      revisionDeadline: openRevision ? (proposal.revisionDeadline?.toISOString() ?? null) : null,
      scores: {
        criteria: Object.fromEntries(Object.entries(scores.criteria).map(([k, c]) => [k, { mean: c.mean }])),
        total: scores.total,
        reviewCount: scores.reviewCount,
        consensus: scores.consensus,
      },
      comments: [],
      consensus: await this.consensus.forApplicant(decision.proposalId, decision.round, m),
      releasedAt: decision.releasedAt?.toISOString() ?? null,
    };
    // With a final consensus the applicant reads its text, never the individual comments.
    if (!view.consensus)
      view.comments = await this.reviews.reviewsForApplicant(decision.proposalId, decision.round, m);
    if (board) {
      const [decider]: { name: string }[] = await m.query('SELECT name FROM users WHERE id = $1', [
        decision.decidedBy,
      ]);
      view.decidedBy = { id: decision.decidedBy, name: decider?.name ?? '' };
      view.override = decision.override;
    }
    return view;
  }
}

/** `grantedFundingEur`: required for approvals and at most the requested funding; absent otherwise. */
function checkFunding(dto: RecordDecisionDto, proposal: Proposal): void {
  const granted = dto.grantedFundingEur;
  if (dto.outcome !== 'approved') {
    if (granted !== undefined) {
      throw problem('funding-only-for-approval', {}, 'Only an approval grants funding.', {
        errors: [{ field: 'grantedFundingEur', messages: ['only for outcome approved'] }],
      });
    }
    return;
  }
  if (granted === undefined) {
    throw problem('funding-required', {}, 'An approval needs grantedFundingEur.', {
      errors: [{ field: 'grantedFundingEur', messages: ['required for outcome approved'] }],
    });
  }
  if (granted > proposal.requestedFundingEur) {
    throw problem(
      'funding-exceeds-request',
      { granted, requested: proposal.requestedFundingEur },
      `grantedFundingEur (${granted}) exceeds the requested funding (${proposal.requestedFundingEur}).`,
      {
        errors: [
          { field: 'grantedFundingEur', messages: [`must not exceed ${proposal.requestedFundingEur}`] },
        ],
      },
    );
  }
}
