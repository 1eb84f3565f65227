// Builders of summaries and escalation notices for tests of the messages: a realistic default, changed per
// test only where the test is about it.
import type {
  CategoryCounts,
  EscalationNotice,
  MayorEscalationLine,
  MayorSummary,
} from '@weerbaar/notifications';

export const counts = (partial: Partial<CategoryCounts> = {}): CategoryCounts => ({
  THREAT: 0,
  BRIBERY: 0,
  INFILTRATION: 0,
  ...partial,
});

export function escalationLine(partial: Partial<MayorEscalationLine> = {}): MayorEscalationLine {
  return {
    escalationId: '0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
    ruleId: 'threat-cluster',
    status: 'OPEN',
    raisedAt: '2026-11-23T09:00:00.000Z',
    closedAt: null,
    outcome: null,
    signalCounts: counts({ THREAT: 3 }),
    ...partial,
  };
}

export function mayorSummary(
  partial: Partial<Omit<MayorSummary, 'risk'>> & { risk?: Partial<MayorSummary['risk']> } = {},
): MayorSummary {
  const { risk, ...rest } = partial;
  return {
    municipality: { code: 'GM0344', name: 'Utrecht' },
    riec: {
      id: 'midden-nederland',
      name: 'Midden-Nederland',
      contacts: [
        { name: 'Fatima el Amrani', email: 'f.elamrani@riec.example', phone: '+31 30 123 4567' },
      ],
    },
    // 11:00 in Amsterdam (CET).
    generatedAt: '2026-11-24T10:00:00.000Z',
    escalations: [escalationLine()],
    ...rest,
    risk: {
      level: 'HIGH',
      previousLevel: 'ELEVATED',
      trendDays: 90,
      trend: 'RISING',
      counts: {
        d30: counts({ THREAT: 3 }),
        d90: counts({ THREAT: 3, BRIBERY: 1 }),
        d365: counts({ THREAT: 4, BRIBERY: 1, INFILTRATION: 1 }),
      },
      aangifte: { filed: 2, eligible: 3, rate: 2 / 3 },
      lastSignalAt: '2026-11-23T09:00:00.000Z',
      ...risk,
    },
  };
}

export function escalationNotice(partial: Partial<EscalationNotice> = {}): EscalationNotice {
  return {
    escalationId: '0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
    revision: 0,
    kind: 'RAISED',
    ruleId: 'threat-cluster',
    ruleVersion: 2,
    municipality: { code: 'GM0344', name: 'Utrecht' },
    riecRegion: { id: 'midden-nederland', name: 'Midden-Nederland' },
    severity: 'HIGH',
    explanation: '3 meldingen van bedreiging binnen 30 dagen in Utrecht.',
    contributingSignalCount: 3,
    raisedAt: '2026-11-23T09:00:00.000Z',
    caseUrl: 'https://weerbaar.example/escalaties/0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
    ...partial,
  };
}
