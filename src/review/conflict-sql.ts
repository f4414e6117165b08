import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Conflicts of interest in SQL, for every module that must leave conflicted users out (assignment,
 * review visibility, ranking rows, votes). A user is conflicted with a proposal when
 *  - they wrote it (the applicant),
 *  - they declared a conflict, or the office declared one for them (`conflicts` table), or
 *  - their organisation equals the applicant's or a partner's. Names are compared by their
 *    `organisationKey` (src/common/org-name.ts: NFKC, invisible characters, case, look-alike letters,
 *    punctuation and spaces folded), stored beside them as `users.organisation_key` and
 *    `proposals.partner_keys`. This part is derived on the fly, never stored as a conflict, so it
 *    follows every change of an organisation or a partner list. An empty key matches nothing.
 *  - through the organisation registry (DESIGN §10; `organisation_keys` maps each key of a registry
 *    name or alias to its entry and its corporate group, the root of the parent chain): their
 *    organisation and the applicant's or a partner's resolve to the same group (the same entry
 *    included), or to two groups of which any members are declared competitors
 *    (`organisation_competitors`), or
 *  - they declared a personal conflict with an organisation (or the office did for them,
 *    `personal_conflicts`) in the group of the applicant's or a partner's organisation.
 * Also derived on the fly: a registry change (alias, parent, merge, competitor) changes conflicts at
 * once, and open assignments that became conflicted are listed for the office, not revoked.
 * Tables that change conflicts (for caches): conflicts, users, proposals, organisation_keys,
 * organisations, organisation_competitors, personal_conflicts.
 */

/** Why a user is conflicted with a proposal, as listed for the office (ConflictService). */
export const CONFLICT_KINDS = ['declared', 'organisation', 'group', 'competitor', 'personal', 'applicant'] as const;

/** The (g1, g2) pairs of groups declared competitors, both ways round; `a` names the aliases. */
export function competitorGroupsSql(a: string): string {
  return `(SELECT ${a}_x.group_id AS g1, ${a}_y.group_id AS g2
             FROM organisation_competitors ${a}_c
             JOIN organisations ${a}_x ON ${a}_x.id = ${a}_c.organisation_id
             JOIN organisations ${a}_y ON ${a}_y.id = ${a}_c.competitor_id
           UNION ALL
           SELECT ${a}_y.group_id, ${a}_x.group_id
             FROM organisation_competitors ${a}_c
             JOIN organisations ${a}_x ON ${a}_x.id = ${a}_c.organisation_id
             JOIN organisations ${a}_y ON ${a}_y.id = ${a}_c.competitor_id)`;
}

/** The organisation keys of a proposal row: its partners' and its applicant's. */
function proposalKeysSql(p: string): string {
  return `(${p}.partner_keys || (SELECT coi_a.organisation_key FROM users coi_a WHERE coi_a.id = ${p}.applicant_id))`;
}

/**
 * A boolean SQL expression: "the user `userIdExpr` is conflicted with the proposal row `proposalAlias`".
 * `userIdExpr` is any SQL expression yielding a user id (`:userId`, `$1`, `u.id`).
 */
