import type { RecordedEvent } from '@weerbaar/event-store';
import { PartitionKeys } from './partition-keys';

let position = 0;
function event(streamId: string, streamRevision: number, data: unknown): RecordedEvent {
  position++;
  return {
    eventId: `e-${position}`,
    streamId,
    streamRevision,
    globalPosition: { transactionId: '1', position: String(position) },
    type: 'T',
    schemaVersion: 1,
    data,
    metadata: {},
    recordedAt: new Date(0),
  };
}

describe('PartitionKeys', () => {
  const signalRecorded = event('signal-1', 0, { facts: { municipality: 'GM0363' } });
  const raised = event('escalation-1', 0, { municipality: 'GM0599' });
  const streams: Record<string, RecordedEvent[]> = {
    'signal-1': [signalRecorded],
    'escalation-1': [raised],
    'contacts-riec-amsterdam': [event('contacts-riec-amsterdam', 0, { riecRegion: 'amsterdam' })],
  };
  const reads: string[] = [];
  const store = {
    readStream: async (streamId: string) => {
      reads.push(streamId);
      return streams[streamId] ?? [];
    },
  };

  it('keys every event of a stream by the municipality its first event names, else by the stream', async () => {
    const keys = new PartitionKeys(store);
    expect(
      await keys.of([
        event('signal-1', 1, { changes: { severity: 4 } }), // an amendment names no municipality
        event('escalation-1', 3, { assignee: 'x' }),
        event('contacts-riec-amsterdam', 1, { contacts: [] }),
        event('signal-2', 0, { facts: { municipality: 'GM0518' } }),
        event('signal-2', 1, { reason: 'r' }),
      ]),
    ).toEqual(['GM0363', 'GM0599', 'contacts-riec-amsterdam', 'GM0518', 'GM0518']);
    // A stream's first event is read once, and not at all for a stream that starts in the batch.
    expect(reads).toEqual(['signal-1', 'escalation-1', 'contacts-riec-amsterdam']);
    await keys.of([event('signal-1', 2, { reason: 'again' })]);
    expect(reads).toHaveLength(3);
  });
});
