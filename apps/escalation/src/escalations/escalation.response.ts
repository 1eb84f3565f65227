// Escalations on the wire: analysts see the case, a burgemeester the summary fields only.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_SEVERITIES, ESCALATION_STATUSES } from '@weerbaar/domain';
import type { EscalationViewEntity, SignalVersionEntity } from '@weerbaar/read-models';
import type { Principal } from '@weerbaar/security';

export class EscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty() ruleVersion!: number;
  @ApiProperty() municipality!: string;
  @ApiProperty() riecRegion!: string;
  @ApiProperty({ enum: ESCALATION_SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiProperty({ description: 'Plain Dutch; counts only, never personal data' })
  explanation!: string;
  @ApiProperty() raisedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Analysts only' })
  acknowledgedBy?: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: [String] }) contributingSignalIds!: string[];
}

export class EscalationListResponse {
  @ApiProperty({ type: [EscalationView] }) items!: EscalationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export function toEscalationView(row: EscalationViewEntity, principal: Principal): EscalationView {
  return {
    escalationId: row.escalationId,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    municipality: row.municipality,
    riecRegion: row.riecRegion,
    severity: row.severity,
    status: row.status,
    explanation: row.explanation,
    raisedAt: row.raisedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    ...(principal.role === 'analyst' ? { acknowledgedBy: row.acknowledgedBy } : {}),
    revision: row.revision,
    contributingSignalIds: row.contributingSignalIds,
  };
}

/** The facts of contributing signals, for analysts (never personal data). */
export function toContributingSignal(row: SignalVersionEntity) {
  return {
    signalId: row.signalId,
    category: row.category,
    subcategory: row.subcategory,
    severity: row.severity,
    occurredAt: row.occurredAt.toISOString(),
    status: row.status,
    classification: row.classification,
  };
}
