// Tails the global log from a stored checkpoint and hands batches to a handler; each batch's
// effect and the checkpoint's compare-and-set commit in ONE transaction, so a crash or a restart
// never loses or repeats a batch. Failures are logged and retried with back-off, never swallowed.
import {
  compareGlobalPositions,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '../event-store.port';
import type { SqlQueryable } from '../sql/sql-database';
import { CheckpointConflictError, CheckpointStore } from './checkpoint-store';
import { sleep, type ProcessorLock, type ProcessorLockLease } from './processor-lock';

/** The part of a logger the processor needs; Nest's Logger fits. */
export interface ProcessorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface EventProcessorOptions<Tx> {
  /** Unique per processor: names its checkpoint and its lock. */
  name: string;
  store: EventStore;
  /** Events per batch (default 500). */
  batchSize?: number;
  /**
   * Runs `fn` in one transaction of the database that holds the effects and the checkpoint:
   * `tx` is what the handler writes with (an EntityManager, a SqlQueryable…), `q` the same
   * transaction as plain SQL for the checkpoint.
   */
  transaction: <T>(fn: (tx: Tx, q: SqlQueryable) => Promise<T>) => Promise<T>;
  handle: (events: RecordedEvent[], tx: Tx) => Promise<void | AfterEffects<Tx>>;
  /**
   * Effects that cannot share the checkpoint's transaction (appends to the event store, which
   * on PGlite would wait for the session that transaction holds) and are idempotent: `handle`
   * runs first, outside any transaction (its `tx` is undefined), and the checkpoint moves after
   * it succeeded — at-least-once instead of exactly-once. What `handle` returns then runs in the
   * checkpoint's transaction: state that must move together with the position (exactly-once).
   */
  idempotentEffects?: boolean;
  /** One active instance per name; without it the caller guarantees that. */
  lock?: ProcessorLock;
  /** Longest wait for a wake-up hint before polling again (default 1 s). */
  idleWaitMs?: number;
  /**
   * After waiting for events, how long more may gather before the batch is read (default 0).
   * Woken by every append, a processor would otherwise run a batch (a read, a transaction, a
   * checkpoint) per event under steady intake: the fixed cost per batch then takes the
   * database from the writers — on PGlite, the one session they share.
   */
  gatherMs?: number;
  checkpoints?: CheckpointStore;
  logger?: ProcessorLogger;
  /** Back-off after a failure: doubles from `initialMs` up to `maxMs` (default 100 ms → 30 s). */
  retry?: { initialMs?: number; maxMs?: number };
}

/** Writes that commit together with the checkpoint, after idempotent effects succeeded. */
export type AfterEffects<Tx> = (tx: Tx, q: SqlQueryable) => Promise<void>;

/** How long catchUp() waits before reading again when a running transaction holds it back. */
const CATCH_UP_BLOCKED_WAIT_MS = 10;

/** Writes to stderr, so a processor with no logger given still never fails silently. */
const STDERR_LOGGER: ProcessorLogger = {
  log: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`WARN ${message}\n`),
  error: (message, error) =>
    process.stderr.write(`ERROR ${message}${error === undefined ? '' : `: ${describe(error)}`}\n`),
};

export class EventProcessor<Tx> {
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private readonly gatherMs: number;
  private readonly checkpoints: CheckpointStore;
  private readonly logger: ProcessorLogger;
  private position: GlobalPosition | undefined;
  private exclusive: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | undefined;
  private stopping: AbortController | undefined;
  private lease: ProcessorLockLease | undefined;

  constructor(private readonly options: EventProcessorOptions<Tx>) {
    this.batchSize = options.batchSize ?? 500;
    this.idleWaitMs = options.idleWaitMs ?? 1_000;
    this.gatherMs = options.gatherMs ?? 0;
    this.checkpoints = options.checkpoints ?? new CheckpointStore();
    this.logger = options.logger ?? STDERR_LOGGER;
  }

  get name(): string {
    return this.options.name;
  }

  /** Where this instance believes the processor is (undefined before its first batch). */
  get checkpoint(): GlobalPosition | undefined {
    return this.position;
  }

  /** Starts tailing in the background; returns at once. */
  start(): void {
    if (this.running) {
      return;
    }
    this.stopping = new AbortController();
    this.running = this.loop(this.stopping.signal);
  }

