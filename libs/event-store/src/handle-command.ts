// Runs a command against one aggregate: read its stream, fold the events, decide, append at the
// revision that was read. The decider stays pure; this is the only I/O around it.
import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from './correlation';
import { EventIdConflictError, StreamRevisionConflictError } from './errors';
import type { EventMetadata, EventStore, RecordedEvent } from './event-store.port';

export interface DomainEventShape {
  type: string;
  data: unknown;
}

export interface Decider<Command, State, Event extends DomainEventShape> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event & { recordedAt?: Date }): State;
  initialState(): State;
}

export interface HandleCommandOptions<State, Event> {
  metadata: EventMetadata;
  /** The revision the client read (If-Match): another current revision is a conflict. */
  expectedRevision?: number;
  /** Checked before deciding, e.g. that the aggregate is within the caller's scope. */
  authorize?: (state: State) => void;
  /** Event ids; random by default. A deterministic id makes a concurrent retry idempotent. */
  eventId?: (event: Event, index: number) => string;
  /**
   * How often to read, decide and append again when another writer appended to the stream in
   * between (default 0). Only for commands without `expectedRevision`: a system actor acting on
   * the latest state (the rule engine, the notifier), not a person who read an older one.
   */
  retriesOnConflict?: number;
  /**
   * Folded states the caller keeps between commands (a system actor writing the same streams
   * again and again): the stream is read only after the kept revision, and the result is kept.
   */
  states?: StateCache<State>;
  /**
   * The stream is expected not to exist yet (an aggregate whose id was just chosen): decide on
   * the initial state and append with `no_stream` without reading the stream first, which saves
   * a round trip on every creation. When the stream exists after all (a retry, a taken id, a
   * concurrent writer) the append fails without effect and the command runs as usual: read,
   * authorize, decide, append. Not with `expectedRevision`.
   */
  expectNewStream?: boolean;
  /**
   * With `states`: decide on a kept state without reading whether anything followed it; the
   * append at the kept revision proves nothing did. When something did (another writer), the
   * append fails without effect and the command runs as usual. Not with `expectedRevision`.
   */
  trustKeptState?: boolean;
}

/** Where handleCommand may keep the state of a stream it folded, with its revision. */
export interface StateCache<State> {
  get(streamId: string): { state: State; revision: number } | undefined;
  set(streamId: string, entry: { state: State; revision: number }): void;
}

export interface HandleCommandResult<State> {
  state: State;
  /** Revision of the stream's last event after the command; -1 when the stream is empty. */
  revision: number;
  appended: RecordedEvent[];
  /** True when the store already held these events (a concurrent idempotent retry). */
  alreadyStored: boolean;
}

export async function handleCommand<Command, State, Event extends DomainEventShape>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  options: HandleCommandOptions<State, Event>,
): Promise<HandleCommandResult<State>> {
  if (options.expectedRevision === undefined) {
    const kept = options.trustKeptState ? options.states?.get(streamId) : undefined;
    const start =
      kept ??
      (options.expectNewStream ? { state: decider.initialState(), revision: -1 } : undefined);
    if (start !== undefined) {
      const done = await appendWithoutReading(store, streamId, decider, command, options, start);
      if (done !== undefined) return done;
    }
  }
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await handleOnce(store, streamId, decider, command, options);
    } catch (error) {
      const retry =
        error instanceof StreamRevisionConflictError &&
        options.expectedRevision === undefined &&
        attempt < (options.retriesOnConflict ?? 0);
      if (!retry) throw error;
    }
  }
}

/**
 * Decides on a state known without reading (a new stream's initial state, a kept state) and
 * appends at its revision; undefined when the stream has moved on from it (or holds these very
 * events already): then nothing was written and the caller runs the usual path.
 */
async function appendWithoutReading<Command, State, Event extends DomainEventShape>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  options: HandleCommandOptions<State, Event>,
  start: { state: State; revision: number },
): Promise<HandleCommandResult<State> | undefined> {
  let state = start.state;
  options.authorize?.(state);
  const events = decider.decide(command, state);
  if (events.length === 0) {
    // Deciding nothing on a state that may be old says nothing: only a new stream is sure.
    if (start.revision >= 0) return undefined;
    return { state, revision: -1, appended: [], alreadyStored: false };
  }
  let result;
  try {
    result = await store.append(streamId, toNewEvents(events, options), {
      expectedRevision: start.revision < 0 ? 'no_stream' : start.revision,
    });
  } catch (error) {
    if (error instanceof StreamRevisionConflictError || error instanceof EventIdConflictError) {
      return undefined;
    }
    throw error;
  }
  // Stored before with the same ids and content: whoever stored them, the usual path decides
  // (with the authorization on the stored state) what the caller is told.
  if (result.alreadyStored) return undefined;
  for (const event of result.events) state = decider.evolve(state, asDomainEvent<Event>(event));
  options.states?.set(streamId, { state, revision: result.nextExpectedRevision });
  return {
    state,
    revision: result.nextExpectedRevision,
    appended: result.events,
    alreadyStored: false,
  };
}

