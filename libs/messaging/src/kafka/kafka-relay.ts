// The relay (outbox → Kafka): tails the event store's global log with the safe read, produces
// each batch with an idempotent producer and moves its checkpoint only after the broker
// acknowledged the whole batch. It is an EventProcessor whose effect is the produce: one active
// instance under the processor lock, back-off while the broker is down, and after a crash it
// produces again from its checkpoint (a message may then be in the topic twice; consumers skip
// it by its global position, ADR 0009).
import type { Producer } from 'kafkajs';
import {
  type EventStore,
  EventProcessor,
  type ProcessorLock,
  type ProcessorLogger,
  type RecordedEvent,
  type SqlQueryable,
} from '@weerbaar/event-store';
import { EVENTS_TOPIC, toKafkaMessage } from './kafka-event-message';
import { PartitionKeys } from './partition-keys';

export const RELAY_PROCESSOR = 'kafka-relay';

export interface KafkaRelayOptions {
  store: EventStore;
  /** Runs the checkpoint's compare-and-set in a transaction of the event store's database. */
  transaction: <T>(fn: (tx: unknown, q: SqlQueryable) => Promise<T>) => Promise<T>;
  /** Connected, created with `idempotent: true`. */
  producer: Producer;
  topic?: string;
  lock?: ProcessorLock;
  logger?: ProcessorLogger;
  batchSize?: number;
  retry?: { initialMs?: number; maxMs?: number };
  /** After the broker acknowledged a batch (metrics). */
  onProduced?: (events: readonly RecordedEvent[]) => void;
}

export function createKafkaRelay(options: KafkaRelayOptions): EventProcessor<unknown> {
  const topic = options.topic ?? EVENTS_TOPIC;
  const keys = new PartitionKeys(options.store);
  return new EventProcessor<unknown>({
    name: RELAY_PROCESSOR,
    store: options.store,
    batchSize: options.batchSize ?? 500,
    transaction: options.transaction,
    idempotentEffects: true,
    lock: options.lock,
    logger: options.logger,
    retry: options.retry,
    handle: async (events) => {
      // acks -1: every in-sync replica has it before the checkpoint may move.
      const batchKeys = await keys.of(events);
      const messages = events.map((event, i) => toKafkaMessage(event, batchKeys[i]));
      await options.producer.send({ topic, acks: -1, messages });
      options.onProduced?.(events);
    },
  });
}
