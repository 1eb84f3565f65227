// The risk picture of a RIEC region: its municipalities' pictures added up, and the
// municipalities ordered by risk (SPEC §4).
import { CATEGORIES, SUBCATEGORIES } from '../signal/signal.values';
import {
  DEFAULT_RISK_CONFIG,
  RISK_LEVELS,
  RiskConfig,
  RiskLevel,
  TrendDirection,
} from './risk.config';
import {
  AangifteRate,
  CategoryCounts,
  emptyCategoryCounts,
  emptySubcategoryCounts,
  mapWindows,
  MunicipalityRisk,
  SubcategoryCounts,
  WindowCounts,
} from './risk.picture';
import {
  compareRiskLevels,
  highestRiskLevel,
  roundScore,
  sumContributions,
  trendDirection,
} from './risk.score';

export interface RegionRisk {
  riecRegion: string;
  asOf: Date;
  /** The sum of the municipalities' scores (unrounded). */
  score: number;
  /**
   * The highest level of its municipalities. The thresholds are calibrated for one
   * municipality; the level of the summed score would call nearly every region of forty
   * municipalities CRITICAL and would hide which one is. The summed score stays available
   * for comparing regions.
   */
  level: RiskLevel;
  trend: { previousScore: number; previousLevel: RiskLevel; direction: TrendDirection };
  counts: WindowCounts<CategoryCounts>;
  subcategoryCounts: WindowCounts<SubcategoryCounts>;
  /** Filed and eligible summed first, then divided: every signal weighs the same. */
  aangifte: AangifteRate;
  lastSignalAt: Date | null;
  liveSignals: number;
  municipalitiesPerLevel: Record<RiskLevel, number>;
  /** By score (as shown, two decimals) from high to low, then by CBS code. */
  municipalities: MunicipalityRisk[];
}

export interface RegionRiskInput {
  riecRegion: string;
  asOf: Date;
  /** The pictures of the region's municipalities, all at `asOf` with the same configuration. */
  municipalities: readonly MunicipalityRisk[];
  config?: RiskConfig;
}

export function aggregateRegionRisk(input: RegionRiskInput): RegionRisk {
  const { riecRegion, asOf, municipalities } = input;
  const config = input.config ?? DEFAULT_RISK_CONFIG;
  const stale = municipalities.find((picture) => picture.asOf.getTime() !== asOf.getTime());
  if (stale !== undefined) {
    throw new Error(
      `Picture of ${stale.municipality} is as of ${stale.asOf.toISOString()}, not ${asOf.toISOString()}`,
    );
  }

  const score = sumContributions(municipalities.map((picture) => picture.score));
  const previousScore = sumContributions(
    municipalities.map((picture) => picture.trend.previousScore),
  );
  const filed = municipalities.reduce((sum, picture) => sum + picture.aangifte.filed, 0);
  const eligible = municipalities.reduce((sum, picture) => sum + picture.aangifte.eligible, 0);
  const perLevel = Object.fromEntries(RISK_LEVELS.map((level) => [level, 0])) as Record<
    RiskLevel,
    number
  >;
  for (const picture of municipalities) perLevel[picture.level] += 1;

  return {
    riecRegion,
    asOf,
    score,
    level: highestRiskLevel(municipalities.map((picture) => picture.level)),
    trend: {
      previousScore,
      previousLevel: highestRiskLevel(municipalities.map((picture) => picture.trend.previousLevel)),
      direction: trendDirection(score, previousScore, config.trend.tolerance),
    },
    counts: mapWindows((_, window) =>
      sumCategoryCounts(municipalities.map((p) => p.counts[window])),
    ),
    subcategoryCounts: mapWindows((_, window) =>
      sumSubcategoryCounts(municipalities.map((p) => p.subcategoryCounts[window])),
    ),
    aangifte: { filed, eligible, rate: eligible === 0 ? null : filed / eligible },
    lastSignalAt: latest(municipalities.map((picture) => picture.lastSignalAt)),
    liveSignals: municipalities.reduce((sum, picture) => sum + picture.liveSignals, 0),
    municipalitiesPerLevel: perLevel,
    municipalities: [...municipalities].sort(byRisk),
  };
}

/**
 * Highest risk first. Compared as shown (rounded): two municipalities that both read 12.35 are
 * listed by code, as a reader of the list expects, not by an invisible third decimal.
 */
export function byRisk(a: MunicipalityRisk, b: MunicipalityRisk): number {
  const byScore = roundScore(b.score) - roundScore(a.score);
  if (byScore !== 0) return byScore;
  const byLevel = compareRiskLevels(b.level, a.level);
  if (byLevel !== 0) return byLevel;
  return a.municipality < b.municipality ? -1 : a.municipality > b.municipality ? 1 : 0;
}

function sumCategoryCounts(list: readonly CategoryCounts[]): CategoryCounts {
  const total = emptyCategoryCounts();
  for (const counts of list) for (const category of CATEGORIES) total[category] += counts[category];
  return total;
}

function sumSubcategoryCounts(list: readonly SubcategoryCounts[]): SubcategoryCounts {
  const total = emptySubcategoryCounts();
  for (const counts of list) {
    for (const category of CATEGORIES) {
      const into: Record<string, number> = total[category];
      const from: Record<string, number> = counts[category];
      for (const subcategory of SUBCATEGORIES[category]) into[subcategory] += from[subcategory];
    }
  }
  return total;
}

function latest(dates: readonly (Date | null)[]): Date | null {
  let max: Date | null = null;
  for (const date of dates) if (date !== null && (max === null || date > max)) max = date;
  return max === null ? null : new Date(max.getTime());
}
