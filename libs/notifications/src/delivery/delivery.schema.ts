// The notifier's own tables: the queue of deliveries (one row per message to one recipient),
// every attempt at each, and the weeks whose digest went out. Deliveries are created in the
// transaction that moves the notifier's checkpoint, so an escalation is queued exactly once.
import { applySqlMigrations, type SqlDatabase, type SqlMigration } from '@weerbaar/event-store';

const DELIVERY_SCHEMA_LOCK_KEY = 7_302_201_004;

export const DELIVERY_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'delivery queue, attempts and weekly digests',
    statements: [
      `CREATE TABLE notification_deliveries (
         delivery_id uuid PRIMARY KEY,
         kind varchar(20) NOT NULL,
         channel varchar(10) NOT NULL,
         recipient text NOT NULL,
         escalation_id uuid,
         revision integer,
         municipality varchar(6),
         payload jsonb NOT NULL,
         wait_for_read_models jsonb,
         status varchar(10) NOT NULL,
         attempts integer NOT NULL DEFAULT 0,
         next_attempt_at timestamptz NOT NULL,
         locked_until timestamptz,
         created_at timestamptz NOT NULL,
         finished_at timestamptz
       )`,
      `CREATE INDEX ix_notification_deliveries_due
         ON notification_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
      `CREATE INDEX ix_notification_deliveries_escalation
         ON notification_deliveries (escalation_id)`,
      `CREATE TABLE notification_attempts (
         delivery_id uuid NOT NULL REFERENCES notification_deliveries (delivery_id),
         attempt integer NOT NULL,
         at timestamptz NOT NULL,
         outcome varchar(10) NOT NULL,
         detail text NOT NULL,
         PRIMARY KEY (delivery_id, attempt)
       )`,
      `CREATE TABLE notification_digests (
         week varchar(8) PRIMARY KEY,
         scheduled_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL
       )`,
    ],
  },
];

export async function ensureDeliverySchema(db: SqlDatabase): Promise<void> {
  await applySqlMigrations(db, {
    table: 'notification_schema_migrations',
    lockKey: DELIVERY_SCHEMA_LOCK_KEY,
    migrations: DELIVERY_MIGRATIONS,
  });
}
