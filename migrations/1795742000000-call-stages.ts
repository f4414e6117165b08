import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-stage calls, questions and budgets (issue 15): the call's procedure, stage deadlines, outline
 * reviews, questions and funding caps (basis points); the proposal's stage (the outline is round 0),
 * whether it began as an outline, and its answers. Budgets live in the partners' jsonb.
 */
export class CallStages1795742000000 implements MigrationInterface {
  name = 'CallStages1795742000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "calls" ADD "procedure" character varying(20) NOT NULL DEFAULT 'single'`,
    );
    await queryRunner.query(`ALTER TABLE "calls" ADD "outline_deadline" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "full_proposal_deadline" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "outline_reviews" integer NOT NULL DEFAULT '2'`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "questions" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "calls" ADD "max_funding_rate" jsonb NOT NULL DEFAULT '{"sme":5000,"large":2500,"research":10000,"public":5000,"other":2500}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "calls" ADD "max_subcontract_share" integer NOT NULL DEFAULT '2500'`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD "stage" character varying(10) NOT NULL DEFAULT 'full'`,
    );
    await queryRunner.query(`ALTER TABLE "proposals" ADD "has_outline" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "answers" jsonb NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "answers"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "has_outline"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "stage"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "max_subcontract_share"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "max_funding_rate"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "questions"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "outline_reviews"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "full_proposal_deadline"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "outline_deadline"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "procedure"`);
  }
}
