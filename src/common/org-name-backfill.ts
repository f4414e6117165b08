import { organisationKey } from './org-name';

/** Runs one SQL statement and answers its rows: TypeORM's `query`, or pg's `query(...).rows`. */
export type RunSql = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * Recomputes `users.organisation_key` and `proposals.partner_keys` of every row from the names, for
 * rows written without the service (the migration that added the keys, the benchmarks' bulk seeds).
 * The keys need Unicode data PostgreSQL lacks, so each distinct name is keyed here and the updates are
 * set-based: one statement per table, whatever the number of rows.
 */
export async function fillOrganisationKeys(run: RunSql): Promise<void> {
  const names = (await run(
    `SELECT organisation AS name FROM users
     UNION SELECT p->>'name' FROM proposals, jsonb_array_elements(partners) p`,
  )) as { name: string | null }[];
  const known = names.map((n) => n.name).filter((name): name is string => name !== null);
  const keys = known.map(organisationKey);
  await run(
    `UPDATE users u SET organisation_key = k.key
       FROM unnest($1::text[], $2::text[]) k(name, key)
      WHERE u.organisation = k.name AND u.organisation_key IS DISTINCT FROM k.key`,
    [known, keys],
  );
  await run(
    `UPDATE proposals p SET partner_keys = ARRAY(
       SELECT k.key FROM jsonb_array_elements(p.partners) WITH ORDINALITY e(partner, i)
         JOIN unnest($1::text[], $2::text[]) k(name, key) ON k.name = e.partner->>'name'
        WHERE k.key <> '' GROUP BY k.key ORDER BY min(e.i))`,
    [known, keys],
  );
}
