import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change counters of the ranking (issue 19): `call_ranking_versions` holds one counter per call, and one
 * global counter (the row of the nil UUID) for inputs that belong to no call (users' organisations,
 * roles and active flag, which change conflicts and who counts as a voter). Triggers on every input of
 * the ranking bump the counter in the same transaction as the change, so a ranking cached under
 * (call counter, global counter) is stale exactly when a counter moved — in every app instance.
 *
 * `ranking_input(table, call_of, update_columns)` gives a table its triggers with one statement:
 *  - `call_of` is an SQL expression over the changed row `r` that yields its call id (NULL: no call's
 *    ranking changes, e.g. a draft review), e.g. `r.call_id` or `ranking_call_of_proposal(r.proposal_id)`;
 *    statement-level triggers with transition tables, so a bulk INSERT bumps each call once;
 *  - `call_of` NULL: a global input, bumped per statement; `update_columns` (optional) narrows which
 *    UPDATEs count.
 * TRUNCATE of any input bumps the global counter.
 */
export class RankingVersions1795746000000 implements MigrationInterface {
  name = 'RankingVersions1795746000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "call_ranking_versions" (
        "call_id" uuid NOT NULL,
        "version" bigint NOT NULL,
        CONSTRAINT "PK_call_ranking_versions" PRIMARY KEY ("call_id"))`);
    await queryRunner.query(`
      CREATE FUNCTION ranking_call_of_proposal(proposal uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT call_id FROM proposals WHERE id = proposal
      $$`);
    // Per call: the distinct call ids of the changed rows (old and new), in order (a fixed lock order).
    await queryRunner.query(`
      CREATE FUNCTION ranking_bump_calls() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        source text;
      BEGIN
        source := CASE TG_OP
          WHEN 'INSERT' THEN format('SELECT %s AS c FROM new_rows r', TG_ARGV[0])
          WHEN 'DELETE' THEN format('SELECT %s AS c FROM old_rows r', TG_ARGV[0])
          ELSE format('SELECT %1$s AS c FROM new_rows r UNION SELECT %1$s FROM old_rows r', TG_ARGV[0])
        END;
        EXECUTE format(
          'INSERT INTO call_ranking_versions AS v (call_id, version)
             SELECT DISTINCT x.c, 1 FROM (%s) x WHERE x.c IS NOT NULL ORDER BY 1
           ON CONFLICT (call_id) DO UPDATE SET version = v.version + 1', source);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION ranking_bump_global() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO call_ranking_versions AS v (call_id, version)
          VALUES ('00000000-0000-0000-0000-000000000000', 1)
          ON CONFLICT (call_id) DO UPDATE SET version = v.version + 1;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION ranking_input(tbl regclass, call_of text, update_columns text DEFAULT NULL)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        name text := replace(tbl::text, '"', '');
      BEGIN
        IF call_of IS NULL THEN
          EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR DELETE OR UPDATE%s ON %s
                          FOR EACH STATEMENT EXECUTE FUNCTION ranking_bump_global()',
                         name || '_ranking_global',
                         CASE WHEN update_columns IS NULL THEN '' ELSE ' OF ' || update_columns END, tbl);
        ELSE
          EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                          FOR EACH STATEMENT EXECUTE FUNCTION ranking_bump_calls(%L)',
                         name || '_ranking_insert', tbl, call_of);
          EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
                          FOR EACH STATEMENT EXECUTE FUNCTION ranking_bump_calls(%L)',
                         name || '_ranking_update', tbl, call_of);
          EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                          FOR EACH STATEMENT EXECUTE FUNCTION ranking_bump_calls(%L)',
                         name || '_ranking_delete', tbl, call_of);
        END IF;
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %s
                        FOR EACH STATEMENT EXECUTE FUNCTION ranking_bump_global()', name || '_ranking_truncate', tbl);
      END $$`);
    for (const [table, callOf, columns] of RANKING_INPUTS) {
      await queryRunner.query('SELECT ranking_input($1, $2, $3)', [table, callOf, columns]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, callOf] of [...RANKING_INPUTS].reverse()) {
      const suffixes = callOf === null ? ['global', 'truncate'] : ['insert', 'update', 'delete', 'truncate'];
      for (const suffix of suffixes)
        await queryRunner.query(`DROP TRIGGER "${table}_ranking_${suffix}" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION ranking_input(regclass, text, text)');
    await queryRunner.query('DROP FUNCTION ranking_bump_global()');
    await queryRunner.query('DROP FUNCTION ranking_bump_calls()');
    await queryRunner.query('DROP FUNCTION ranking_call_of_proposal(uuid)');
    await queryRunner.query('DROP TABLE "call_ranking_versions"');
  }
}

/** A submitted review's assignment: only those count (drafts and reopened reviews change nothing). */
const SUBMITTED_CALL_OF_ASSIGNMENT = (assignment: string) =>
  `(SELECT p.call_id FROM assignments a JOIN proposals p ON p.id = a.proposal_id
     WHERE a.id = ${assignment} AND a.state = 'submitted')`;

/** [table, call of a row (null: global), columns whose UPDATE counts (global only)] */
const RANKING_INPUTS: [string, string | null, string | null][] = [
  ['calls', 'r.id', null],
  ['proposals', 'r.call_id', null],
  ['round_scores', 'ranking_call_of_proposal(r.proposal_id)', null],
  ['assignments', `CASE WHEN r.state = 'submitted' THEN ranking_call_of_proposal(r.proposal_id) END`, null],
  ['reviews', SUBMITTED_CALL_OF_ASSIGNMENT('r.assignment_id'), null],
  [
    'review_scores',
    SUBMITTED_CALL_OF_ASSIGNMENT('(SELECT rv.assignment_id FROM reviews rv WHERE rv.id = r.review_id)'),
    null,
  ],
  ['votes', 'ranking_call_of_proposal(r.proposal_id)', null],
  ['decisions', 'ranking_call_of_proposal(r.proposal_id)', null],
  ['conflicts', 'ranking_call_of_proposal(r.proposal_id)', null],
  ['users', null, 'organisation_key, organisation, roles, active'],
  // The organisation registry (issue 14): groups, keys, competitors and personal conflicts change
  // conflicts of every call.
  ['organisations', null, null],
  ['organisation_keys', null, null],
  ['organisation_competitors', null, null],
  ['personal_conflicts', null, null],
  // Consensus reports (issue 16): a final report's scores replace the means of its round.
  ['consensus_reports', 'ranking_call_of_proposal(r.proposal_id)', null],
];
