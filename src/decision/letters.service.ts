import { Injectable } from '@nestjs/common';
import { rubricOfRound } from '@/calls/rubric';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { Call } from '@/calls/call.entity';
import { CallsService } from '@/calls/calls.service';
import { notFound, problem } from '@/common/problem';
import { ConsensusService } from '@/consensus/consensus.service';
import { ProposalAccess } from '@/proposals/proposal-access';
import { Proposal } from '@/proposals/proposal.entity';
import { reviewerLetter } from '@/review/review-access';
import { ReviewsService } from '@/review/reviews.service';
import { writeAuditBatch } from '@/workflow/audit';
import { writeOutboxBatch } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { Decision } from './decision.entity';
import { LetterContent, type LetterLocale, letterPdf, letterText } from './letter-content';
import { ScoresService } from './scores.service';

/** The rows of an UPDATE … RETURNING (TypeORM's query() answers it with `[rows, rowCount]`). */
async function rowsOf<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** A letter waiting for the office's release, as it will be sent. */
export interface PendingLetter {
  proposalId: string;
  acronym: string;
  title: string;
  round: number;
  outcome: string;
  paragraph: string;
  /** The letter's text in the applicant's language, exactly what the PDF says. */
  text: string;
}

export interface ReleaseResult {
  released: number;
  proposalIds: string[];
}

