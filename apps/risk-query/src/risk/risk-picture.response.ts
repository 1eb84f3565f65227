// The risk picture of a municipality on the wire (API.md § Risk picture).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type MunicipalityRisk, RISK_LEVELS, roundScore, TREND_DIRECTIONS } from '@weerbaar/domain';

export class CategoryCountsDto {
  @ApiProperty() THREAT!: number;
  @ApiProperty() BRIBERY!: number;
  @ApiProperty() INFILTRATION!: number;
}

export class WindowCountsDto {
  @ApiProperty({ description: 'Live signals that occurred in the 30 days up to asOf' })
  d30!: CategoryCountsDto;
  @ApiProperty() d90!: CategoryCountsDto;
  @ApiProperty() d365!: CategoryCountsDto;
}

class TrendDto {
  @ApiProperty() previousAsOf!: string;
  @ApiProperty({ description: 'The score 90 days before asOf, as known then' })
  previousScore!: number;
  @ApiProperty({ enum: RISK_LEVELS }) previousLevel!: string;
  @ApiProperty({ enum: TREND_DIRECTIONS }) direction!: string;
}

export class AangifteRateDto {
  @ApiProperty({ description: 'Live THREAT and BRIBERY signals with a police report filed' })
  filed!: number;
  @ApiProperty({ description: 'Live THREAT and BRIBERY signals' }) eligible!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'filed / eligible; null when none' })
  rate!: number | null;
}

export class MunicipalityRiskView {
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty() name!: string;
  @ApiProperty() riecRegion!: string;
  @ApiProperty({ description: 'Σ categoryWeight × severity × 0.5^(ageDays/90), 2 decimals' })
  score!: number;
  @ApiProperty({ enum: RISK_LEVELS }) level!: string;
  @ApiProperty() trend!: TrendDto;
  @ApiProperty() counts!: WindowCountsDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Per window, category and subcategory (not for burgemeester)',
  })
  subcategoryCounts?: MunicipalityRisk['subcategoryCounts'];
  @ApiProperty() aangifte!: AangifteRateDto;
  @ApiProperty() openEscalations!: number;
  @ApiProperty({ type: String, nullable: true }) lastSignalAt!: string | null;
  @ApiProperty() liveSignals!: number;
  @ApiProperty() asOf!: string;
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
