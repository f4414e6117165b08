import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { renderPdf } from '@/common/pdf-document';
import { ConsensusService } from '@/consensus/consensus.service';
import { ScoresService } from '@/decision/scores.service';
import { Proposal } from '@/proposals/proposal.entity';
import { ReviewsService } from '@/review/reviews.service';
import { MeetingAgenda } from './meeting-agenda';
import { DocLocale, drawMinutes, drawPack, MinutesInput, PackItem } from './meeting-documents';
import { Meeting } from './meeting.entity';
import { MeetingsService } from './meetings.service';
import { rubricOfRound } from '@/calls/rubric';

/** Meeting states whose minutes can be read: a draft while open or closed, the frozen copy after approval. */
const MINUTES_STATES = ['open', 'closed', 'minutes_approved'] as const;
const PACK_STATES = ['planned', 'open', 'closed', 'minutes_approved'] as const;

export interface PdfFile {
  bytes: Buffer;
  sha256: string;
  filename: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Minutes (Protokoll) and meeting packs (Sitzungsmappe) as PDFs (DESIGN §13). The minutes are built from
 * the recorded data and the audit trail; the chair's approval renders them once more, stores the bytes
 * and their sha256 in the same transaction as the transition, and every later download serves exactly
 * those bytes.
 */
@Injectable()
export class MeetingMinutesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly agenda: MeetingAgenda,
    private readonly scores: ScoresService,
    private readonly reviews: ReviewsService,
    private readonly consensus: ConsensusService,
  ) {}

  onModuleInit(): void {
    this.meetings.onEvent('approve-minutes', async (tx) => {
      const approvedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const approver = tx.actor?.name ?? '';
      const bytes = await this.render(tx.before, { by: approver, at: approvedAt }, tx.manager);
      tx.set({ minutesPdf: bytes, minutesSha256: sha256(bytes), minutesApprovedAt: approvedAt });
      tx.data.minutesSha256 = sha256(bytes);
    });
  }

  /** `GET /api/meetings/:id/minutes.pdf`: the frozen bytes once approved, else a draft from the data now. */
  async minutes(id: string): Promise<PdfFile> {
    const meeting = await this.meetings.get(id);
    this.meetings.expectState(meeting, MINUTES_STATES);
    const filename = `protokoll-${meeting.startsAt.toISOString().slice(0, 10)}.pdf`;
    if (meeting.state === 'minutes_approved') {
      const [row]: { minutes_pdf: Buffer }[] = await this.dataSource.query(
        'SELECT minutes_pdf FROM meetings WHERE id = $1',
        [id],
      );
      return { bytes: row.minutes_pdf, sha256: meeting.minutesSha256 as string, filename };
    }
    const bytes = await this.render(meeting, null);
    return { bytes, sha256: sha256(bytes), filename };
  }

  /** `POST /api/meetings/:id/minutes/approve`: the chair's approval freezes the minutes. */
  approve(id: string, user: AuthUser): Promise<Meeting> {
    return this.meetings.fire(id, 'approve-minutes', user);
  }

  /** `GET /api/meetings/:id/pack.pdf`: the caller's pack, without every item they are conflicted with. */
  async pack(id: string, user: AuthUser): Promise<PdfFile> {
    const meeting = await this.meetings.get(id);
    this.meetings.expectState(meeting, PACK_STATES);
    const locale: DocLocale = user.locale === 'en' ? 'en' : 'de';
    const items = (await this.agenda.items(meeting, user)).filter(
      (item) => !item.conflicted.some((m) => m.id === user.id),
    );
    const proposals = new Map(
      (await this.dataSource.getRepository(Proposal).findBy({ id: In(items.map((i) => i.proposalId)) })).map(
        (p) => [p.id, p],
      ),
    );
    const rounds = items.map((item) => {
      const proposal = proposals.get(item.proposalId)!;
      return { proposal, proposalId: proposal.id, round: proposal.round };
    });
    const calls = new Map(
      (
        await this.dataSource.getRepository(Call).findBy({ id: In(rounds.map((r) => r.proposal.callId)) })
      ).map((c) => [c.id, c]),
    );
    const scores = await this.scores.computeMany(rounds);
    const agreed = await this.consensus.forApplicantMany(rounds);
    const reviews = await this.reviews.reviewsForApplicantMany(rounds);
    const packItems: PackItem[] = items.map((item, i) => {
      const { proposal, round } = rounds[i];
      // A final consensus report speaks for the round's reviewers: its text replaces their summaries.
      const consensus = agreed[i];
      return {
        item,
        criteria: rubricOfRound(calls.get(proposal.callId)!, round).criteria.map((c) => ({
          label: c.label[locale] ?? c.key,
          mean: scores[i].criteria[c.key]?.mean ?? null,
        })),
        reviews: consensus ? [] : reviews[i].map((r) => ({ label: r.label, text: r.commentToApplicant })),
        consensus: consensus
          ? {
              text: consensus.commentToApplicant,
              minorityViews: consensus.minorityViews.filter((v) => v !== ''),
            }
          : null,
      };
    });
    const bytes = await renderPdf({ title: `${meeting.title}`, language: locale }, (pdf) =>
      drawPack(
        pdf,
        {
          title: meeting.title,
          startsAt: meeting.startsAt,
          location: meeting.location,
          reader: user.name,
          items: packItems,
        },
        locale,
      ),
    );
    return {
      bytes,
      sha256: sha256(bytes),
      filename: `sitzungsmappe-${meeting.startsAt.toISOString().slice(0, 10)}.pdf`,
    };
  }

  /** The minutes' input from the recorded data and the audit trail of the meeting and its decisions. */
  async minutesInput(
    meeting: Meeting,
    approval: MinutesInput['approval'],
    manager?: EntityManager,
  ): Promise<MinutesInput> {
    const m = manager ?? this.dataSource.manager;
    const members = await this.agenda.members(m);
    const present = new Set(meeting.present);
    const trail: { at: Date; actor: string | null; action: string; data: Record<string, unknown> }[] =
      await m.query(
        `SELECT a.at, u.name AS actor, a.action, a.data
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
        WHERE (a.entity_type = 'meeting' AND a.entity_id = $1)
           OR (a.entity_type = 'decision' AND a.data->>'meetingId' = $1::text)
        ORDER BY a.at, a.seq`,
        [meeting.id],
      );
    const byId = new Map(members.map((u) => [u.id, u.name] as const));
    return {
      title: meeting.title,
      startsAt: meeting.startsAt,
      location: meeting.location,
      members,
      present: members.filter((u) => present.has(u.id)),
      items: await this.agenda.items(meeting, null, m),
      trail: trail.map((e) => ({
        at: e.at,
        actor: e.actor ?? '—',
        action: e.action,
        detail: trailDetail(e.action, e.data, byId),
      })),
      approval,
    };
  }

  /** Renders the minutes; the PDF's date is fixed (the approval, else the meeting's start), so equal data give equal bytes. */
  async render(
    meeting: Meeting,
    approval: MinutesInput['approval'],
    manager?: EntityManager,
  ): Promise<Buffer> {
    const input = await this.minutesInput(meeting, approval, manager);
    return renderPdf(
      { title: `Protokoll: ${meeting.title}`, createdAt: approval?.at ?? meeting.startsAt, language: 'de' },
      (pdf) => drawMinutes(pdf, input, 'de'),
    );
  }

  /** For the bench: the minutes of given input, as the service renders them. */
  static renderInput(input: MinutesInput, createdAt: Date): Promise<Buffer> {
    return renderPdf({ title: `Protokoll: ${input.title}`, createdAt, language: 'de' }, (pdf) =>
      drawMinutes(pdf, input, 'de'),
    );
  }
}

/** One line of the audit trail: what the entry's data says, names instead of ids. */
function trailDetail(action: string, data: Record<string, unknown>, names: Map<string, string>): string {
  if (action === 'attendance' && Array.isArray(data.present))
    return (data.present as string[]).map((id) => names.get(id) ?? id).join(', ');
  if (action === 'result')
    return `TOP ${String(data.position ?? '')}: ${['approve', 'reject', 'revise', 'abstain'].map((k) => `${k} ${String(data[k] ?? 0)}`).join(', ')}`;
  if (action === 'decide') return `${String(data.outcome ?? '')}${data.override ? ' (override)' : ''}`;
  return '';
}