  /** Finishes the batch in hand, stops, releases the lock. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.running;
    this.running = undefined;
    this.stopping = undefined;
    await this.releaseLease();
  }

  /**
   * Processes until everything committed before the call is handled, then returns. While an
   * older transaction is still running (anywhere on the server) the log cannot be read past it,
   * so this waits for it rather than stopping short. Throws when a batch fails (no retries: the
   * caller, a test or the CLI, wants to know); a checkpoint that someone else moved (a rebuild
   * set it ahead, another instance) is no failure: as the loop does, it goes on from there.
   */
  async catchUp(): Promise<void> {
    const ownLease = await this.leaseForCatchUp();
    try {
      const head = await this.options.store.headPosition();
      for (;;) {
        const handled = await this.runExclusive(() => this.processBatch()).catch(
          (error: unknown) => {
            if (error instanceof CheckpointConflictError) return 0; // rolled back: reload it
            throw error;
          },
        );
        if (this.position && compareGlobalPositions(this.position, head) >= 0) {
          return;
        }
        if (handled < this.batchSize) {
          await sleep(CATCH_UP_BLOCKED_WAIT_MS); // below a running transaction: wait it out
        }
      }
    } finally {
      await ownLease?.release();
    }
  }

  /**
   * The lock a catch-up takes of its own: none when this instance holds it already. While the
   * loop runs, it is the loop that takes it for this instance, and keeps it until stop(): a
   * catch-up that competed with it (called at once after start()) would wait for it forever.
   */
  private async leaseForCatchUp(): Promise<ProcessorLockLease | undefined> {
    if (!this.options.lock) return undefined;
    while (this.running && !this.lease) await sleep(CATCH_UP_BLOCKED_WAIT_MS);
    return this.lease ? undefined : this.options.lock.acquire(this.name);
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const initialMs = this.options.retry?.initialMs ?? 100;
    const maxMs = this.options.retry?.maxMs ?? 30_000;
    let backoffMs = initialMs;
    while (!signal.aborted) {
      try {
        if (this.options.lock && (!this.lease || this.lease.lost.aborted)) {
          if (this.lease?.lost.aborted) {
            this.logger.warn(`Processor ${this.name} lost its lock; acquiring it again`);
            await this.releaseLease();
          }
          this.lease = await this.options.lock.acquire(this.name, signal);
          if (!this.lease) {
            break; // stopped while waiting for the lock
          }
          this.position = undefined; // another instance may have moved on meanwhile
          this.logger.log(`Processor ${this.name} holds its lock`);
        }
        const handled = await this.runExclusive(() => this.processBatch());
        backoffMs = initialMs;
        if (handled < this.batchSize) {
          await this.options.store.waitForEvents(this.idleWaitMs, signal);
          if (this.gatherMs > 0) await sleep(this.gatherMs, signal);
        }
      } catch (error) {
        if (error instanceof CheckpointConflictError) {
          // Someone else advanced the checkpoint (an instance that had the lock before us, or a
          // catch-up): our batch rolled back; continue from the stored checkpoint.
          this.logger.warn(`Processor ${this.name}: ${error.message}; reloading the checkpoint`);
          continue;
        }
        this.logger.error(
          `Processor ${this.name} failed a batch; retrying in ${backoffMs} ms`,
          error,
        );
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, maxMs);
      }
    }
  }

  /** One batch: read after the checkpoint, then effect + checkpoint CAS in one transaction. */
  private async processBatch(): Promise<number> {
    try {
      const from =
        this.position ??
        (await this.options.transaction((_tx, q) => this.checkpoints.load(q, this.name)));
      const { events, checkpoint } = await this.options.store.readAll(from, this.batchSize);
      if (events.length > 0 && this.options.idempotentEffects) {
        const after = await this.options.handle(events, undefined as Tx);
        await this.options.transaction(async (tx, q) => {
          await this.checkpoints.compareAndSet(q, this.name, from, checkpoint);
          if (after) await after(tx, q);
        });
      } else if (events.length > 0) {
        await this.options.transaction(async (tx, q) => {
          // The CAS first: its row lock makes a competing instance wait here instead of doing
          // the batch's work twice and failing at the end.
          await this.checkpoints.compareAndSet(q, this.name, from, checkpoint);
          await this.options.handle(events, tx);
        });
      }
      this.position = checkpoint;
      return events.length;
    } catch (error) {
      this.position = undefined; // the transaction rolled back: trust only the stored checkpoint
      throw error;
    }
  }

  /** Batches from the loop and from catchUp() never overlap within this instance. */
  private runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(fn);
    this.exclusive = result.catch(() => undefined);
    return result;
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }
}

function describe(error: unknown): string {
  if (
    error !== null &&
    typeof error === 'object' &&
    'stack' in error &&
    typeof error.stack === 'string'
  ) {
    return error.stack;
  }
  return String(error);
}
