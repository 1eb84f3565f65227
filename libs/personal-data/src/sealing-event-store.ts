// The event store as the application sees it: personal texts are sealed before an append reaches
// the database (and from there the bus), and opened when a stream is read. The global log
// (readAll) is passed on sealed: its readers — projections, rules, the relay to Kafka — work on
// facts and fingerprints alone. A text whose key was destroyed reads as erased (personal-fields).
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  NewStreamAppend,
  ReadAllResult,
  RecordedEvent,
} from '@weerbaar/event-store';
import { combinedKey, isSealed, keyIdsOf, open, seal } from './sealed-value';
import type { DataKeys } from './data-keys';
import { mapPersonalData, type PersonalText } from './personal-fields';

export class SealedValueError extends Error {
  constructor(eventId: string, field: string) {
    super(
      `Personal data of event ${eventId} (${field}) does not open with its key: ` +
        'the stored event may have been altered (run `weerbaar verify`)',
    );
    this.name = 'SealedValueError';
  }
}

/** Where the associated data binds a sealed text: its event and its field. */
const placeOf = (eventId: string, field: string): string => `${eventId}\u001f${field}`;

export class SealingEventStore<Log extends EventStore = EventStore> implements EventStore {
  constructor(
    /** The store underneath, which holds and passes on sealed data only. */
    readonly log: Log,
    private readonly keys: DataKeys,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const [sealed] = await this.sealAll([events]);
    const result = await this.log.append(streamId, sealed, options);
    return this.opened(result, events);
  }

  async appendNewStreams(
    appends: readonly NewStreamAppend[],
  ): Promise<Array<AppendResult | Error>> {
    if (this.log.appendNewStreams === undefined) {
      throw new Error('the store underneath has no bulk append');
    }
    const sealed = await this.sealAll(appends.map((a) => a.events));
    const results = await this.log.appendNewStreams(
      appends.map((a, i) => ({ streamId: a.streamId, events: sealed[i] })),
    );
    return Promise.all(
      results.map((result, i) =>
        result instanceof Error ? Promise.resolve(result) : this.opened(result, appends[i].events),
      ),
    );
  }

  async readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.openAll(await this.log.readStream(streamId, fromRevision));
  }

  /** The global log as stored: personal texts sealed. */
  readAll(from: GlobalPosition, limit: number): Promise<ReadAllResult> {
    return this.log.readAll(from, limit);
  }

  headPosition(): Promise<GlobalPosition> {
    return this.log.headPosition();
  }

  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.log.waitForEvents(timeoutMs, signal);
  }

  close(): Promise<void> {
    return this.log.close();
  }

  /** Opens the personal texts of events read from the log, one key lookup for all of them. */
  async openAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const ids = new Set<string>();
    for (const event of events) {
      mapPersonalData(event.type, event.data, (value) => {
        if (isSealed(value)) for (const id of keyIdsOf(value)) ids.add(id);
        return value;
      });
    }
    if (ids.size === 0) return [...events];
    const keys = await this.keys.byIds([...ids]);
    return events.map((event) => {
      const text: PersonalText = (value, field) => {
        if (!isSealed(value)) return value; // stored before sealing began (see the migration)
        const parts = keyIdsOf(value).map((id) => keys.get(id));
        if (parts.some((key) => key === undefined)) return undefined;
        try {
          return open(combinedKey(parts as Buffer[]), placeOf(event.eventId, field), value);
        } catch {
          throw new SealedValueError(event.eventId, field);
        }
      };
      const data = mapPersonalData(event.type, event.data, text);
      return data === event.data ? event : { ...event, data };
    });
  }

  /** Seals the personal texts of every event given, with one key lookup for all. */
  async sealAll(batches: ReadonlyArray<readonly NewEvent[]>): Promise<NewEvent[][]> {
    const owners = new Set<string>();
    for (const event of batches.flat()) {
      mapPersonalData(event.type, event.data, (value, _field, needed) => {
        if (!isSealed(value)) for (const owner of needed) owners.add(owner);
        return value;
      });
    }
    if (owners.size === 0) return batches.map((events) => [...events]);
    const keys = await this.keys.liveKeys([...owners], this.now());
    return batches.map((events) =>
      events.map((event) => {
        const text: PersonalText = (value, field, needed) => {
          if (isSealed(value)) return value;
          const parts = needed.map((owner) => keys.get(owner)!);
          return seal(
            parts.map((key) => key.id),
            combinedKey(parts.map((key) => key.key)),
            placeOf(event.eventId, field),
            value,
          );
        };
        const data = mapPersonalData(event.type, event.data, text);
        return data === event.data ? event : { ...event, data };
      }),
    );
  }

  /**
   * An append's result as its caller knows the events: the texts it gave where it stored them,
   * the stored ones opened where they were there already (an idempotent retry).
   */
  private async opened(result: AppendResult, given: readonly NewEvent[]): Promise<AppendResult> {
    if (result.alreadyStored) return { ...result, events: await this.openAll(result.events) };
    const plain = new Map(given.map((event) => [event.eventId, event.data]));
    return {
      ...result,
      events: result.events.map((event) =>
        plain.has(event.eventId) ? { ...event, data: plain.get(event.eventId) } : event,
      ),
    };
  }
}
