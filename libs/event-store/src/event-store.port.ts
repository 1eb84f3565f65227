// The EventStore port: the only source of truth. Streams with optimistic concurrency, an
// idempotent append by event id, and a global log that readers can tail without skipping.

/** What the caller expects the stream to be at when it appends. */
export type ExpectedRevision =
  | 'no_stream' // the stream must not exist yet
  | 'any' // no check
  | 'exists' // the stream must exist
  | number; // the stream's current revision (0-based revision of its last event)

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID; appending an id that is already stored with the same content is a no-op. */
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata?: EventMetadata;
}

export interface EventMetadata {
  /** Who caused the event (JWT `sub`), never personal data of a subject. */
  actor?: string;
  correlationId?: string;
  causationId?: string;
  [key: string]: unknown;
}

/**
 * A position in the global log. Ordered by (transactionId, position): the transaction id is
 * the writer's xid8, so a reader that only reads below the oldest running transaction never
 * passes a gap that a slower writer fills later.
 */
export interface GlobalPosition {
  transactionId: string; // xid8 as decimal string
  position: string; // bigint as decimal string
}

export const START_OF_LOG: GlobalPosition = { transactionId: '0', position: '0' };

/** Orders two positions of the global log: negative when `a` comes first, 0 when equal. */
export function compareGlobalPositions(a: GlobalPosition, b: GlobalPosition): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) {
    return byTransaction < 0n ? -1 : 1;
  }
  const byPosition = BigInt(a.position) - BigInt(b.position);
  return byPosition === 0n ? 0 : byPosition < 0n ? -1 : 1;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  streamId: string;
  /** 0-based revision of this event within its stream. */
  streamRevision: number;
  globalPosition: GlobalPosition;
  type: Type;
  /** Always the latest schema version: older versions are upcast on read. */
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** When the store recorded the event (database clock, UTC). */
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expectation. */
  nextExpectedRevision: number;
  /** True when every event was already stored (an idempotent retry). */
  alreadyStored: boolean;
  /** The recorded events (the originals when alreadyStored). */
  events: RecordedEvent[];
}

export interface NewStreamAppend {
  streamId: string;
  events: readonly NewEvent[];
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next read continues (the last event's position, or `from` when empty). */
  checkpoint: GlobalPosition;
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Optional bulk path for loads (the CSV import): each entry is what
   * `append(streamId, events, { expectedRevision: 'no_stream' })` would do — the same events,
   * idempotency by event id, conflicts and global order — but the new streams of a call are
   * written with one statement. Answers one outcome per entry, in order: the AppendResult, or
   * the error that append would have rejected with (StreamRevisionConflictError,
   * EventIdConflictError, …). Rejects only when nothing could be decided (e.g. a closed store).
   */
  appendNewStreams?(appends: readonly NewStreamAppend[]): Promise<Array<AppendResult | Error>>;
  /**
   * The events of one stream in revision order, from `fromRevision` on (default 0: all of them);
   * [] when it does not exist. Reading from a revision lets a caller that keeps the state it
   * folded so far read only what came after.
   */
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** Events of the global log strictly after `from`, in global order, at most `limit`. */
  readAll(from: GlobalPosition, limit: number): Promise<ReadAllResult>;
  /**
   * The position of the newest event committed so far (START_OF_LOG when the log is empty).
   * `readAll` may not reach it yet: it never passes a transaction that is still running.
   */
  headPosition(): Promise<GlobalPosition>;
  /** Resolves when new events may be available (a hint) or after `timeoutMs`, whichever first. */
  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
