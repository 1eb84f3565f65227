// Feeds every read-model projection from one subscription to the global log, in one TypeORM
// transaction per batch together with the checkpoint; and rebuilds them from scratch.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type ExactSumConfig, sameJson } from '@weerbaar/domain';
import type { RecordedEvent, SqlQueryable } from '@weerbaar/event-store';
import type { SubscriptionOptions } from '@weerbaar/messaging';
import { EscalationViewProjection } from './projections/escalation-view.projection';
import { type RegionOf, SignalRiskProjection } from './projections/signal-risk.projection';
import { READ_MODEL_TABLES } from './read-model.schema';

export const READ_MODEL_PROCESSOR = 'read-models';

/**
 * Runs `fn` in one TypeORM transaction, also exposed as a plain SQL queryable. With `schema`,
 * unqualified table names find that schema's tables first (a rebuild's copies).
 */
export function typeormTransaction(dataSource: DataSource, schema?: string) {
  return <T>(fn: (em: EntityManager, q: SqlQueryable) => Promise<T>): Promise<T> =>
    dataSource.transaction(async (em) => {
      if (schema !== undefined) {
        await em.query(
          `SELECT set_config('search_path', $1 || ', ' || current_setting('search_path'), true)`,
          [schema],
        );
      }
      return fn(em, { query: <R>(sql: string, params?: unknown[]) => em.query<R[]>(sql, params) });
    });
}

/** What the projections need besides the events: regions of municipalities, the risk weights. */
export interface ProjectionContext {
  regions: RegionOf;
  /** Changing these needs a rebuild: the risk ledger's sums are made with them. */
  risk: ExactSumConfig;
}

export class ReadModelProjector {
  private readonly signals: SignalRiskProjection;
  private readonly escalations = new EscalationViewProjection();

  constructor(context: ProjectionContext) {
    this.signals = new SignalRiskProjection(context.regions, context.risk);
  }

  async handle(events: RecordedEvent[], em: EntityManager): Promise<void> {
    await this.signals.applyBatch(em, events);
    await this.escalations.applyBatch(em, events);
  }
}

/**
 * The one subscription that feeds every read model: the live projector and a rebuild both use
 * it. `onBatch` is told how many events have been projected so far.
 */
export function readModelSubscription(
  dataSource: DataSource,
  context: ProjectionContext,
  options: {
    batchSize?: number;
    onBatch?: (events: number) => void;
    /** Another processor name and schema: a rebuild's, projecting into copies of the tables. */
    name?: string;
    schema?: string;
  } = {},
): SubscriptionOptions<EntityManager> {
  const projector = new ReadModelProjector(context);
  let projected = 0;
  return {
    name: options.name ?? READ_MODEL_PROCESSOR,
    transaction: typeormTransaction(dataSource, options.schema),
    batchSize: options.batchSize,
    handle: async (events, em) => {
      await projector.handle(events, em);
      projected += events.length;
      options.onBatch?.(projected);
    },
  };
}

/**
 * Makes sure the risk ledger was made with these settings (ADR 0006): when the category weights
 * or the half-life changed, the read models are emptied so that the projector refills them.
 * Returns whether it did.
 */
export async function ensureRiskLedgerSettings(
  dataSource: DataSource,
  risk: ExactSumConfig,
): Promise<boolean> {
  return dataSource.transaction(async (em) => {
    if (!(await riskLedgerSettingsChanged(em, risk))) return false;
    await resetWithin(em, risk);
    return true;
  });
}

/**
 * Whether the risk ledger was made with other settings than these; records them when there is
 * no ledger yet. Locks the settings' row until the transaction ends.
 */
export async function riskLedgerSettingsChanged(
  em: EntityManager,
  risk: ExactSumConfig,
): Promise<boolean> {
  const [stored] = await em.query<{ settings: unknown }[]>(
    `SELECT settings FROM risk_ledger_settings WHERE id = 1 FOR UPDATE`,
  );
  if (stored && sameJson(stored.settings, ledgerSettings(risk))) return false;
  const [anyRow] = await em.query<unknown[]>(`SELECT 1 FROM risk_ledger LIMIT 1`);
  if (!stored && anyRow === undefined) {
    await storeRiskLedgerSettings(em, risk);
    return false;
  }
  return true;
}

const ledgerSettings = (risk: ExactSumConfig) => ({
  categoryWeights: risk.categoryWeights,
  halfLifeDays: risk.halfLifeDays,
});

/** Records the settings the ledger in the current schema is made with. */
export async function storeRiskLedgerSettings(
  em: EntityManager,
  risk: ExactSumConfig,
): Promise<void> {
  await em.query(
    `INSERT INTO risk_ledger_settings (id, settings) VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings`,
    [JSON.stringify(ledgerSettings(risk))],
  );
}

async function resetWithin(em: EntityManager, risk: ExactSumConfig): Promise<void> {
  await em.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `"${t}"`).join(', ')}`);
  await forgetCheckpoint(em, READ_MODEL_PROCESSOR);
  await storeRiskLedgerSettings(em, risk);
}

/** Deletes a processor's checkpoint; before the first processor ran there is none to forget. */
export async function forgetCheckpoint(em: EntityManager, name: string): Promise<void> {
  const [{ present }] = await em.query<{ present: boolean }[]>(
    `SELECT to_regclass('processor_checkpoints') IS NOT NULL AS present`,
  );
  if (present) await em.query(`DELETE FROM processor_checkpoints WHERE name = $1`, [name]);
}

/**
 * A SHA-256 of every read-model table's rows in primary-key order: two databases with equal
 * checksums hold byte-identical read models (used to prove a rebuild equals the live run).
 */
export async function readModelChecksums(
  db: Pick<DataSource, 'query'>,
  schema?: string,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of READ_MODEL_TABLES) {
    const name = schema === undefined ? `"${table}"` : `"${schema}"."${table}"`;
    const rows = await db.query<{ row: string }[]>(
      `SELECT t::text AS row FROM ${name} t ORDER BY 1`,
    );
    const hash = createHash('sha256');
    for (const { row } of rows) hash.update(row).update('\n');
    result[table] = `${rows.length}:${hash.digest('hex')}`;
  }
  return result;
}
