/**
 * Seeds one large call straight into PostgreSQL with set-based SQL (INSERT … SELECT generate_series),
 * in one transaction: the full-size call (2,000 proposals, 300 reviewers, 6,000 submitted reviews × 5
 * criteria, votes) takes a few seconds, where going through the API would take hours (argon2 sign-ins,
 * one transition per request). The rows are what the service itself would have written:
 *
 *  - proposals 1 … P−REV: round 1, `awaiting_decision`, k = 3 submitted reviews each and the round's
 *    score snapshot (`round_scores`, written by the decision module's own SQL) — the ranking;
 *  - proposals P−REV+1 … P: a revision was requested after round 1 (k submitted reviews, votes and a
 *    decision in round 1), resubmitted, now round 2 `in_review` with k accepted assignments and no
 *    review yet (the draft-save benchmark writes these). So the call has P proposals and k·P submitted
 *    reviews in all.
 *  - every proposal: 1–2 attachments (rows only, no files), 1–3 partners, 1–5 of the call's 40 topics,
 *    one declared reviewer conflict; every 40th a partner from a reviewer's organisation (an automatic
 *    conflict); every 50th a declared steering conflict; bids on ~5 % of (proposal, reviewer) pairs.
 *  - sessions (Bearer tokens) for the office user, two steering members and every reviewer.
 *
 * Ids are md5(tag:kind:n) shaped as version-4 UUIDs, so several seeds (different tags) can share one
 * database.
 * Audit events of the simulated history are not written; no benchmarked endpoint reads them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import { hashPassword } from '@/users/passwords';
import { defaultRubric, type Rubric } from '@/calls/rubric';
import { snapshotRoundScoresSql } from '@/decision/score-query';
import { fillOrganisationKeys } from '@/common/org-name-backfill';

export interface SeedSize {
  /** Prefix of ids and e-mail addresses: lower-case letters, digits and dashes. */
  tag: string;
  proposals: number;
  reviewers: number;
  steering: number;
  applicants: number;
  /** How many proposals are in round 2 under review (the rest await a decision). */
  revisionProposals: number;
}

/** The call of issue 7: 2,000 proposals, 300 reviewers, 6,000 submitted reviews. */
export const BENCH_SIZE: SeedSize = {
  tag: 'bench',
  proposals: 2000,
  reviewers: 300,
  steering: 9,
  applicants: 800,
  revisionProposals: 200,
};

export const REVIEWS_PER_PROPOSAL = 3;
export const SEED_PASSWORD = 'bench-password-1';

export interface SeedResult {
  callId: string;
  /** Every proposal of the call, in seed order. */
  proposalIds: string[];
  officeToken: string;
  steeringToken: string;
  chairToken: string;
  /** Token of reviewer 1 (who may read every proposal of the call: all passed the formal check). */
  reviewerToken: string;
  /** Accepted round-2 assignments with their assignee's token, ordered so neighbours differ in proposal. */
  draftTargets: { assignmentId: string; token: string }[];
  counts: Record<string, number>;
  seconds: number;
}

