import { MigrationInterface, QueryRunner } from 'typeorm';
import { organisationKey, partnerKeys } from '@/common/org-name';

/**
 * Comparison keys of organisation names (src/common/org-name.ts) beside the names, so the conflict
 * SQL compares look-alike spellings as equal: `users.organisation_key`, `proposals.partner_keys`.
 * The keys need Unicode data PostgreSQL lacks (the TR39 skeleton), so the backfill computes them here,
 * one distinct organisation name or partner list at a time.
 */
export class OrganisationKeys1795720000000 implements MigrationInterface {
  name = 'OrganisationKeys1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "organisation_key" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "partner_keys" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "users_organisation_key_idx" ON "users" ("organisation_key") `);

    const organisations: { organisation: string }[] = await queryRunner.query(
      `SELECT DISTINCT organisation FROM users WHERE organisation <> ''`,
    );
    for (const { organisation } of organisations) {
      await queryRunner.query('UPDATE users SET organisation_key = $1 WHERE organisation = $2', [
        organisationKey(organisation),
        organisation,
      ]);
    }
    const partnerLists: { partners: { name: string }[] }[] = await queryRunner.query(
      `SELECT DISTINCT partners FROM proposals WHERE partners <> '[]'::jsonb`,
    );
    for (const { partners } of partnerLists) {
      await queryRunner.query('UPDATE proposals SET partner_keys = $1 WHERE partners = $2::jsonb', [
        partnerKeys(partners),
        JSON.stringify(partners),
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_organisation_key_idx"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "partner_keys"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "organisation_key"`);
  }
}
