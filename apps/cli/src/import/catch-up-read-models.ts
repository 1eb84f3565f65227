// After an import: the read models project the log up to its head before the command ends, so
// that the imported signals are in the lists and risk pictures when it says it is done. Only the
// read models: the rule engine and the notifier catch up when the platform runs next.
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointStore, compareGlobalPositions, EventProcessor } from '@weerbaar/event-store';
import type { Infrastructure } from '@weerbaar/infrastructure';
import {
  ensureRiskLedgerSettings,
  type ProjectionContext,
  READ_MODEL_PROCESSOR,
  readModelSubscription,
} from '@weerbaar/read-models';

export interface CatchUpResult {
  /** Who projected: this process, or a running platform that holds the projector's lock. */
  by: 'import' | 'platform';
  events: number;
  millis: number;
}

const LOCK_WAIT_MS = 3_000;
const PLATFORM_POLL_MS = 250;

export interface ReadModelCatchUp {
  /** Projects up to the log's head (or waits for the platform to), then lets go of the lock. */
  finish(): Promise<CatchUpResult>;
  /** Stops projecting where it is (an interrupted import) and lets go of the lock. */
  abandon(): Promise<void>;
}

export interface CatchUpOptions {
  onBatch?: (events: number) => void;
  /** Events per projector batch (default 2,000). */
  batchSize?: number;
  /**
   * Project in the background from the start on, while the import appends (default false): the
   * catch-up at the end then only has the last stretch of the log left.
   */
  whileImporting?: boolean;
}

/**
 * Takes the projector's lock (or finds a running platform holding it) and, with
 * `whileImporting`, starts projecting in the background at once; `finish()` brings the read
 * models up to the head.
 */
export async function startReadModelCatchUp(
  infrastructure: Pick<Infrastructure, 'eventStore' | 'dataSource' | 'database' | 'processorLock'>,
  context: ProjectionContext,
  options: CatchUpOptions = {},
): Promise<ReadModelCatchUp> {
  const { eventStore, processorLock } = infrastructure;
  // On a server a running platform may hold the projector's lock: it projects the import as it
  // comes, and this waits for its checkpoint to reach the head instead of competing with it.
  const lease = await processorLock?.acquire(
    READ_MODEL_PROCESSOR,
    AbortSignal.timeout(LOCK_WAIT_MS),
  );
  if (processorLock && !lease) {
    return {
      finish: async () => {
        const started = Date.now();
        await waitForPlatform(infrastructure);
        return { by: 'platform', events: 0, millis: Date.now() - started };
      },
      abandon: () => Promise.resolve(),
    };
  }
  let events = 0;
  let processor;
  try {
    await ensureRiskLedgerSettings(infrastructure.dataSource, context.risk);
    // The lease is held here, so the processor runs without a lock of its own (it would wait
    // for this very lease).
    const subscription = readModelSubscription(infrastructure.dataSource, context, {
      batchSize: options.batchSize ?? 2_000,
      onBatch: (projected) => {
        events = projected;
        options.onBatch?.(projected);
      },
    });
    processor = new EventProcessor({
      ...subscription,
      store: eventStore,
      // Woken by every append of the import: gather a fuller batch rather than project a few.
      gatherMs: 200,
    });
    if (options.whileImporting) processor.start();
  } catch (error) {
    await lease?.release();
    throw error;
  }
  const running = processor;
  return {
    finish: async () => {
      const started = Date.now();
      try {
        await running.catchUp();
        return { by: 'import', events, millis: Date.now() - started };
      } finally {
        await running.stop();
        await lease?.release();
      }
    },
    abandon: async () => {
      try {
        await running.stop();
      } finally {
        await lease?.release();
      }
    },
  };
}

/** Brings the read models up to the log's head (see startReadModelCatchUp). */
export async function catchUpReadModels(
  infrastructure: Pick<Infrastructure, 'eventStore' | 'dataSource' | 'database' | 'processorLock'>,
  context: ProjectionContext,
  onBatch?: (events: number) => void,
): Promise<CatchUpResult> {
  const started = Date.now();
  const catchUp = await startReadModelCatchUp(infrastructure, context, { onBatch });
  const result = await catchUp.finish();
  return { ...result, millis: Date.now() - started };
}

async function waitForPlatform(
  infrastructure: Pick<Infrastructure, 'eventStore' | 'database'>,
): Promise<void> {
  const head = await infrastructure.eventStore.headPosition();
  const checkpoints = new CheckpointStore();
  for (;;) {
    const at = await checkpoints.load(infrastructure.database, READ_MODEL_PROCESSOR);
    if (compareGlobalPositions(at, head) >= 0) return;
    await sleep(PLATFORM_POLL_MS);
  }
}
