import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Round snapshots for the ranking (src/decision/round-score.entity.ts): written when a proposal round's
 * review ends. No backfill: the ranking computes a ranked proposal without a snapshot live.
 */
export class RoundScores1795709570947 implements MigrationInterface {
  name = 'RoundScores1795709570947';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "round_scores" ("proposal_id" uuid NOT NULL, "round" integer NOT NULL, "review_count" integer NOT NULL, "total" numeric, "above" boolean NOT NULL, "disagreement" boolean NOT NULL, "means" numeric array NOT NULL, "mean3" numeric array NOT NULL, "spread" numeric array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_159eaa50c123d45db108ef55929" PRIMARY KEY ("proposal_id", "round"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_scores" ADD CONSTRAINT "FK_ea213e9886a1bdaab8142f36a6e" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_scores" DROP CONSTRAINT "FK_ea213e9886a1bdaab8142f36a6e"`);
    await queryRunner.query(`DROP TABLE "round_scores"`);
  }
}
