// Rebuilds the read models from the first event: empty the tables and the checkpoint, then let
// a fresh subscription project the whole log. The platform must not be projecting meanwhile
// (the embedded data directory is locked; on a server the processor lock keeps one consumer).
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageBus } from '@weerbaar/messaging';
import { type RegionOf } from './projections/signal-risk.projection';
import {
  READ_MODEL_PROCESSOR,
  ReadModelProjector,
  resetReadModels,
  typeormTransaction,
} from './read-model.projector';

export async function rebuildReadModels(
  dataSource: DataSource,
  bus: MessageBus,
  regions: RegionOf,
  onBatch: (events: number) => void = () => undefined,
): Promise<{ events: number; millis: number }> {
  const started = Date.now();
  const projector = new ReadModelProjector(regions);
  let events = 0;
  await resetReadModels(dataSource);
  await bus
    .subscribe<EntityManager>({
      name: READ_MODEL_PROCESSOR,
      transaction: typeormTransaction(dataSource),
      batchSize: 2000,
      handle: async (batch, em) => {
        await projector.handle(batch, em);
        events += batch.length;
        onBatch(events);
      },
    })
    .catchUp();
  return { events, millis: Date.now() - started };
}
