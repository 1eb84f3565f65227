// How an event of the store travels on Kafka: keyed by municipality (each municipality's events
// stay in one partition, in order), the stored JSON as value, and its identity in headers.
import type { GlobalPosition, RecordedEvent } from '@weerbaar/event-store';

export const EVENTS_TOPIC = 'ondermijning.events.v1';

export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  globalPosition: 'global-position',
  streamId: 'stream-id',
  streamRevision: 'stream-revision',
  recordedAt: 'recorded-at',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
} as const;

export interface KafkaEventMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * The municipality an event names, when it names one: a signal's facts, an escalation that is
 * raised, a snooze of a municipality. Later events of a stream often do not (an amendment, an
 * assignment): their key is the stream's, see PartitionKeys.
 */
export function municipalityNamedBy(event: RecordedEvent): string | undefined {
  const data = event.data as { municipality?: unknown; facts?: { municipality?: unknown } } | null;
  const named = data?.municipality ?? data?.facts?.municipality;
  return typeof named === 'string' ? named : undefined;
}

export function formatGlobalPosition(position: GlobalPosition): string {
  return `${position.transactionId}:${position.position}`;
}

export function parseGlobalPosition(text: string): GlobalPosition {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a global position: ${text}`);
  return { transactionId: match[1], position: match[2] };
}

/** `key`: the stream's partition key (PartitionKeys), so a stream never spans partitions. */
export function toKafkaMessage(event: RecordedEvent, key: string): KafkaEventMessage {
  const headers: Record<string, string> = {
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.schemaVersion]: String(event.schemaVersion),
    [HEADERS.globalPosition]: formatGlobalPosition(event.globalPosition),
    [HEADERS.streamId]: event.streamId,
    [HEADERS.streamRevision]: String(event.streamRevision),
    [HEADERS.recordedAt]: event.recordedAt.toISOString(),
  };
  const { correlationId, causationId } = event.metadata;
  if (typeof correlationId === 'string') headers[HEADERS.correlationId] = correlationId;
  if (typeof causationId === 'string') headers[HEADERS.causationId] = causationId;
  return {
    key,
    value: JSON.stringify({ data: event.data, metadata: event.metadata }),
    headers,
  };
}

/** The recorded event back from a message (what consumers hand to their handlers). */
export function fromKafkaMessage(message: {
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}): RecordedEvent {
  const header = (name: string): string => {
    const value = message.headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) throw new Error(`Message without header ${name}`);
    return first.toString();
  };
  const body = JSON.parse(message.value?.toString() ?? 'null') as {
    data: unknown;
    metadata: RecordedEvent['metadata'];
  };
  return {
    eventId: header(HEADERS.eventId),
    streamId: header(HEADERS.streamId),
    streamRevision: Number(header(HEADERS.streamRevision)),
    globalPosition: parseGlobalPosition(header(HEADERS.globalPosition)),
    type: header(HEADERS.eventType),
    schemaVersion: Number(header(HEADERS.schemaVersion)),
    data: body.data,
    metadata: body.metadata,
    recordedAt: new Date(header(HEADERS.recordedAt)),
  };
}
