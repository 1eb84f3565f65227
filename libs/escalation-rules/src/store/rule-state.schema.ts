// The rule engine's own tables: what it remembers between batches, written in the same
// transaction as its checkpoint. Signals are kept only while live (a retraction removes them),
// and the engine reads just the rows a batch can touch, so neither its start nor its memory
// grows with the log.
import { applySqlMigrations, type SqlDatabase, type SqlMigration } from '@weerbaar/event-store';

/** The processor name of the rule engine: its checkpoint and its lock. */
export const ESCALATION_RULES_PROCESSOR = 'escalation-rules';

const RULE_STATE_LOCK_KEY = 7_302_201_003;

export const RULE_STATE_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'rule engine state: live signals, open slots, running scores, snoozes, rule set',
    statements: [
      `CREATE TABLE rule_engine_signals (
         signal_id uuid PRIMARY KEY,
         municipality varchar(6) NOT NULL,
         category varchar(16) NOT NULL,
         subcategory varchar(32) NOT NULL,
         target_role varchar(16) NOT NULL,
         severity smallint NOT NULL,
         occurred_at timestamptz NOT NULL,
         classification varchar(10) NOT NULL,
         fingerprints text[] NOT NULL
       )`,
      `CREATE INDEX ix_rule_engine_signals_municipality
         ON rule_engine_signals (municipality, category, occurred_at)`,
      `CREATE INDEX ix_rule_engine_signals_fingerprints
         ON rule_engine_signals USING gin (fingerprints)`,
      `CREATE TABLE rule_engine_open_escalations (
         slot_key text PRIMARY KEY,
         rule_id varchar(64) NOT NULL,
         escalation_id uuid NOT NULL UNIQUE,
         municipality varchar(6) NOT NULL,
         riec_region varchar(40) NOT NULL,
         fingerprint char(64),
         contributing_signal_ids jsonb NOT NULL
       )`,
      `CREATE INDEX ix_rule_engine_open_municipality ON rule_engine_open_escalations (municipality)`,
      `CREATE INDEX ix_rule_engine_open_fingerprint ON rule_engine_open_escalations (fingerprint)`,
      `CREATE TABLE rule_engine_scores (
         municipality varchar(6) PRIMARY KEY,
         base_day double precision NOT NULL,
         sum double precision NOT NULL
       )`,
      `CREATE TABLE rule_engine_snoozes (
         snooze_id uuid PRIMARY KEY,
         rule_id varchar(64) NOT NULL,
         riec_region varchar(40) NOT NULL,
         municipality varchar(6),
         fingerprint char(64),
         until timestamptz NOT NULL
       )`,
      `CREATE TABLE rule_engine_rule_set (
         id smallint PRIMARY KEY CHECK (id = 1),
         rule_set jsonb NOT NULL
       )`,
      // Before these tables the engine folded the whole log at every start: its checkpoint is
      // forgotten once, so it builds its state from the log (deterministic escalation ids keep
      // it from raising anything twice).
      `DO $$ BEGIN
         IF to_regclass('processor_checkpoints') IS NOT NULL THEN
           DELETE FROM processor_checkpoints WHERE name = '${ESCALATION_RULES_PROCESSOR}';
         END IF;
       END $$`,
    ],
  },
];

export async function ensureRuleStateSchema(db: SqlDatabase): Promise<void> {
  await applySqlMigrations(db, {
    table: 'rule_engine_schema_migrations',
    lockKey: RULE_STATE_LOCK_KEY,
    migrations: RULE_STATE_MIGRATIONS,
  });
}
