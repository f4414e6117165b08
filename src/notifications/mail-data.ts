import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolQuery } from '@/database/pool-query';
import { rubricOfRound, type Rubric } from '@/calls/rubric';
import { byKeys, MicroBatch } from '@/common/micro-batch';
import { memoize, roundAggregatesSql, summaryCtes } from '@/decision/score-query';
import { conflictExistsSql } from '@/review/conflict-sql';
import { reviewerLetter } from '@/review/review-access';
import { ReviewsService } from '@/review/reviews.service';
import { DECIDABLE_PROPOSAL_STATES, proposalMachine } from '@/proposals/proposal-transitions';
import { OPEN_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import type { Locale } from '@/users/user.entity';
import { asLocale } from './mail-format';

/** Proposals the office still has to screen: those the screening events leave from. */
const TO_SCREEN = proposalMachine.statesThatFire('screen-eligible');

/** Who a mail goes to, with the language of their account. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
}

export interface ProposalInfo {
  id: string;
  title: string;
  acronym: string;
  round: number;
  state: string;
  applicantId: string;
  revisionDeadline: Date | null;
  callId: string;
  callTitle: string;
  rubric: Rubric;
  outlineRubric: Rubric | null;
  /** Read with the proposal (one statement), for the applicant's mails. */
  applicant: (Recipient & { active: boolean }) | null;
}

export interface AssignmentInfo {
  id: string;
  state: string;
  round: number;
  dueAt: Date;
  createdAt: Date;
  declineReason: string | null;
  reviewer: Recipient & { active: boolean };
  proposalId: string;
  /** Read with the assignment (one statement): reviewer mails need both. */
  proposal: ProposalInfo;
}

export interface CriterionMean {
  key: string;
  label: { de: string; en: string };
  mean: string | null;
}

export interface DecisionLetterData {
  outcome: 'approved' | 'rejected' | 'revision_requested' | 'invited' | 'not_invited';
  grantedFundingEur: number | null;
  /** The chair's reasons, as on the applicant's page ('' when none was given). */
  rationale: string;
  means: CriterionMean[];
  total: string | null;
  /** Comments to the applicant with the letter the applicant's page gives them (A, B, …; no names). */
  comments: { letter: string; text: string }[];
}

export interface DigestData {
  toScreen: { acronym: string; title: string }[];
  awaitingDecision: { acronym: string; title: string }[];
  overdueReviews: number;
  unansweredInvitations: number;
  mailsNeedingAttention: number;
}

type Row = Record<string, unknown>;
/** A row as the driver returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped like every `db.query` row, read field by field below
type DriverRow = Record<string, any>;

/** A round's criterion means (rubric order, null where unscored) and weighted total, as text at 2 decimals. */
interface LetterScores {
  means: (string | null)[];
  total: string | null;
}

/** `means` (−1 where unscored) and `total` of a `round_scores`-shaped row `sm`, rounded for the letter. */
const LETTER_COLUMNS = `ARRAY(SELECT CASE WHEN u.m >= 0 THEN round(u.m, 2)::text END
                                FROM unnest(sm.means) WITH ORDINALITY AS u(m, i) ORDER BY u.i) AS means,
                         round(sm.total, 2)::text AS total`;

const STORED_SCORES_SQL = `SELECT ${LETTER_COLUMNS} FROM round_scores sm WHERE sm.proposal_id = $1 AND sm.round = $2`;

const liveScoresSql = memoize(
  (criteriaCount: number) => `WITH
  aggs AS (${roundAggregatesSql('p.id = $2', '$3::int')}),
  ${summaryCtes(criteriaCount, '$3::int')}
  SELECT ${LETTER_COLUMNS} FROM summary sm`,
);

const recipient = (row: Row): Recipient => ({
  id: String(row.id),
  email: String(row.email),
  name: String(row.name),
  locale: asLocale(row.locale as string),
});

/**
 * A proposal with its call and applicant, each column named `<prefix><name>`: the proposal read and,
 * prefixed, the assignment read (which needs the proposal too) share them and `proposalInfo`.
 */
