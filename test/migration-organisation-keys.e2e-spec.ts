import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { organisationKey } from '@/common/org-name';
import { dropDatabase, ensureDatabase } from '@/database/ensure-database';
import { MIGRATIONS } from '../migrations';
import { OrganisationKeys1795720000001 } from '../migrations/1795720000001-organisation-keys';

/** The organisation-keys migration fills the keys of rows that existed before it. */
describe('migration OrganisationKeys: backfill', () => {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/beirat_test_migration_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(OrganisationKeys1795720000001));
    dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations: before });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(url.toString());
  });

  it('computes users.organisation_key and proposals.partner_keys from the stored names', async () => {
    const [applicant] = await dataSource.query(
      `INSERT INTO users (email, password_hash, name, organisation) VALUES ('a@x.test', 'x', 'A', 'Zulieferer\u200b GmbH.')
       RETURNING id`,
    );
    const [reviewer] = await dataSource.query(
      `INSERT INTO users (email, password_hash, name, organisation) VALUES ('r@x.test', 'x', 'R', '')
       RETURNING id`,
    );
    const [call] = await dataSource.query(
      `INSERT INTO calls (title, opens_at, submission_deadline, rubric) VALUES ('C', now(), now(), '{}') RETURNING id`,
    );
    const partners = [
      { name: '\u0422U Braunschweig', kind: 'research', city: 'Braunschweig' },
      { name: 'tu braunschweig', kind: 'research', city: 'Braunschweig' },
      { name: 'Hochschule\u00a0Wolfsburg', kind: 'research', city: 'Wolfsburg' },
    ];
    const [withPartners] = await dataSource.query(
      `INSERT INTO proposals (call_id, applicant_id, partners) VALUES ($1, $2, $3) RETURNING id`,
      [call.id, applicant.id, JSON.stringify(partners)],
    );
    const [without] = await dataSource.query(
      `INSERT INTO proposals (call_id, applicant_id) VALUES ($1, $2) RETURNING id`,
      [call.id, applicant.id],
    );

    const runner = dataSource.createQueryRunner();
    try {
      await new OrganisationKeys1795720000001().up(runner);
    } finally {
      await runner.release();
    }

    const users = await dataSource.query('SELECT id, organisation_key FROM users');
    expect(
      Object.fromEntries(
        users.map((u: { id: string; organisation_key: string }) => [u.id, u.organisation_key]),
      ),
    ).toEqual({ [applicant.id]: organisationKey('Zulieferer GmbH'), [reviewer.id]: '' });
    const proposals = await dataSource.query('SELECT id, partner_keys FROM proposals');
    expect(
      Object.fromEntries(
        proposals.map((p: { id: string; partner_keys: string[] }) => [p.id, p.partner_keys]),
      ),
    ).toEqual({
      [withPartners.id]: [organisationKey('TU Braunschweig'), organisationKey('Hochschule Wolfsburg')],
      [without.id]: [],
    });
  });
});
