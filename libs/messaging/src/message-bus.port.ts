// The bus port: named, checkpointed subscriptions to the global log of events. The in-process
// adapter tails the event store directly; a Kafka adapter (a later issue) implements the same
// port behind a relay, so consumers never know which one feeds them.
import type { AfterEffects, RecordedEvent, SqlQueryable } from '@weerbaar/event-store';

export interface SubscriptionOptions<Tx> {
  /** Unique name of the consumer; its checkpoint is kept under this name. */
  name: string;
  /** Runs `fn` in one transaction of the database that holds the effect and the checkpoint. */
  transaction: <T>(fn: (tx: Tx, q: SqlQueryable) => Promise<T>) => Promise<T>;
  /** Applies a batch of events in order; the checkpoint moves in the same transaction. */
  handle: (events: RecordedEvent[], tx: Tx) => Promise<void | AfterEffects<Tx>>;
  /**
   * The handler's effects are idempotent and cannot share the checkpoint's transaction (they
   * append to the event store): run them first, outside it, then move the checkpoint
   * (at-least-once), together with what the handler returned (its state, exactly-once).
   * Default false: effect and checkpoint commit together (exactly-once).
   */
  idempotentEffects?: boolean;
  batchSize?: number;
}

export interface BusSubscription {
  /** Starts consuming in the background. */
  start(): void;
  /** Stops after the batch in flight. */
  stop(): Promise<void>;
  /** Consumes until the head of the log as of the call. */
  catchUp(): Promise<void>;
}

export interface MessageBus {
  subscribe<Tx>(options: SubscriptionOptions<Tx>): BusSubscription;
}

export const MESSAGE_BUS = Symbol('MessageBus');
