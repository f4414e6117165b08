import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consensus reports and their signatures, the call settings of DESIGN §12 (consensus, budget, letter
 * release) and the release of each decision (issue 16). Decisions recorded before were sent at once:
 * they count as released when decided.
 */
export class ConsensusLetters1795743000000 implements MigrationInterface {
  name = 'ConsensusLetters1795743000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consensus_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "round" integer NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'drafting', "rapporteur_id" uuid, "scores" jsonb, "comment_to_applicant" character varying(10000), "submitted_at" TIMESTAMP WITH TIME ZONE, "finalized_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dc8ec061bcb5b030799b72f0215" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "consensus_reports_proposal_round_key" ON "consensus_reports" ("proposal_id", "round")`,
    );
    await queryRunner.query(
      `CREATE TABLE "consensus_signatures" ("report_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "agree" boolean NOT NULL, "minority_view" character varying(5000), "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b753613c5bbc0838938fe7b81d" PRIMARY KEY ("report_id", "reviewer_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "calls" ADD "consensus" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "consensus_period_days" integer NOT NULL DEFAULT '14'`);
    await queryRunner.query(`ALTER TABLE "calls" ADD "budget_eur" bigint`);
    await queryRunner.query(
      `ALTER TABLE "calls" ADD "release_decisions" character varying(20) NOT NULL DEFAULT 'immediately'`,
    );
    await queryRunner.query(`ALTER TABLE "decisions" ADD "released_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "decisions" SET "released_at" = "decided_at"`);
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD "letter_paragraph" character varying(3000) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(
      `ALTER TABLE "consensus_reports" ADD CONSTRAINT "FK_172bb6c01c85f51ebb9f89ab150" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consensus_signatures" ADD CONSTRAINT "FK_6a6bc906b63225d1ae326cdd0cb" FOREIGN KEY ("report_id") REFERENCES "consensus_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "consensus_signatures" DROP CONSTRAINT "FK_6a6bc906b63225d1ae326cdd0cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "consensus_reports" DROP CONSTRAINT "FK_172bb6c01c85f51ebb9f89ab150"`,
    );
    await queryRunner.query(`ALTER TABLE "decisions" DROP COLUMN "letter_paragraph"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP COLUMN "released_at"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "release_decisions"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "budget_eur"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "consensus_period_days"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "consensus"`);
    await queryRunner.query(`DROP TABLE "consensus_signatures"`);
    await queryRunner.query(`DROP INDEX "consensus_reports_proposal_round_key"`);
    await queryRunner.query(`DROP TABLE "consensus_reports"`);
  }
}
