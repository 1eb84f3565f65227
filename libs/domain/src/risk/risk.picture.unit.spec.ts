// The risk picture of a municipality and of a region, as known at a moment (SPEC §4).
import {
  aBribery,
  anInfiltration,
  aThreat,
} from '../../../testing/src/specification/signal-fixtures';
import type { SignalEvent } from '../signal/signal.events';
import { addDays } from '../shared/time';
import { riskSignalsAsKnownAt, type TimedSignalEvent } from './risk.history';
import { computeMunicipalityRisk, type MunicipalityRisk, type RiskSignal } from './risk.picture';
import { aggregateRegionRisk } from './risk.region';

const AS_OF = new Date('2025-06-01T12:00:00.000Z');
const picture = (
  signals: RiskSignal[],
  extra: Partial<Parameters<typeof computeMunicipalityRisk>[0]> = {},
) => computeMunicipalityRisk({ municipality: 'GM0363', signals, asOf: AS_OF, ...extra });

describe('municipality risk picture', () => {
  it('scores live signals with decay by age', () => {
    const result = picture([
      aThreat().severity(2).asOf(AS_OF).daysAgo(90).risk(),
      anInfiltration().severity(5).asOf(AS_OF).daysAgo(0).risk(),
      aBribery().severity(4).asOf(AS_OF).daysAgo(180).risk(),
    ]);
    expect(result.score).toBeCloseTo(1 + 10 + 1.5, 12);
    expect(result.level).toBe('ELEVATED');
    expect(result.liveSignals).toBe(3);
  });

  it('leaves out retracted signals, other municipalities, and what was not known or had not happened yet', () => {
    const result = picture([
      aThreat().asOf(AS_OF).daysAgo(1).risk('RETRACTED'),
      aThreat().in('GM0599').asOf(AS_OF).daysAgo(1).risk(),
      aThreat().asOf(AS_OF).daysAgo(5).recordedOn(addDays(AS_OF, 1)).risk(),
      aThreat().occurredAt(addDays(AS_OF, 0.001)).recordedOn(AS_OF).risk(),
    ]);
    expect(result.score).toBe(0);
    expect(result.liveSignals).toBe(0);
    expect(result.lastSignalAt).toBeNull();
    expect(result.counts.d365).toEqual({ THREAT: 0, BRIBERY: 0, INFILTRATION: 0 });
  });

  it('counts per category and subcategory over 30, 90 and 365 days by occurredAt, both ends included', () => {
    const result = picture([
      aThreat('ONLINE').asOf(AS_OF).daysAgo(0).risk(),
      aThreat('ONLINE').asOf(AS_OF).daysAgo(30).risk(),
      aThreat('AT_HOME').asOf(AS_OF).daysAgo(30.01).risk(),
      aBribery('GIFT_OR_FAVOUR').asOf(AS_OF).daysAgo(90).risk(),
      anInfiltration('PERMIT_OR_TENDER').asOf(AS_OF).daysAgo(365).risk(),
      anInfiltration('PERMIT_OR_TENDER').asOf(AS_OF).daysAgo(366).risk(),
    ]);
    expect(result.counts).toEqual({
      d30: { THREAT: 2, BRIBERY: 0, INFILTRATION: 0 },
      d90: { THREAT: 3, BRIBERY: 1, INFILTRATION: 0 },
      d365: { THREAT: 3, BRIBERY: 1, INFILTRATION: 1 },
    });
    expect(result.subcategoryCounts.d30.THREAT).toEqual({
      VERBAL: 0,
      ONLINE: 2,
      AT_HOME: 0,
      PHYSICAL: 0,
      AGAINST_FAMILY: 0,
    });
    expect(result.subcategoryCounts.d365.INFILTRATION.PERMIT_OR_TENDER).toBe(1);
    expect(result.subcategoryCounts.d90.BRIBERY).toEqual({
      MONEY_OFFER: 0,
      GIFT_OR_FAVOUR: 1,
      CONFLICT_OF_INTEREST: 0,
    });
    // Older signals are not counted in a window but still weigh in the score, decayed.
    expect(result.liveSignals).toBe(6);
    expect(result.lastSignalAt).toEqual(AS_OF);
  });

  it('compares with the score 90 days earlier, as known then', () => {
    const old = aThreat().severity(2).asOf(AS_OF).daysAgo(90).risk(); // then 2.0, now 1.0
    const lateKnown = aThreat()
      .severity(4)
      .asOf(AS_OF)
      .daysAgo(100)
      .recordedOn(addDays(AS_OF, -10))
      .risk();
    const result = picture([old, lateKnown]);
    expect(result.trend.previousAsOf).toEqual(addDays(AS_OF, -90));
    // lateKnown was not known 90 days ago, although it had occurred by then.
    expect(result.trend.previousScore).toBeCloseTo(2, 12);
    expect(result.score).toBeCloseTo(1 + 4 * Math.pow(0.5, 100 / 90), 12);
    expect(result.trend.direction).toBe('RISING');
  });

  it('falls as signals age without new ones', () => {
    const result = picture([aThreat().severity(5).asOf(AS_OF).daysAgo(100).risk()]);
    expect(result.trend.direction).toBe('FALLING');
    expect(result.trend.previousLevel).toBe('LOW');
  });

  it('takes the signals as known then, when given, for the previous score', () => {
    const signal = aThreat().severity(4).asOf(AS_OF).daysAgo(120);
    // Retracted 30 days ago: live 90 days ago, gone now.
    const result = picture([signal.risk('RETRACTED')], { previousSignals: [signal.risk('LIVE')] });
    expect(result.score).toBe(0);
    expect(result.trend.previousScore).toBeCloseTo(4 * Math.pow(0.5, 30 / 90), 12);
    expect(result.trend.direction).toBe('FALLING');
  });

  it('computes the aangifte rate over live THREAT and BRIBERY signals only', () => {
    expect(picture([]).aangifte).toEqual({ filed: 0, eligible: 0, rate: null });
    expect(picture([anInfiltration().withPoliceReport().risk()]).aangifte.rate).toBeNull();
    expect(
      picture([
        aThreat().asOf(AS_OF).withPoliceReport().risk(),
        aThreat().asOf(AS_OF).risk(),
        aBribery().asOf(AS_OF).risk(),
        aBribery().asOf(AS_OF).withPoliceReport().risk(),
        aThreat().asOf(AS_OF).withPoliceReport().risk('RETRACTED'),
        anInfiltration().asOf(AS_OF).risk(),
      ]).aangifte,
    ).toEqual({ filed: 2, eligible: 4, rate: 0.5 });
  });

  it('yields the identical picture whatever the order of the signals', () => {
    const signals = Array.from({ length: 50 }, (_, i) =>
      (i % 3 === 0 ? aThreat() : i % 3 === 1 ? aBribery() : anInfiltration())
        .severity(((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)
        .asOf(AS_OF)
        .daysAgo(i * 7.3)
        .risk(),
    );
    const forward = picture(signals);
    const backward = picture([...signals].reverse());
    expect(backward).toEqual(forward);
    expect(backward.score).toBe(forward.score);
  });
});

describe('signals as known at a moment, from their events', () => {
  const signal = aThreat().withId('s1').severity(2).asOf(AS_OF).daysAgo(60);
  const at = (days: number) => addDays(AS_OF, days);
  const timed = (event: SignalEvent, recordedAt: Date): TimedSignalEvent => ({
    ...event,
    recordedAt,
  });
  const events: TimedSignalEvent[] = [
    timed(signal.recorded(), at(-60)),
    timed(
      {
        type: 'SignalAmended',
        data: { signalId: 's1', changes: { severity: 4 }, personalChanges: {}, reason: 'r' },
      },
      at(-40),
    ),
    timed({ type: 'SignalRetracted', data: { signalId: 's1', reason: 'r' } }, at(-10)),
  ];

  it('applies only the events recorded up to the moment', () => {
    expect(riskSignalsAsKnownAt(events, at(-70))).toEqual([]);
    expect(riskSignalsAsKnownAt(events, at(-50))).toMatchObject([{ severity: 2, status: 'LIVE' }]);
    expect(riskSignalsAsKnownAt(events, at(-20))).toMatchObject([{ severity: 4, status: 'LIVE' }]);
    expect(riskSignalsAsKnownAt(events, AS_OF)).toMatchObject([
      { signalId: 's1', severity: 4, status: 'RETRACTED', recordedAt: at(-60) },
    ]);
  });
});

describe('region risk picture', () => {
  const municipality = (code: string, signals: RiskSignal[]): MunicipalityRisk =>
    computeMunicipalityRisk({ municipality: code, signals, asOf: AS_OF });
  const amsterdam = municipality(
    'GM0363',
    [
      aThreat().severity(5).asOf(AS_OF).daysAgo(0).risk(),
      aThreat().severity(5).asOf(AS_OF).daysAgo(0).withPoliceReport().risk(),
      anInfiltration().severity(5).asOf(AS_OF).daysAgo(0).risk(),
    ].map((s) => ({ ...s, municipality: 'GM0363' })),
  );
  const ouderAmstel = municipality(
    'GM0437',
    [aBribery().severity(2).asOf(AS_OF).daysAgo(0).withPoliceReport().risk()].map((s) => ({
      ...s,
      municipality: 'GM0437',
    })),
  );
  const aalsmeer = municipality(
    'GM0358',
    [aThreat().severity(3).asOf(AS_OF).daysAgo(0).risk()].map((s) => ({
      ...s,
      municipality: 'GM0358',
    })),
  );
  const diemen = municipality('GM0384', []);

  const region = aggregateRegionRisk({
    riecRegion: 'amsterdam',
    asOf: AS_OF,
    municipalities: [diemen, ouderAmstel, aalsmeer, amsterdam],
  });

  it('adds up scores, counts and aangifte', () => {
    expect(region.score).toBeCloseTo(20 + 3 + 3, 12);
    expect(region.counts.d30).toEqual({ THREAT: 3, BRIBERY: 1, INFILTRATION: 1 });
    expect(region.subcategoryCounts.d30.THREAT.VERBAL).toBe(3);
    expect(region.aangifte).toEqual({ filed: 2, eligible: 4, rate: 0.5 });
    expect(region.liveSignals).toBe(5);
    expect(region.lastSignalAt).toEqual(AS_OF);
  });

  it('takes the highest level of its municipalities, not the level of the summed score', () => {
    expect(region.level).toBe('HIGH');
    expect(region.municipalitiesPerLevel).toEqual({ LOW: 3, ELEVATED: 0, HIGH: 1, CRITICAL: 0 });
  });

  it('lists the municipalities by score, then by code', () => {
    expect(region.municipalities.map((m) => m.municipality)).toEqual([
      'GM0363',
      'GM0358',
      'GM0437',
      'GM0384',
    ]);
  });

  it('refuses pictures of another moment', () => {
    const other = computeMunicipalityRisk({
      municipality: 'GM0362',
      signals: [],
      asOf: addDays(AS_OF, -1),
    });
    expect(() =>
      aggregateRegionRisk({ riecRegion: 'amsterdam', asOf: AS_OF, municipalities: [other] }),
    ).toThrow(/GM0362/);
  });

  it('is LOW and empty without municipalities', () => {
    expect(
      aggregateRegionRisk({ riecRegion: 'limburg', asOf: AS_OF, municipalities: [] }),
    ).toMatchObject({
      score: 0,
      level: 'LOW',
      aangifte: { rate: null },
      lastSignalAt: null,
      municipalities: [],
    });
  });
});
