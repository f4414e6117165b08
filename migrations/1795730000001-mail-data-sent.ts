import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail log: when the message body started to go out (issue 11). A mail left `sending` without it was
 * never transmitted and is resent; only one with it is in doubt (`unknown`).
 */
export class MailDataSent1795730000001 implements MigrationInterface {
  name = 'MailDataSent1795730000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_log" ADD "data_sent_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_log" DROP COLUMN "data_sent_at"`);
  }
}
