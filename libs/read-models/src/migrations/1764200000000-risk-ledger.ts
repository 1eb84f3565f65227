// The risk ledger and heads (ADR 0006), and the indexes a picture's windows and open
// escalations are counted from.
// Hand-read. The ledger needs every signal version from the first event, so the read models are
// emptied and their checkpoint forgotten: the projector refills them from the log on start.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RiskLedger1764200000000 implements MigrationInterface {
  name = 'RiskLedger1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "risk_ledger" (
      "municipality" character varying(6) NOT NULL, "withheld" boolean NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL, "score_sum" numeric NOT NULL,
      "live" integer NOT NULL, "eligible" integer NOT NULL, "filed" integer NOT NULL,
      CONSTRAINT "PK_risk_ledger" PRIMARY KEY ("municipality", "withheld", "at"))`);
    await q.query(`CREATE TABLE "municipality_risk_heads" (
      "municipality" character varying(6) NOT NULL, "last_event_id" uuid NOT NULL,
      CONSTRAINT "PK_municipality_risk_heads" PRIMARY KEY ("municipality"))`);
    await q.query(`CREATE TABLE "risk_ledger_settings" (
      "id" smallint NOT NULL, "settings" jsonb NOT NULL,
      CONSTRAINT "PK_risk_ledger_settings" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_signal_versions_municipality_occurred" ON "signal_versions" ("municipality", "occurred_at", "recorded_at", "superseded_at", "status", "category", "subcategory", "withheld_from_mayor")`,
    );
    await q.query(
      `CREATE INDEX "ix_escalations_municipality_open" ON "escalations" ("municipality", "recorded_at", "closed_at")`,
    );
    await q.query(
      `TRUNCATE "signal_versions", "signal_subjects", "daily_signal_counts", "escalations"`,
    );
    await q.query(`DO $$ BEGIN
      IF to_regclass('processor_checkpoints') IS NOT NULL THEN
        DELETE FROM processor_checkpoints WHERE name = 'read-models';
      END IF; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_escalations_municipality_open"`);
    await q.query(`DROP INDEX "ix_signal_versions_municipality_occurred"`);
    await q.query(`DROP TABLE "risk_ledger_settings"`);
    await q.query(`DROP TABLE "municipality_risk_heads"`);
    await q.query(`DROP TABLE "risk_ledger"`);
  }
}
