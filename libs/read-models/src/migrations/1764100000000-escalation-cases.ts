// The escalation as the analyst's case (assignee, closing and disposition, the subject of a
// cross-municipality escalation) and signals withheld from the burgemeester. Hand-read.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EscalationCases1764100000000 implements MigrationInterface {
  name = 'EscalationCases1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "signal_versions" ADD "withheld_from_mayor" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE "escalations" ADD "assignee" character varying(200)`);
    await q.query(`ALTER TABLE "escalations" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "escalations" ADD "closed_by" character varying(200)`);
    await q.query(`ALTER TABLE "escalations" ADD "outcome" character varying(20)`);
    await q.query(`ALTER TABLE "escalations" ADD "subject_fingerprint" character(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "escalations" DROP COLUMN "subject_fingerprint"`);
    await q.query(`ALTER TABLE "escalations" DROP COLUMN "outcome"`);
    await q.query(`ALTER TABLE "escalations" DROP COLUMN "closed_by"`);
    await q.query(`ALTER TABLE "escalations" DROP COLUMN "closed_at"`);
    await q.query(`ALTER TABLE "escalations" DROP COLUMN "assignee"`);
    await q.query(`ALTER TABLE "signal_versions" DROP COLUMN "withheld_from_mayor"`);
  }
}
