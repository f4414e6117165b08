import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job names are `<area>.<action>` (issue 10): the reminder jobs written to the outbox are renamed
 * from `reminders.schedule`/`reminders.cancel` to `reminder.schedule`/`reminder.cancel`. Rows not yet
 * relayed get the new name; dispatched rows keep theirs as history. (Jobs already in Redis under an
 * old name still run: the job declarations list their former names.)
 */
export class JobNames1795720000000 implements MigrationInterface {
  name = 'JobNames1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "outbox" SET "kind" = 'reminder.' || substring("kind" from 11)
        WHERE "dispatched_at" IS NULL AND "kind" IN ('reminders.schedule', 'reminders.cancel')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "outbox" SET "kind" = 'reminders.' || substring("kind" from 10)
        WHERE "dispatched_at" IS NULL AND "kind" IN ('reminder.schedule', 'reminder.cancel')`,
    );
  }
}
