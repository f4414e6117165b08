import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { outlineStageEnd } from '@/calls/outline-stage';
import { PUBLISHED_CALL_STATES, SUBMITTABLE_CALL_STATES } from '@/calls/call-transitions';
import { decodeCursor, Page, toPage } from '@/common/pagination';
import { partnerKeys } from '@/common/org-name';
import { invalidInput, notFound, problem } from '@/common/problem';
import { columnList, entityFromRow, poolQuery } from '@/database/pool-query';
import { callById } from '@/calls/call-by-id';
import {
  answerErrors,
  type EligibilityFinding,
  eligibilityFindings,
  unansweredRequired,
} from '@/calls/questions';
import { AuditEvent } from '@/workflow/audit-event.entity';
import { writeAudit } from '@/workflow/audit';
import { inStates } from '@/workflow/state-machine';
import { AttachmentView, toAttachmentView } from './attachments.service';
import { Attachment } from './attachment.entity';
import { CreateProposalDto, ListProposalsQuery, ProposalFieldsDto, UpdateProposalDto } from './proposal.dto';
import { AnswerValue, Partner, Proposal } from './proposal.entity';
import { ProposalBudget } from './proposal-budget';
import { OUTLINE_LIMITS } from './outline-limits';
import { auditRevisionPartnerChange } from './partner-change';
import { ProposalAccess, whereReadable } from './proposal-access';
import {
  EDITABLE_PROPOSAL_STATES,
  OUTLINE_ROUND,
  PROPOSAL_API_EVENTS,
  type ProposalStage,
  ProposalAction,
  proposalMachine,
} from './proposal-transitions';
import { ProposalWorkflow } from './proposal-workflow';

export interface ProposalView {
  id: string;
  callId: string;
  applicantId: string;
  title: string;
  acronym: string;
  abstract: string;
  topics: string[];
  partners: Partner[];
  /** Derived from the partners' budgets when they carry costs (read-only then). */
  requestedFundingEur: number;
  durationMonths: number;
  /** `outline` (round 0) or `full` (rounds 1, 2, …). */
  stage: ProposalStage;
  answers: Record<string, AnswerValue>;
  round: number;
  state: string;
  version: number;
  submittedAt: string | null;
  revisionDeadline: string | null;
  createdAt: string;
  updatedAt: string;
  /** Events this user may fire now (for buttons). */
  allowedEvents: string[];
  /** What this user may do now: edit, upload, withdraw, assign, bid, vote, decide (for buttons and forms). */
  allowedActions: ProposalAction[];
  attachments?: AttachmentView[];
  /** With the call (single proposal reads): answers failing a question's `eligibleIf` (formal-check findings). */
  eligibilityFindings?: EligibilityFinding[];
  /** With the call: required questions still unanswered (submit is refused until they are). */
  unansweredQuestions?: string[];
}

