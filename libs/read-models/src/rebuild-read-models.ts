// Rebuilds the read models from the first event: empty the tables and the checkpoint, then let
// a fresh subscription project the whole log. The platform must not be projecting meanwhile
// (the embedded data directory is locked; on a server the CLI refuses while the lock is held).
import type { DataSource } from 'typeorm';
import type { MessageBus } from '@weerbaar/messaging';
import {
  type ProjectionContext,
  readModelSubscription,
  resetReadModels,
} from './read-model.projector';

export async function rebuildReadModels(
  dataSource: DataSource,
  bus: MessageBus,
  context: ProjectionContext,
  onBatch?: (events: number) => void,
): Promise<{ events: number; millis: number }> {
  const started = Date.now();
  let events = 0;
  await resetReadModels(dataSource, context.risk);
  await bus
    .subscribe(
      readModelSubscription(dataSource, context, {
        batchSize: 2000,
        onBatch: (projected) => {
          events = projected;
          onBatch?.(projected);
        },
      }),
    )
    .catchUp();
  return { events, millis: Date.now() - started };
}
