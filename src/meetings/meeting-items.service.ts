import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound, problem } from '@/common/problem';
import { DecisionAccess } from '@/decision/decision-access';
import { DecisionsService, DecisionView } from '@/decision/decisions.service';
import type { RecordDecisionDto } from '@/decision/dto/record-decision.dto';
import { OUTCOME_OF_VOTE, VoteTally } from '@/decision/vote-rules';
import { conflictExistsSql } from '@/review/conflict-sql';
import { writeAudit } from '@/workflow/audit';
import { itemQuorum, MeetingAgenda } from './meeting-agenda';
import { MeetingItem } from './meeting-item.entity';
import type { MeetingResultDto } from './meeting.dto';
import type { Meeting } from './meeting.entity';
import { RECORDING_MEETING_STATES } from './meeting-transitions';
import { MeetingsService } from './meetings.service';

export interface MeetingResultView {
  meetingId: string;
  proposalId: string;
  round: number;
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
  quorum: { eligible: number; presentEligible: number; required: number; reached: boolean };
  proposedOutcome: string | null;
}

/** The in-meeting recording of one agenda item: the vote result among those present, then the decision. */
@Injectable()
export class MeetingItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly agenda: MeetingAgenda,
    private readonly access: DecisionAccess,
    private readonly decisions: DecisionsService,
  ) {}

  /** `POST /api/meetings/:id/items/:proposalId/result`: counts of the present, non-conflicted members. */
  async recordResult(
    meetingId: string,
    proposalId: string,
    dto: MeetingResultDto,
    user: AuthUser,
  ): Promise<MeetingResultView> {
    this.meetings.mayRecord(user);
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetings.lock(manager, meetingId);
      const item = this.onAgenda(meeting, proposalId);
      this.meetings.expectState(meeting, RECORDING_MEETING_STATES);
      await this.refuseConflictedRecorder(user, proposalId, manager);
      const existing = await manager.findOneBy(MeetingItem, { meetingId, proposalId });
      if (existing?.decisionId) throw problem('item-decided', {}, 'This agenda item is decided.');
      const { eligible, presentEligible, conflicted } = await this.base(meeting, proposalId, manager);
      if (dto.counted) {
        const present = new Set(meeting.present);
        if (dto.counted.some((u) => conflicted.has(u))) {
          throw problem(
            'member-conflicted',
            {},
            'A conflicted member left the room for this item and cannot be counted.',
          );
        }
        if (dto.counted.some((u) => !present.has(u)))
          throw problem('not-present', {}, 'Only members present can be counted.');
      }
      const sum = dto.approve + dto.reject + dto.revise + dto.abstain;
      const bound = dto.counted ? Math.min(dto.counted.length, presentEligible) : presentEligible;
      if (sum > bound || (dto.counted && sum !== dto.counted.length)) {
        throw problem(
          'counts-exceed-present',
          { present: bound },
          `The counts add up to ${sum}; ${bound} non-conflicted members are present${dto.counted ? ' and counted' : ''}.`,
          {
            errors: [
              {
                field: 'approve',
                messages: [`approve + reject + revise + abstain must be at most ${bound}`],
              },
            ],
          },
        );
      }
      const [proposal]: { round: number }[] = await manager.query(
        'SELECT round FROM proposals WHERE id = $1',
        [proposalId],
      );
      await manager.upsert(
        MeetingItem,
        {
          meetingId,
          proposalId,
          round: proposal.round,
          approve: dto.approve,
          reject: dto.reject,
          revise: dto.revise,
          abstain: dto.abstain,
          presentEligible,
          eligible,
          recordedBy: user.id,
          recordedAt: new Date(),
        },
        ['meetingId', 'proposalId'],
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'meeting',
        entityId: meetingId,
        action: 'result',
        data: {
          proposalId,
          position: item,
          ...counts(dto),
          presentEligible,
          eligible,
          counted: dto.counted ?? null,
        },
      });
      const tally = meetingTally(await manager.findOneByOrFail(MeetingItem, { meetingId, proposalId }));
      return {
        meetingId,
        proposalId,
        round: proposal.round,
        ...counts(dto),
        quorum: itemQuorum(eligible, presentEligible),
        proposedOutcome: tally.proposedOutcome,
      };
    });
  }

  /**
   * `POST /api/meetings/:id/items/:proposalId/decision`: the rules of §5 with the meeting's result as the
   * tally (quorum among those present; another outcome than the majority needs override and rationale).
   */
  async recordDecision(
    meetingId: string,
    proposalId: string,
    dto: RecordDecisionDto,
    user: AuthUser,
  ): Promise<DecisionView> {
    this.meetings.mayRecord(user);
    const meeting = await this.meetings.get(meetingId);
    this.onAgenda(meeting, proposalId);
    this.meetings.expectState(meeting, RECORDING_MEETING_STATES);
    await this.refuseConflictedRecorder(user, proposalId);
    return this.decisions.recordWith(proposalId, dto, user, {
      audit: { meetingId },
      tally: async (_proposal, manager) => {
        // Under the meeting's lock: a close or a second decision waits for this one.
        const locked = await this.meetings.lock(manager, meetingId);
        this.meetings.expectState(locked, RECORDING_MEETING_STATES);
        const item = await manager.findOneBy(MeetingItem, { meetingId, proposalId });
        if (!item) throw problem('no-result-recorded', {}, 'Record the vote result of this item first.');
        if (item.decisionId) throw problem('item-decided', {}, 'This agenda item is decided.');
        return meetingTally(item);
      },
      after: async (manager, decisionId) => {
        await manager.update(MeetingItem, { meetingId, proposalId }, { decisionId });
      },
    });
  }

  /** The item's position on the frozen agenda; 404 for a proposal not on it. */
  private onAgenda(meeting: Meeting, proposalId: string): number {
    const position = (meeting.agenda ?? []).indexOf(proposalId);
    if (position < 0) throw notFound('Agenda item');
    return position + 1;
  }

  /** A conflicted chair left the room: they record nothing on the item (the office records instead). */
  private async refuseConflictedRecorder(user: AuthUser, proposalId: string, manager?: EntityManager) {
    if (user.roles.includes('steering') && (await this.access.isConflicted(user.id, proposalId, manager))) {
      throw problem('member-conflicted', {}, 'You are conflicted with this item and record nothing on it.');
    }
  }

  private async base(meeting: Meeting, proposalId: string, manager: EntityManager) {
    const members = await this.agenda.members(manager);
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM users u JOIN proposals p ON p.id = $1
        WHERE u.id = ANY($2) AND ${conflictExistsSql('p', 'u.id')}`,
      [proposalId, members.map((m) => m.id)],
    );
    const conflicted = new Set(rows.map((r) => r.id));
    const eligible = members.filter((m) => !conflicted.has(m.id));
    const present = new Set(meeting.present);
    return {
      eligible: eligible.length,
      presentEligible: eligible.filter((m) => present.has(m.id)).length,
      conflicted,
    };
  }
}

function counts(dto: { approve: number; reject: number; revise: number; abstain: number }) {
  return { approve: dto.approve, reject: dto.reject, revise: dto.revise, abstain: dto.abstain };
}

/**
 * The meeting's result as a tally for the decision rules: quorum when at least half of the non-conflicted
 * members were present; the majority of approve/reject/revise proposes the outcome (a tie: none — the
 * chair's own vote is not known from counts, so the decision needs override and a rationale).
 */
export function meetingTally(item: MeetingItem): VoteTally {
  const tally = { approve: item.approve, reject: item.reject, revise: item.revise, abstain: item.abstain };
  const quorum = itemQuorum(item.eligible, item.presentEligible);
  const options = Object.keys(OUTCOME_OF_VOTE) as (keyof typeof OUTCOME_OF_VOTE)[];
  const top = Math.max(...options.map((o) => tally[o]));
  const leaders = top > 0 ? options.filter((o) => tally[o] === top) : [];
  return {
    tally,
    eligibleVoters: item.eligible,
    voted: item.presentEligible,
    quorum: { required: quorum.required, reached: quorum.reached },
    proposedOutcome: leaders.length === 1 ? OUTCOME_OF_VOTE[leaders[0]] : null,
  };
}
