import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mail log: send attempts, and the link from an office resend to the entry it repeats. */
export class MailLogDelivery1795704928715 implements MigrationInterface {
  name = 'MailLogDelivery1795704928715';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_log" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "mail_log" ADD "resend_of" uuid`);
    await queryRunner.query(`CREATE INDEX "mail_log_resend_of_idx" ON "mail_log"  ("resend_of") `);
    await queryRunner.query(
      `ALTER TABLE "mail_log" ADD CONSTRAINT "FK_0fefc8542fffe4039918ead9b25" FOREIGN KEY ("resend_of") REFERENCES "mail_log"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_log" DROP CONSTRAINT "FK_0fefc8542fffe4039918ead9b25"`);
    await queryRunner.query(`DROP INDEX "public"."mail_log_resend_of_idx"`);
    await queryRunner.query(`ALTER TABLE "mail_log" DROP COLUMN "resend_of"`);
    await queryRunner.query(`ALTER TABLE "mail_log" DROP COLUMN "attempts"`);
  }
}
