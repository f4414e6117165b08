import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 follow-up: a two-stage call's own outline rubric (outlines, round 0, are scored on it) and
 * when its outline stage was closed by the deadline job. Existing two-stage calls get a copy of their
 * rubric, which is what their outlines were scored on.
 */
export class OutlineRubric1795748000000 implements MigrationInterface {
  name = 'OutlineRubric1795748000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calls" ADD "outline_rubric" jsonb`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "outline_closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "calls" SET "outline_rubric" = "rubric" WHERE "procedure" = 'two-stage'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "outline_closed_at"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "outline_rubric"`);
  }
}
