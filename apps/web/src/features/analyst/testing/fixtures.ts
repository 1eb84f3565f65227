// Risk pictures as the API returns them.
import type { MunicipalityRisk, RegionRisk } from '../queries';

const counts = (threat: number, bribery = 0, infiltration = 0) => ({
  THREAT: threat,
  BRIBERY: bribery,
  INFILTRATION: infiltration,
});

export function aMunicipalityPicture(
  overrides: Partial<MunicipalityRisk> & Pick<MunicipalityRisk, 'municipality' | 'name'>,
): MunicipalityRisk {
  return {
    riecRegion: 'amsterdam',
    score: 0,
    level: 'LOW',
    trend: {
      previousAsOf: '2026-08-26T12:00:00.000Z',
      previousScore: 0,
      previousLevel: 'LOW',
      direction: 'STABLE',
    },
    counts: { d30: counts(0), d90: counts(0), d365: counts(0) },
    aangifte: { filed: 0, eligible: 0, rate: null },
    openEscalations: 0,
    lastSignalAt: null,
    liveSignals: 0,
    asOf: '2026-11-24T12:00:00.000Z',
    ...overrides,
  };
}

export const AMSTERDAM = aMunicipalityPicture({
  municipality: 'GM0363',
  name: 'Amsterdam',
  score: 41.5,
  level: 'HIGH',
  trend: {
    previousAsOf: '2026-08-26T12:00:00.000Z',
    previousScore: 12.25,
    previousLevel: 'ELEVATED',
    direction: 'RISING',
  },
  counts: { d30: counts(3, 1, 0), d90: counts(5, 2, 1), d365: counts(9, 3, 2) },
  subcategoryCounts: {
    d30: {
      THREAT: { VERBAL: 2, ONLINE: 1, AT_HOME: 0, PHYSICAL: 0, AGAINST_FAMILY: 0 },
      BRIBERY: { MONEY_OFFER: 1, GIFT_OR_FAVOUR: 0, CONFLICT_OF_INTEREST: 0 },
      INFILTRATION: {
        CANDIDATE_CRIMINAL_TIES: 0,
        PERMIT_OR_TENDER: 0,
        REAL_ESTATE: 0,
        INFORMATION_LEAK: 0,
        BUSINESS_TAKEOVER: 0,
      },
    },
  },
  aangifte: { filed: 6, eligible: 12, rate: 0.5 },
  openEscalations: 2,
  lastSignalAt: '2026-11-20T09:15:00.000Z',
  liveSignals: 14,
});

export function aRegionPicture(): RegionRisk {
  const municipalities = [
    AMSTERDAM,
    aMunicipalityPicture({
      municipality: 'GM0362',
      name: 'Amstelveen',
      score: 30.1,
      level: 'CRITICAL',
      trend: { ...AMSTERDAM.trend, direction: 'FALLING' },
      counts: { d30: counts(1), d90: counts(1), d365: counts(1) },
    }),
    aMunicipalityPicture({
      municipality: 'GM0384',
      name: 'Diemen',
      score: 8,
      level: 'ELEVATED',
      openEscalations: 1,
      counts: { d30: counts(6), d90: counts(6), d365: counts(6) },
    }),
    aMunicipalityPicture({ municipality: 'GM0358', name: 'Aalsmeer', score: 1.5 }),
    aMunicipalityPicture({
      municipality: 'GM0437',
      name: 'Ouder-Amstel',
      score: 0,
      trend: { ...AMSTERDAM.trend, direction: 'RISING' },
    }),
    aMunicipalityPicture({ municipality: 'GM0451', name: 'Uithoorn', score: 0.5 }),
  ];
  return {
    riecRegion: 'amsterdam',
    name: 'RIEC Amsterdam-Amstelland',
    score: 81.6,
    level: 'CRITICAL',
    trend: { previousScore: 40, previousLevel: 'HIGH', direction: 'RISING' },
    counts: { d30: counts(11, 1, 0), d90: counts(13, 2, 1), d365: counts(17, 3, 2) },
    subcategoryCounts: {},
    aangifte: { filed: 6, eligible: 12, rate: 0.5 },
    openEscalations: 3,
    lastSignalAt: '2026-11-20T09:15:00.000Z',
    liveSignals: 20,
    municipalitiesPerLevel: { LOW: 3, ELEVATED: 1, HIGH: 1, CRITICAL: 1 },
    municipalities,
    asOf: '2026-11-24T12:00:00.000Z',
  };
}
