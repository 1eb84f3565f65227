// The in-process bus of the embedded platform: every subscription is an EventProcessor that
// tails the event store's global log from its own checkpoint.
import {
  type EventStore,
  EventProcessor,
  type ProcessorLock,
  type ProcessorLogger,
} from '@weerbaar/event-store';
import type { BusSubscription, MessageBus, SubscriptionOptions } from './message-bus.port';

export interface InProcessBusOptions {
  /** One active consumer per name across processes (a PostgreSQL advisory lock). */
  lock?: ProcessorLock;
  logger?: ProcessorLogger;
  /** Events per batch unless the subscription says otherwise (default 500). */
  batchSize?: number;
  /** How long events may gather after a wake-up before a batch is read (default 0). */
  gatherMs?: number;
}

export class InProcessBus implements MessageBus {
  constructor(
    private readonly store: EventStore,
    private readonly options: InProcessBusOptions = {},
  ) {}

  subscribe<Tx>(options: SubscriptionOptions<Tx>): BusSubscription {
    return new EventProcessor<Tx>({
      name: options.name,
      store: this.store,
      batchSize: options.batchSize ?? this.options.batchSize ?? 500,
      gatherMs: this.options.gatherMs,
      transaction: options.transaction,
      handle: options.handle,
      idempotentEffects: options.idempotentEffects,
      lock: this.options.lock,
      logger: this.options.logger,
    });
  }
}