function toNewEvents<State, Event extends DomainEventShape>(
  events: Event[],
  options: HandleCommandOptions<State, Event>,
) {
  return events.map((event, index) => ({
    eventId: options.eventId?.(event, index) ?? randomUUID(),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: withCurrentCorrelation(options.metadata),
  }));
}

/** Adds the correlation id of the work in hand (correlation.ts) where none was given. */
function withCurrentCorrelation(metadata: EventMetadata): EventMetadata {
  const correlationId = metadata.correlationId ?? currentCorrelationId();
  return correlationId === undefined ? metadata : { ...metadata, correlationId };
}

async function handleOnce<Command, State, Event extends DomainEventShape>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  options: HandleCommandOptions<State, Event>,
): Promise<HandleCommandResult<State>> {
  const kept = options.states?.get(streamId);
  const stored = await store.readStream(streamId, kept === undefined ? 0 : kept.revision + 1);
  let state = stored.reduce(
    (current, event) => decider.evolve(current, asDomainEvent<Event>(event)),
    kept?.state ?? decider.initialState(),
  );
  const revision = (kept?.revision ?? -1) + stored.length;
  if (revision >= 0) options.states?.set(streamId, { state, revision });
  options.authorize?.(state);
  if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
    throw new StreamRevisionConflictError(
      streamId,
      String(options.expectedRevision),
      revision < 0 ? 'no_stream' : revision,
    );
  }
  const events = decider.decide(command, state);
  if (events.length === 0) return { state, revision, appended: [], alreadyStored: false };

  const result = await store.append(streamId, toNewEvents(events, options), {
    expectedRevision: revision < 0 ? 'no_stream' : revision,
  });
  for (const event of result.events) state = decider.evolve(state, asDomainEvent<Event>(event));
  // A concurrent writer's copy of these events (alreadyStored) says nothing of what followed it.
  if (!result.alreadyStored) {
    options.states?.set(streamId, { state, revision: result.nextExpectedRevision });
  }
  return {
    state,
    revision: result.nextExpectedRevision,
    appended: result.events,
    alreadyStored: result.alreadyStored,
  };
}

/** A recorded event as the decider's event type, with the store's recorded time. */
export function asDomainEvent<Event extends DomainEventShape>(
  event: RecordedEvent,
): Event & { recordedAt: Date } {
  return { type: event.type, data: event.data, recordedAt: event.recordedAt } as Event & {
    recordedAt: Date;
  };
}

/**
 * A StateCache that keeps the most recently used `capacity` streams, in a doubly linked list
 * (most recent at the head) indexed by a Map. Not a Map in insertion order that drops
 * `keys().next()` on every insert over capacity: V8 keeps the slots of deleted keys until it
 * rehashes, and finding the first live key scans past all of them, which made every insert at
 * capacity cost time proportional to the capacity (55 µs at 50,000 streams).
 */
export class LruStateCache<State> implements StateCache<State> {
  private readonly nodes = new Map<string, LruNode<State>>();
  /** Sentinel: `head.next` is the most recently used, `head.previous` the least. */
  private readonly head: LruNode<State>;

  constructor(private readonly capacity: number) {
    const head = { key: '', entry: undefined, previous: undefined, next: undefined };
    const sentinel = head as unknown as LruNode<State>;
    sentinel.previous = sentinel;
    sentinel.next = sentinel;
    this.head = sentinel;
  }

  get size(): number {
    return this.nodes.size;
  }

  get(streamId: string): { state: State; revision: number } | undefined {
    const node = this.nodes.get(streamId);
    if (node === undefined) return undefined;
    this.unlink(node);
    this.linkFirst(node);
    return node.entry;
  }

  set(streamId: string, entry: { state: State; revision: number }): void {
    const existing = this.nodes.get(streamId);
    if (existing !== undefined) {
      existing.entry = entry;
      this.unlink(existing);
      this.linkFirst(existing);
      return;
    }
    const node: LruNode<State> = { key: streamId, entry, previous: this.head, next: this.head };
    this.nodes.set(streamId, node);
    this.linkFirst(node);
    if (this.nodes.size > this.capacity) {
      const oldest = this.head.previous;
      this.unlink(oldest);
      this.nodes.delete(oldest.key);
    }
  }

  private unlink(node: LruNode<State>): void {
    node.previous.next = node.next;
    node.next.previous = node.previous;
  }

  private linkFirst(node: LruNode<State>): void {
    node.previous = this.head;
    node.next = this.head.next;
    this.head.next.previous = node;
    this.head.next = node;
  }
}

interface LruNode<State> {
  key: string;
  entry: { state: State; revision: number };
  previous: LruNode<State>;
  next: LruNode<State>;
}
