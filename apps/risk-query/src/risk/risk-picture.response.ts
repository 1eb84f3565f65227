// The risk picture of a municipality on the wire (API.md § Risk picture).
import type { MunicipalityRisk } from '@weerbaar/domain';
import { roundScore } from '@weerbaar/domain';

export interface MunicipalityRiskView {
  municipality: string;
  name: string;
  riecRegion: string;
  score: number;
  level: string;
  trend: { previousAsOf: string; previousScore: number; previousLevel: string; direction: string };
  counts: MunicipalityRisk['counts'];
  subcategoryCounts?: MunicipalityRisk['subcategoryCounts'];
  aangifte: MunicipalityRisk['aangifte'];
  openEscalations: number;
  lastSignalAt: string | null;
  liveSignals: number;
  asOf: string;
}

export function toMunicipalityRiskView(
  picture: MunicipalityRisk,
  names: { name: string; riecRegion: string },
  openEscalations: number,
  options: { subcategories: boolean },
): MunicipalityRiskView {
  return {
    municipality: picture.municipality,
    name: names.name,
    riecRegion: names.riecRegion,
    score: roundScore(picture.score),
    level: picture.level,
    trend: {
      previousAsOf: picture.trend.previousAsOf.toISOString(),
      previousScore: roundScore(picture.trend.previousScore),
      previousLevel: picture.trend.previousLevel,
      direction: picture.trend.direction,
    },
    counts: picture.counts,
    ...(options.subcategories ? { subcategoryCounts: picture.subcategoryCounts } : {}),
    aangifte: picture.aangifte,
    openEscalations,
    lastSignalAt: picture.lastSignalAt?.toISOString() ?? null,
    liveSignals: picture.liveSignals,
    asOf: picture.asOf.toISOString(),
  };
}
