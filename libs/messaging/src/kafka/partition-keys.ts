// The key of each event on the topic: the municipality its stream is about (the one its first
// event names), else the stream id. Every event of a stream therefore lands in one partition, in
// order, and so do all streams of one municipality. The relay remembers the keys of recent
// streams and reads a stream's first event only for a stream it has not seen.
import { type EventStore, LruStateCache, type RecordedEvent } from '@weerbaar/event-store';
import { municipalityNamedBy } from './kafka-event-message';

export class PartitionKeys {
  private readonly keys: LruStateCache<string>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    capacity = 100_000,
  ) {
    this.keys = new LruStateCache<string>(capacity);
  }

  /** The keys of a batch, in order. */
  async of(events: readonly RecordedEvent[]): Promise<string[]> {
    const keys: string[] = [];
    for (const event of events) keys.push(await this.keyOf(event));
    return keys;
  }

  private async keyOf(event: RecordedEvent): Promise<string> {
    const known = this.keys.get(event.streamId)?.state;
    if (known !== undefined) return known;
    const first =
      event.streamRevision === 0 ? event : (await this.store.readStream(event.streamId))[0];
    const key = (first && municipalityNamedBy(first)) ?? event.streamId;
    this.keys.set(event.streamId, { state: key, revision: 0 });
    return key;
  }
}
