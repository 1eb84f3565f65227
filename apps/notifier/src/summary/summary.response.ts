// The burgemeester's summary on the wire (SPEC §6), for the OpenAPI document: exactly the
// MayorSummary the service builds, which has no room for subjects, descriptions, notes or
// TLP:RED details. The class names are the summary's own, apart from the risk picture's DTOs.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ESCALATION_OUTCOMES,
  ESCALATION_STATUSES,
  RISK_LEVELS,
  TREND_DIRECTIONS,
} from '@weerbaar/domain';

class SummaryCategoryCountsDto {
  @ApiProperty() THREAT!: number;
  @ApiProperty() BRIBERY!: number;
  @ApiProperty() INFILTRATION!: number;
}

class SummaryWindowCountsDto {
  @ApiProperty({ description: 'Live signals that occurred in the last 30 days' })
  d30!: SummaryCategoryCountsDto;
  @ApiProperty({ description: 'Live signals that occurred in the last 90 days' })
  d90!: SummaryCategoryCountsDto;
  @ApiProperty({ description: 'Live signals that occurred in the last 365 days' })
  d365!: SummaryCategoryCountsDto;
}

class SummaryAangifteDto {
  @ApiProperty({ description: 'Live THREAT and BRIBERY signals with a police report filed' })
  filed!: number;
  @ApiProperty({ description: 'Live THREAT and BRIBERY signals' }) eligible!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'filed / eligible; null when none' })
  rate!: number | null;
}

class SummaryRiskDto {
  @ApiProperty({ enum: RISK_LEVELS }) level!: string;
  @ApiProperty({ enum: RISK_LEVELS, description: 'The level trendDays before, as known then' })
  previousLevel!: string;
  @ApiProperty({ description: 'How many days back the trend compares' }) trendDays!: number;
  @ApiProperty({ enum: TREND_DIRECTIONS }) trend!: string;
  @ApiProperty() counts!: SummaryWindowCountsDto;
  @ApiProperty() aangifte!: SummaryAangifteDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSignalAt!: string | null;
}

class SummaryMunicipalityDto {
  @ApiProperty({ example: 'GM0363' }) code!: string;
  @ApiProperty({ example: 'Amsterdam' }) name!: string;
}

class SummaryRiecContactDto {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ description: 'Absent when the contact has no phone number' })
  phone?: string;
}

class SummaryRiecDto {
  @ApiProperty({ example: 'amsterdam' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [SummaryRiecContactDto], description: 'Whom to call at the RIEC' })
  contacts!: SummaryRiecContactDto[];
}

class SummaryEscalationDto {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, enum: ESCALATION_OUTCOMES, nullable: true })
  outcome!: string | null;
  @ApiProperty({
    description: 'Contributing signals per category that the burgemeester may count',
  })
  signalCounts!: SummaryCategoryCountsDto;
}

export class MayorSummaryResponse {
  @ApiProperty() municipality!: SummaryMunicipalityDto;
  @ApiProperty() riec!: SummaryRiecDto;
  @ApiProperty({ format: 'date-time', description: 'The moment the summary describes' })
  generatedAt!: string;
  @ApiProperty() risk!: SummaryRiskDto;
  @ApiProperty({
    type: [SummaryEscalationDto],
    description: 'Open escalations first, then those closed in the last 90 days',
  })
  escalations!: SummaryEscalationDto[];
}
