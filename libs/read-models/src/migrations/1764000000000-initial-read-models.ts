// The first read-model schema: signal versions (bitemporal), subject links, daily counts and
// escalations. Hand-read; a test fails when the entities drift from the migrations.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReadModels1764000000000 implements MigrationInterface {
  name = 'InitialReadModels1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "signal_versions" (
      "signal_id" uuid NOT NULL, "revision" integer NOT NULL,
      "municipality" character varying(6) NOT NULL, "riec_region" character varying(40) NOT NULL,
      "category" character varying(16) NOT NULL, "subcategory" character varying(32) NOT NULL,
      "target_role" character varying(16) NOT NULL, "severity" smallint NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "police_report_filed" boolean NOT NULL,
      "source" character varying(16) NOT NULL, "classification" character varying(10) NOT NULL,
      "source_reliability" character(1) NOT NULL, "information_credibility" character(1) NOT NULL,
      "subject_count" smallint NOT NULL, "status" character varying(10) NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "superseded_at" TIMESTAMP WITH TIME ZONE,
      "first_recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "event_id" uuid NOT NULL,
      CONSTRAINT "PK_ee3d51c5ba7eb1549c7f3f8d9dd" PRIMARY KEY ("signal_id", "revision"))`);
    await q.query(
      `CREATE INDEX "ix_signal_versions_region_recorded" ON "signal_versions" ("riec_region", "recorded_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_signal_versions_municipality_recorded" ON "signal_versions" ("municipality", "recorded_at")`,
    );
    await q.query(`CREATE TABLE "signal_subjects" (
      "signal_id" uuid NOT NULL, "position" smallint NOT NULL,
      "fingerprint" character(64) NOT NULL, "kind" character varying(16) NOT NULL,
      "municipality" character varying(6) NOT NULL,
      CONSTRAINT "PK_842fe4a587204e15af9568a4c0c" PRIMARY KEY ("signal_id", "position"))`);
    await q.query(
      `CREATE INDEX "ix_signal_subjects_fingerprint" ON "signal_subjects" ("fingerprint")`,
    );
    await q.query(`CREATE TABLE "daily_signal_counts" (
      "municipality" character varying(6) NOT NULL, "day" date NOT NULL,
      "category" character varying(16) NOT NULL, "count" integer NOT NULL,
      CONSTRAINT "PK_2184a909989450ce9f61bf60a19" PRIMARY KEY ("municipality", "day", "category"))`);
    await q.query(`CREATE TABLE "escalations" (
      "escalation_id" uuid NOT NULL, "rule_id" character varying(64) NOT NULL,
      "rule_version" integer NOT NULL, "municipality" character varying(6) NOT NULL,
      "riec_region" character varying(40) NOT NULL, "severity" character varying(10) NOT NULL,
      "status" character varying(16) NOT NULL, "explanation" text NOT NULL,
      "contributing_signal_ids" jsonb NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE,
      "acknowledged_by" character varying(200), "revision" integer NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_24768c91eef4d17de79aeee8bdb" PRIMARY KEY ("escalation_id"))`);
    await q.query(
      `CREATE INDEX "ix_escalations_municipality_raised" ON "escalations" ("municipality", "raised_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_escalations_region_raised" ON "escalations" ("riec_region", "raised_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "escalations"`);
    await q.query(`DROP TABLE "daily_signal_counts"`);
    await q.query(`DROP TABLE "signal_subjects"`);
    await q.query(`DROP TABLE "signal_versions"`);
  }
}
