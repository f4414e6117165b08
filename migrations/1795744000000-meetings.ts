import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Steering meetings and the written procedure (issue 17, DESIGN §13): meetings with their agenda,
 * attendance and frozen minutes; the recorded result per agenda item; the call's `voting_closes_at`
 * and the quorum results counted at it.
 */
export class Meetings1795744000000 implements MigrationInterface {
  name = 'Meetings1795744000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" character varying(200) NOT NULL DEFAULT '', "call_ids" uuid array NOT NULL DEFAULT '{}', "agenda" uuid array, "present" uuid array NOT NULL DEFAULT '{}', "ics_sequence" integer NOT NULL DEFAULT '0', "state" character varying(20) NOT NULL DEFAULT 'planned', "version" integer NOT NULL DEFAULT '1', "minutes_pdf" bytea, "minutes_sha256" character varying(64), "minutes_approved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_items" ("meeting_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "round" integer NOT NULL, "approve" integer NOT NULL, "reject" integer NOT NULL, "revise" integer NOT NULL, "abstain" integer NOT NULL, "present_eligible" integer NOT NULL, "eligible" integer NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision_id" uuid, CONSTRAINT "PK_0bbddb2e40a8db9a488a080a5fc" PRIMARY KEY ("meeting_id", "proposal_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "calls" ADD "voting_closes_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "voting_results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "round" integer NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "eligible_voters" integer NOT NULL, "voted" integer NOT NULL, "required" integer NOT NULL, "quorum_reached" boolean NOT NULL, "tally" jsonb NOT NULL, "proposed_outcome" character varying(30), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "UQ_voting_results_proposal_round_closes" UNIQUE ("proposal_id", "round", "closes_at"), CONSTRAINT "PK_fb5ca7532995c2d9a8200a1fbb8" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "voting_results"`);
    await queryRunner.query(`ALTER TABLE "calls" DROP COLUMN "voting_closes_at"`);
    await queryRunner.query(`DROP TABLE "meeting_items"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
  }
}
