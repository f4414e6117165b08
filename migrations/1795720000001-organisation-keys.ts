import { MigrationInterface, QueryRunner } from 'typeorm';
import { fillOrganisationKeys } from '@/common/org-name-backfill';

/**
 * Comparison keys of organisation names (src/common/org-name.ts) beside the names, so the conflict
 * SQL compares look-alike spellings as equal: `users.organisation_key`, `proposals.partner_keys`.
 * The keys need Unicode data PostgreSQL lacks (the TR39 skeleton), so the backfill keys each distinct
 * name in JavaScript (fillOrganisationKeys) and updates set-based.
 */
export class OrganisationKeys1795720000001 implements MigrationInterface {
  name = 'OrganisationKeys1795720000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "organisation_key" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "partner_keys" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "users_organisation_key_idx" ON "users" ("organisation_key") `);

    await fillOrganisationKeys((sql, params) => queryRunner.query(sql, params));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_organisation_key_idx"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "partner_keys"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "organisation_key"`);
  }
}
