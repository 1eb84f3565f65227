// Erasure of a subject (GDPR art. 17) and the retention of signals: both destroy data keys, after
// which every sealed copy of the texts they sealed — in the database, on the Kafka topic, in
// backups — is unreadable. Fingerprints, facts, counts and links stay.
import { NotFoundError, type SubjectErased, subjectStreamId } from '@weerbaar/domain';
import type { EventStore } from '@weerbaar/event-store';
import { randomUUID } from 'node:crypto';
import type { DataKeys } from './data-keys';
import { keyOwner } from './key-owners';

export interface ErasureResult {
  fingerprint: string;
  erasedAt: string;
  /** Keys destroyed by this call: 0 when the subject was erased before and nothing came since. */
  keysDestroyed: number;
  reason: string;
}

export class SubjectErasure {
  constructor(
    private readonly keys: DataKeys,
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Destroys the subject's key and records that it did; again for a subject erased before. */
  async erase(fingerprint: string, reason: string, actor: string): Promise<ErasureResult> {
    const owner = keyOwner.subject(fingerprint);
    const { known } = await this.keys.ownerStatus(owner);
    if (!known) throw new NotFoundError('subject', fingerprint);
    const now = this.now();
    const destroyed = await this.keys.destroy(owner, 'ERASURE', now);
    const stream = subjectStreamId(fingerprint);
    if (destroyed === 0) {
      // Erased before, and nothing came since: the erasure that did it answers.
      const previous = (await this.store.readStream(stream)).at(-1);
      if (previous !== undefined) {
        const data = previous.data as SubjectErased['data'];
        return { fingerprint, erasedAt: data.erasedAt, keysDestroyed: 0, reason: data.reason };
      }
    }
    const event: SubjectErased = {
      type: 'SubjectErased',
      data: { fingerprint, erasedAt: now.toISOString(), keysDestroyed: destroyed, reason },
    };
    await this.store.append(
      stream,
      [{ eventId: randomUUID(), schemaVersion: 1, ...event, metadata: { actor } }],
      { expectedRevision: 'any' },
    );
    return event.data;
  }
}

/** Signals are kept this long after they were recorded; then their keys are destroyed. */
export class SignalRetention {
  constructor(
    private readonly keys: DataKeys,
    private readonly years: number,
  ) {}

  /** The moment before which recorded signals are past retention. */
  cutoff(now: Date): Date {
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - this.years);
    return cutoff;
  }

  /** Destroys the keys of every signal past retention at `now`; how many. */
  async shred(now: Date, batch = 1_000): Promise<number> {
    let total = 0;
    for (;;) {
      const destroyed = await this.keys.destroySignalKeysBefore(this.cutoff(now), now, batch);
      total += destroyed;
      if (destroyed < batch) return total;
    }
  }
}