/**
 * Decision letters (DESIGN §12): the content of a round's letter, its PDF, and for calls with
 * `releaseDecisions: batch` the office's preview, personal paragraph and release. The release is one
 * conditional UPDATE (`released_at IS NULL`): under READ COMMITTED a second release waiting on the same
 * rows re-checks the condition after the first commits and claims nothing, so each letter's outbox row
 * (and so its mail) is written exactly once, however many times and from however many instances.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: CallsService,
    private readonly proposals: ProposalAccess,
    private readonly scores: ScoresService,
    private readonly reviews: ReviewsService,
    private readonly consensus: ConsensusService,
  ) {}

  /** What the letter of a proposal's round says, in the applicant's language. */
  async content(proposalId: string, round: number, manager?: EntityManager): Promise<LetterContent | null> {
    const m = manager ?? this.dataSource.manager;
    const decision = await m.findOne(Decision, { where: { proposalId, round } });
    if (!decision) return null;
    const proposal = await m.findOneByOrFail(Proposal, { id: proposalId });
    const call = await m.findOneByOrFail(Call, { id: proposal.callId });
    const [applicant]: { name: string; locale: string }[] = await m.query(
      'SELECT name, locale FROM users WHERE id = $1',
      [proposal.applicantId],
    );
    const locale: LetterLocale = applicant?.locale === 'en' ? 'en' : 'de';
    const scores = await this.scores.compute(proposal, round, m);
    const agreed = await this.consensus.forApplicant(proposalId, round, m);
    const comments = agreed ? [] : await this.reviews.reviewsForApplicant(proposalId, round, m);
    const openRevision =
      decision.outcome === 'revision_requested' &&
      proposal.round === round &&
      proposal.state === 'revision_requested';
    return {
      locale,
      applicantName: applicant?.name ?? '',
      proposalTitle: proposal.title,
      acronym: proposal.acronym,
      callTitle: call.title,
      round,
      outcome: decision.outcome,
      rationale: decision.rationale,
      grantedFundingEur: decision.grantedFundingEur,
      revisionDeadline: openRevision ? proposal.revisionDeadline : null,
      paragraph: decision.letterParagraph,
      scores: rubricOfRound(call, round).criteria.map((c) => ({
        label: c.label[locale],
        value: scores.criteria[c.key]?.mean ?? null,
      })),
      total: scores.total,
      consensus: agreed !== null,
      consensusText: agreed?.commentToApplicant ?? '',
      minorityViews: agreed?.minorityViews ?? [],
      comments: comments.map((c, i) => ({ letter: reviewerLetter(i), text: c.commentToApplicant })),
    };
  }

  /** The PDF of a round's letter; null without a decision. */
  async pdf(proposalId: string, round: number): Promise<Buffer | null> {
    const content = await this.content(proposalId, round);
    return content ? letterPdf(content) : null;
  }

  /**
   * `GET /api/proposals/:id/decision/letter.pdf`: the latest decision's letter, for the office and for
   * the applicant once it is released (404 before, as for everyone else).
   */
  async pdfForReader(proposalId: string, user: AuthUser): Promise<{ pdf: Buffer; round: number }> {
    const proposal = await this.proposals.findReadable(proposalId, user);
    const office = user.roles.includes('office');
    if (!office && proposal.applicantId !== user.id) throw notFound('Decision');
    const [decision]: { round: number }[] = await this.dataSource.query(
      `SELECT round FROM decisions WHERE proposal_id = $1 AND ($2 OR released_at IS NOT NULL)
        ORDER BY round DESC LIMIT 1`,
      [proposalId, office],
    );
    if (!decision) throw notFound('Decision');
    return { pdf: (await this.pdf(proposalId, decision.round))!, round: decision.round };
  }

  /** `GET /api/calls/:id/letters`: every recorded, unreleased decision of the call, rendered. */
  async pending(callId: string, user: AuthUser): Promise<PendingLetter[]> {
    await this.calls.getVisible(callId, user);
    const rows: { proposal_id: string; round: number }[] = await this.dataSource.query(
      `SELECT d.proposal_id, d.round FROM decisions d JOIN proposals p ON p.id = d.proposal_id
        WHERE p.call_id = $1 AND d.released_at IS NULL ORDER BY d.decided_at, d.id`,
      [callId],
    );
    const letters: PendingLetter[] = [];
    for (const r of rows) {
      const c = (await this.content(r.proposal_id, r.round))!;
      letters.push({
        proposalId: r.proposal_id,
        acronym: c.acronym,
        title: c.proposalTitle,
        round: r.round,
        outcome: c.outcome,
        paragraph: c.paragraph,
        text: letterText(c),
      });
    }
    return letters;
  }

  /** `PUT /api/calls/:id/letters/:proposalId`: the office's personal paragraph of a pending letter. */
  async setParagraph(
    callId: string,
    proposalId: string,
    paragraph: string,
    user: AuthUser,
  ): Promise<PendingLetter> {
    await this.calls.getVisible(callId, user);
    const updated: { round: number }[] = await rowsOf(
      this.dataSource,
      `UPDATE decisions d SET letter_paragraph = $3 FROM proposals p
        WHERE p.id = d.proposal_id AND p.call_id = $1 AND d.proposal_id = $2 AND d.released_at IS NULL
        RETURNING d.round`,
      [callId, proposalId, paragraph.trim()],
    );
    if (updated.length === 0) {
      const [known] = await this.dataSource.query(
        'SELECT 1 FROM decisions d JOIN proposals p ON p.id = d.proposal_id WHERE p.call_id = $1 AND d.proposal_id = $2',
        [callId, proposalId],
      );
      if (!known) throw notFound('Letter');
      throw problem(
        'letter-released',
        {},
        'This letter has been released already; it cannot change any more.',
      );
    }
    const letter = (await this.pending(callId, user)).find((l) => l.proposalId === proposalId);
    if (!letter) throw notFound('Letter');
    return letter;
  }

  /** `POST /api/calls/:id/letters/release`: every pending letter of the call, each exactly once. */
  async release(callId: string, user: AuthUser): Promise<ReleaseResult> {
    await this.calls.getVisible(callId, user);
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; proposal_id: string; round: number }[] = await rowsOf(
        manager,
        `UPDATE decisions d SET released_at = now() FROM proposals p
          WHERE p.id = d.proposal_id AND p.call_id = $1 AND d.released_at IS NULL
          RETURNING d.id, d.proposal_id, d.round`,
        [callId],
      );
      // A requested revision's period starts now, with the letter that tells the applicant of it.
      await manager.query(
        `UPDATE proposals p
            SET revision_deadline = now() + make_interval(days => c.revision_period_days),
                version = p.version + 1, updated_at = now()
           FROM calls c
          WHERE c.id = p.call_id AND p.id = ANY($1::uuid[]) AND p.state = 'revision_requested'`,
        [rows.map((r) => r.proposal_id)],
      );
      await writeOutboxBatch(
        manager,
        rows.map((r) => ({
          kind: OUTBOX.decisionLetter,
          payload: { proposalId: r.proposal_id, round: r.round },
        })),
      );
      await writeAuditBatch(
        manager,
        rows.map((r) => ({
          actorId: user.id,
          entityType: 'decision',
          entityId: r.id,
          action: 'release-letter',
          data: { proposalId: r.proposal_id, round: r.round },
        })),
      );
      return { released: rows.length, proposalIds: rows.map((r) => r.proposal_id) };
    });
  }
}
