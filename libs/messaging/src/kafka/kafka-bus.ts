// The bus port over Kafka (ADR 0009): each subscription is a consumer group named after the
// subscriber. A partition's batch is applied in one PostgreSQL transaction together with the
// subscriber's position in that partition (the highest global position applied, kept as a
// processor checkpoint named `<subscriber>#<topic>/<partition>`); events at or below it, or at
// or below the subscriber's floor (see apply), are skipped. Redelivery after a crash or a
// rebalance, and an event the relay produced twice, are therefore applied once. Kafka's committed
// offsets only say where to start reading.
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import {
  CheckpointStore,
  compareGlobalPositions,
  type EventStore,
  type GlobalPosition,
  type ProcessorLogger,
  type RecordedEvent,
  type SqlQueryable,
} from '@weerbaar/event-store';
import type { BusSubscription, MessageBus, SubscriptionOptions } from '../message-bus.port';
import { EVENTS_TOPIC, fromKafkaMessage } from './kafka-event-message';
import { RELAY_PROCESSOR } from './kafka-relay';

export interface KafkaBusOptions {
  kafka: Kafka;
  /** The event store, for catchUp(): the head of the log as of the call. */
  store: EventStore;
  /** Reads the relay's checkpoint (a transaction of the event store's database). */
  readCheckpoint: (name: string) => Promise<GlobalPosition>;
  topic?: string;
  logger?: ProcessorLogger;
  /** How often catchUp() looks again (default 50 ms). */
  pollMs?: number;
  /**
   * How long a fetch waits for messages when there are none (default 1 s; kafkajs's own is 5 s).
   * stop() waits for the fetch in flight, so this bounds how long an idle consumer takes to stop.
   */
  fetchWaitMs?: number;
  /** After each applied batch: how far the subscriber is behind in that partition (metrics). */
  onBatch?: (lag: ConsumerLag) => void;
}

export interface ConsumerLag {
  subscriber: string;
  partition: number;
  /** Messages after the last one applied. */
  messages: number;
  /** Age of the last message applied. */
  seconds: number;
}

export class KafkaBus implements MessageBus {
  constructor(private readonly options: KafkaBusOptions) {}

  subscribe<Tx>(options: SubscriptionOptions<Tx>): BusSubscription {
    return new KafkaSubscription(this.options, options);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class KafkaSubscription<Tx> implements BusSubscription {
  private readonly topic: string;
  private readonly checkpoints = new CheckpointStore();
  private consumer: Consumer | undefined;
  private starting: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly bus: KafkaBusOptions,
    private readonly options: SubscriptionOptions<Tx>,
  ) {
    this.topic = bus.topic ?? EVENTS_TOPIC;
  }

  start(): void {
    this.stopped = false;
    this.starting ??= this.runUntilStarted();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    this.starting = undefined;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect(); // finishes the batch in hand first
  }

  /**
   * Until everything in the log as of the call went through the relay and this subscription
   * applied it: the relay's checkpoint passes the head, then this group's committed offsets reach
   * the end of every partition. Starts the subscription for the time being if it was not running.
   */
  async catchUp(): Promise<void> {
    const head = await this.bus.store.headPosition();
    const pollMs = this.bus.pollMs ?? 50;
    while (compareGlobalPositions(await this.bus.readCheckpoint(RELAY_PROCESSOR), head) < 0) {
      await sleep(pollMs);
    }
    const wasRunning = this.starting !== undefined;
    if (!wasRunning) this.start();
    const admin = this.bus.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(this.topic);
      while (!(await this.reached(admin, ends))) await sleep(pollMs);
    } finally {
      await admin.disconnect();
      if (!wasRunning) await this.stop();
    }
  }

  private async reached(
    admin: Admin,
    ends: { partition: number; high: string }[],
  ): Promise<boolean> {
    let committed: { partitions: { partition: number; offset: string }[] } | undefined;
    try {
      [committed] = await admin.fetchOffsets({ groupId: this.options.name, topics: [this.topic] });
    } catch (error) {
      // A group just created: its coordinator may still be loading ("not the coordinator").
      if ((error as { retriable?: boolean }).retriable) return false;
      throw error;
    }
    const byPartition = new Map(
      (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
    );
    return ends.every(
      ({ partition, high }) =>
        BigInt(high) === 0n || (byPartition.get(partition) ?? -1n) >= BigInt(high),
    );
  }

  /**
   * Starts consuming, and keeps trying with back-off while the broker cannot be reached: a
   * subscription never gives up while its service runs (it would stop applying in silence).
   */
  private async runUntilStarted(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt += 1) {
      try {
        await this.run();
        return;
      } catch (error) {
        this.bus.logger?.error(
          `Subscription ${this.options.name} could not start; trying again`,
          error,
        );
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
        await sleep(Math.min(10_000, 500 * 2 ** attempt));
      }
    }
  }

