// Projects signal events into signal versions, subject links and daily counts. Runs inside the
// processor's transaction, so its effect and the checkpoint commit together. A batch of events
// is folded in memory first and written with a handful of set-based statements, so a rebuild
// costs a few round trips per batch rather than several per event.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@weerbaar/event-store';
import type {
  ExactSumConfig,
  SignalAmended,
  SignalRecorded,
  SignalRetracted,
} from '@weerbaar/domain';
import { SignalSubjectEntity } from '../entities/signal-subject.entity';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { amsterdamDay } from './amsterdam-day';
import { RiskLedgerChanges } from './risk-ledger.changes';

export interface RegionOf {
  riecRegionOf(municipality: string): string | undefined;
}

type Version = SignalVersionEntity;

const INSERT_CHUNK = 1_000;
const AMENDABLE_COLUMNS = [
  'category',
  'subcategory',
  'targetRole',
  'severity',
  'policeReportFiled',
  'source',
  'classification',
  'sourceReliability',
  'informationCredibility',
] as const;

export class SignalRiskProjection {
  constructor(
    private readonly regions: RegionOf,
    private readonly risk: ExactSumConfig,
  ) {}

  async applyBatch(em: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const signalEvents = events.filter((e) => e.type.startsWith('Signal'));
    if (signalEvents.length === 0) return;
    const batch = new SignalBatch(this.regions, new RiskLedgerChanges(this.risk));
    const changedIds = signalEvents
      .filter((e) => e.type !== 'SignalRecorded')
      .map((e) => (e.data as { signalId: string }).signalId);
    await batch.loadCurrent(em, changedIds);
    for (const event of signalEvents) batch.apply(event);
    await batch.flush(em);
  }
}

/** The effect of one batch of signal events, folded in memory before it is written. */
class SignalBatch {
  /** The current version of each signal the batch touches. */
  private readonly current = new Map<string, Version>();
  /** Signals whose current version is a row already in the database. */
  private readonly stored = new Set<string>();
  /** Signals that were in the database before this batch (only theirs can have stored subjects). */
  private readonly existing = new Set<string>();
  private readonly inserts: Version[] = [];
  private readonly superseded: { signalId: string; revision: number; at: Date }[] = [];
  private readonly subjects = new Map<string, SignalSubjectEntity[]>();
  private readonly counts = new Map<
    string,
    { municipality: string; day: string; category: string; delta: number }
  >();

  constructor(
    private readonly regions: RegionOf,
    private readonly ledger: RiskLedgerChanges,
  ) {}

