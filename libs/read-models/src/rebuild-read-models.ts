// Rebuilds the read models blue/green, while the platform keeps projecting and answering: the
// whole log is projected into a copy of the read-model tables in a schema of their own, and one
// transaction then swaps the copies in and moves the live projector's checkpoint to where the
// copy got (ADR 0007). Readers wait for the swap only as long as it takes to rename tables; the live
// projector's next batch finds its checkpoint moved, rolls back, and goes on from there.
import type { DataSource, EntityManager } from 'typeorm';
import { compareGlobalPositions, SqlState, sqlStateOf } from '@weerbaar/event-store';
import type { MessageBus } from '@weerbaar/messaging';
import {
  forgetCheckpoint,
  type ProjectionContext,
  READ_MODEL_PROCESSOR,
  readModelChecksums,
  readModelSubscription,
  storeRiskLedgerSettings,
} from './read-model.projector';
import { READ_MODEL_TABLES } from './read-model.schema';

/** Where the new tables are built. */
export const REBUILD_SCHEMA = 'read_models_rebuild';
/** The rebuild's own checkpoint while it builds. */
export const REBUILD_PROCESSOR = `${READ_MODEL_PROCESSOR}-rebuild`;
/** Everything a rebuild replaces: the projected tables and the settings they were made with. */
const SWAPPED_TABLES = [...READ_MODEL_TABLES, 'risk_ledger_settings'];

export interface RebuildResult {
  events: number;
  millis: number;
  /**
   * Per table, the checksums of the live and the rebuilt table just before the swap, when both
   * were at the same position of the log (`undefined` when the live one had moved on).
   */
  compared?: Record<string, { live: string; rebuilt: string }>;
}

export async function rebuildReadModels(
  dataSource: DataSource,
  bus: MessageBus,
  context: ProjectionContext,
  options: { onBatch?: (events: number) => void; compare?: boolean } = {},
): Promise<RebuildResult> {
  const started = Date.now();
  let events = 0;
  const { live, indexes } = await prepareRebuildSchema(dataSource, context);
  const subscription = bus.subscribe(
    readModelSubscription(dataSource, context, {
      name: REBUILD_PROCESSOR,
      schema: REBUILD_SCHEMA,
      batchSize: 5000,
      onBatch: (projected) => {
        events = projected;
        options.onBatch?.(projected);
      },
    }),
  );
  await subscription.catchUp();
  // Secondary indexes are built once over the whole tables, which is faster than keeping them up
  // row by row; then the events that came meanwhile are projected with them in place.
  for (const definition of indexes) await dataSource.query(definition);
  await subscription.catchUp();
  const compared = options.compare ? await compareWithLive(dataSource, live) : undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await swapIn(dataSource, live);
      break;
    } catch (error) {
      if (!(error instanceof LiveProjectorAhead) || attempt === SWAP_ATTEMPTS) throw error;
      await subscription.catchUp();
    }
  }
  return { events, millis: Date.now() - started, compared };
}

/**
 * A fresh schema with empty copies of the read-model tables and their constraints; returns the
 * live tables' schema and the secondary indexes to create on the copies once they are filled.
 */
async function prepareRebuildSchema(
  dataSource: DataSource,
  context: ProjectionContext,
): Promise<{ live: string; indexes: string[] }> {
  return dataSource.transaction(async (em) => {
    const [{ schema: live }] = await em.query<{ schema: string }[]>(
      `SELECT current_schema() AS schema`,
    );
    await em.query(`DROP SCHEMA IF EXISTS ${REBUILD_SCHEMA} CASCADE`);
    await em.query(`CREATE SCHEMA ${REBUILD_SCHEMA}`);
    await forgetCheckpoint(em, REBUILD_PROCESSOR);
    const indexes: string[] = [];
    for (const table of SWAPPED_TABLES)
      indexes.push(...(await copyTableDefinition(em, live, table)));
    await em.query(`SET LOCAL search_path TO ${REBUILD_SCHEMA}, "${live}"`);
    await storeRiskLedgerSettings(em, context.risk);
    return { live, indexes };
  });
}

/**
 * Creates an empty copy of `live.table` in the rebuild schema with its constraints, and returns
 * the statements that create its other indexes on the copy. Names stay the same: a later
 * migration that names them must find them after the swap.
 */
async function copyTableDefinition(
  em: EntityManager,
  live: string,
  table: string,
): Promise<string[]> {
  const source = `"${live}"."${table}"`;
  const target = `${REBUILD_SCHEMA}."${table}"`;
  await em.query(`CREATE TABLE ${target} (LIKE ${source} INCLUDING DEFAULTS)`);
  const constraints = await em.query<{ name: string; definition: string; index: string }[]>(
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition, i.relname AS index
       FROM pg_constraint c LEFT JOIN pg_class i ON i.oid = c.conindid
      WHERE c.conrelid = $1::regclass`,
    [source],
  );
  for (const c of constraints) {
    await em.query(`ALTER TABLE ${target} ADD CONSTRAINT "${c.name}" ${c.definition}`);
  }
  const indexes = await em.query<{ definition: string }[]>(
    `SELECT pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [source],
  );
  // "CREATE INDEX name ON live.table USING …": the same index on the copy.
  return indexes.map(({ definition }) =>
    definition.replace(/ ON (\S+) USING /, ` ON ${target} USING `),
  );
}

