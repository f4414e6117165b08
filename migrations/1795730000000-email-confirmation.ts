import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-registration is confirmed by mail (issue 11: the same answer for a new and a known address):
 * `users.email_confirmed_at` and the one-time links of the confirmation mails. Every account that
 * exists already could sign in before, so it counts as confirmed.
 */
export class EmailConfirmation1795730000000 implements MigrationInterface {
  name = 'EmailConfirmation1795730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "email_confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "users" SET "email_confirmed_at" = "created_at"`);
    await queryRunner.query(
      `CREATE TABLE "email_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_email_confirmations_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "email_confirmations_token_hash_key" ON "email_confirmations" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "email_confirmations_user_id_idx" ON "email_confirmations" ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "email_confirmations" ADD CONSTRAINT "FK_97c4781eabb13c92ea53f21d8f9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_confirmations"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_confirmed_at"`);
  }
}