/** The same UUID as the SQL `pg_temp.bid(kind, n)` below: md5 with version 4 and variant bits set. */
export function benchId(tag: string, kind: string, n: number): string {
  const md5 = createHash('md5').update(`${tag}:${kind}:${n}`).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const topic = (expr: string): string => `'topic-' || lpad((1 + (${expr}) % 40)::text, 2, '0')`;

type Statement = string | [sql: string, params: unknown[]];

/** The statements, in order, with their parameters. */
function statements(s: SeedSize, v: { passwordHash: string; rubric: Rubric }): Statement[] {
  const P = s.proposals;
  const R = s.reviewers;
  const firstRevision = P - s.revisionProposals + 1;
  const k = REVIEWS_PER_PROPOSAL;
  // Reviewer j of proposal p is ((p−1)·k + j) mod R + 1: exactly k·P/R reviews each. Offsets for the
  // declared and the organisation conflict lie outside 0 … k−1, so no assigned pair is conflicted.
  const declaredOffset = Math.floor(R / 2);
  const orgOffset = Math.floor((2 * R) / 3);
  const reviewerOf = (j: string) => `(((p - 1) * ${k} + ${j}) % ${R}) + 1`;
  const quality = (p: string) => `(1.5 + 3.0 * ((${p} * 37) % 100) / 100.0)`;
  return [
    `SELECT setseed(0.2026)`,
    `CREATE OR REPLACE FUNCTION pg_temp.bid(kind text, n int) RETURNS uuid LANGUAGE sql IMMUTABLE
       AS $$ SELECT overlay(overlay(md5('${s.tag}:' || kind || ':' || n) PLACING '4' FROM 13 FOR 1)
                            PLACING '8' FROM 17 FOR 1)::uuid $$`,
    // users: applicants, reviewers, steering (1 = chair), one office user
    [
      `INSERT INTO users (id, email, password_hash, name, organisation, roles, expertise, locale)
     SELECT pg_temp.bid('applicant', a), '${s.tag}-applicant-' || a || '@bench.example', $1,
            'Antragsteller ' || a, 'Firma ' || (a % 400), '{applicant}', '{}', 'de'
       FROM generate_series(1, ${s.applicants}) a`,
      [v.passwordHash],
    ],
    [
      `INSERT INTO users (id, email, password_hash, name, organisation, roles, expertise, locale)
     SELECT pg_temp.bid('reviewer', r), '${s.tag}-reviewer-' || r || '@bench.example', $1,
            'Gutachterin ' || r, 'Institut ' || r, '{reviewer}',
            ARRAY(SELECT ${topic('r * 11 + j * 3')} FROM generate_series(1, 3 + r % 8) j),
            CASE WHEN r % 3 = 0 THEN 'en' ELSE 'de' END
       FROM generate_series(1, ${R}) r`,
      [v.passwordHash],
    ],
    [
      `INSERT INTO users (id, email, password_hash, name, organisation, roles, chair, locale)
     SELECT pg_temp.bid('steering', m), '${s.tag}-steering-' || m || '@bench.example', $1,
            'Lenkungskreis ' || m, 'Cluster Board ' || m, '{steering}', m = 1, 'de'
       FROM generate_series(1, ${s.steering}) m`,
      [v.passwordHash],
    ],
    [
      `INSERT INTO users (id, email, password_hash, name, organisation, roles, locale)
     VALUES (pg_temp.bid('office', 1), '${s.tag}-office@bench.example', $1, 'Geschäftsstelle',
             'Cluster', '{office}', 'de')`,
      [v.passwordHash],
    ],
    // the call, closed a month ago
    [
      `INSERT INTO calls (id, title, description, topics, opens_at, submission_deadline, reviews_per_proposal,
                        min_reviews, max_load_per_reviewer, rubric, state, version)
     VALUES (pg_temp.bid('call', 1), 'Mobilität 2030 (${s.tag})', 'Kooperationsprojekte der Zulieferer',
             ARRAY(SELECT ${topic('t')} FROM generate_series(0, 39) t),
             now() - interval '60 days', now() - interval '30 days', ${k}, 2,
             ${Math.ceil((k * (P + s.revisionProposals)) / R) + 3}, $1, 'closed', 3)`,
      [JSON.stringify(v.rubric)],
    ],
    `INSERT INTO proposals (id, call_id, applicant_id, title, acronym, abstract, topics, partners,
                            requested_funding_eur, duration_months, round, state, version, submitted_at,
                            created_at, updated_at)
     SELECT pg_temp.bid('proposal', p), pg_temp.bid('call', 1), pg_temp.bid('applicant', (p - 1) % ${s.applicants} + 1),
            'Verbundprojekt ' || p || ': Leichtbau und Recycling in der Batteriefertigung', 'VP' || p,
            repeat('Ziel des Vorhabens ist ein wiederverwendbares Batteriegehäuse aus Sekundäraluminium. ', 14),
            ARRAY(SELECT ${topic('p * 7 + j * 13')} FROM generate_series(1, 1 + p % 5) j),
            (SELECT jsonb_agg(jsonb_build_object(
                      'name', CASE WHEN q = 1 AND p % 40 = 0
                                   THEN 'Institut ' || ((((p - 1) * ${k} + ${orgOffset}) % ${R}) + 1)
                                   ELSE 'Partner ' || ((p * 3 + q) % 500) END,
                      'kind', (ARRAY['sme', 'large', 'research'])[1 + (p + q) % 3],
                      'city', (ARRAY['Wolfsburg', 'Braunschweig', 'Stuttgart', 'Chemnitz'])[1 + (p + q) % 4]))
               FROM generate_series(1, 1 + p % 3) q),
            50000 + (p * 7919) % 450000, 12 + p % 25,
            1, 'awaiting_decision', 5,
            now() - interval '35 days' + p * interval '1 minute' + interval '2 hours',
            now() - interval '35 days' + p * interval '1 minute', now() - interval '1 day'
       FROM generate_series(1, ${P}) p`,
    `INSERT INTO attachments (id, proposal_id, filename, size_bytes, sha256, storage_key, uploaded_by, created_at)
     SELECT pg_temp.bid('attachment', p * 2 + n), pg_temp.bid('proposal', p),
            CASE n WHEN 0 THEN 'antrag.pdf' ELSE 'finanzplan.pdf' END, 200000 + p * 13,
            encode(sha256(convert_to(p || ':' || n, 'UTF8')), 'hex'), md5(p || ':' || n) || '.pdf',
            pg_temp.bid('applicant', (p - 1) % ${s.applicants} + 1), now() - interval '36 days'
       FROM generate_series(1, ${P}) p, generate_series(0, p % 2) n`,
    // round 1: k submitted assignments per proposal, each with a submitted review of 5 scores
    `INSERT INTO assignments (id, proposal_id, reviewer_id, round, state, version, due_at, responded_at, created_at)
     SELECT pg_temp.bid('assignment', (p - 1) * ${k} + j), pg_temp.bid('proposal', p),
            pg_temp.bid('reviewer', ${reviewerOf('j')}), 1, 'submitted', 3,
            now() - interval '12 days', now() - interval '32 days', now() - interval '33 days'
       FROM generate_series(1, ${P}) p, generate_series(0, ${k - 1}) j`,
    `INSERT INTO reviews (id, assignment_id, comment_to_applicant, confidential_comment, submitted_at)
     SELECT pg_temp.bid('review', n), pg_temp.bid('assignment', n),
            repeat('Das Konsortium ist stark, der Arbeitsplan knapp bemessen. ', 8),
            'Budget prüfen.', now() - interval '22 days'
       FROM generate_series(0, ${P * k - 1}) n`,
    [
      `INSERT INTO review_scores (review_id, criterion_key, score)
     SELECT pg_temp.bid('review', n), c.key,
            least(5, greatest(0, round((${quality(`(n / ${k} + 1)`)}
                  + (random() - 0.5) * CASE WHEN random() < 0.05 THEN 5 ELSE 2 END) * 2) / 2))
       FROM generate_series(0, ${P * k - 1}) n, jsonb_to_recordset($1::jsonb) AS c(key text)`,
      [JSON.stringify(v.rubric.criteria)],
    ],
    // the k-th submitted review ended round 1's review: its scores were stored (DecisionHooks)
    [snapshotRoundScoresSql(v.rubric.criteria.length, 'true', '1'), [benchId(s.tag, 'call', 1)]],
    // then the last REV proposals got a revision request, were resubmitted and are in round 2 review
    `UPDATE proposals SET round = 2, state = 'in_review', version = 9, submitted_at = now() - interval '2 days'
      WHERE id IN (SELECT pg_temp.bid('proposal', p) FROM generate_series(${firstRevision}, ${P}) p)`,
    // round 2 of the resubmitted proposals: a decision in round 1 (released at once, as the call
    // releases decisions: the applicant saw the request and resubmitted), k accepted assignments now
    `INSERT INTO decisions (id, proposal_id, round, outcome, rationale, decided_by, decided_at, released_at)
     SELECT pg_temp.bid('decision', p), pg_temp.bid('proposal', p), 1, 'revision_requested',
            'Arbeitsplan überarbeiten.', pg_temp.bid('steering', 1), now() - interval '20 days',
            now() - interval '20 days'
       FROM generate_series(${firstRevision}, ${P}) p`,
    `INSERT INTO assignments (id, proposal_id, reviewer_id, round, state, version, due_at, responded_at)
     SELECT pg_temp.bid('assignment2', (p - 1) * ${k} + j), pg_temp.bid('proposal', p),
            pg_temp.bid('reviewer', ${reviewerOf('j')}), 2, 'accepted', 2,
            now() + interval '20 days', now() - interval '1 day'
       FROM generate_series(${firstRevision}, ${P}) p, generate_series(0, ${k - 1}) j`,
    `INSERT INTO conflicts (proposal_id, user_id, reason, declared_by)
     SELECT pg_temp.bid('proposal', p), pg_temp.bid('reviewer', ${reviewerOf(String(declaredOffset))}),
            'Frühere Zusammenarbeit', pg_temp.bid('reviewer', ${reviewerOf(String(declaredOffset))})
       FROM generate_series(1, ${P}) p
     UNION ALL
     SELECT pg_temp.bid('proposal', p), pg_temp.bid('steering', (p / 50) % ${s.steering} + 1),
            'Beteiligung am Konsortium', pg_temp.bid('office', 1)
       FROM generate_series(50, ${P}, 50) p`,
    // votes of non-conflicted steering members on the current round of proposals awaiting a decision,
    // and on round 1 of the resubmitted ones
    `INSERT INTO votes (proposal_id, round, voter_id, vote, comment)
     SELECT pg_temp.bid('proposal', p), 1, pg_temp.bid('steering', m),
            CASE WHEN p >= ${firstRevision} THEN 'revise'
                 WHEN random() < 0.1 THEN 'abstain'
                 WHEN ${quality('p')} >= 3.5 THEN 'approve'
                 WHEN ${quality('p')} >= 2.8 THEN 'revise' ELSE 'reject' END, ''
       FROM generate_series(1, ${P}) p, generate_series(1, ${s.steering}) m
      WHERE (p >= ${firstRevision} OR random() < 0.6)
        AND NOT (p % 50 = 0 AND m = (p / 50) % ${s.steering} + 1)`,
    `INSERT INTO bids (proposal_id, reviewer_id, bid)
     SELECT pg_temp.bid('proposal', p), pg_temp.bid('reviewer', r), floor(random() * 5)::int - 2
       FROM generate_series(1, ${P}) p, generate_series(1, ${R}) r
      WHERE random() < 0.05`,
  ];
}

/** Seeds `size` into the database of `client` (schema migrated), one transaction, then ANALYZE. */
export async function seedCall(client: ClientBase, size: SeedSize = BENCH_SIZE): Promise<SeedResult> {
  if (!/^[a-z0-9-]+$/.test(size.tag)) throw new Error(`seed tag must match [a-z0-9-]+, got "${size.tag}"`);
  if (size.reviewers < 3 * REVIEWS_PER_PROPOSAL) throw new Error('seed needs at least 9 reviewers');
  const started = process.hrtime.bigint();
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const rubric = defaultRubric();
  const id = (kind: string, n: number) => benchId(size.tag, kind, n);

  const tokens = new Map<string, string>();
  const session = (userId: string): string => {
    const token = randomBytes(32).toString('base64url');
    tokens.set(userId, token);
    return token;
  };
  const reviewerTokens = Array.from({ length: size.reviewers }, (_, i) => session(id('reviewer', i + 1)));
  const result = {
    callId: id('call', 1),
    proposalIds: Array.from({ length: size.proposals }, (_, i) => id('proposal', i + 1)),
    officeToken: session(id('office', 1)),
    steeringToken: session(id('steering', Math.min(2, size.steering))),
    chairToken: session(id('steering', 1)),
    reviewerToken: reviewerTokens[0],
  };

  await client.query('BEGIN');
  try {
    for (const statement of statements(size, { passwordHash, rubric })) {
      const [sql, params] = typeof statement === 'string' ? [statement, []] : statement;
      await client.query(sql, params);
    }
    // Rows written by SQL carry no organisation keys yet; the automatic conflicts compare those.
    await fillOrganisationKeys(async (sql, params) => (await client.query(sql, params)).rows);
    await client.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at)
       SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex'), u, now() + interval '1 day'
         FROM unnest($1::text[], $2::uuid[]) AS s(t, u)`,
      [[...tokens.values()], [...tokens.keys()]],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('ANALYZE');

  // Ordered by reviewer slot first, so consecutive requests lock different proposals.
  const draftTargets: SeedResult['draftTargets'] = [];
  for (let j = 0; j < REVIEWS_PER_PROPOSAL; j++) {
    for (let p = size.proposals - size.revisionProposals + 1; p <= size.proposals; p++) {
      draftTargets.push({
        assignmentId: id('assignment2', (p - 1) * REVIEWS_PER_PROPOSAL + j),
        token: reviewerTokens[((p - 1) * REVIEWS_PER_PROPOSAL + j) % size.reviewers],
      });
    }
  }
  const counts: Record<string, number> = {};
  const tables = [
    'users',
    'proposals',
    'assignments',
    'reviews',
    'review_scores',
    'round_scores',
    'votes',
    'bids',
  ];
  for (const table of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0].n);
  }
  const { rows: submitted } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM reviews r JOIN assignments a ON a.id = r.assignment_id
       JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = $1 AND r.submitted_at IS NOT NULL`,
    [result.callId],
  );
  counts.submittedReviews = Number(submitted[0].n);
  return {
    ...result,
    draftTargets,
    counts,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