const proposalColumns = (prefix: string) =>
  `p.id AS ${prefix}id, p.title AS ${prefix}title, p.acronym AS ${prefix}acronym, p.round AS ${prefix}round,
   p.state AS ${prefix}state, p.applicant_id AS ${prefix}applicant_id,
   p.revision_deadline AS ${prefix}revision_deadline, c.id AS ${prefix}call_id, c.title AS ${prefix}call_title,
   c.rubric AS ${prefix}rubric, c.outline_rubric AS ${prefix}outline_rubric, ap.email AS ${prefix}applicant_email,
   ap.name AS ${prefix}applicant_name, ap.locale AS ${prefix}applicant_locale, ap.active AS ${prefix}applicant_active`;
const PROPOSAL_JOINS = 'JOIN calls c ON c.id = p.call_id LEFT JOIN users ap ON ap.id = p.applicant_id';

function proposalInfo(row: DriverRow, prefix = ''): ProposalInfo {
  const col = (name: string) => row[`${prefix}${name}`];
  return {
    id: col('id'),
    title: col('title'),
    acronym: col('acronym'),
    round: col('round'),
    state: col('state'),
    applicantId: col('applicant_id'),
    revisionDeadline: col('revision_deadline'),
    callId: col('call_id'),
    callTitle: col('call_title'),
    rubric: col('rubric'),
    outlineRubric: col('outline_rubric') ?? null,
    applicant:
      col('applicant_active') === null
        ? null
        : {
            ...recipient({
              id: col('applicant_id'),
              email: col('applicant_email'),
              name: col('applicant_name'),
              locale: col('applicant_locale'),
            }),
            active: col('applicant_active'),
          },
  };
}

/**
 * What the mails say, read from the database when the job runs (payloads carry ids only). Only what
 * the recipient may see is selected: never confidential comments, never reviewer names for applicants.
 */
