import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { hasRole } from '@/auth/auth-user';
import { decodeCursor, Page, toPage } from '@/common/pagination';
import { FieldError, invalidInput, notFound, problem } from '@/common/problem';
import { callById } from './call-by-id';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { AggregateSpec, TransitionService } from '@/workflow/transition.service';
import { inStates } from '@/workflow/state-machine';
import { Call, type ReleaseMode } from './call.entity';
import {
  callMachine,
  CallEvent,
  CallGuardContext,
  PUBLISHED_CALL_STATES,
  RUBRIC_EDITABLE_CALL_STATES,
} from './call-transitions';
import { CreateCallDto, ListCallsQuery, UpdateCallDto } from './call.dto';
import { defaultRubric, Rubric } from './rubric';
import { defaultFundingRates, DEFAULT_MAX_SUBCONTRACT_SHARE, type FundingRates } from './funding-rules';
import { type CallQuestion, questionListErrors } from './questions';

export interface CallView {
  id: string;
  title: string;
  description: string;
  topics: string[];
  opensAt: string;
  submissionDeadline: string;
  reviewsPerProposal: number;
  minReviews: number;
  maxLoadPerReviewer: number;
  reviewPeriodDays: number;
  revisionPeriodDays: number;
  steeringMeetingAt: string | null;
  votingClosesAt: string | null;
  rubric: Rubric;
  /** Two-stage calls: the rubric outlines are scored on; null for single-stage calls. */
  outlineRubric: Rubric | null;
  consensus: boolean;
  consensusPeriodDays: number;
  budgetEur: number | null;
  releaseDecisions: ReleaseMode;
  procedure: string;
  outlineDeadline: string | null;
  /** When the deadline job closed the outline stage; null while outlines are taken. */
  outlineClosedAt: string | null;
  fullProposalDeadline: string | null;
  outlineReviews: number;
  questions: CallQuestion[];
  maxFundingRate: FundingRates;
  maxSubcontractShare: number;
  state: string;
  version: number;
  allowedEvents: string[];
}

export function toCallView(call: Call, user?: AuthUser): CallView {
  return {
    id: call.id,
    title: call.title,
    description: call.description,
    topics: call.topics,
    opensAt: call.opensAt.toISOString(),
    submissionDeadline: call.submissionDeadline.toISOString(),
    reviewsPerProposal: call.reviewsPerProposal,
    minReviews: call.minReviews,
    maxLoadPerReviewer: call.maxLoadPerReviewer,
    reviewPeriodDays: call.reviewPeriodDays,
    revisionPeriodDays: call.revisionPeriodDays,
    steeringMeetingAt: call.steeringMeetingAt?.toISOString() ?? null,
    votingClosesAt: call.votingClosesAt?.toISOString() ?? null,
    rubric: call.rubric,
    outlineRubric: call.outlineRubric,
    consensus: call.consensus,
    consensusPeriodDays: call.consensusPeriodDays,
    budgetEur: call.budgetEur,
    releaseDecisions: call.releaseDecisions,
    procedure: call.procedure,
    outlineDeadline: call.outlineDeadline?.toISOString() ?? null,
    outlineClosedAt: call.outlineClosedAt?.toISOString() ?? null,
    fullProposalDeadline: call.fullProposalDeadline?.toISOString() ?? null,
    outlineReviews: call.outlineReviews,
    questions: call.questions,
    maxFundingRate: call.maxFundingRate,
    maxSubcontractShare: call.maxSubcontractShare,
    state: call.state,
    version: call.version,
    allowedEvents: hasRole(user, 'office') ? callMachine.allowedEvents(call.state, ['office']) : [],
  };
}

