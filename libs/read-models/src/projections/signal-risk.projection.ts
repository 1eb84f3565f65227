// Projects signal events into signal versions, subject links and daily counts. Runs inside the
// processor's transaction, so its effect and the checkpoint commit together.
import { type EntityManager, IsNull } from 'typeorm';
import type { RecordedEvent } from '@weerbaar/event-store';
import type { SignalAmended, SignalRecorded, SignalRetracted } from '@weerbaar/domain';
import { SignalSubjectEntity } from '../entities/signal-subject.entity';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { amsterdamDay } from './amsterdam-day';

export interface RegionOf {
  riecRegionOf(municipality: string): string | undefined;
}

type Data<E extends { data: unknown }> = E['data'];

export class SignalRiskProjection {
  constructor(private readonly regions: RegionOf) {}

  async apply(em: EntityManager, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'SignalRecorded':
        return this.recorded(em, event, event.data as Data<SignalRecorded>);
      case 'SignalAmended':
        return this.amended(em, event, event.data as Data<SignalAmended>);
      case 'SignalRetracted':
        return this.retracted(em, event, event.data as Data<SignalRetracted>);
      default:
        return;
    }
  }

  private async recorded(em: EntityManager, event: RecordedEvent, data: Data<SignalRecorded>) {
    const { facts } = data;
    const version = em.create(SignalVersionEntity, {
      signalId: data.signalId,
      revision: event.streamRevision,
      municipality: facts.municipality,
      riecRegion: this.regions.riecRegionOf(facts.municipality) ?? 'unknown',
      category: facts.category,
      subcategory: facts.subcategory,
      targetRole: facts.targetRole,
      severity: facts.severity,
      occurredAt: new Date(facts.occurredAt),
      policeReportFiled: facts.policeReportFiled,
      source: facts.source,
      classification: facts.classification,
      sourceReliability: facts.sourceReliability,
      informationCredibility: facts.informationCredibility,
      subjectCount: facts.subjectFingerprints.length,
      status: 'LIVE',
      recordedAt: event.recordedAt,
      supersededAt: null,
      firstRecordedAt: event.recordedAt,
      eventId: event.eventId,
    });
    await em.insert(SignalVersionEntity, version);
    await this.replaceSubjects(
      em,
      data.signalId,
      facts.municipality,
      facts.subjectFingerprints,
      data.personal.subjects.map((s) => s.kind),
    );
    await this.count(em, version, +1);
  }

  private async amended(em: EntityManager, event: RecordedEvent, data: Data<SignalAmended>) {
    const previous = await this.supersede(em, data.signalId, event);
    if (!previous) return;
    const { changes } = data;
    const next = em.create(SignalVersionEntity, {
      ...previous,
      ...pick(changes, [
        'category',
        'subcategory',
        'targetRole',
        'severity',
        'policeReportFiled',
        'source',
        'classification',
        'sourceReliability',
        'informationCredibility',
      ]),
      occurredAt: changes.occurredAt ? new Date(changes.occurredAt) : previous.occurredAt,
      subjectCount: changes.subjectFingerprints?.length ?? previous.subjectCount,
      revision: event.streamRevision,
      recordedAt: event.recordedAt,
      supersededAt: null,
      eventId: event.eventId,
    });
    await em.insert(SignalVersionEntity, next);
    if (changes.subjectFingerprints) {
      const kinds = data.personalChanges.subjects?.map((s) => s.kind) ?? [];
      await this.replaceSubjects(
        em,
        data.signalId,
        previous.municipality,
        changes.subjectFingerprints,
        kinds,
      );
    }
    await this.count(em, previous, -1);
    await this.count(em, next, +1);
  }

  private async retracted(em: EntityManager, event: RecordedEvent, data: Data<SignalRetracted>) {
    const previous = await this.supersede(em, data.signalId, event);
    if (!previous) return;
    await em.insert(
      SignalVersionEntity,
      em.create(SignalVersionEntity, {
        ...previous,
        status: 'RETRACTED',
        revision: event.streamRevision,
        recordedAt: event.recordedAt,
        supersededAt: null,
        eventId: event.eventId,
      }),
    );
    await this.count(em, previous, -1);
  }

  /** Closes the current version of a signal at the event's recorded time and returns it. */
  private async supersede(em: EntityManager, signalId: string, event: RecordedEvent) {
    const current = await em.findOne(SignalVersionEntity, {
      where: { signalId, supersededAt: IsNull() },
    });
    if (!current) return undefined;
    await em.update(
      SignalVersionEntity,
      { signalId, revision: current.revision },
      { supersededAt: event.recordedAt },
    );
    return current;
  }

  private async replaceSubjects(
    em: EntityManager,
    signalId: string,
    municipality: string,
    fingerprints: string[],
    kinds: string[],
  ) {
    await em.delete(SignalSubjectEntity, { signalId });
    if (fingerprints.length === 0) return;
    await em.insert(
      SignalSubjectEntity,
      fingerprints.map((fingerprint, position) => ({
        signalId,
        position,
        fingerprint,
        kind: kinds[position] ?? 'UNKNOWN',
        municipality,
      })),
    );
  }

  /** Adds (+1) or removes (-1) a live version from the daily counts. */
  private async count(em: EntityManager, version: SignalVersionEntity, delta: 1 | -1) {
    if (version.status !== 'LIVE') return;
    const day = amsterdamDay(version.occurredAt);
    await em.query(
      `INSERT INTO daily_signal_counts (municipality, day, category, count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (municipality, day, category) DO UPDATE SET count = daily_signal_counts.count + EXCLUDED.count`,
      [version.municipality, day, version.category, delta],
    );
    if (delta < 0) {
      await em.query(
        `DELETE FROM daily_signal_counts WHERE municipality = $1 AND day = $2 AND category = $3 AND count <= 0`,
        [version.municipality, day, version.category],
      );
    }
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}