@Injectable()
export class MailData {
  // Concurrent jobs' reads of users, proposals and assignments by id: one statement per batch.
  private readonly users = this.batchById(
    'SELECT id, email, name, locale, active FROM users WHERE id = ANY($1::uuid[])',
  );
  private readonly proposals = this.batchById(
    `SELECT ${proposalColumns('')} FROM proposals p ${PROPOSAL_JOINS} WHERE p.id = ANY($1::uuid[])`,
  );
  private readonly assignments = this.batchById(
    `SELECT a.id, a.state, a.round, a.due_at, a.created_at, a.decline_reason, a.proposal_id,
            u.id AS user_id, u.email, u.name, u.locale, u.active, ${proposalColumns('p_')}
       FROM assignments a JOIN users u ON u.id = a.reviewer_id JOIN proposals p ON p.id = a.proposal_id
            ${PROPOSAL_JOINS}
      WHERE a.id = ANY($1::uuid[])`,
  );

  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewsService,
  ) {}

  /** Rows of `sql` (which selects `id` and takes the ids as $1) for each id, or null; batched across callers. */
  private batchById(sql: string): MicroBatch<string, DriverRow | null> {
    return new MicroBatch(async (ids) => {
      const keys = ids.map((id) => id.toLowerCase());
      const rows = await poolQuery<DriverRow>(this.db, sql, [[...new Set(keys)]]);
      return byKeys(keys, rows, (row) => String(row.id));
    });
  }

  async user(id: string): Promise<(Recipient & { active: boolean }) | null> {
    const row = await this.users.run(id);
    return row ? { ...recipient(row), active: row.active } : null;
  }

  async office(): Promise<Recipient[]> {
    const rows: Row[] = await this.db.query(
      `SELECT id, email, name, locale FROM users WHERE active AND 'office' = ANY(roles) ORDER BY email`,
    );
    return rows.map(recipient);
  }

  /** Active steering members with no conflict of interest with the proposal (declared or by organisation). */
  async steeringFor(proposalId: string): Promise<Recipient[]> {
    const rows: Row[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.locale FROM users u, proposals p
        WHERE p.id = $1 AND u.active AND 'steering' = ANY(u.roles) AND NOT ${conflictExistsSql('p', 'u.id')}
        ORDER BY u.email`,
      [proposalId],
    );
    return rows.map(recipient);
  }

  /** Steering members who may vote on the proposal's current round and have not voted yet. */
  async steeringYetToVote(proposalId: string): Promise<Recipient[]> {
    const rows: Row[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.locale FROM users u, proposals p
        WHERE p.id = $1 AND u.active AND 'steering' = ANY(u.roles) AND NOT ${conflictExistsSql('p', 'u.id')}
          AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.proposal_id = p.id AND v.round = p.round AND v.voter_id = u.id)
        ORDER BY u.email`,
      [proposalId],
    );
    return rows.map(recipient);
  }

  async proposal(id: string): Promise<ProposalInfo | null> {
    const row = await this.proposals.run(id);
    return row ? proposalInfo(row) : null;
  }

  async assignment(id: string): Promise<AssignmentInfo | null> {
    const row = await this.assignments.run(id);
    if (!row) return null;
    return {
      id: row.id,
      state: row.state,
      round: row.round,
      dueAt: row.due_at,
      createdAt: row.created_at,
      declineReason: row.decline_reason,
      proposalId: row.proposal_id,
      reviewer: { ...recipient({ ...row, id: row.user_id }), active: row.active },
      proposal: proposalInfo(row, 'p_'),
    };
  }

  /**
   * The decision of a round with the criterion means (rubric order) and the weighted total, as the
   * round's stored scores (`round_scores`, written when its review ended) rounded to 2 decimals, and
   * the comments to the applicant. A round without stored scores (reviewed before they existed) is
   * computed live by the same SQL (src/decision/score-query.ts).
   */
  async decisionLetter(p: ProposalInfo, round: number): Promise<DecisionLetterData | null> {
    const proposalId = p.id;
    const [decision] = await this.db.query(
      'SELECT outcome, rationale, granted_funding_eur FROM decisions WHERE proposal_id = $1 AND round = $2',
      [proposalId, round],
    );
    if (!decision) return null;
    const [stored]: LetterScores[] = await this.db.query(STORED_SCORES_SQL, [proposalId, round]);
    const rubric = rubricOfRound(p, round);
    const scores: LetterScores | undefined =
      stored ??
      (await this.db.query(liveScoresSql(rubric.criteria.length), [p.callId, proposalId, round]))[0];
    // The same query and labels as the applicant's page, so "Gutachter*in B" there is "B" here.
    const comments = await this.reviews.reviewsForApplicant(proposalId, round);
    return {
      outcome: decision.outcome,
      grantedFundingEur: decision.granted_funding_eur,
      rationale: decision.rationale ?? '',
      means: rubric.criteria.map(({ key, label }, i) => ({ key, label, mean: scores?.means[i] ?? null })),
      total: scores?.total ?? null,
      comments: comments.map((c, i) => ({ letter: reviewerLetter(i), text: c.commentToApplicant })),
    };
  }

  /** Open items for the office's morning digest. */
  async digest(): Promise<DigestData> {
    const proposals: { state: string; acronym: string; title: string }[] = await this.db.query(
      `SELECT state, acronym, title FROM proposals WHERE state = ANY($1)
        ORDER BY submitted_at NULLS LAST, id`,
      [[...TO_SCREEN, ...DECIDABLE_PROPOSAL_STATES]],
    );
    const [counts] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM assignments WHERE state = ANY($1) AND due_at < now()) AS overdue,
              (SELECT count(*)::int FROM assignments WHERE state = 'invited') AS unanswered,
              (SELECT count(*)::int FROM mail_log WHERE status IN ('failed', 'unknown')) AS mails`,
      [OPEN_ASSIGNMENT_STATES],
    );
    const pick = (states: readonly string[]) =>
      proposals.filter((p) => states.includes(p.state)).map(({ acronym, title }) => ({ acronym, title }));
    return {
      toScreen: pick(TO_SCREEN),
      awaitingDecision: pick(DECIDABLE_PROPOSAL_STATES),
      overdueReviews: counts.overdue,
      unansweredInvitations: counts.unanswered,
      mailsNeedingAttention: counts.mails,
    };
  }
}
