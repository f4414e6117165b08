import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ASSIGNABLE_PROPOSAL_STATES,
  DECIDABLE_PROPOSAL_STATES,
  proposalMachine,
} from '@/proposals/proposal-transitions';
import { LIVE_ASSIGNMENT_STATES, OPEN_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import { assignmentConflictedSql } from '@/review/conflict-sql';

/** The rows of the office's to-do list, in the order the work comes up. */
export const OFFICE_TODO_KINDS = [
  'toScreen',
  'shortOfReviewers',
  'unansweredInvitations',
  'overdueReviews',
  'conflictedAssignments',
  'readyForDecision',
  'lettersUnsent',
  'mailsFailed',
  'mailsUnknown',
] as const;
export type OfficeTodoKind = (typeof OFFICE_TODO_KINDS)[number];

export interface OfficeTodoItem {
  kind: OfficeTodoKind;
  count: number;
  /** Where the office does the work; a call's own page when all items belong to one call. */
  href: string;
}

/** Proposals the office still has to screen: those the screening events leave from. */
const TO_SCREEN = proposalMachine.statesThatFire('screen-eligible');

/**
 * One round trip: a count per kind, and the call when exactly one call has items of that kind (so the
 * link can go straight to its assignment page). Short of reviewers = fewer live assignments in the
 * current round than the call asks for. Conflicted assignments: live ones whose reviewer is conflicted
 * now (after a registry or organisation change; flagged, never revoked by themselves). A letter is unsent while no mail of it to anyone is `sent`:
 * a batch call's letter waits for the office's release (the row then links to that call's letters
 * page when one call has pending letters), any other goes out by itself once the workers relay it.
 */
const TODO_SQL = `
WITH short AS (
  SELECT p.call_id FROM proposals p JOIN calls c ON c.id = p.call_id
   WHERE p.state = ANY($2)
     AND (SELECT count(*) FROM assignments a
           WHERE a.proposal_id = p.id AND a.round = p.round AND a.state = ANY($6))
         < CASE WHEN p.stage = 'outline' THEN c.outline_reviews ELSE c.reviews_per_proposal END
),
invited AS (
  SELECT p.call_id, a.due_at, a.state FROM assignments a JOIN proposals p ON p.id = a.proposal_id
   WHERE a.state = ANY($5)
)
SELECT
  (SELECT count(*)::int FROM proposals WHERE state = ANY($1)) AS "toScreen",
  (SELECT count(*)::int FROM short) AS "shortOfReviewers",
  (SELECT CASE WHEN count(DISTINCT call_id) = 1 THEN min(call_id::text) END FROM short) AS "shortCall",
  (SELECT count(*)::int FROM invited WHERE state = 'invited') AS "unansweredInvitations",
  (SELECT CASE WHEN count(DISTINCT call_id) = 1 THEN min(call_id::text) END FROM invited
    WHERE state = 'invited') AS "unansweredCall",
  (SELECT count(*)::int FROM invited WHERE due_at < now()) AS "overdueReviews",
  (SELECT count(*)::int FROM assignments a
    WHERE a.state = ANY($6) AND ${assignmentConflictedSql('a', '$6')}) AS "conflictedAssignments",
  (SELECT count(*)::int FROM proposals WHERE state = ANY($3)) AS "readyForDecision",
  (SELECT count(*)::int FROM decisions d
    WHERE NOT EXISTS (SELECT 1 FROM mail_log m
                       WHERE m.template = $4 AND m.status = 'sent'
                         AND m.data->'payload'->>'proposalId' = d.proposal_id::text
                         AND m.data->'payload'->>'round' = d.round::text)) AS "lettersUnsent",
  (SELECT count(*)::int FROM decisions WHERE released_at IS NULL) AS "lettersPending",
  (SELECT CASE WHEN count(DISTINCT p.call_id) = 1 THEN min(p.call_id::text) END
     FROM decisions d JOIN proposals p ON p.id = d.proposal_id WHERE d.released_at IS NULL) AS "pendingCall",
  (SELECT count(*)::int FROM mail_log WHERE status = 'failed') AS "mailsFailed",
  (SELECT count(*)::int FROM mail_log WHERE status = 'unknown') AS "mailsUnknown"`;

type TodoRow = Record<OfficeTodoKind, number> & {
  shortCall: string | null;
  unansweredCall: string | null;
  lettersPending: number;
  pendingCall: string | null;
};

/** The office's to-do list for the home page: what is waiting, how much of it, and where to do it. */
@Injectable()
export class OfficeTodo {
  constructor(private readonly db: DataSource) {}

  async items(): Promise<OfficeTodoItem[]> {
    const [row]: TodoRow[] = await this.db.query(TODO_SQL, [
      TO_SCREEN,
      ASSIGNABLE_PROPOSAL_STATES,
      DECIDABLE_PROPOSAL_STATES,
      'decision-letter',
      OPEN_ASSIGNMENT_STATES,
      LIVE_ASSIGNMENT_STATES,
    ]);
    const assignPage = (callId: string | null) => (callId ? `/office/calls/${callId}/assign` : '/office');
    const href: Record<OfficeTodoKind, string> = {
      toScreen: `/office/proposals?state=${TO_SCREEN[0]}`,
      shortOfReviewers: assignPage(row.shortCall),
      unansweredInvitations: assignPage(row.unansweredCall),
      overdueReviews: '/office/overdue',
      conflictedAssignments: '/office/organisations#flagged-h',
      readyForDecision: `/office/proposals?state=${DECIDABLE_PROPOSAL_STATES[0]}`,
      // Letters waiting for the release are sent from the call's letters page, not the mail log.
      lettersUnsent:
        row.lettersPending > 0
          ? row.pendingCall
            ? `/office/calls/${row.pendingCall}/letters`
            : '/office'
          : '/office/mails?template=decision-letter',
      mailsFailed: '/office/mails?status=failed',
      mailsUnknown: '/office/mails?status=unknown',
    };
    return OFFICE_TODO_KINDS.map((kind) => ({ kind, count: row[kind], href: href[kind] }));
  }
}
