import { MigrationInterface, QueryRunner } from 'typeorm';
import { fillOrganisationKeys } from '@/common/org-name-backfill';

/**
 * The organisation registry (DESIGN §10): entries with aliases, parent (corporate group), figures and
 * expertise; the comparison keys of their names for the conflict SQL; competitor pairs; personal
 * conflicts of board members with an organisation. The name keys now drop legal forms ("GmbH", "AG",
 * …), so the stored keys of users and partners are recomputed.
 */

export class OrganisationRegistry1795741000000 implements MigrationInterface {
  name = 'OrganisationRegistry1795741000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "parent_id" uuid, "group_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "city" character varying(200) NOT NULL DEFAULT '', "in_region" boolean NOT NULL DEFAULT false, "employees" integer, "turnover_eur" bigint, "balance_sheet_eur" bigint, "expertise" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "organisations_parent_id_idx" ON "organisations"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "organisations_group_id_idx" ON "organisations"  ("group_id") `);
    await queryRunner.query(
      `CREATE TABLE "organisation_keys" ("key" text NOT NULL, "organisation_id" uuid NOT NULL, "group_id" uuid NOT NULL, CONSTRAINT "PK_0c2caa8f5f81435e2224012cfc3" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organisation_keys_organisation_id_idx" ON "organisation_keys"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "organisation_keys_group_id_idx" ON "organisation_keys"  ("group_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_competitors" ("organisation_id" uuid NOT NULL, "competitor_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_competitors_ordered" CHECK ("organisation_id" < "competitor_id"), CONSTRAINT "PK_06f28bb4c79d5f87f2905e01898" PRIMARY KEY ("organisation_id", "competitor_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organisation_competitors_competitor_id_idx" ON "organisation_competitors"  ("competitor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "personal_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "reason" character varying(1000) NOT NULL, "declared_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_455bc8c8637f8f2d19dc2ce7adb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "personal_conflicts_organisation_id_idx" ON "personal_conflicts"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "personal_conflicts_user_organisation_key" ON "personal_conflicts"  ("user_id", "organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "FK_41f1cc89689b55aede50d36d0ce" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_keys" ADD CONSTRAINT "FK_6ece6c7e2b1593143417c1acfd5" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_competitors" ADD CONSTRAINT "FK_f4c356d998cfd5c62464e637122" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_competitors" ADD CONSTRAINT "FK_4ee81d57cfe88ec81dc10627c19" FOREIGN KEY ("competitor_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_conflicts" ADD CONSTRAINT "FK_6253ecc08c123849bdfa604ee28" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_conflicts" ADD CONSTRAINT "FK_408a4570288b0b2e99ae2471a90" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await fillOrganisationKeys((sql, params) => queryRunner.query(sql, params));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "personal_conflicts" DROP CONSTRAINT "FK_408a4570288b0b2e99ae2471a90"`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_conflicts" DROP CONSTRAINT "FK_6253ecc08c123849bdfa604ee28"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_competitors" DROP CONSTRAINT "FK_4ee81d57cfe88ec81dc10627c19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_competitors" DROP CONSTRAINT "FK_f4c356d998cfd5c62464e637122"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_keys" DROP CONSTRAINT "FK_6ece6c7e2b1593143417c1acfd5"`,
    );
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "FK_41f1cc89689b55aede50d36d0ce"`);
    await queryRunner.query(`DROP INDEX "public"."personal_conflicts_user_organisation_key"`);
    await queryRunner.query(`DROP INDEX "public"."personal_conflicts_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "personal_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_competitors_competitor_id_idx"`);
    await queryRunner.query(`DROP TABLE "organisation_competitors"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_keys_group_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_keys_organisation_id_idx"`);
    await queryRunner.query(`DROP TABLE "organisation_keys"`);
    await queryRunner.query(`DROP INDEX "public"."organisations_group_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organisations_parent_id_idx"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
  }
}