  async loadCurrent(em: EntityManager, signalIds: string[]): Promise<void> {
    if (signalIds.length === 0) return;
    const rows = await em
      .getRepository(SignalVersionEntity)
      .createQueryBuilder('s')
      .where('s.signal_id IN (:...ids)', { ids: [...new Set(signalIds)] })
      .andWhere('s.superseded_at IS NULL')
      .getMany();
    for (const row of rows) {
      this.current.set(row.signalId, row);
      this.stored.add(row.signalId);
      this.existing.add(row.signalId);
    }
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'SignalRecorded':
        return this.recorded(event, event.data as SignalRecorded['data']);
      case 'SignalAmended':
        return this.amended(event, event.data as SignalAmended['data']);
      case 'SignalRetracted':
        return this.retracted(event, event.data as SignalRetracted['data']);
      default:
        return;
    }
  }

  private recorded(event: RecordedEvent, data: SignalRecorded['data']): void {
    const { facts } = data;
    const version: Version = {
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
      withheldFromMayor: facts.withholdFromMayor === true,
      subjectCount: facts.subjectFingerprints.length,
      status: 'LIVE',
      recordedAt: event.recordedAt,
      supersededAt: null,
      firstRecordedAt: event.recordedAt,
      eventId: event.eventId,
    };
    this.push(version);
    this.replaceSubjects(
      version,
      facts.subjectFingerprints,
      data.personal.subjects.map((s) => s.kind),
    );
    this.count(version, +1);
    this.ledger.start(version);
    this.ledger.touch(version.municipality, event.eventId);
  }

  private amended(event: RecordedEvent, data: SignalAmended['data']): void {
    const previous = this.supersede(data.signalId, event);
    if (!previous) return;
    const { changes } = data;
    const next: Version = {
      ...previous,
      revision: event.streamRevision,
      recordedAt: event.recordedAt,
      supersededAt: null,
      eventId: event.eventId,
    };
    for (const column of AMENDABLE_COLUMNS) {
      if (changes[column] !== undefined) Object.assign(next, { [column]: changes[column] });
    }
    if (changes.occurredAt !== undefined) next.occurredAt = new Date(changes.occurredAt);
    if (changes.withholdFromMayor !== undefined) next.withheldFromMayor = changes.withholdFromMayor;
    if (changes.subjectFingerprints !== undefined) {
      next.subjectCount = changes.subjectFingerprints.length;
      const kinds = data.personalChanges.subjects?.map((s) => s.kind) ?? [];
      this.replaceSubjects(next, changes.subjectFingerprints, kinds);
    }
    this.push(next);
    this.count(previous, -1);
    this.count(next, +1);
    this.ledger.stop(previous, event.recordedAt);
    this.ledger.start(next);
    this.ledger.touch(next.municipality, event.eventId);
  }

  private retracted(event: RecordedEvent, data: SignalRetracted['data']): void {
    const previous = this.supersede(data.signalId, event);
    if (!previous) return;
    this.push({
      ...previous,
      status: 'RETRACTED',
      revision: event.streamRevision,
      recordedAt: event.recordedAt,
      supersededAt: null,
      eventId: event.eventId,
    });
    this.count(previous, -1);
    this.ledger.stop(previous, event.recordedAt);
    this.ledger.touch(previous.municipality, event.eventId);
  }

  private push(version: Version): void {
    this.current.set(version.signalId, version);
    this.inserts.push(version);
  }

  /** Ends the current version of a signal at the event's recorded time and returns it. */
  private supersede(signalId: string, event: RecordedEvent): Version | undefined {
    const current = this.current.get(signalId);
    if (!current) return undefined;
    if (this.stored.delete(signalId)) {
      this.superseded.push({ signalId, revision: current.revision, at: event.recordedAt });
    } else {
      current.supersededAt = event.recordedAt; // still to be inserted in this batch
    }
    return current;
  }

  private replaceSubjects(version: Version, fingerprints: string[], kinds: string[]): void {
    this.subjects.set(
      version.signalId,
      fingerprints.map((fingerprint, position) => ({
        signalId: version.signalId,
        position,
        fingerprint,
        kind: kinds[position] ?? 'UNKNOWN',
        municipality: version.municipality,
      })),
    );
  }

  /** Adds (+1) or removes (-1) a live version from the daily counts. */
  private count(version: Version, delta: 1 | -1): void {
    if (version.status !== 'LIVE') return;
    const day = amsterdamDay(version.occurredAt);
    const key = `${version.municipality}|${day}|${version.category}`;
    const entry = this.counts.get(key) ?? {
      municipality: version.municipality,
      day,
      category: version.category,
      delta: 0,
    };
    entry.delta += delta;
    this.counts.set(key, entry);
  }

  async flush(em: EntityManager): Promise<void> {
    await this.ledger.flush(em);
    if (this.superseded.length > 0) {
      await em.query(
        `UPDATE signal_versions v SET superseded_at = u.at
           FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS u(signal_id, revision, at)
          WHERE v.signal_id = u.signal_id AND v.revision = u.revision`,
        [
          this.superseded.map((s) => s.signalId),
          this.superseded.map((s) => s.revision),
          this.superseded.map((s) => s.at.toISOString()),
        ],
      );
    }
    for (let i = 0; i < this.inserts.length; i += INSERT_CHUNK) {
      await insertVersions(em, this.inserts.slice(i, i + INSERT_CHUNK));
    }
    const replaced = [...this.subjects.keys()].filter((id) => this.existing.has(id));
    if (replaced.length > 0) {
      await em.query(`DELETE FROM signal_subjects WHERE signal_id = ANY($1::uuid[])`, [replaced]);
    }
    if (this.subjects.size > 0) {
      const rows = [...this.subjects.values()].flat();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        await em.query(
          `INSERT INTO signal_subjects (signal_id, position, fingerprint, kind, municipality)
           SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::char(64)[], $4::varchar[], $5::varchar[])`,
          [
            chunk.map((r) => r.signalId),
            chunk.map((r) => r.position),
            chunk.map((r) => r.fingerprint),
            chunk.map((r) => r.kind),
            chunk.map((r) => r.municipality),
          ],
        );
      }
    }
    const counts = [...this.counts.values()].filter((c) => c.delta !== 0);
    if (counts.length > 0) {
      const columns = [
        counts.map((c) => c.municipality),
        counts.map((c) => c.day),
        counts.map((c) => c.category),
        counts.map((c) => c.delta),
      ];
      await em.query(
        `INSERT INTO daily_signal_counts (municipality, day, category, count)
         SELECT * FROM unnest($1::varchar[], $2::date[], $3::varchar[], $4::int[])
         ON CONFLICT (municipality, day, category)
         DO UPDATE SET count = daily_signal_counts.count + EXCLUDED.count`,
        columns,
      );
      await em.query(
        `DELETE FROM daily_signal_counts d USING unnest($1::varchar[], $2::date[], $3::varchar[]) AS u(m, day, c)
          WHERE d.municipality = u.m AND d.day = u.day AND d.category = u.c AND d.count <= 0`,
        columns.slice(0, 3),
      );
    }
  }
}

/** One multi-row INSERT of signal versions, one array parameter per column. */
async function insertVersions(em: EntityManager, rows: readonly Version[]): Promise<void> {
  const column = <T>(pick: (row: Version) => T): T[] => rows.map(pick);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  await em.query(
    `INSERT INTO signal_versions (signal_id, revision, municipality, riec_region, category,
       subcategory, target_role, severity, occurred_at, police_report_filed, source, classification,
       source_reliability, information_credibility, subject_count, status, recorded_at,
       superseded_at, first_recorded_at, event_id, withheld_from_mayor)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::varchar[], $5::varchar[],
       $6::varchar[], $7::varchar[], $8::smallint[], $9::timestamptz[], $10::boolean[],
       $11::varchar[], $12::varchar[], $13::char(1)[], $14::char(1)[], $15::smallint[],
       $16::varchar[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::uuid[],
       $21::boolean[])`,
    [
      column((r) => r.signalId),
      column((r) => r.revision),
      column((r) => r.municipality),
      column((r) => r.riecRegion),
      column((r) => r.category),
      column((r) => r.subcategory),
      column((r) => r.targetRole),
      column((r) => r.severity),
      column((r) => iso(r.occurredAt)),
      column((r) => r.policeReportFiled),
      column((r) => r.source),
      column((r) => r.classification),
      column((r) => r.sourceReliability),
      column((r) => r.informationCredibility),
      column((r) => r.subjectCount),
      column((r) => r.status),
      column((r) => iso(r.recordedAt)),
      column((r) => iso(r.supersededAt)),
      column((r) => iso(r.firstRecordedAt)),
      column((r) => r.eventId),
      column((r) => r.withheldFromMayor),
    ],
  );
}
