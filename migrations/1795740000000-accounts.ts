import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts (issue 14, DESIGN §10): invited accounts without a password until their owner sets one, the
 * one-time links of invitation and password-reset mails, the TOTP second factor (encrypted secret,
 * hashed recovery codes, last accepted step) and a board member's own load per call.
 */
export class Accounts1795740000000 implements MigrationInterface {
  name = 'Accounts1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens" ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "account_tokens_user_id_idx" ON "account_tokens" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "reviewer_capacities" ("call_id" uuid NOT NULL, "user_id" uuid NOT NULL, "max_load" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ebda9532e0ab94466a4aa8c1e00" PRIMARY KEY ("call_id", "user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_secret" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_enabled" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "totp_recovery_hashes" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_last_step" integer`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviewer_capacities" ADD CONSTRAINT "FK_4a87f0f23434619bf240177ea03" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviewer_capacities" ADD CONSTRAINT "FK_d625571b3d9a431953119723163" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reviewer_capacities"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`UPDATE "users" SET "password_hash" = '' WHERE "password_hash" IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_last_step"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_recovery_hashes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_enabled"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_secret"`);
  }
}
