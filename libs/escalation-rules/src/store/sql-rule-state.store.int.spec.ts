// The rule engine on its tables decides exactly as the engine that keeps everything in memory:
// a random log of a year (records, amendments, retractions, closed cases, snoozes, a new rule
// set) is run once in memory and once in batches of random size through the SQL store, each
// batch loading only the rows it needs; the decisions are identical, and the tables hold only
// live signals.
import { randomUUID } from 'node:crypto';
import {
  CATEGORIES,
  type Category,
  DAY_MS,
  DEFAULT_RISK_CONFIG,
  type Severity,
  SUBCATEGORIES,
  TARGET_ROLES,
} from '@weerbaar/domain';
import { PGliteDatabase, PGliteHost } from '@weerbaar/event-store';
import { applyEvent, runRuleEngine } from '../rule-engine';
import type { EscalationDecision, RuleEngineContext, RuleEngineEvent } from '../rule-engine.types';
import { RuleWorkingState } from '../rule-state';
import { ensureRuleStateSchema } from './rule-state.schema';
import { SqlRuleStateStore } from './sql-rule-state.store';
import { seededRandom as random } from '../../../testing/src/specification/seeded-random';

const MUNICIPALITIES: Record<string, [string, string]> = {
  GM0363: ['Amsterdam', 'amsterdam'],
  GM0362: ['Amstelveen', 'amsterdam'],
  GM0599: ['Rotterdam', 'rotterdam'],
  GM0606: ['Schiedam', 'rotterdam'],
};
const context: RuleEngineContext = {
  places: {
    municipalityName: (code) => MUNICIPALITIES[code]?.[0],
    riecRegionOf: (code) => MUNICIPALITIES[code]?.[1],
  },
  risk: DEFAULT_RISK_CONFIG,
  electionDays: ['2026-03-18'],
};

