import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Conflicts of interest in SQL, for every module that must leave conflicted users out (assignment,
 * review visibility, ranking rows, votes). A user is conflicted with a proposal when
 *  - they wrote it (the applicant),
 *  - they declared a conflict, or the office declared one for them (`conflicts` table), or
 *  - their organisation equals the applicant's or a partner's, compared case-insensitively with
 *    whitespace trimmed and collapsed. This part is derived on the fly, never stored, so it follows
 *    every change of an organisation or a partner list. An empty organisation matches nothing.
 */

/** `expr` lower-cased, with runs of whitespace collapsed to one space and trimmed. */
export function normalizedOrgSql(expr: string): string {
  return `lower(btrim(regexp_replace(${expr}, '\\s+', ' ', 'g')))`;
}

/**
 * A boolean SQL expression: "the user `userIdExpr` is conflicted with the proposal row `proposalAlias`".
 * `userIdExpr` is any SQL expression yielding a user id (`:userId`, `$1`, `u.id`).
 */
export function conflictExistsSql(proposalAlias: string, userIdExpr: string): string {
  const org = normalizedOrgSql('coi_u.organisation');
  return `(${proposalAlias}.applicant_id = ${userIdExpr}
    OR EXISTS (SELECT 1 FROM conflicts coi_c
               WHERE coi_c.proposal_id = ${proposalAlias}.id AND coi_c.user_id = ${userIdExpr})
    OR EXISTS (SELECT 1 FROM users coi_u
               WHERE coi_u.id = ${userIdExpr} AND ${org} <> ''
                 AND (${org} = (SELECT ${normalizedOrgSql('coi_a.organisation')} FROM users coi_a
                                WHERE coi_a.id = ${proposalAlias}.applicant_id)
                      OR EXISTS (SELECT 1 FROM jsonb_array_elements(${proposalAlias}.partners) coi_p
                                 WHERE ${normalizedOrgSql("coi_p->>'name'")} = ${org}))))`;
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
  const userOrg = normalizedOrgSql('cu.organisation');
  return `
    SELECT cp.id AS proposal_id, cp.applicant_id AS user_id FROM proposals cp WHERE ${proposalFilter}
    UNION
    SELECT dc.proposal_id, dc.user_id
      FROM conflicts dc JOIN proposals cp ON cp.id = dc.proposal_id WHERE ${proposalFilter}
    UNION
    SELECT o.proposal_id, cu.id
      FROM (SELECT cp.id AS proposal_id, ${normalizedOrgSql('ca.organisation')} AS org
              FROM proposals cp JOIN users ca ON ca.id = cp.applicant_id WHERE ${proposalFilter}
            UNION
            SELECT cp.id, ${normalizedOrgSql("pt->>'name'")}
              FROM proposals cp CROSS JOIN LATERAL jsonb_array_elements(cp.partners) pt
             WHERE ${proposalFilter}) o
      JOIN users cu ON ${userOrg} = o.org
     WHERE o.org <> ''`;
}