/** Rules that span fields; one entry per broken rule. */
function crossFieldErrors(call: Partial<Call>): FieldError[] {
  const errors: FieldError[] = [];
  if (call.procedure === 'two-stage') {
    if (!call.outlineDeadline)
      errors.push({ field: 'outlineDeadline', messages: ['required for a two-stage call'] });
    if (!call.fullProposalDeadline)
      errors.push({ field: 'fullProposalDeadline', messages: ['required for a two-stage call'] });
    if (call.opensAt && call.outlineDeadline && call.outlineDeadline <= call.opensAt)
      errors.push({ field: 'outlineDeadline', messages: ['must be after opensAt'] });
    if (
      call.outlineDeadline &&
      call.fullProposalDeadline &&
      call.fullProposalDeadline <= call.outlineDeadline
    )
      errors.push({ field: 'fullProposalDeadline', messages: ['must be after outlineDeadline'] });
  } else if (!call.submissionDeadline) {
    errors.push({ field: 'submissionDeadline', messages: ['required'] });
  } else if (call.opensAt && call.submissionDeadline <= call.opensAt) {
    errors.push({ field: 'submissionDeadline', messages: ['must be after opensAt'] });
  }
  if (call.questions) errors.push(...questionListErrors(call.questions));
  if (
    call.minReviews !== undefined &&
    call.reviewsPerProposal !== undefined &&
    call.minReviews > call.reviewsPerProposal
  ) {
    errors.push({ field: 'minReviews', messages: ['must not exceed reviewsPerProposal'] });
  }
  if (call.rubric) errors.push(...rubricErrors(call.rubric, 'rubric'));
  if (call.outlineRubric) errors.push(...rubricErrors(call.outlineRubric, 'outlineRubric'));
  return errors;
}

/** The rules of one rubric (`name`: its field) that span its criteria's fields. */
function rubricErrors(rubric: Rubric, name: string): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  rubric.criteria.forEach((c, i) => {
    const field = `${name}.criteria.${i}`;
    if (keys.has(c.key)) errors.push({ field: `${field}.key`, messages: [`duplicate key "${c.key}"`] });
    keys.add(c.key);
    if (c.min >= c.max) errors.push({ field: `${field}.max`, messages: ['must be greater than min'] });
    const steps = (c.max - c.min) / c.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) {
      errors.push({ field: `${field}.step`, messages: ['must divide max − min evenly'] });
    }
    if (c.threshold < c.min || c.threshold > c.max) {
      errors.push({ field: `${field}.threshold`, messages: ['must lie between min and max'] });
    }
  });
  return errors;
}

/**
 * A two-stage call closes (and stops taking full proposals) at its full proposal deadline, and has an
 * outline rubric (a copy of the rubric unless one is given); a single-stage call has none.
 */
function withStageDeadline(call: Partial<Call>): void {
  if (call.procedure === 'two-stage' && call.fullProposalDeadline)
    call.submissionDeadline = call.fullProposalDeadline;
  if (call.procedure === 'two-stage') call.outlineRubric ??= call.rubric ?? null;
  else call.outlineRubric = null;
}

/** Drafts are the office's; everyone signed in reads the others (`getVisible`, and reads that join the call). */
export function callVisibleTo(call: Call, user: AuthUser): boolean {
  return inStates(PUBLISHED_CALL_STATES, call.state) || hasRole(user, 'office');
}

@Injectable()
export class CallsService {
  readonly spec: AggregateSpec<Call, Call['state'], CallEvent, CallGuardContext, AuthUser> = {
    entity: Call,
    entityType: 'call',
    machine: callMachine,
    actorsOf: (_call, user) => (user === null ? ['system'] : hasRole(user, 'office') ? ['office'] : []),
    loadGuardContext: async (_manager, call) => ({
      now: new Date(),
      submissionDeadline: call.submissionDeadline,
    }),
    hooksFor: () => [],
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: TransitionService,
  ) {}

