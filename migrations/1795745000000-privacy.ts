import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy (issue 18): the privacy notice a person accepted at registration, erasure requests and the
 * record of each erasure, the accessibility feedback, and the proposals the retention job purged
 * (its primary key is the claim that makes two runs at once purge each proposal once).
 */
export class Privacy1795745000000 implements MigrationInterface {
  name = 'Privacy1795745000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "privacy_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "notice_version" character varying(20) NOT NULL, "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_502e1c7487d91663dec93ef9170" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "privacy_consents_user_idx" ON "privacy_consents" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "privacy_consents" ADD CONSTRAINT "FK_be871b3d1df7c65d2a13dc2fea8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "erasure_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'requested', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "executed_at" TIMESTAMP WITH TIME ZONE, "executed_by" uuid, "reason" character varying(1000) NOT NULL DEFAULT '', "pseudonym" character varying(20), CONSTRAINT "PK_75acaa00d66ed88c38230c54505" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "erasure_requests_open_key" ON "erasure_requests" ("user_id") WHERE state = 'requested'`,
    );
    await queryRunner.query(
      `ALTER TABLE "erasure_requests" ADD CONSTRAINT "FK_3e1b196c61944585260071cf660" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "accessibility_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message" character varying(5000) NOT NULL, "contact" character varying(254) NOT NULL DEFAULT '', "locale" character varying(2) NOT NULL DEFAULT 'de', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6867713cc2fa12bfe01826b290d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "retention_purges" ("proposal_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "attachment_count" integer NOT NULL, "purged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_136bf131123889a8186297fff8f" PRIMARY KEY ("proposal_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_purges"`);
    await queryRunner.query(`DROP TABLE "accessibility_feedback"`);
    await queryRunner.query(`DROP TABLE "erasure_requests"`);
    await queryRunner.query(`DROP TABLE "privacy_consents"`);
  }
}
