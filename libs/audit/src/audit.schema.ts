// The audit trail's table (issue 9): append-only. The application only inserts and selects; a
// trigger refuses every UPDATE, DELETE and TRUNCATE, on PGlite as on a server.
import { applySqlMigrations, type SqlDatabase, type SqlMigration } from '@weerbaar/event-store';

/** Arbitrary constant key of the advisory lock that serialises the audit schema's upgrades. */
const AUDIT_SCHEMA_LOCK_KEY = 7_302_201_009;

export const AUDIT_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'append-only audit trail of commands and reads',
    statements: [
      `CREATE TABLE audit_log (
         id bigserial PRIMARY KEY,
         at timestamptz NOT NULL DEFAULT now(),
         actor varchar(200) NOT NULL,
         role varchar(16) NOT NULL,
         action varchar(100) NOT NULL,
         resource varchar(300) NOT NULL,
         status smallint NOT NULL,
         request_id varchar(64) NOT NULL,
         client_address varchar(64) NOT NULL
       )`,
      `CREATE INDEX ix_audit_log_actor ON audit_log (actor, id)`,
      `CREATE INDEX ix_audit_log_resource ON audit_log (resource text_pattern_ops, id)`,
      `CREATE INDEX ix_audit_log_at ON audit_log (at, id)`,
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP;
         END $$`,
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
         FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
         FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    ],
  },
  {
    version: 2,
    description: 'the action filter reads an index range too',
    statements: [`CREATE INDEX ix_audit_log_action ON audit_log (action, id)`],
  },
];

export async function ensureAuditSchema(db: SqlDatabase): Promise<void> {
  await applySqlMigrations(db, {
    table: 'audit_schema_migrations',
    lockKey: AUDIT_SCHEMA_LOCK_KEY,
    migrations: AUDIT_MIGRATIONS,
  });
}
