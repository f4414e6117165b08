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
 */

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
                                                   WHERE coi_a.id = ${proposalAlias}.applicant_id))))`;
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
    SELECT cp.id AS proposal_id, cp.applicant_id AS user_id FROM proposals cp WHERE ${proposalFilter}
    UNION
    SELECT dc.proposal_id, dc.user_id
      FROM conflicts dc JOIN proposals cp ON cp.id = dc.proposal_id WHERE ${proposalFilter}
    UNION
    SELECT o.proposal_id, cu.id
      FROM (SELECT cp.id AS proposal_id, ca.organisation_key AS org
              FROM proposals cp JOIN users ca ON ca.id = cp.applicant_id WHERE ${proposalFilter}
            UNION
            SELECT cp.id, pk.org
              FROM proposals cp CROSS JOIN LATERAL unnest(cp.partner_keys) pk(org)
             WHERE ${proposalFilter}) o
      JOIN users cu ON cu.organisation_key = o.org
     WHERE o.org <> ''`;
}