export function conflictExistsSql(proposalAlias: string, userIdExpr: string): string {
  return `(${proposalAlias}.applicant_id = ${userIdExpr}
    OR EXISTS (SELECT 1 FROM conflicts coi_c
               WHERE coi_c.proposal_id = ${proposalAlias}.id AND coi_c.user_id = ${userIdExpr})
    OR EXISTS (SELECT 1 FROM users coi_u
               WHERE coi_u.id = ${userIdExpr} AND coi_u.organisation_key <> ''
                 AND (coi_u.organisation_key = ANY(${proposalAlias}.partner_keys)
                      OR coi_u.organisation_key = (SELECT coi_a.organisation_key FROM users coi_a
                                                   WHERE coi_a.id = ${proposalAlias}.applicant_id)))
    OR EXISTS (SELECT 1 FROM users coi_r
                 JOIN organisation_keys coi_rk ON coi_rk.key = coi_r.organisation_key
                 JOIN organisation_keys coi_pk ON coi_pk.key = ANY(${proposalKeysSql(proposalAlias)})
               WHERE coi_r.id = ${userIdExpr}
                 AND (coi_rk.group_id = coi_pk.group_id
                      OR EXISTS (SELECT 1 FROM ${competitorGroupsSql('coi_cg')} coi_cg
                                  WHERE coi_cg.g1 = coi_rk.group_id AND coi_cg.g2 = coi_pk.group_id)))
    OR EXISTS (SELECT 1 FROM personal_conflicts coi_pc
                 JOIN organisations coi_po ON coi_po.id = coi_pc.organisation_id
                 JOIN organisation_keys coi_ppk ON coi_ppk.group_id = coi_po.group_id
               WHERE coi_pc.user_id = ${userIdExpr}
                 AND coi_ppk.key = ANY(${proposalKeysSql(proposalAlias)})))`;
}

/** Narrows a query over proposals aliased `proposalAlias` to those `userId` is not conflicted with. */
export function whereNotConflicted<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  userId: string,
  proposalAlias = 'p',
): SelectQueryBuilder<T> {
  return qb.andWhere(`NOT ${conflictExistsSql(proposalAlias, ':coiUserId')}`, { coiUserId: userId });
}

/**
 * Every conflicted (proposal_id, user_id) pair of the proposals matching `proposalFilter` (a condition
 * on `cp`, the proposals table), set-based: one query for a whole call instead of one per pair.
 */
export function conflictPairsSql(proposalFilter: string): string {
  return `
    WITH o AS MATERIALIZED (
      SELECT cp.id AS proposal_id, ca.organisation_key AS org
        FROM proposals cp JOIN users ca ON ca.id = cp.applicant_id WHERE ${proposalFilter}
      UNION
      SELECT cp.id, pk.org
        FROM proposals cp CROSS JOIN LATERAL unnest(cp.partner_keys) pk(org)
       WHERE ${proposalFilter}),
    og AS MATERIALIZED (
      SELECT DISTINCT o.proposal_id, ok.group_id FROM o JOIN organisation_keys ok ON ok.key = o.org)
    SELECT cp.id AS proposal_id, cp.applicant_id AS user_id FROM proposals cp WHERE ${proposalFilter}
    UNION
    SELECT dc.proposal_id, dc.user_id
      FROM conflicts dc JOIN proposals cp ON cp.id = dc.proposal_id WHERE ${proposalFilter}
    UNION
    SELECT o.proposal_id, cu.id
      FROM o JOIN users cu ON cu.organisation_key = o.org
     WHERE o.org <> ''
    UNION
    SELECT og.proposal_id, cu.id
      FROM og
      JOIN (SELECT g1 AS g, g1 AS hit FROM (SELECT DISTINCT group_id AS g1 FROM organisation_keys) gs
            UNION ALL SELECT g1, g2 FROM ${competitorGroupsSql('cpg')} cg) gm ON gm.g = og.group_id
      JOIN organisation_keys uk ON uk.group_id = gm.hit
      JOIN users cu ON cu.organisation_key = uk.key
    UNION
    SELECT og.proposal_id, pc.user_id
      FROM og
      JOIN organisations po ON po.group_id = og.group_id
      JOIN personal_conflicts pc ON pc.organisation_id = po.id`;
}

/**
 * "Assignment `a` (any of those in the states `statesExpr`) is conflicted now", set-based through
 * `conflictPairsSql` over their proposals: for thousands of assignments this is half the cost of
 * `conflictExistsSql` per row once the registry has groups.
 */
export function assignmentConflictedSql(a: string, statesExpr: string): string {
  return `(${a}.proposal_id, ${a}.reviewer_id) IN (${conflictPairsSql(
    `cp.id IN (SELECT live.proposal_id FROM assignments live WHERE live.state = ANY(${statesExpr}))`,
  )})`;
}