/** A log shaped like a busy year, closing some raised escalations as analysts would. */
function generateLog(seed: number, size: number): RuleEngineEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const fingerprints = Array.from({ length: 12 }, (_, i) => i.toString(16).repeat(64));
  const live: string[] = [];
  const log: RuleEngineEvent[] = [];
  const mirror = new RuleWorkingState();
  let clock = Date.parse('2025-10-01T08:00:00Z');
  const push = (event: Omit<RuleEngineEvent, 'eventId' | 'recordedAt'>): void => {
    const logged = {
      ...event,
      eventId: randomUUID(),
      recordedAt: new Date(clock),
    } as RuleEngineEvent;
    log.push(logged);
    for (const decision of applyEvent(mirror, logged, context)) {
      if (decision.type === 'RaiseEscalation' && next() < 0.4) {
        pending.push({
          at: clock + next() * 20 * DAY_MS,
          escalationId: decision.data.escalationId,
        });
      }
    }
  };
  const pending: { at: number; escalationId: string }[] = [];
  while (log.length < size) {
    clock += Math.floor(next() * 30 * 3_600_000);
    const due = pending.filter((p) => p.at <= clock);
    for (const { escalationId } of due) {
      pending.splice(pending.indexOf(due[0]), 1);
      push({
        type: 'EscalationClosed',
        data: {
          escalationId,
          outcome: 'VALUABLE',
          note: 'x',
          closedBy: 'a',
          closedAt: new Date(clock).toISOString(),
        },
      });
    }
    const roll = next();
    if (roll < 0.12 && live.length > 0) {
      const category: Category = pick(CATEGORIES);
      push({
        type: 'SignalAmended',
        data: {
          signalId: pick(live),
          changes: {
            category,
            subcategory: pick(SUBCATEGORIES[category]),
            severity: (1 + Math.floor(next() * 5)) as Severity,
            occurredAt: new Date(clock - next() * 120 * DAY_MS).toISOString(),
            ...(next() < 0.3 ? { subjectFingerprints: [pick(fingerprints)] } : {}),
          },
          personalChanges: {},
          reason: 'Correctie',
        },
      });
    } else if (roll < 0.18 && live.length > 0) {
      const signalId = live.splice(Math.floor(next() * live.length), 1)[0];
      push({ type: 'SignalRetracted', data: { signalId, reason: 'Ingetrokken' } });
    } else if (roll < 0.19) {
      push({
        type: 'RuleSnoozed',
        data: {
          snoozeId: randomUUID(),
          ruleId: 'threat-cluster',
          riecRegion: 'amsterdam',
          municipality: 'GM0363',
          fingerprint: null,
          until: new Date(clock + 10 * DAY_MS).toISOString(),
          reason: 'In onderzoek',
          snoozedBy: 'a',
          snoozedAt: new Date(clock).toISOString(),
        },
      });
    } else if (log.length === Math.floor(size / 2)) {
      push({
        type: 'RuleSetPublished',
        data: {
          version: 2,
          rules: [
            { id: 'threat-cluster', params: { minSignals: 2, windowDays: 45 } },
            { id: 'cross-municipality-subject', params: { minMunicipalities: 2, windowDays: 120 } },
            { id: 'rising-risk', params: { minLevel: 'ELEVATED' } },
          ],
          draftedBy: 'a',
          publishedBy: 'b',
          publishedAt: new Date(clock).toISOString(),
        },
      });
    } else {
      const category: Category = pick(CATEGORIES);
      const signalId = randomUUID();
      live.push(signalId);
      push({
        type: 'SignalRecorded',
        data: {
          signalId,
          facts: {
            municipality: pick(Object.keys(MUNICIPALITIES)),
            category,
            subcategory: pick(SUBCATEGORIES[category]),
            targetRole: pick(TARGET_ROLES),
            severity: (1 + Math.floor(next() * 5)) as Severity,
            occurredAt: new Date(clock - next() * 60 * DAY_MS).toISOString(),
            policeReportFiled: false,
            source: 'DIRECT',
            classification: 'TLP:AMBER',
            sourceReliability: 'F',
            informationCredibility: '6',
            subjectFingerprints: next() < 0.4 ? [pick(fingerprints)] : [],
          },
          personal: { description: 'x', subjects: [] },
        },
      });
    }
  }
  return log;
}

describe('the rule engine on its tables', () => {
  let database: PGliteDatabase;

  beforeAll(async () => {
    database = new PGliteDatabase(await PGliteHost.open(), { ownsHost: true });
    await ensureRuleStateSchema(database);
  });
  afterAll(() => database.close());

  it('decides exactly as the engine that keeps everything in memory, batch after batch', async () => {
    const log = generateLog(11, 1_500);
    const expected = runRuleEngine(log, new RuleWorkingState(), context);
    expect(expected.filter((d) => d.type === 'RaiseEscalation').length).toBeGreaterThan(20);
    expect(expected.filter((d) => d.type === 'UpdateEscalation').length).toBeGreaterThan(20);

    const store = new SqlRuleStateStore();
    const next = random(3);
    const actual: EscalationDecision[] = [];
    for (let i = 0; i < log.length;) {
      const batch = log.slice(i, i + 1 + Math.floor(next() * 120));
      i += batch.length;
      const state = await store.load(database, batch);
      actual.push(...runRuleEngine(batch, state, context));
      const clock = Math.max(...batch.map((e) => e.recordedAt.getTime()));
      await database.transaction((q) => store.save(q, state.changes(), clock));
    }
    expect(actual).toEqual(expected);

    const [{ count }] = await database.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM rule_engine_signals',
    );
    const retracted = new Set(
      log.filter((e) => e.type === 'SignalRetracted').map((e) => e.data.signalId),
    );
    const recorded = log.filter((e) => e.type === 'SignalRecorded').length;
    expect(Number(count)).toBe(recorded - retracted.size);
    const [{ version }] = await database.query<{ version: number }>(
      `SELECT (rule_set->>'version')::int AS version FROM rule_engine_rule_set`,
    );
    expect(version).toBe(2);
  }, 60_000);
});