/**
 * Compares the rebuilt tables with the live ones while the live projector is held off, when both
 * are at the same position of the log; `undefined` when the live one had moved on.
 */
async function compareWithLive(
  dataSource: DataSource,
  live: string,
): Promise<RebuildResult['compared']> {
  return dataSource.transaction(async (em) => {
    const current = await livePosition(em);
    const rebuilt = await checkpointOf(em, REBUILD_PROCESSOR);
    if (current?.t !== rebuilt?.t || current?.p !== rebuilt?.p) return undefined;
    const before = await readModelChecksums(em, live);
    const after = await readModelChecksums(em, REBUILD_SCHEMA);
    return Object.fromEntries(
      Object.keys(before).map((t) => [t, { live: before[t], rebuilt: after[t] }]),
    );
  });
}

// The swap waits this long for readers to let go of the live tables, then gives way and tries
// again: a reader that holds one table and waits for another must never deadlock with it (and
// PostgreSQL's deadlock check, after a second, would cancel the reader's query).
const SWAP_LOCK_TIMEOUT_MS = 200;
const SWAP_ATTEMPTS = 100;

async function swapIn(dataSource: DataSource, live: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dataSource.transaction((em) => swapTables(em, live));
      return;
    } catch (error) {
      if (sqlStateOf(error) !== SqlState.lockNotAvailable || attempt === SWAP_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

/** The live projector got further than the rebuild while it was held off: catch up, try again. */
class LiveProjectorAhead extends Error {}

/**
 * Holds off the live projector (each of its batches takes its checkpoint's row lock before it
 * writes, so none is half-way), replaces the live tables by the rebuilt ones, and gives the live
 * projector the rebuild's checkpoint. In the distributed shape the live projector has a position
 * per Kafka partition besides that checkpoint (its floor, libs/messaging kafka-bus): none may be
 * past the rebuild's, for the rebuilt tables must hold all it applied; all move to the rebuild's.
 */
async function swapTables(em: EntityManager, live: string): Promise<void> {
  await em.query(`SET LOCAL lock_timeout = ${SWAP_LOCK_TIMEOUT_MS}`);
  const current = await livePosition(em, 'FOR UPDATE');
  const rebuilt = await checkpointOf(em, REBUILD_PROCESSOR);
  if (current && (!rebuilt || comparePositions(current, rebuilt) > 0)) {
    throw new LiveProjectorAhead();
  }
  await em.query(
    `LOCK TABLE ${SWAPPED_TABLES.map((t) => `"${live}"."${t}"`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
  );
  for (const table of SWAPPED_TABLES) {
    await em.query(`DROP TABLE "${live}"."${table}"`);
    await em.query(`ALTER TABLE ${REBUILD_SCHEMA}."${table}" SET SCHEMA "${live}"`);
  }
  await em.query(`DROP SCHEMA ${REBUILD_SCHEMA}`);
  if (rebuilt) {
    await em.query(
      `INSERT INTO processor_checkpoints (name, transaction_id, position)
       VALUES ($1, $2::xid8, $3::bigint)
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         position = EXCLUDED.position, updated_at = now()`,
      [READ_MODEL_PROCESSOR, rebuilt.t, rebuilt.p],
    );
    await em.query(
      `UPDATE processor_checkpoints SET transaction_id = $2::xid8, position = $3::bigint,
         updated_at = now()
       WHERE starts_with(name, $1)`,
      [PARTITION_POSITIONS, rebuilt.t, rebuilt.p],
    );
  } else {
    await forgetCheckpoint(em, READ_MODEL_PROCESSOR);
  }
  await forgetCheckpoint(em, REBUILD_PROCESSOR);
}

/** The live projector's positions per Kafka partition are named `read-models#<topic>/<n>`. */
const PARTITION_POSITIONS = `${READ_MODEL_PROCESSOR}#`;

/** How far the live projector got: its checkpoint, or the furthest of its partition positions. */
async function livePosition(
  em: EntityManager,
  lock: 'FOR UPDATE' | '' = '',
): Promise<{ t: string; p: string } | undefined> {
  const rows = await em.query<{ t: string; p: string }[]>(
    `SELECT transaction_id::text AS t, position::text AS p FROM processor_checkpoints
      WHERE name = $1 OR starts_with(name, $2) ${lock}`,
    [READ_MODEL_PROCESSOR, PARTITION_POSITIONS],
  );
  return rows.reduce<{ t: string; p: string } | undefined>(
    (furthest, row) => (furthest && comparePositions(furthest, row) >= 0 ? furthest : row),
    undefined,
  );
}

function comparePositions(a: { t: string; p: string }, b: { t: string; p: string }): number {
  return compareGlobalPositions(
    { transactionId: a.t, position: a.p },
    { transactionId: b.t, position: b.p },
  );
}

async function checkpointOf(
  em: EntityManager,
  name: string,
  lock: 'FOR UPDATE' | '' = '',
): Promise<{ t: string; p: string } | undefined> {
  const [row] = await em.query<{ t: string; p: string }[]>(
    `SELECT transaction_id::text AS t, position::text AS p
       FROM processor_checkpoints WHERE name = $1 ${lock}`,
    [name],
  );
  return row;
}