export interface HistoryEntry {
  at: string;
  actorId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class ProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly workflow: ProposalWorkflow,
    private readonly budget: ProposalBudget,
  ) {}

  view(proposal: Proposal, user: AuthUser, attachments?: Attachment[], call?: Call): ProposalView {
    return {
      id: proposal.id,
      callId: proposal.callId,
      applicantId: proposal.applicantId,
      title: proposal.title,
      acronym: proposal.acronym,
      abstract: proposal.abstract,
      topics: proposal.topics,
      partners: proposal.partners,
      requestedFundingEur: proposal.requestedFundingEur,
      durationMonths: proposal.durationMonths,
      stage: proposal.stage,
      answers: proposal.answers,
      round: proposal.round,
      state: proposal.state,
      version: proposal.version,
      submittedAt: proposal.submittedAt?.toISOString() ?? null,
      revisionDeadline: proposal.revisionDeadline?.toISOString() ?? null,
      createdAt: proposal.createdAt.toISOString(),
      updatedAt: proposal.updatedAt.toISOString(),
      allowedEvents: this.workflow.allowedEvents(proposal, user),
      allowedActions: this.workflow.allowedActions(proposal, user),
      ...(attachments ? { attachments: attachments.map(toAttachmentView) } : {}),
      ...(call
        ? {
            eligibilityFindings: eligibilityFindings(call.questions, proposal.answers),
            unansweredQuestions: unansweredRequired(call.questions, proposal.answers),
          }
        : {}),
    };
  }

  /** Topics must be the call's own keywords (compared case-insensitively, stored as the call spells them). */
  private checkedTopics(call: Call, topics: string[] | undefined): string[] | undefined {
    if (topics === undefined) return undefined;
    const byKey = new Map(call.topics.map((t) => [t.toLowerCase(), t]));
    const unknown = topics.filter((t) => !byKey.has(t.toLowerCase()));
    if (unknown.length > 0) {
      throw problem(
        'unknown-topics',
        { topics: unknown },
        `Unknown topics for this call: ${unknown.join(', ')}`,
        {
          errors: [{ field: 'topics', messages: [`not a topic of the call: ${unknown.join(', ')}`] }],
        },
      );
    }
    return [...new Set(topics.map((t) => byKey.get(t.toLowerCase()) as string))];
  }

  /**
   * The changes a save makes, checked against the call: topics, the outline's abstract limit, the
   * answers (400 at `answers.<key>`) and the budgets (400 at `partners.<i>.…`; the request derived).
   */
  private async fields(
    call: Call,
    dto: ProposalFieldsDto,
    before: Pick<Proposal, 'stage' | 'answers' | 'partners'>,
  ): Promise<Partial<Proposal>> {
    const values: Partial<Proposal> = {};
    if (dto.title !== undefined) values.title = dto.title;
    if (dto.acronym !== undefined) values.acronym = dto.acronym;
    if (dto.abstract !== undefined) {
      if (before.stage === 'outline' && dto.abstract.length > OUTLINE_LIMITS.abstractMax) {
        const messages = [`an outline's abstract has at most ${OUTLINE_LIMITS.abstractMax} characters`];
        throw invalidInput(`abstract: ${messages[0]}`, [{ field: 'abstract', messages }]);
      }
      values.abstract = dto.abstract;
    }
    if (dto.topics !== undefined) values.topics = this.checkedTopics(call, dto.topics);
    if (dto.durationMonths !== undefined) values.durationMonths = dto.durationMonths;
    if (dto.answers !== undefined) {
      const errors = answerErrors(call.questions, dto.answers);
      if (errors.length > 0)
        throw invalidInput(errors.map((e) => `${e.field}: ${e.messages}`).join('; '), errors);
      const merged: Record<string, AnswerValue> = { ...before.answers };
      for (const [key, value] of Object.entries(dto.answers)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      values.answers = merged;
    }
    const partners: Partner[] =
      dto.partners?.map(({ name, kind, city, costs, fundingRate }) => ({
        name,
        kind,
        city,
        ...(costs ? { costs: { ...costs } } : {}),
        ...(fundingRate !== undefined ? { fundingRate } : {}),
      })) ?? before.partners;
    const budget = await this.budget.apply(call, partners);
    if (dto.partners !== undefined) values.partners = budget.partners;
    if (budget.requestedFundingEur !== null) {
      if (dto.requestedFundingEur !== undefined)
        throw problem('funding-derived', {}, "requestedFundingEur is derived from the partners' budgets.", {
          errors: [
            { field: 'requestedFundingEur', messages: ["derived from the partners' budgets; leave it out"] },
          ],
        });
      values.requestedFundingEur = budget.requestedFundingEur;
    } else if (dto.requestedFundingEur !== undefined) values.requestedFundingEur = dto.requestedFundingEur;
    return values;
  }

  /** A new draft in an open call; only applicants write proposals. */
  async create(callId: string, dto: CreateProposalDto, user: AuthUser): Promise<Proposal> {
    const call = await this.dataSource.getRepository(Call).findOneBy({ id: callId });
    if (!call || (!inStates(PUBLISHED_CALL_STATES, call.state) && !user.roles.includes('office')))
      throw notFound('Call');
    if (!user.roles.includes('applicant'))
      throw problem('forbidden-role', {}, 'Only applicants write proposals.');
    const twoStage = call.procedure === 'two-stage';
    // A two-stage call takes new proposals (outlines) only until its outline deadline.
    const lastDay = (twoStage && outlineStageEnd(call)) || call.submissionDeadline;
    if (!inStates(SUBMITTABLE_CALL_STATES, call.state) || new Date() >= lastDay) {
      throw problem('call-not-accepting', {}, 'The call does not take new proposals.', {
        callState: call.state,
      });
    }
    const stage: ProposalStage = twoStage ? 'outline' : 'full';
    const values = await this.fields(call, dto, { stage, answers: {}, partners: [] });
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.save(
        manager.create(Proposal, {
          ...values,
          ...(twoStage ? { stage, hasOutline: true, round: OUTLINE_ROUND } : {}),
          partnerKeys: partnerKeys(values.partners ?? []),
          callId,
          applicantId: user.id,
        }),
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'proposal',
        entityId: proposal.id,
        action: 'create',
        toState: proposal.state,
      });
      return proposal;
    });
  }

  /** Edits a draft (or a proposal under revision) of the owner; others get 404 or 403 as for reading. */
  async update(id: string, dto: UpdateProposalDto, user: AuthUser): Promise<Proposal> {
    const readable = await this.access.findReadable(id, user);
    if (readable.applicantId !== user.id)
      throw problem('forbidden-role', {}, 'Only the applicant edits a proposal.');
    // A decision not yet released (batch): refused as the applicant sees it, awaiting_decision.
    if ((await this.access.asSeenBy([readable], user)).masked.has(id)) {
      const state = 'awaiting_decision';
      throw problem('not-editable', { state }, `The proposal cannot be edited while it is ${state}.`, {
        state,
        version: readable.version,
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOneOrFail(Proposal, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const extra = { state: proposal.state, version: proposal.version };
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== proposal.version) {
        throw problem(
          'stale-version',
          { version: proposal.version },
          `The proposal was changed meanwhile (version ${proposal.version}); reload and retry.`,
          extra,
        );
      }
      if (!inStates(EDITABLE_PROPOSAL_STATES, proposal.state)) {
        throw problem(
          'not-editable',
          { state: proposal.state },
          `The proposal cannot be edited while it is ${proposal.state}.`,
          extra,
        );
      }
      const call = await manager.findOneByOrFail(Call, { id: proposal.callId });
      const changes = await this.fields(call, dto, proposal);
      const keys = changes.partners ? { partnerKeys: partnerKeys(changes.partners) } : {};
      await manager.update(Proposal, { id }, { ...changes, ...keys, version: proposal.version + 1 });
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'proposal',
        entityId: id,
        action: 'edit',
        data: { fields: Object.keys(changes) },
      });
      if (changes.partners) await auditRevisionPartnerChange(manager, proposal, changes.partners, user.id);
      return manager.findOneByOrFail(Proposal, { id });
    });
  }

  async get(
    id: string,
    user: AuthUser,
  ): Promise<{ proposal: Proposal; attachments: Attachment[]; call: Call }> {
    const [proposal] = (await this.access.asSeenBy([await this.access.findReadable(id, user)], user)).rows;
    // Fixed statements, the rows mapped by the column metadata (no query builder per request).
    const rows = await poolQuery<Record<string, unknown>>(
      this.dataSource,
      `SELECT ${columnList(this.dataSource, Attachment)} FROM attachments
        WHERE proposal_id = $1 ORDER BY created_at ASC`,
      [id],
    );
    const attachments = rows.map((row) => entityFromRow(this.dataSource, Attachment, row));
    const call = await callById(this.dataSource, proposal.callId);
    if (!call) throw notFound('Call');
    return { proposal, attachments, call };
  }

  async list(query: ListProposalsQuery, user: AuthUser): Promise<Page<ProposalView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    // Compiled once per shape (roles, which filters, limit): the values are its parameters.
    const key = `list|${[...user.roles].sort().join(',')}|${!!query.callId}|${!!query.state}|${!!after}|${limit}`;
    const rows = await this.access.compiledProposals(
      key,
      (qb, slot) => {
        qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC');
        whereReadable(qb, { ...user, id: slot('reader') });
        if (query.callId) qb.andWhere('p.call_id = :callId', { callId: slot('callId') });
        if (query.state) qb.andWhere('p.state = :state', { state: slot('state') });
        if (after)
          qb.andWhere('(p.created_at, p.id) < (:at, :afterId)', { at: slot('at'), afterId: slot('afterId') });
        return qb.limit(limit + 1);
      },
      { reader: user.id, callId: query.callId, state: query.state, at: after?.createdAt, afterId: after?.id },
    );
    const seen = (await this.access.asSeenBy(rows, user)).rows;
    return toPage(seen, limit, (p) => this.view(p, user));
  }

  async fire(
    id: string,
    event: string,
    user: AuthUser,
    reason?: string,
    expectedVersion?: number,
  ): Promise<Proposal> {
    // The events route (API and page) fires only the events the table gives it; decisions and system
    // events fire from their services, which run checks this route would skip (quorum, conflicts).
    // Decided by the event name alone, before any lookup: the same 404 for every id and role.
    const refusal = proposalMachine.eventsRouteRefusal(event);
    if (refusal) {
      const dedicatedRoute = proposalMachine.routeOf(event);
      throw problem('event-not-on-events-route', { event }, refusal, {
        acceptedEvents: PROPOSAL_API_EVENTS,
        ...(dedicatedRoute ? { dedicatedRoute } : {}),
      });
    }
    // A role that can never fire this event gets 403 before the proposal is looked up: no existence leak.
    if (!this.workflow.roleMayEverFire(event, user))
      throw problem('forbidden-role', {}, `Your role may not ${event} proposals.`);
    const readable = await this.access.findReadable(id, user);
    // A decision not yet released (batch): refused as the applicant sees it, awaiting_decision.
    if ((await this.access.asSeenBy([readable], user)).masked.has(id)) {
      const state = 'awaiting_decision';
      throw problem(
        'event-not-allowed',
        { event, state },
        `"${event}" is not possible while the proposal is ${state}.`,
        { state, version: readable.version, allowedEvents: [] },
      );
    }
    // A consensus call's full proposal: closing review early starts the consensus (DESIGN §12).
    const fired =
      event === 'close-review' && readable.stage === 'full' && (await this.hasConsensus(readable.callId))
        ? 'close-review-to-consensus'
        : event;
    return this.workflow.fire({ id, event: fired, actor: user, reason, expectedVersion });
  }

  private async hasConsensus(callId: string): Promise<boolean> {
    const [call]: { consensus: boolean }[] = await this.dataSource.query(
      'SELECT consensus FROM calls WHERE id = $1',
      [callId],
    );
    return call?.consensus ?? false;
  }

  async history(id: string, user: AuthUser): Promise<HistoryEntry[]> {
    const { masked } = await this.access.asSeenBy([await this.access.findReadable(id, user)], user);
    let events = await this.dataSource.getRepository(AuditEvent).find({
      where: { entityType: 'proposal', entityId: id },
      order: { seq: 'ASC' },
    });
    if (masked.has(id)) {
      // An unreleased decision: the applicant's history ends where the proposal reached awaiting_decision.
      const reached = events.map((e) => e.toState).lastIndexOf('awaiting_decision');
      events = events.slice(0, reached + 1);
    }
    return events.map((e) => ({
      at: e.at.toISOString(),
      actorId: e.actorId,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      data: e.data,
    }));
  }
}
