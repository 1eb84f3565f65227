// The operator's commands on personal data, each written to the audit trail:
// - `seal-existing-events`: the one-off migration that seals the personal texts of events stored
//   before sealing began, the only rewrite of stored events there is; the hash chains are
//   computed anew over the sealed events, and verify's chain starts there;
// - `erase-subject`: what POST /admin/subjects/{fingerprint}/erase does, from the command line;
// - `rewrap-keys`: wraps every data key with the current WEERBAAR_KEK, after which the previous
//   KEKs can be dropped from the configuration.
import { randomUUID } from 'node:crypto';
import { AuditLog, ensureAuditSchema } from '@weerbaar/audit';
import {
  NotFoundError,
  parseEraseSubjectRequest,
  SUBJECT_FINGERPRINT_PATTERN,
} from '@weerbaar/domain';
import { REHASH_ALL_CHAINS_SQL, type SqlQueryable } from '@weerbaar/event-store';
import {
  type Infrastructure,
  type InfrastructureConfig,
  openInfrastructure,
} from '@weerbaar/infrastructure';
import {
  isSealed,
  mapPersonalData,
  PERSONAL_EVENT_TYPES,
  SealingEventStore,
  SubjectErasure,
} from '@weerbaar/personal-data';

const ACTOR = 'cli';

async function withInfrastructure<T>(
  config: InfrastructureConfig,
  fn: (
    infrastructure: Infrastructure,
    audit: (action: string, resource: string) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const infrastructure = await openInfrastructure(config);
  try {
    await ensureAuditSchema(infrastructure.database);
    const log = new AuditLog(infrastructure.database);
    const audit = (action: string, resource: string) =>
      log.record({
        actor: ACTOR,
        role: 'admin',
        action: `CLI ${action}`,
        resource,
        status: 200,
        requestId: randomUUID(),
        clientAddress: 'local',
      });
    return await fn(infrastructure, audit);
  } finally {
    await infrastructure.close();
  }
}

interface StoredRow {
  event_id: string;
  type: string;
  data: unknown;
}

export interface SealReport {
  /** Events that held a personal text in clear, now sealed. */
  sealed: number;
  /** Events whose hashes were computed anew (the whole log when any was sealed). */
  rehashed: number;
}

/** Whether any personal text of the event's data is still in clear. */
function holdsClearText(type: string, data: unknown): boolean {
  let clear = false;
  mapPersonalData(type, data, (value) => {
    if (!isSealed(value)) clear = true;
    return value;
  });
  return clear;
}

/**
 * Seals what was stored in clear, in one transaction, and recomputes every stream's hash chain
 * (the chain covers the sealed data). Run it with the platform stopped; again, it finds nothing.
 */
export async function sealExistingEventsCommand(
  config: InfrastructureConfig,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<SealReport> {
  return withInfrastructure(config, async (infrastructure, audit) => {
    const { database, dataKeys, eventStore } = infrastructure;
    // One transaction, a page at a time: the data keys are made through it too (the embedded
    // engine has one connection), and a run that fails leaves the log as it was.
    const report = await database.transaction(async (tx: SqlQueryable) => {
      const sealing = new SealingEventStore(eventStore.log, dataKeys.on(tx));
      let sealed = 0;
      for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
        const rows = await tx.query<StoredRow>(
          `SELECT event_id::text AS event_id, type, data FROM es_events
            WHERE type = ANY($1::text[]) AND event_id > $2::uuid ORDER BY event_id LIMIT 1000`,
          [PERSONAL_EVENT_TYPES, after],
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1].event_id;
        const clear = rows
          .map((row) => ({
            eventId: row.event_id,
            type: row.type,
            schemaVersion: 1,
            data: typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data,
          }))
          .filter((event) => holdsClearText(event.type, event.data));
        if (clear.length === 0) continue;
        const [events] = await sealing.sealAll([clear]);
        await tx.query(
          `UPDATE es_events e SET data = s.data
             FROM jsonb_to_recordset($1::jsonb) AS s(event_id uuid, data jsonb)
            WHERE e.event_id = s.event_id`,
          [JSON.stringify(events.map((event) => ({ event_id: event.eventId, data: event.data })))],
        );
        sealed += events.length;
      }
      if (sealed === 0) return { sealed, rehashed: 0 };
      await tx.query(REHASH_ALL_CHAINS_SQL);
      const [{ rehashed }] = await tx.query<{ rehashed: number }>(
        'SELECT count(*)::int AS rehashed FROM es_events',
      );
      return { sealed, rehashed };
    });
    await audit(
      'seal-existing-events',
      `es_events: ${report.sealed} sealed, ${report.rehashed} rehashed`,
    );
    out(
      report.sealed === 0
        ? 'Every personal text in the event store is sealed already; nothing changed.'
        : `Sealed the personal texts of ${report.sealed} events and computed the hash chains anew over ${report.rehashed} events. Run \`weerbaar verify\` and record its new anchor: earlier anchors no longer hold.`,
    );
    return report;
  });
}

export async function eraseSubjectCommand(
  config: InfrastructureConfig,
  fingerprint: string,
  reason: string,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<boolean> {
  const parsed = parseEraseSubjectRequest({ reason });
  if (!SUBJECT_FINGERPRINT_PATTERN.test(fingerprint)) {
    out('The fingerprint must be 64 lower-case hex characters, as the API shows it.');
    return false;
  }
  return withInfrastructure(config, async (infrastructure, audit) => {
    const erasure = new SubjectErasure(infrastructure.dataKeys, infrastructure.eventStore);
    try {
      const result = await erasure.erase(fingerprint, parsed.reason, ACTOR);
      await audit('erase-subject', `/api/v1/admin/subjects/${fingerprint}/erase`);
      out(
        result.keysDestroyed > 0
          ? `Erased subject ${fingerprint} at ${result.erasedAt}: ${result.keysDestroyed} key destroyed.`
          : `Subject ${fingerprint} was erased already, at ${result.erasedAt}.`,
      );
      return true;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      out(`No signal ever named a subject with fingerprint ${fingerprint}.`);
      return false;
    }
  });
}

export async function rewrapKeysCommand(
  config: InfrastructureConfig,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  return withInfrastructure(config, async (infrastructure, audit) => {
    const rewrapped = await infrastructure.dataKeys.rewrapAll();
    await audit('rewrap-keys', `data_keys: ${rewrapped} re-wrapped`);
    out(
      `Re-wrapped ${rewrapped} data keys with the current WEERBAAR_KEK; WEERBAAR_KEK_PREVIOUS can now be removed.`,
    );
    return rewrapped;
  });
}
