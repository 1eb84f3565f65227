// The risk picture of a RIEC region on the wire: its aggregate and its municipalities' pictures
// (without subcategory counts), highest risk first.
import { ApiProperty } from '@nestjs/swagger';
import { RISK_LEVELS, TREND_DIRECTIONS } from '@weerbaar/domain';
import { AangifteRateDto, MunicipalityRiskView, WindowCountsDto } from './risk-picture.response';

class RegionTrendDto {
  @ApiProperty({ description: "The sum of the municipalities' scores 90 days before asOf" })
  previousScore!: number;
  @ApiProperty({
    enum: RISK_LEVELS,
    description: 'The highest level of its municipalities 90 days before asOf',
  })
  previousLevel!: string;
  @ApiProperty({ enum: TREND_DIRECTIONS }) direction!: string;
}

class MunicipalitiesPerLevelDto {
  @ApiProperty() LOW!: number;
  @ApiProperty() ELEVATED!: number;
  @ApiProperty() HIGH!: number;
  @ApiProperty() CRITICAL!: number;
}

export class RegionRiskView {
  @ApiProperty({ example: 'amsterdam' }) riecRegion!: string;
  @ApiProperty({ example: 'RIEC Amsterdam-Amstelland' }) name!: string;
  @ApiProperty({ description: "The sum of the municipalities' scores, 2 decimals" })
  score!: number;
  @ApiProperty({ enum: RISK_LEVELS, description: 'The highest level of its municipalities' })
  level!: string;
  @ApiProperty() trend!: RegionTrendDto;
  @ApiProperty() counts!: WindowCountsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Per window, category and subcategory',
  })
  subcategoryCounts!: Record<string, unknown>;
  @ApiProperty() aangifte!: AangifteRateDto;
  @ApiProperty({ description: 'Open escalations of all its municipalities' })
  openEscalations!: number;
  @ApiProperty({ type: String, nullable: true }) lastSignalAt!: string | null;
  @ApiProperty() liveSignals!: number;
  @ApiProperty({ description: 'How many of its municipalities are at each level' })
  municipalitiesPerLevel!: MunicipalitiesPerLevelDto;
  @ApiProperty({
    type: [MunicipalityRiskView],
    description: 'Its municipalities by score, high to low, then by code (no subcategoryCounts)',
  })
  municipalities!: MunicipalityRiskView[];
  @ApiProperty() asOf!: string;
}
