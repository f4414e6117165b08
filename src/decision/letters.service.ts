import { Injectable } from '@nestjs/common';
import { rubricOfRound } from '@/calls/rubric';
import { DataSource, EntityManager, In } from 'typeorm';
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
    return (await this.contents([{ proposalId, round }], manager))[0];
  }

  /** `content` for many (proposal, round) pairs, in their order: a few queries for all of them. */
  async contents(
    pairs: { proposalId: string; round: number }[],
    manager?: EntityManager,
  ): Promise<(LetterContent | null)[]> {
    if (pairs.length === 0) return [];
    const m = manager ?? this.dataSource.manager;
    const key = (p: { proposalId: string; round: number }) => `${p.proposalId}|${p.round}`;
    const decisions = new Map(
      (await m.find(Decision, { where: pairs.map(({ proposalId, round }) => ({ proposalId, round })) })).map(
        (d) => [key(d), d],
      ),
    );
    const decided = pairs.filter((p) => decisions.has(key(p)));
    if (decided.length === 0) return pairs.map(() => null);
    const proposals = new Map(
      (await m.findBy(Proposal, { id: In(decided.map((p) => p.proposalId)) })).map((p) => [p.id, p]),
    );
    const proposalOf = (p: { proposalId: string }) => proposals.get(p.proposalId)!;
    const calls = new Map(
      (await m.findBy(Call, { id: In(decided.map((p) => proposalOf(p).callId)) })).map((c) => [c.id, c]),
    );
    const applicants: { id: string; name: string; locale: string }[] = await m.query(
      'SELECT id, name, locale FROM users WHERE id = ANY($1::uuid[])',
      [decided.map((p) => proposalOf(p).applicantId)],
    );
    const applicantOf = new Map(applicants.map((a) => [a.id, a]));
    const scores = await this.scores.computeMany(
      decided.map((p) => ({ proposal: proposalOf(p), round: p.round })),
      m,
    );
    const agreed = await this.consensus.forApplicantMany(decided, m);
    const comments = await this.reviews.reviewsForApplicantMany(decided, m);
    const contents = new Map<string, LetterContent>();
    decided.forEach((pair, i) => {
      const { round } = pair;
      const decision = decisions.get(key(pair))!;
      const proposal = proposalOf(pair);
      const call = calls.get(proposal.callId)!;
      const applicant = applicantOf.get(proposal.applicantId);
      const locale: LetterLocale = applicant?.locale === 'en' ? 'en' : 'de';
      const consensus = agreed[i];
      const openRevision =
        decision.outcome === 'revision_requested' &&
        proposal.round === round &&
        proposal.state === 'revision_requested';
      contents.set(key(pair), {
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
          value: scores[i].criteria[c.key]?.mean ?? null,
        })),
        total: scores[i].total,
        consensus: consensus !== null,
        consensusText: consensus?.commentToApplicant ?? '',
        minorityViews: consensus?.minorityViews ?? [],
        // A final consensus report speaks for the reviewers: their comments are left out then.
        comments: consensus
          ? []
          : comments[i].map((c, j) => ({ letter: reviewerLetter(j), text: c.commentToApplicant })),
      });
    });
    return pairs.map((p) => contents.get(key(p)) ?? null);
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
    const contents = await this.contents(rows.map((r) => ({ proposalId: r.proposal_id, round: r.round })));
    const letters: PendingLetter[] = rows.map((r, i) => {
      const c = contents[i]!;
      return {
        proposalId: r.proposal_id,
        acronym: c.acronym,
        title: c.proposalTitle,
        round: r.round,
        outcome: c.outcome,
        paragraph: c.paragraph,
        text: letterText(c),
      };
    });
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
