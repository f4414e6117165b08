import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Decision, type DecisionOutcome } from '@/decision/decision.entity';
import { RankingRow, RankingService } from '@/decision/ranking.service';
import { Proposal } from '@/proposals/proposal.entity';
import { DECIDABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { conflictPairsSql } from '@/review/conflict-sql';
import { MeetingItem } from './meeting-item.entity';
import type { Meeting } from './meeting.entity';

export interface Member {
  id: string;
  name: string;
  chair: boolean;
}

export interface ItemQuorum {
  /** Active steering members not conflicted with the item. */
  eligible: number;
  /** Of those, present. */
  presentEligible: number;
  required: number;
  reached: boolean;
}

export interface AgendaItem {
  position: number;
  proposalId: string;
  callId: string;
  title: string;
  acronym: string;
  round: number;
  state: string;
  requestedFundingEur: number;
  /** Rank in its call's ranking; null for a reader conflicted with the item. */
  rank: number | null;
  total: number | null;
  disagreement: boolean;
  /** The online votes so far name more than one of approve, reject, revise. */
  splitVotes: boolean;
  controversial: boolean;
  /** The members who must leave the room for this item (Befangenheit). */
  conflicted: Member[];
  quorum: ItemQuorum;
  result: { approve: number; reject: number; revise: number; abstain: number; recordedAt: string } | null;
  decision: {
    outcome: DecisionOutcome;
    rationale: string;
    grantedFundingEur: number | null;
    override: boolean;
  } | null;
}

/** The office's full view of a call's ranking (the agenda is the same for every reader). */
const RANKING_READER: AuthUser = {
  id: '00000000-0000-0000-0000-000000000000',
  email: '',
  name: 'agenda',
  roles: ['office'],
  organisation: '',
  expertise: [],
  locale: 'de',
  chair: false,
  totpEnabled: false,
};

/** Quorum of an item in a meeting (DESIGN §13): at least half of the non-conflicted members present. */
export function itemQuorum(eligible: number, presentEligible: number): ItemQuorum {
  const required = Math.ceil(eligible / 2);
  return { eligible, presentEligible, required, reached: eligible > 0 && presentEligible >= required };
}

/**
 * A meeting's agenda: the proposals awaiting decision in its calls (or the office's list), by default
 * controversial first (split votes or the disagreement flag), then by rank; per item who is conflicted,
 * the quorum among those present, the recorded result and decision. Once the meeting opens the list is
 * frozen in `meetings.agenda`, so decided items stay on it for the minutes.
 */
@Injectable()
export class MeetingAgenda {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ranking: RankingService,
  ) {}

  async members(manager?: EntityManager): Promise<Member[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT id, name, chair FROM users WHERE active AND 'steering' = ANY(roles) ORDER BY name, id`,
    );
  }

  /** The proposal ids of the default agenda, in the default order. */
  async defaultOrder(callIds: string[]): Promise<string[]> {
    const rows = await this.rankedRows(callIds);
    return rows
      .filter((r) => (DECIDABLE_PROPOSAL_STATES as string[]).includes(r.row.state))
      .map((r) => r.row.proposalId);
  }

  async items(meeting: Meeting, reader: AuthUser | null, manager?: EntityManager): Promise<AgendaItem[]> {
    const m = manager ?? this.dataSource.manager;
    const ids = meeting.agenda ?? (await this.defaultOrder(meeting.callIds));
    if (ids.length === 0) return [];
    const proposals = new Map(
      (await m.find(Proposal, { where: { id: In(ids) } })).map((p) => [p.id, p] as const),
    );
    const ranked = new Map(
      (await this.rankedRows(meeting.callIds)).map((r) => [r.row.proposalId, r] as const),
    );
    const members = await this.members(m);
    const pairs: { proposal_id: string; user_id: string }[] = await m.query(
      `SELECT proposal_id, user_id FROM (${conflictPairsSql('cp.id = ANY($1)')}) x`,
      [ids],
    );
    const conflictedWith = new Map<string, Set<string>>();
    for (const pair of pairs) {
      if (!conflictedWith.has(pair.proposal_id)) conflictedWith.set(pair.proposal_id, new Set());
      conflictedWith.get(pair.proposal_id)!.add(pair.user_id);
    }
    const results = new Map(
      (await m.find(MeetingItem, { where: { meetingId: meeting.id } })).map(
        (i) => [i.proposalId, i] as const,
      ),
    );
    const decisionIds = [...results.values()].map((i) => i.decisionId).filter((d): d is string => !!d);
    const decisions = new Map(
      (decisionIds.length ? await m.find(Decision, { where: { id: In(decisionIds) } }) : []).map(
        (d) => [d.id, d] as const,
      ),
    );
    const present = new Set(meeting.present);
    return ids.flatMap((id, index) => {
      const p = proposals.get(id);
      if (!p) return [];
      const rankedRow = ranked.get(id);
      const out = conflictedWith.get(id) ?? new Set<string>();
      const conflicted = members.filter((u) => out.has(u.id));
      const eligible = members.filter((u) => !out.has(u.id));
      const hidden = reader !== null && out.has(reader.id);
      const result = results.get(id);
      const decision = result?.decisionId ? decisions.get(result.decisionId) : undefined;
      const item: AgendaItem = {
        position: index + 1,
        proposalId: id,
        callId: p.callId,
        title: p.title,
        acronym: p.acronym,
        round: p.round,
        state: p.state,
        requestedFundingEur: p.requestedFundingEur,
        rank: hidden ? null : (rankedRow?.row.rank ?? null),
        total: hidden ? null : (rankedRow?.row.total ?? null),
        disagreement: hidden ? false : (rankedRow?.row.disagreement ?? false),
        splitVotes: hidden ? false : (rankedRow?.split ?? false),
        controversial: hidden ? false : (rankedRow?.controversial ?? false),
        conflicted,
        quorum: itemQuorum(eligible.length, eligible.filter((u) => present.has(u.id)).length),
        result: result
          ? {
              approve: result.approve,
              reject: result.reject,
              revise: result.revise,
              abstain: result.abstain,
              recordedAt: result.recordedAt.toISOString(),
            }
          : null,
        decision: decision
          ? {
              outcome: decision.outcome,
              rationale: decision.rationale,
              grantedFundingEur: decision.grantedFundingEur,
              override: decision.override,
            }
          : null,
      };
      return [item];
    });
  }

  /** Every ranked proposal of the calls: controversial first, then by rank (calls in the meeting's order). */
  private async rankedRows(
    callIds: string[],
  ): Promise<{ row: RankingRow; split: boolean; controversial: boolean; callIndex: number }[]> {
    const all: { row: RankingRow; split: boolean; controversial: boolean; callIndex: number }[] = [];
    for (const [callIndex, callId] of callIds.entries()) {
      const ranking = await this.ranking.forCall(callId, RANKING_READER);
      for (const row of ranking.rows) {
        const split = [row.votes.approve, row.votes.reject, row.votes.revise].filter((n) => n > 0).length > 1;
        all.push({ row, split, controversial: split || row.disagreement, callIndex });
      }
    }
    return all.sort(
      (a, b) =>
        Number(b.controversial) - Number(a.controversial) ||
        a.row.rank - b.row.rank ||
        a.callIndex - b.callIndex,
    );
  }
}
