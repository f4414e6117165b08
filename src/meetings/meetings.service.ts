import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { hasRole } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { invalidInput, notFound, problem } from '@/common/problem';
import { Proposal } from '@/proposals/proposal.entity';
import { DECIDABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { writeAudit } from '@/workflow/audit';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import type { Actor } from '@/workflow/state-machine';
import { inStates } from '@/workflow/state-machine';
import { AggregateSpec, TransitionHook, TransitionService } from '@/workflow/transition.service';
import { AgendaItem, MeetingAgenda, Member } from './meeting-agenda';
import type {
  CreateMeetingDto,
  MeetingAgendaDto,
  MeetingAttendanceDto,
  UpdateMeetingDto,
} from './meeting.dto';
import { Meeting, type MeetingState } from './meeting.entity';
import {
  EDITABLE_MEETING_STATES,
  meetingMachine,
  MeetingEvent,
  RECORDING_MEETING_STATES,
} from './meeting-transitions';

export interface MeetingView {
  id: string;
  title: string;
  startsAt: string;
  location: string;
  callIds: string[];
  state: MeetingState;
  version: number;
  /** The office fixed the agenda order (false: the default order). */
  agendaFixed: boolean;
  present: Member[];
  members: Member[];
  agenda: AgendaItem[];
  minutesSha256: string | null;
  minutesApprovedAt: string | null;
  allowedEvents: string[];
}

export interface MeetingSummary {
  id: string;
  title: string;
  startsAt: string;
  location: string;
  state: MeetingState;
}

/** What the caller is for a meeting: the office, the steering chair, or neither. */
export function meetingActors(user: AuthUser | null): Actor[] {
  if (user === null) return ['system'];
  const actors: Actor[] = [];
  if (hasRole(user, 'office')) actors.push('office');
  if (hasRole(user, 'steering') && user.chair) actors.push('chair');
  return actors;
}

/** Meetings (DESIGN §13): the office plans them; chair or office open, close and record. */
@Injectable()
export class MeetingsService {
  readonly spec: AggregateSpec<Meeting, MeetingState, MeetingEvent, Record<string, never>, AuthUser> = {
    entity: Meeting,
    entityType: 'meeting',
    machine: meetingMachine,
    actorsOf: (_meeting, user) => meetingActors(user),
    loadGuardContext: async () => ({}),
    hooksFor: (event) => this.hooks[event as MeetingEvent] ?? [],
  };

  private readonly hooks: Partial<Record<MeetingEvent, TransitionHook<Meeting, AuthUser>[]>> = {
    open: [
      // The agenda is frozen as the meeting opens: decided items stay on it for the minutes.
      async (tx) => {
        if (tx.before.agenda === null) tx.set({ agenda: await this.agenda.defaultOrder(tx.before.callIds) });
      },
    ],
    cancel: [
      async (tx) => {
        tx.set({ icsSequence: tx.before.icsSequence + 1 });
        await tx.outbox(OUTBOX.meetingCancelled, { meetingId: tx.before.id });
      },
    ],
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: TransitionService,
    private readonly agenda: MeetingAgenda,
  ) {
    // Startup check: every state reachable, the API's events in the table, each with its route.
    meetingMachine.assertValid(meetingMachine.eventsOnEventsRoute());
  }

  /** Side effects of an event, registered by the meeting's other services (the minutes' freeze). */
  onEvent(event: MeetingEvent, hook: TransitionHook<Meeting, AuthUser>): void {
    (this.hooks[event] ??= []).push(hook);
  }

  async create(dto: CreateMeetingDto, user: AuthUser): Promise<Meeting> {
    await this.checkCalls(dto.callIds);
    return this.dataSource.transaction(async (manager) => {
      const meeting = await manager.save(
        manager.create(Meeting, {
          title: dto.title,
          startsAt: dto.startsAt,
          location: dto.location ?? '',
          callIds: dto.callIds,
        }),
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'create',
        toState: meeting.state,
        data: { startsAt: meeting.startsAt.toISOString(), callIds: meeting.callIds },
      });
      await writeOutbox(manager, OUTBOX.meetingInvitation, { meetingId: meeting.id });
      return meeting;
    });
  }

  /** Title, time, place and calls while planned; a change the invitees must hear of re-sends the invitation. */
  async update(id: string, dto: UpdateMeetingDto, user: AuthUser): Promise<Meeting> {
    if (dto.callIds) await this.checkCalls(dto.callIds);
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.lock(manager, id);
      this.expectVersion(meeting, dto.expectedVersion);
      this.expectState(meeting, EDITABLE_MEETING_STATES);
      const { expectedVersion: _ignored, ...changes } = dto;
      const rescheduled =
        (changes.startsAt !== undefined && changes.startsAt.getTime() !== meeting.startsAt.getTime()) ||
        (changes.location !== undefined && changes.location !== meeting.location) ||
        (changes.title !== undefined && changes.title !== meeting.title);
      const next: Partial<Meeting> = { ...changes, version: meeting.version + 1 };
      // The office's agenda list names proposals of the old calls: with other calls it starts afresh.
      if (changes.callIds) next.agenda = null;
      if (rescheduled) next.icsSequence = meeting.icsSequence + 1;
      await manager.update(Meeting, { id }, next);
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'meeting',
        entityId: id,
        action: 'update',
        data: { fields: Object.keys(changes) },
      });
      if (rescheduled) await writeOutbox(manager, OUTBOX.meetingInvitation, { meetingId: id });
      return manager.findOneByOrFail(Meeting, { id });
    });
  }

  fire(
    id: string,
    event: string,
    user: AuthUser,
    expectedVersion?: number,
    reason?: string,
  ): Promise<Meeting> {
    return this.transitions.apply(this.spec, { id, event, actor: user, expectedVersion, reason });
  }

  /** `PUT /api/meetings/:id/agenda`: the office's order; every id a proposal awaiting decision in the calls. */
  async setAgenda(id: string, dto: MeetingAgendaDto, user: AuthUser): Promise<Meeting> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.lock(manager, id);
      this.expectState(meeting, EDITABLE_MEETING_STATES);
      const found = await manager.find(Proposal, {
        where: { id: In(dto.proposalIds) },
        select: { id: true, callId: true, state: true },
      });
      const fits = new Set(
        found
          .filter((p) => meeting.callIds.includes(p.callId) && inStates(DECIDABLE_PROPOSAL_STATES, p.state))
          .map((p) => p.id),
      );
      const misfits = dto.proposalIds.filter((p) => !fits.has(p));
      if (misfits.length > 0) {
        throw problem(
          'not-on-agenda',
          { proposals: misfits },
          `Not awaiting a decision in this meeting's calls: ${misfits.join(', ')}.`,
          {
            errors: [
              { field: 'proposalIds', messages: [`not awaiting decision here: ${misfits.join(', ')}`] },
            ],
          },
        );
      }
      await manager.update(Meeting, { id }, { agenda: dto.proposalIds, version: meeting.version + 1 });
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'meeting',
        entityId: id,
        action: 'agenda',
        data: { proposalIds: dto.proposalIds },
      });
      return manager.findOneByOrFail(Meeting, { id });
    });
  }

  /** `PUT /api/meetings/:id/attendance` by chair or office while the meeting is open. */
  async setAttendance(id: string, dto: MeetingAttendanceDto, user: AuthUser): Promise<Meeting> {
    this.mayRecord(user);
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.lock(manager, id);
      this.expectState(meeting, RECORDING_MEETING_STATES);
      const members = new Set((await this.agenda.members(manager)).map((m) => m.id));
      const strangers = dto.present.filter((u) => !members.has(u));
      if (strangers.length > 0) {
        throw problem('not-board-member', {}, 'Only active steering members can be present.', {
          errors: [{ field: 'present', messages: [`not steering members: ${strangers.join(', ')}`] }],
        });
      }
      await manager.update(Meeting, { id }, { present: dto.present, version: meeting.version + 1 });
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'meeting',
        entityId: id,
        action: 'attendance',
        data: { present: dto.present },
      });
      return manager.findOneByOrFail(Meeting, { id });
    });
  }

  async list(): Promise<MeetingSummary[]> {
    const meetings = await this.dataSource
      .getRepository(Meeting)
      .find({ order: { startsAt: 'DESC', id: 'ASC' }, take: 200 });
    return meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      location: m.location,
      state: m.state,
    }));
  }

  async get(id: string, manager?: EntityManager): Promise<Meeting> {
    const meeting = await (manager ?? this.dataSource.manager).findOneBy(Meeting, { id });
    if (!meeting) throw notFound('Meeting');
    return meeting;
  }

  async view(meeting: Meeting, user: AuthUser): Promise<MeetingView> {
    const members = await this.agenda.members();
    const present = new Set(meeting.present);
    return {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      location: meeting.location,
      callIds: meeting.callIds,
      state: meeting.state,
      version: meeting.version,
      agendaFixed: meeting.agenda !== null && inStates(EDITABLE_MEETING_STATES, meeting.state),
      present: members.filter((m) => present.has(m.id)),
      members,
      agenda: await this.agenda.items(meeting, user),
      minutesSha256: meeting.minutesSha256,
      minutesApprovedAt: meeting.minutesApprovedAt?.toISOString() ?? null,
      allowedEvents: meetingMachine
        .allowedEvents(meeting.state, meetingActors(user))
        .filter((e) => meetingMachine.routeOf(e) === 'events'),
    };
  }

  /** Recording (attendance, results, decisions) is the chair's or the office's. */
  mayRecord(user: AuthUser): void {
    if (meetingActors(user).length === 0)
      throw problem(
        'forbidden-role',
        {},
        'Only the chair of the steering group or the office records the meeting.',
      );
  }

  async lock(manager: EntityManager, id: string): Promise<Meeting> {
    const meeting = await manager.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!meeting) throw notFound('Meeting');
    return meeting;
  }

  expectState(meeting: Meeting, states: readonly MeetingState[]): void {
    if (!inStates(states, meeting.state)) {
      throw problem(
        'wrong-state',
        { state: meeting.state },
        `Not possible while the meeting is ${meeting.state}.`,
        { state: meeting.state, version: meeting.version },
      );
    }
  }

  private expectVersion(meeting: Meeting, expected: number | undefined): void {
    if (expected !== undefined && expected !== meeting.version) {
      throw problem(
        'stale-version',
        { version: meeting.version },
        `The meeting was changed meanwhile (version ${meeting.version}); reload and retry.`,
        { state: meeting.state, version: meeting.version },
      );
    }
  }

  private async checkCalls(callIds: string[]): Promise<void> {
    const found = await this.dataSource
      .getRepository(Call)
      .find({ where: { id: In(callIds) }, select: { id: true } });
    const known = new Set(found.map((c) => c.id));
    const unknown = callIds.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw invalidInput('Unknown calls.', [
        { field: 'callIds', messages: [`unknown: ${unknown.join(', ')}`] },
      ]);
  }
}