  async create(dto: CreateCallDto, actor: AuthUser): Promise<Call> {
    const values: Partial<Call> = {
      title: dto.title,
      description: dto.description ?? '',
      topics: [...new Set(dto.topics)],
      opensAt: dto.opensAt,
      submissionDeadline: dto.submissionDeadline,
      reviewsPerProposal: dto.reviewsPerProposal ?? 3,
      minReviews: dto.minReviews ?? Math.min(2, dto.reviewsPerProposal ?? 3),
      maxLoadPerReviewer: dto.maxLoadPerReviewer ?? 10,
      reviewPeriodDays: dto.reviewPeriodDays ?? 21,
      revisionPeriodDays: dto.revisionPeriodDays ?? 30,
      steeringMeetingAt: dto.steeringMeetingAt ?? null,
      votingClosesAt: dto.votingClosesAt ?? null,
      rubric: (dto.rubric as Rubric | undefined) ?? defaultRubric(),
      consensus: dto.consensus ?? false,
      consensusPeriodDays: dto.consensusPeriodDays ?? 14,
      budgetEur: dto.budgetEur ?? null,
      releaseDecisions: dto.releaseDecisions ?? 'immediately',
      procedure: dto.procedure ?? 'single',
      outlineRubric: (dto.outlineRubric as Rubric | undefined) ?? null,
      outlineDeadline: dto.outlineDeadline ?? null,
      fullProposalDeadline: dto.fullProposalDeadline ?? null,
      outlineReviews: dto.outlineReviews ?? 2,
      questions: (dto.questions as CallQuestion[] | undefined) ?? [],
      maxFundingRate: dto.maxFundingRate ?? defaultFundingRates(),
      maxSubcontractShare: dto.maxSubcontractShare ?? DEFAULT_MAX_SUBCONTRACT_SHARE,
    };
    withStageDeadline(values);
    const errors = crossFieldErrors(values);
    if (errors.length > 0)
      throw invalidInput(errors.map((e) => `${e.field}: ${e.messages}`).join('; '), errors);
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.save(manager.create(Call, values));
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'call',
        entityId: call.id,
        action: 'create',
        toState: call.state,
      });
      return call;
    });
  }

  async update(id: string, dto: UpdateCallDto, actor: AuthUser): Promise<Call> {
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOne(Call, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw notFound('Call');
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== call.version) {
        throw problem(
          'stale-version',
          { version: call.version },
          `The call was changed meanwhile (version ${call.version}); reload and retry.`,
          {
            state: call.state,
            version: call.version,
          },
        );
      }
      if (call.state === 'archived')
        throw problem('call-archived', {}, 'An archived call cannot be changed.', { state: call.state });
      const { expectedVersion: _ignored, ...changes } = dto;
      // Rubric, topics and k shape every review: fixed once the call is open.
      const fixedOnceOpen = [
        'consensus',
        'rubric',
        'outlineRubric',
        'topics',
        'reviewsPerProposal',
        'questions',
        'procedure',
        'outlineReviews',
        'maxFundingRate',
        'maxSubcontractShare',
      ] as const;
      const touched = fixedOnceOpen.filter((key) => changes[key] !== undefined);
      if (!inStates(RUBRIC_EDITABLE_CALL_STATES, call.state) && touched.length > 0) {
        throw problem(
          'fixed-once-open',
          { fields: touched },
          `${touched.join(', ')} can only change while the call is a draft.`,
          {
            state: call.state,
          },
        );
      }
      const next = { ...call, ...changes } as Call;
      withStageDeadline(next);
      if (next.procedure === 'two-stage')
        (changes as Partial<Call>).submissionDeadline = next.submissionDeadline;
      // A later outline deadline reopens the outline stage the deadline job closed.
      if (call.outlineClosedAt && changes.outlineDeadline && changes.outlineDeadline.getTime() > Date.now())
        (changes as Partial<Call>).outlineClosedAt = null;
      if (next.outlineRubric !== call.outlineRubric)
        (changes as Partial<Call>).outlineRubric = next.outlineRubric;
      const errors = crossFieldErrors(next);
      if (errors.length > 0)
        throw invalidInput(errors.map((e) => `${e.field}: ${e.messages}`).join('; '), errors);
      await manager.update(Call, { id }, { ...(changes as Partial<Call>), version: call.version + 1 });
      const closes = changes.votingClosesAt;
      if (closes && closes.getTime() !== call.votingClosesAt?.getTime() && closes.getTime() > Date.now()) {
        // The written procedure starts (or its deadline moved): the steering group hears of it.
        await writeOutbox(manager, OUTBOX.votingStarted, { callId: id, closesAt: closes.toISOString() });
      }
      await writeAudit(manager, {
        actorId: actor.id,
        entityType: 'call',
        entityId: id,
        action: 'update',
        data: { fields: Object.keys(changes) },
      });
      return manager.findOneByOrFail(Call, { id });
    });
  }

  fire(id: string, event: CallEvent, actor: AuthUser | null, manager?: EntityManager): Promise<Call> {
    return this.transitions.apply(this.spec, { id, event, actor, manager });
  }

  /** Drafts are the office's; everyone signed in reads the others. */
  async getVisible(id: string, user: AuthUser): Promise<Call> {
    const call = await callById(this.dataSource, id);
    if (!call || !callVisibleTo(call, user)) throw notFound('Call');
    return call;
  }

  async list(query: ListCallsQuery, user: AuthUser): Promise<Page<CallView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Call)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC');
    if (!hasRole(user, 'office'))
      qb.andWhere('c.state IN (:...published)', { published: PUBLISHED_CALL_STATES });
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (after) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return toPage(await qb.limit(limit + 1).getMany(), limit, (call) => toCallView(call, user));
  }
}