  private async run(): Promise<void> {
    const consumer = this.bus.kafka.consumer({
      groupId: this.options.name,
      // Offsets are committed after each applied batch; PostgreSQL decides what was applied.
      retry: { retries: 10 },
      maxWaitTimeInMs: this.bus.fetchWaitMs ?? 1000,
    });
    this.consumer = consumer;
    // kafkajs restarts a consumer after a retriable crash, and gives up after one it deems
    // not retriable (a broker unreachable for longer than its retries): then start again here.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped || this.consumer !== consumer) return;
      this.bus.logger?.error(
        `Subscription ${this.options.name} stopped consuming; starting it again`,
        payload.error,
      );
      this.starting = consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => {
          if (this.consumer === consumer) this.consumer = undefined;
          return this.runUntilStarted();
        });
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    const batchSize = this.options.batchSize ?? 500;
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        for (let i = 0; i < batch.messages.length && payload.isRunning(); i += batchSize) {
          const messages = batch.messages.slice(i, i + batchSize);
          await this.apply(batch.partition, messages.map(toEvent));
          const last = messages[messages.length - 1];
          payload.resolveOffset(last.offset);
          this.bus.onBatch?.({
            subscriber: this.options.name,
            partition: batch.partition,
            messages: Number(BigInt(batch.highWatermark) - 1n - BigInt(last.offset)),
            seconds: Math.max(0, (Date.now() - Number(last.timestamp)) / 1000),
          });
          await payload.commitOffsetsIfNecessary();
          await payload.heartbeat();
        }
      },
    });
  }

  private positionName(partition: number): string {
    return `${this.options.name}#${this.topic}/${partition}`;
  }

  /**
   * Applies what this subscriber has not applied yet, and moves its position, exactly once.
   * Besides its position per partition, a subscriber may have a floor: its checkpoint under its
   * own name, which a rebuild of its tables from the event store sets (libs/read-models). Events
   * at or below either are applied already.
   */
  private async apply(partition: number, events: RecordedEvent[]): Promise<void> {
    const name = this.positionName(partition);
    const floor = this.options.name;
    const fresh = (from: GlobalPosition, below: GlobalPosition) =>
      events.filter(
        (event) =>
          compareGlobalPositions(event.globalPosition, from) > 0 &&
          compareGlobalPositions(event.globalPosition, below) > 0,
      );
    if (this.options.idempotentEffects) {
      const [from, below] = await this.options.transaction((_tx, q) =>
        Promise.all([this.checkpoints.load(q, name), this.checkpoints.load(q, floor)]),
      );
      const todo = fresh(from, below);
      if (todo.length === 0) return;
      const after = await this.options.handle(todo, undefined as Tx);
      await this.options.transaction(async (tx, q) => {
        await this.checkpoints.compareAndSet(q, name, from, last(todo));
        if (after) await after(tx, q);
      });
      return;
    }
    await this.options.transaction(async (tx, q: SqlQueryable) => {
      // The floor is read under a share lock: a rebuild that moves it waits for this batch, and
      // a batch after it sees the new floor.
      const below = await this.checkpoints.load(q, floor, 'FOR SHARE');
      const from = await this.checkpoints.load(q, name);
      const todo = fresh(from, below);
      if (todo.length === 0) return;
      // The compare-and-set first: its row lock holds off an instance that got the partition
      // in a rebalance until this transaction ends; that one then finds the events applied.
      await this.checkpoints.compareAndSet(q, name, from, last(todo));
      await this.options.handle(todo, tx);
    });
  }
}

function toEvent(message: KafkaMessage): RecordedEvent {
  return fromKafkaMessage(message);
}

function last(events: RecordedEvent[]): GlobalPosition {
  return events[events.length - 1].globalPosition;
}
