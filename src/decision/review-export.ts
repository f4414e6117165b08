import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import type { ExportTable } from './export-table';

interface ReviewExportRow {
  proposal_id: string;
  acronym: string;
  title: string;
  round: number;
  reviewer: string;
  submitted_at: string;
  scores: Record<string, string> | null;
  comment_to_applicant: string;
  confidential_comment: string;
}

/**
 * Every submitted review of a call, one row each (office only: the rows name the reviewers and carry
 * the board-confidential comments). One query, ordered by proposal, round and invitation.
 */
@Injectable()
export class ReviewExport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: CallsService,
  ) {}

  async table(callId: string, user: AuthUser): Promise<ExportTable> {
    const call = await this.calls.getVisible(callId, user);
    // A two-stage call's outline reviews (round 0) are scored on its outline rubric: both rubrics' columns.
    const keys = [
      ...new Set([...call.rubric.criteria, ...(call.outlineRubric?.criteria ?? [])].map((c) => c.key)),
    ];
    const rows: ReviewExportRow[] = await this.dataSource.query(
      `SELECT p.id AS proposal_id, p.acronym, p.title, a.round, u.name AS reviewer,
              to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS submitted_at,
              (SELECT jsonb_object_agg(s.criterion_key, s.score::text) FROM review_scores s WHERE s.review_id = r.id) AS scores,
              r.comment_to_applicant, r.confidential_comment
         FROM proposals p
         JOIN assignments a ON a.proposal_id = p.id AND a.state = 'submitted'
         JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
         JOIN users u ON u.id = a.reviewer_id
        WHERE p.call_id = $1
        ORDER BY p.submitted_at NULLS LAST, p.id, a.round, a.created_at, a.id`,
      [callId],
    );
    return {
      sheet: 'Reviews',
      header: [
        'proposalId',
        'acronym',
        'title',
        'round',
        'reviewer',
        'submittedAt',
        ...keys,
        'commentToApplicant',
        'confidentialComment',
      ],
      rows: rows.map((r) => [
        r.proposal_id,
        r.acronym,
        r.title,
        r.round,
        r.reviewer,
        r.submitted_at,
        ...keys.map((k) => (r.scores?.[k] === undefined ? null : Number(r.scores[k]))),
        r.comment_to_applicant,
        r.confidential_comment,
      ]),
      textColumns: [1, 2, 4, 6 + keys.length, 7 + keys.length],
    };
  }
}
