// A back-test's report on the wire, for the OpenAPI document: exactly the BacktestReport the
// service builds (what the rule set would have raised, and the difference with the live sets).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_SEVERITIES } from '@weerbaar/domain';

class BacktestRuleSetDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The stored version tested; null for the live sets or a set given in full',
  })
  version!: number | null;
  @ApiProperty({ description: 'Whether the live rule sets were replayed (no rule set given)' })
  live!: boolean;
}

class BacktestEscalationDto {
  @ApiProperty({ format: 'uuid', description: 'The id the live engine gives the same escalation' })
  escalationId!: string;
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty() ruleVersion!: number;
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty({ example: 'amsterdam' }) riecRegion!: string;
  @ApiProperty({ enum: ESCALATION_SEVERITIES }) severity!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ description: 'Plain Dutch; counts only, never personal data' })
  explanation!: string;
  @ApiProperty({ type: [String] }) contributingSignalIds!: string[];
  @ApiPropertyOptional({ description: 'For a cross-municipality-subject escalation' })
  subjectFingerprint?: string;
}

class BacktestLiveEscalationDto {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
}

class BacktestRuleComparisonDto {
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty({ description: 'Raised by the back-test' }) backtest!: number;
  @ApiProperty({ description: 'Raised live' }) live!: number;
  @ApiProperty({ description: 'Raised by both' }) inBoth!: number;
}

class BacktestComparisonDto {
  @ApiProperty({ description: 'Escalations the back-test raised' }) backtest!: number;
  @ApiProperty({ description: 'Escalations the live rule sets raised in the window' })
  live!: number;
  @ApiProperty({ description: 'Escalations raised by both' }) inBoth!: number;
  @ApiProperty({
    type: [String],
    description: 'Ids of the escalations only the back-test raised (see escalations)',
  })
  onlyInBacktest!: string[];
  @ApiProperty({ type: [BacktestLiveEscalationDto], description: 'Raised live only' })
  onlyInLive!: BacktestLiveEscalationDto[];
  @ApiProperty({ type: [BacktestRuleComparisonDto] }) perRule!: BacktestRuleComparisonDto[];
}

export class BacktestReportDto {
  @ApiProperty() ruleSet!: BacktestRuleSetDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The region reported on; null: every region',
  })
  riecRegion!: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'Events of the log replayed' }) eventsReplayed!: number;
  @ApiProperty({
    type: [BacktestEscalationDto],
    description: 'What the rule set would have escalated in the window',
  })
  escalations!: BacktestEscalationDto[];
  @ApiProperty() comparison!: BacktestComparisonDto;
}
