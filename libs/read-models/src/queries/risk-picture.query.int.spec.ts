// The projected risk pictures equal the reference maths of the domain (SPEC §4) on random
// histories: records, amendments of every counted field, retractions, signals withheld from the
// burgemeester, occurrences a few minutes after recording, writers whose commit order and clock
// order differ by milliseconds; asked now and as of any moment, for the analyst and the
// burgemeester; and the projection is the same whichever batches the events come in.
import * as fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  type Category,
  CATEGORIES,
  computeMunicipalityRisk,
  DAY_MS,
  DEFAULT_RISK_CONFIG,
  evolveSignal,
  initialSignalState,
  MINUTE_MS,
  type MunicipalityRisk,
  riskSignalOf,
  type RiskConfig,
  type RiskSignal,
  type SignalEvent,
  type SignalState,
  SUBCATEGORIES,
} from '@weerbaar/domain';
import { createPGliteTypeOrmDriver, PGliteHost, type RecordedEvent } from '@weerbaar/event-store';
import {
  READ_MODEL_ENTITIES,
  READ_MODEL_MIGRATIONS,
  READ_MODEL_TABLES,
} from '../read-model.schema';
import {
  ensureRiskLedgerSettings,
  ReadModelProjector,
  readModelChecksums,
} from '../read-model.projector';
import { riskPicturesAsOf } from './risk-picture.query';

const MUNICIPALITIES = ['GM0363', 'GM0362'];
const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const config = DEFAULT_RISK_CONFIG;

type Timed = SignalEvent & { recordedAt: Date };

interface Step {
  kind: 'record' | 'amend' | 'retract';
  /** Which existing signal an amendment or retraction is about (modulo their number). */
  target: number;
  gapMs: number;
  /** A commit that lands before the previous one's clock time (concurrent writers). */
  skewMs: number;
  municipality: number;
  category: number;
  subcategory: number;
  severity: number;
  /** Negative: days before recording; positive: minutes after (the allowed clock skew). */
  occurred: number;
  filed: boolean;
  withheld: boolean;
  /** Which fields an amendment changes (bits). */
  fields: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('record', 'record', 'record', 'amend', 'amend', 'retract'),
  target: fc.nat(1_000),
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 * DAY_MS })),
  skewMs: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
  municipality: fc.nat(MUNICIPALITIES.length - 1),
  category: fc.nat(CATEGORIES.length - 1),
  subcategory: fc.nat(10),
  severity: fc.integer({ min: 1, max: 5 }),
  occurred: fc.oneof(
    fc.integer({ min: -800, max: 0 }),
    fc.integer({ min: -400, max: -1 }),
    fc.integer({ min: 0, max: 5 }),
  ),
  filed: fc.boolean(),
  withheld: fc.boolean(),
  fields: fc.nat(31),
});

const FIRST_STEP: Step = {
  kind: 'record',
  target: 0,
  gapMs: 0,
  skewMs: 0,
  municipality: 0,
  category: 0,
  subcategory: 0,
  severity: 3,
  occurred: -2,
  filed: true,
  withheld: false,
  fields: 0,
};

let sequence = 0;
const uuid = (): string => {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
};

