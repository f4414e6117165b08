import { ApiProperty } from '@nestjs/swagger';
import type { AgendaItem, ItemQuorum, Member } from './meeting-agenda';
import type { MeetingResultView } from './meeting-items.service';
import { MEETING_STATES, type MeetingState } from './meeting.entity';
import type { MeetingSummary, MeetingView } from './meetings.service';

export class MeetingMemberDoc implements Member {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  chair: boolean;
}

export class ItemQuorumDoc implements ItemQuorum {
  /** Active steering members not conflicted with the item. */
  eligible: number;
  /** Of those, present. */
  presentEligible: number;
  required: number;
  reached: boolean;
}

export class ItemResultDoc {
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class ItemDecisionDoc {
  @ApiProperty({ enum: ['approved', 'rejected', 'revision_requested'] })
  outcome: 'approved' | 'rejected' | 'revision_requested';
  rationale: string;
  @ApiProperty({ type: Number, nullable: true })
  grantedFundingEur: number | null;
  override: boolean;
}

export class AgendaItemDoc implements AgendaItem {
  position: number;
  @ApiProperty({ format: 'uuid' })
  proposalId: string;
  @ApiProperty({ format: 'uuid' })
  callId: string;
  title: string;
  acronym: string;
  round: number;
  state: string;
  requestedFundingEur: number;
  @ApiProperty({ type: Number, nullable: true })
  rank: number | null;
  @ApiProperty({ type: Number, nullable: true })
  total: number | null;
  disagreement: boolean;
  splitVotes: boolean;
  controversial: boolean;
  /** Members who must leave the room for this item. */
  @ApiProperty({ type: [MeetingMemberDoc] })
  conflicted: MeetingMemberDoc[];
  @ApiProperty({ type: ItemQuorumDoc })
  quorum: ItemQuorumDoc;
  @ApiProperty({ type: ItemResultDoc, nullable: true })
  result: ItemResultDoc | null;
  @ApiProperty({ type: ItemDecisionDoc, nullable: true })
  decision: ItemDecisionDoc | null;
}

export class MeetingViewDoc implements MeetingView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  @ApiProperty({ format: 'date-time' })
  startsAt: string;
  location: string;
  @ApiProperty({ type: [String], format: 'uuid' })
  callIds: string[];
  @ApiProperty({ enum: MEETING_STATES })
  state: MeetingState;
  version: number;
  agendaFixed: boolean;
  @ApiProperty({ type: [MeetingMemberDoc] })
  present: MeetingMemberDoc[];
  @ApiProperty({ type: [MeetingMemberDoc] })
  members: MeetingMemberDoc[];
  @ApiProperty({ type: [AgendaItemDoc] })
  agenda: AgendaItemDoc[];
  @ApiProperty({ type: String, nullable: true })
  minutesSha256: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  minutesApprovedAt: string | null;
  @ApiProperty({ enum: ['open', 'close', 'cancel'], isArray: true })
  allowedEvents: string[];
}

export class MeetingSummaryDoc implements MeetingSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  @ApiProperty({ format: 'date-time' })
  startsAt: string;
  location: string;
  @ApiProperty({ enum: MEETING_STATES })
  state: MeetingState;
}

export class MeetingResultViewDoc implements MeetingResultView {
  @ApiProperty({ format: 'uuid' })
  meetingId: string;
  @ApiProperty({ format: 'uuid' })
  proposalId: string;
  round: number;
  approve: number;
  reject: number;
  revise: number;
  abstain: number;
  @ApiProperty({ type: ItemQuorumDoc })
  quorum: ItemQuorumDoc;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'rejected', 'revision_requested'] })
  proposedOutcome: string | null;
}
