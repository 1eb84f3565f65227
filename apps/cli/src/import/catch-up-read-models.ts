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

export async function catchUpReadModels(
  infrastructure: Pick<Infrastructure, 'eventStore' | 'dataSource' | 'database' | 'processorLock'>,
  context: ProjectionContext,
  onBatch?: (events: number) => void,
): Promise<CatchUpResult> {
  const started = Date.now();
  const { eventStore, processorLock } = infrastructure;
  // On a server a running platform may hold the projector's lock: it projects the import as it
  // comes, and this waits for its checkpoint to reach the head instead of competing with it.
  const lease = await processorLock?.acquire(
    READ_MODEL_PROCESSOR,
    AbortSignal.timeout(LOCK_WAIT_MS),
  );
  if (processorLock && !lease) {
    await waitForPlatform(infrastructure);
    return { by: 'platform', events: 0, millis: Date.now() - started };
  }
  try {
    await ensureRiskLedgerSettings(infrastructure.dataSource, context.risk);
    let events = 0;
    // The lease is held here, so the processor runs without a lock of its own (it would wait
    // for this very lease).
    const subscription = readModelSubscription(infrastructure.dataSource, context, {
      batchSize: 2_000,
      onBatch: (projected) => {
        events = projected;
        onBatch?.(projected);
      },
    });
    const processor = new EventProcessor({ ...subscription, store: eventStore });
    await processor.catchUp();
    return { by: 'import', events, millis: Date.now() - started };
  } finally {
    await lease?.release();
  }
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