/** Events with their recording times, in log order, from the steps. */
function historyOf(steps: readonly Step[]): RecordedEvent[] {
  const signals: { id: string; revision: number; live: boolean; lastAt: number }[] = [];
  const events: RecordedEvent[] = [];
  let clock = T0 - 900 * DAY_MS;
  const occurredFor = (s: Step, recordedAt: number): string =>
    new Date(
      s.occurred <= 0
        ? recordedAt + s.occurred * DAY_MS - (s.gapMs % DAY_MS)
        : recordedAt + s.occurred * MINUTE_MS,
    ).toISOString();
  const categoryFacts = (s: Step) => {
    const category: Category = CATEGORIES[s.category];
    const subs = SUBCATEGORIES[category];
    return { category, subcategory: subs[s.subcategory % subs.length] };
  };
  for (const s of steps) {
    clock += s.gapMs;
    const live = signals.filter((signal) => signal.live);
    const target =
      s.kind === 'record' || live.length === 0 ? undefined : live[s.target % live.length];
    // Another signal's writer may commit a moment earlier on the clock; one stream's events
    // never go back in time (each is appended after the one before it committed).
    const recordedAt = Math.max(clock - s.skewMs, target?.lastAt ?? -Infinity);
    const push = (signal: { id: string; revision: number }, type: string, data: unknown) =>
      events.push({
        eventId: uuid(),
        streamId: `signal-${signal.id}`,
        streamRevision: signal.revision,
        globalPosition: {
          transactionId: String(events.length + 1),
          position: String(events.length + 1),
        },
        type,
        schemaVersion: 1,
        data,
        metadata: {},
        recordedAt: new Date(recordedAt),
      });
    if (target === undefined) {
      const signal = { id: uuid(), revision: 0, live: true, lastAt: recordedAt };
      signals.push(signal);
      push(signal, 'SignalRecorded', {
        signalId: signal.id,
        facts: {
          municipality: MUNICIPALITIES[s.municipality],
          ...categoryFacts(s),
          targetRole: 'BURGEMEESTER',
          severity: s.severity,
          occurredAt: occurredFor(s, recordedAt),
          policeReportFiled: s.filed,
          source: 'DIRECT',
          classification: 'TLP:AMBER',
          sourceReliability: 'B',
          informationCredibility: '2',
          subjectFingerprints: [],
          withholdFromMayor: s.withheld,
        },
        personal: { description: 'x', subjects: [] },
      });
      continue;
    }
    const signal = target;
    signal.revision += 1;
    signal.lastAt = recordedAt;
    if (s.kind === 'retract') {
      signal.live = false;
      push(signal, 'SignalRetracted', { signalId: signal.id, reason: 'test' });
      continue;
    }
    const changes: Record<string, unknown> = {};
    if (s.fields & 1) changes.severity = s.severity;
    if (s.fields & 2) Object.assign(changes, categoryFacts(s));
    if (s.fields & 4) changes.occurredAt = occurredFor(s, recordedAt);
    if (s.fields & 8) changes.policeReportFiled = s.filed;
    if (s.fields & 16) changes.withholdFromMayor = s.withheld;
    push(signal, 'SignalAmended', {
      signalId: signal.id,
      changes,
      personalChanges: {},
      reason: 'test',
    });
  }
  return events;
}

/** The reference: the signals as known at `moment` (for the burgemeester without the withheld). */
function knownAt(events: readonly RecordedEvent[], moment: Date, forMayor: boolean): RiskSignal[] {
  const states = new Map<string, SignalState>();
  for (const event of events) {
    if (event.recordedAt.getTime() > moment.getTime()) continue;
    const id = (event.data as { signalId: string }).signalId;
    states.set(id, evolveSignal(states.get(id) ?? initialSignalState(), event as unknown as Timed));
  }
  return [...states.values()].flatMap((state) =>
    state.status === 'NOT_RECORDED' || (forMayor && state.facts.withholdFromMayor === true)
      ? []
      : [riskSignalOf(state)!],
  );
}

function expectSamePicture(actual: MunicipalityRisk, expected: MunicipalityRisk): void {
  const close = (a: number, b: number) =>
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  close(actual.score, expected.score);
  close(actual.trend.previousScore, expected.trend.previousScore);
  const withoutScores = (picture: MunicipalityRisk) => ({
    ...picture,
    score: 0,
    trend: { ...picture.trend, previousScore: 0 },
  });
  expect(withoutScores(actual)).toEqual(withoutScores(expected));
}

