import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795702871069 implements MigrationInterface {
  name = 'Initial1795702871069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(200) NOT NULL, "name" character varying(200) NOT NULL, "organisation" character varying(200) NOT NULL DEFAULT '', "roles" text array NOT NULL DEFAULT '{}', "expertise" text array NOT NULL DEFAULT '{}', "locale" character varying(2) NOT NULL DEFAULT 'de', "chair" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "calls" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "topics" text array NOT NULL DEFAULT '{}', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submission_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "reviews_per_proposal" integer NOT NULL DEFAULT '3', "min_reviews" integer NOT NULL DEFAULT '2', "review_period_days" integer NOT NULL DEFAULT '21', "revision_period_days" integer NOT NULL DEFAULT '30', "max_load_per_reviewer" integer NOT NULL DEFAULT '10', "steering_meeting_at" TIMESTAMP WITH TIME ZONE, "rubric" jsonb NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9171d91f8dd1a649659f1b6a20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "title" character varying(200) NOT NULL DEFAULT '', "acronym" character varying(20) NOT NULL DEFAULT '', "abstract" character varying(5000) NOT NULL DEFAULT '', "topics" text array NOT NULL DEFAULT '{}', "partners" jsonb NOT NULL DEFAULT '[]', "requested_funding_eur" integer NOT NULL DEFAULT '0', "duration_months" integer NOT NULL DEFAULT '12', "round" integer NOT NULL DEFAULT '1', "state" character varying(30) NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "submitted_at" TIMESTAMP WITH TIME ZONE, "revision_deadline" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "proposals_applicant_id_idx" ON "proposals"  ("applicant_id") `);
    await queryRunner.query(`CREATE INDEX "proposals_created_idx" ON "proposals"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "proposals_call_state_idx" ON "proposals"  ("call_id", "state") `);
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "round" integer NOT NULL, "outcome" character varying(30) NOT NULL, "rationale" character varying(5000) NOT NULL, "granted_funding_eur" integer, "override" boolean NOT NULL DEFAULT false, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "decisions_proposal_round_key" ON "decisions"  ("proposal_id", "round") `,
    );
    await queryRunner.query(
      `CREATE TABLE "votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "round" integer NOT NULL, "voter_id" uuid NOT NULL, "vote" character varying(10) NOT NULL, "comment" character varying(2000) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3d9fd4a0af865152c3f59db8ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "votes_proposal_round_voter_key" ON "votes"  ("proposal_id", "round", "voter_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(200) NOT NULL, "template" character varying(60) NOT NULL, "to_address" character varying(254) NOT NULL, "recipient_id" uuid, "locale" character varying(2) NOT NULL, "subject" character varying(400) NOT NULL DEFAULT '', "status" character varying(10) NOT NULL DEFAULT 'pending', "message_id" character varying(300), "data" jsonb NOT NULL DEFAULT '{}', "error" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_01528929d58f733fd6bc613c638" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mail_log_idempotency_key_key" ON "mail_log"  ("idempotency_key") `,
    );
    await queryRunner.query(`CREATE INDEX "mail_log_to_address_idx" ON "mail_log"  ("to_address") `);
    await queryRunner.query(`CREATE INDEX "mail_log_created_idx" ON "mail_log"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "filename" character varying(255) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(100) NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attachments_proposal_id_idx" ON "attachments"  ("proposal_id") `);
    await queryRunner.query(
      `CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "round" integer NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'invited', "version" integer NOT NULL DEFAULT '1', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decline_reason" character varying(1000), "responded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "assignments_reviewer_id_idx" ON "assignments"  ("reviewer_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "assignments_live_pair_key" ON "assignments"  ("proposal_id", "reviewer_id", "round") WHERE state <> 'revoked'`,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_proposal_round_idx" ON "assignments"  ("proposal_id", "round") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "purpose" character varying(30) NOT NULL, "user_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d29a2a18dc1b6b8abe2a151bea0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "action_tokens_token_hash_key" ON "action_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "action_tokens_assignment_id_idx" ON "action_tokens"  ("assignment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "bids" ("proposal_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "bid" smallint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8b95701a7a30067e52bda5923a8" PRIMARY KEY ("proposal_id", "reviewer_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "bids_reviewer_id_idx" ON "bids"  ("reviewer_id") `);
    await queryRunner.query(
      `CREATE TABLE "conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" character varying(1000) NOT NULL, "declared_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1b90d7fdf566d825842f26cf86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "conflicts_user_id_idx" ON "conflicts"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "conflicts_proposal_user_key" ON "conflicts"  ("proposal_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assignment_id" uuid NOT NULL, "comment_to_applicant" character varying(10000) NOT NULL DEFAULT '', "confidential_comment" character varying(10000) NOT NULL DEFAULT '', "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reviews_assignment_id_key" ON "reviews"  ("assignment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_scores" ("review_id" uuid NOT NULL, "criterion_key" character varying(50) NOT NULL, "score" numeric(8,3) NOT NULL, CONSTRAINT "PK_b005de70a626d6866d7ece62973" PRIMARY KEY ("review_id", "criterion_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "entity_type" character varying(30) NOT NULL, "entity_id" uuid NOT NULL, "action" character varying(60) NOT NULL, "from_state" character varying(30), "to_state" character varying(30), "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity_type", "entity_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(80) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_pending_idx" ON "outbox"  ("created_at") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "FK_5cd4467065e4741a1d826e14394" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "FK_3cf3b56361c06954ebe12137406" FOREIGN KEY ("applicant_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_146426d72a3058af0de8a6fcf19" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "votes" ADD CONSTRAINT "FK_9f65604308f03df0509eaf993c2" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "votes" ADD CONSTRAINT "FK_907ed58b724f8debe4200e51af3" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "FK_ac044cdcc2158aaffe6cb31b0b8" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_9ee95f39a568465edf3f618dd84" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_3251e3277c84808f88542c6cfc6" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_tokens" ADD CONSTRAINT "FK_e9a3f1f8966f1cae54c487c0eb4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_tokens" ADD CONSTRAINT "FK_ebee2646257937155c3f35f86c1" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_fc47d98e85ee5497c0e76b4543a" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_cd714aee4671a5a17cc7cf9f2a1" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflicts" ADD CONSTRAINT "FK_78fbd1c92c8d987e2c11ccdc6a4" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflicts" ADD CONSTRAINT "FK_458b149be6d0f970c3402f3606a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviews" ADD CONSTRAINT "FK_d27a79b26ffcfbf4fc314bf7675" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_scores" ADD CONSTRAINT "FK_f33a45854f9d1709294bc066bd0" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_scores" DROP CONSTRAINT "FK_f33a45854f9d1709294bc066bd0"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "FK_d27a79b26ffcfbf4fc314bf7675"`);
    await queryRunner.query(`ALTER TABLE "conflicts" DROP CONSTRAINT "FK_458b149be6d0f970c3402f3606a"`);
    await queryRunner.query(`ALTER TABLE "conflicts" DROP CONSTRAINT "FK_78fbd1c92c8d987e2c11ccdc6a4"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_cd714aee4671a5a17cc7cf9f2a1"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_fc47d98e85ee5497c0e76b4543a"`);
    await queryRunner.query(`ALTER TABLE "action_tokens" DROP CONSTRAINT "FK_ebee2646257937155c3f35f86c1"`);
    await queryRunner.query(`ALTER TABLE "action_tokens" DROP CONSTRAINT "FK_e9a3f1f8966f1cae54c487c0eb4"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_3251e3277c84808f88542c6cfc6"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_9ee95f39a568465edf3f618dd84"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_ac044cdcc2158aaffe6cb31b0b8"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP CONSTRAINT "FK_907ed58b724f8debe4200e51af3"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP CONSTRAINT "FK_9f65604308f03df0509eaf993c2"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_146426d72a3058af0de8a6fcf19"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_3cf3b56361c06954ebe12137406"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_5cd4467065e4741a1d826e14394"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "review_scores"`);
    await queryRunner.query(`DROP INDEX "public"."reviews_assignment_id_key"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP INDEX "public"."conflicts_proposal_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."conflicts_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."bids_reviewer_id_idx"`);
    await queryRunner.query(`DROP TABLE "bids"`);
    await queryRunner.query(`DROP INDEX "public"."action_tokens_assignment_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."action_tokens_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "action_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_proposal_round_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_live_pair_key"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_reviewer_id_idx"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
    await queryRunner.query(`DROP INDEX "public"."attachments_proposal_id_idx"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
    await queryRunner.query(`DROP INDEX "public"."mail_log_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mail_log_to_address_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mail_log_idempotency_key_key"`);
    await queryRunner.query(`DROP TABLE "mail_log"`);
    await queryRunner.query(`DROP INDEX "public"."votes_proposal_round_voter_key"`);
    await queryRunner.query(`DROP TABLE "votes"`);
    await queryRunner.query(`DROP INDEX "public"."decisions_proposal_round_key"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_call_state_idx"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_applicant_id_idx"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
    await queryRunner.query(`DROP TABLE "calls"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
