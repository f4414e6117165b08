/**
 * The bare baseline for `GET /api/proposals/:id` and the office's `GET /api/proposals?callId=`: plain
 * Fastify + `pg`, no NestJS, no TypeORM, no guards or pipes, but the same statements the service runs
 * (captured from the statements the service compiles): for one proposal as a reviewer the session lookup,
 * the proposal with the readability rule, its attachments and its call; for the list the session lookup
 * and the page of 20 (+1 to know whether there is a next page). The same JSON bodies (without
 * `allowedEvents` and `allowedActions`). `npm run bench` checks that both answer the same bodies before
 * it measures, so the baseline cannot drift silently from the service.
 *
 *   DATABASE_URL=… PORT=0 node -r ts-node/register/transpile-only bench/baseline-server.ts
 *
 * Prints one JSON line `{"port": n}` when it listens.
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { type CallQuestion, eligibilityFindings, unansweredRequired } from '../src/calls/questions';
import { encodeCursor } from '../src/common/pagination';

/** As src/auth/auth.service.ts SESSION_USER_SQL (the guard's one statement since issue 19). */
const SESSION_USER_SQL = `SELECT u.id, u.email, u.name, u.roles, u.organisation, u.expertise, u.locale, u.chair,
       u.totp_enabled AS "totpEnabled"
  FROM users u JOIN sessions s ON s.user_id = u.id
 WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

const READABLE_PROPOSAL_SQL =
  'SELECT "p"."id" AS "p_id", "p"."call_id" AS "p_call_id", "p"."applicant_id" AS "p_applicant_id", "p"."title" AS "p_title", "p"."acronym" AS "p_acronym", "p"."abstract" AS "p_abstract", "p"."topics" AS "p_topics", "p"."partners" AS "p_partners", "p"."partner_keys" AS "p_partner_keys", "p"."requested_funding_eur" AS "p_requested_funding_eur", "p"."stage" AS "p_stage", "p"."has_outline" AS "p_has_outline", "p"."answers" AS "p_answers", "p"."duration_months" AS "p_duration_months", "p"."round" AS "p_round", "p"."state" AS "p_state", "p"."version" AS "p_version", "p"."submitted_at" AS "p_submitted_at", "p"."revision_deadline" AS "p_revision_deadline", "p"."created_at" AS "p_created_at", "p"."updated_at" AS "p_updated_at" FROM "proposals" "p" WHERE "p"."id" = $1 AND ("p"."applicant_id" = $2 OR "p"."state" IN ($3, $4, $5, $6, $7, $8) OR EXISTS (SELECT 1 FROM assignments ra WHERE ra.proposal_id = "p"."id" AND ra.reviewer_id = $2))';

/** As ProposalsService.get (one fixed statement since issue 19). */
/** The service reads the proposal's call whole (for the questions' findings). */
const CALL_SQL = 'SELECT * FROM calls WHERE id = $1';

/** As ProposalsService.list for the office with `callId` (compiled once there; no readability rule for the office). */
const OFFICE_LIST_SQL =
  READABLE_PROPOSAL_SQL.slice(0, READABLE_PROPOSAL_SQL.indexOf(' WHERE ')) +
  ' WHERE "p"."call_id" = $1 ORDER BY "p"."created_at" DESC, "p"."id" DESC LIMIT 21';
const PAGE = 20;

const ATTACHMENTS_SQL = `SELECT "id", "proposal_id", "filename", "size_bytes", "sha256", "storage_key", "uploaded_by", "created_at" FROM attachments
        WHERE proposal_id = $1 ORDER BY created_at ASC`;

/** REVIEWER_VISIBLE_STATES, as the service binds them. */
const REVIEWER_STATES = [
  'eligible',
  'in_review',
  'awaiting_decision',
  'approved',
  'rejected',
  'revision_requested',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;
const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

/** A proposal row as the service's view (without the rules' `allowedEvents` and `allowedActions`). */
function viewOf(p: Row): Row {
  return {
    id: p.p_id,
    callId: p.p_call_id,
    applicantId: p.p_applicant_id,
    title: p.p_title,
    acronym: p.p_acronym,
    abstract: p.p_abstract,
    topics: p.p_topics,
    partners: p.p_partners,
    requestedFundingEur: p.p_requested_funding_eur,
    durationMonths: p.p_duration_months,
    stage: p.p_stage,
    answers: p.p_answers,
    round: p.p_round,
    state: p.p_state,
    version: p.p_version,
    submittedAt: iso(p.p_submitted_at),
    revisionDeadline: iso(p.p_revision_deadline),
    createdAt: iso(p.p_created_at),
    updatedAt: iso(p.p_updated_at),
  };
}

/** The session's user, or null (the guard's one statement). */
async function sessionUser(pool: Pool, authorization: string | undefined): Promise<Row | null> {
  const header = authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const users = await pool.query<Row>(SESSION_USER_SQL, [hash]);
  return users.rows[0] ?? null;
}

async function main(): Promise<void> {
  // The service's pool size (data-source-options `extra.max`).
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/api/proposals/:id', async (request, reply) => {
    const user = await sessionUser(pool, request.headers.authorization);
    if (!user) return reply.code(401).send({ status: 401 });
    const id = request.params.id;
    if (!UUID.test(id)) return reply.code(404).send({ status: 404 });
    const userId = user.id;
    const proposals = await pool.query<Row>(READABLE_PROPOSAL_SQL, [id, userId, ...REVIEWER_STATES]);
    const p = proposals.rows[0];
    if (!p) return reply.code(404).send({ status: 404 });
    const attachments = await pool.query<Row>(ATTACHMENTS_SQL, [id]);
    const [call] = (await pool.query<Row>(CALL_SQL, [p.p_call_id])).rows;
    const answers = p.p_answers as Record<string, never>;
    return {
      ...viewOf(p),
      attachments: attachments.rows.map((a) => ({
        id: a.id,
        filename: a.filename,
        sizeBytes: a.size_bytes,
        sha256: a.sha256,
        createdAt: iso(a.created_at),
      })),
      eligibilityFindings: eligibilityFindings(call.questions as CallQuestion[], answers),
      unansweredQuestions: unansweredRequired(call.questions as CallQuestion[], answers),
    };
  });

  app.get<{ Querystring: { callId?: string } }>('/api/proposals', async (request, reply) => {
    const user = await sessionUser(pool, request.headers.authorization);
    if (!user) return reply.code(401).send({ status: 401 });
    // Only the shape the bench asks for: the office, one call, the first page.
    const callId = request.query.callId ?? '';
    if (!(user.roles as string[]).includes('office') || !UUID.test(callId))
      return reply.code(400).send({ status: 400 });
    const rows = (await pool.query<Row>(OFFICE_LIST_SQL, [callId])).rows;
    const items = rows.slice(0, PAGE);
    const last = items[items.length - 1];
    return {
      items: items.map(viewOf),
      nextCursor:
        rows.length > PAGE && last
          ? encodeCursor({ createdAt: iso(last.p_created_at) as string, id: last.p_id as string })
          : null,
    };
  });

  const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);
  const stop = () => {
    void app.close().then(() => pool.end());
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