describe('projected risk pictures (property)', () => {
  let host: PGliteHost;
  let dataSource: DataSource;
  const projector = new ReadModelProjector({
    regions: { riecRegionOf: () => 'amsterdam' },
    risk: config,
  });

  beforeAll(async () => {
    host = await PGliteHost.open();
    dataSource = new DataSource({
      type: 'postgres',
      driver: createPGliteTypeOrmDriver(host),
      entities: READ_MODEL_ENTITIES,
      migrations: READ_MODEL_MIGRATIONS,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    expect(await ensureRiskLedgerSettings(dataSource, config)).toBe(false); // empty: recorded
  });

  afterAll(async () => {
    await dataSource.destroy();
    await host.close();
  });

  /** Projects the events in batches cut at `cuts` (positions into the list). */
  async function project(events: readonly RecordedEvent[], cuts: readonly number[]) {
    await dataSource.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `"${t}"`).join(', ')}`);
    const ends = [...new Set([...cuts.map((c) => c % (events.length + 1)), events.length])].sort(
      (a, b) => a - b,
    );
    let start = 0;
    for (const end of ends) {
      const batch = events.slice(start, end);
      if (batch.length > 0) await dataSource.transaction((em) => projector.handle(batch, em));
      start = end;
    }
  }

  it('equal the reference maths now and as of any moment, whatever the batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 12, maxLength: 12 }),
        async (steps, cutsA, cutsB, jitter) => {
          const events = historyOf(steps);
          await project(events, cutsB);
          const other = await readModelChecksums(dataSource);
          await project(events, cutsA);
          expect(await readModelChecksums(dataSource)).toEqual(other);

          // Moments where something changes, a millisecond either side, in time order (the
          // way the current picture is asked for again and again) and back again.
          const edges = events.flatMap((event) => {
            const facts = (event.data as { facts?: { occurredAt: string } }).facts;
            const occurred = facts ? Date.parse(facts.occurredAt) : event.recordedAt.getTime();
            return [
              event.recordedAt.getTime(),
              occurred + 30 * DAY_MS,
              occurred + 365 * DAY_MS,
              occurred + config.trend.lookbackDays * DAY_MS,
              occurred,
            ];
          });
          const moments = edges
            .filter((_, i) => i % Math.max(1, Math.floor(edges.length / 12)) === 0)
            .map((ms, i) => ms + jitter[i % jitter.length])
            .sort((a, b) => a - b);
          for (const ms of [...moments, ...moments.slice().reverse()]) {
            const asOf = new Date(ms);
            for (const forMayor of [false, true]) {
              const { pictures } = await riskPicturesAsOf(
                dataSource,
                MUNICIPALITIES,
                asOf,
                config,
                { forMayor },
              );
              const previous = knownAt(
                events,
                new Date(ms - config.trend.lookbackDays * DAY_MS),
                forMayor,
              );
              const signals = knownAt(events, asOf, forMayor);
              for (const picture of pictures) {
                expectSamePicture(
                  picture,
                  computeMunicipalityRisk({
                    municipality: picture.municipality,
                    signals,
                    previousSignals: previous,
                    asOf,
                    config,
                  }),
                );
              }
            }
          }
        },
      ),
      { numRuns: 30, seed: 20261124 },
    );
  }, 240_000);

  it('are emptied for a refill when the weights or the half-life change, and only then', async () => {
    await project(historyOf([{ ...FIRST_STEP }]), []);
    const ledgerRows = async () =>
      Number(
        (await dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM risk_ledger`))[0].n,
      );
    expect(await ensureRiskLedgerSettings(dataSource, config)).toBe(false);
    const otherThresholds: RiskConfig = {
      ...config,
      levelThresholds: { ELEVATED: 1, HIGH: 2, CRITICAL: 3 },
    };
    expect(await ensureRiskLedgerSettings(dataSource, otherThresholds)).toBe(false);
    expect(await ledgerRows()).toBe(1);
    expect(await ensureRiskLedgerSettings(dataSource, { ...config, halfLifeDays: 60 })).toBe(true);
    expect(await ledgerRows()).toBe(0);
    expect(await ensureRiskLedgerSettings(dataSource, { ...config, halfLifeDays: 60 })).toBe(false);
  });
});
