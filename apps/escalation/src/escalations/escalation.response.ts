// Escalations on the wire: an analyst sees the whole case; a burgemeester the summary fields only,
// with an explanation written from the signals they may count and never the analysts' work.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_CHANNELS,
  ESCALATION_OUTCOMES,
  ESCALATION_SEVERITIES,
  ESCALATION_STATUSES,
} from '@weerbaar/domain';
import type { EscalationViewEntity, SignalVersionEntity } from '@weerbaar/read-models';

export class EscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ example: 'threat-cluster' }) ruleId!: string;
  @ApiProperty({ description: 'The version of the rule set that raised it' }) ruleVersion!: number;
  @ApiProperty({ example: 'GM0363' }) municipality!: string;
  @ApiProperty({ example: 'amsterdam' }) riecRegion!: string;
  @ApiProperty({ enum: ESCALATION_SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiProperty({ description: 'Plain Dutch; counts only, never personal data' })
  explanation!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Analysts only' })
  acknowledgedBy?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Analysts only' })
  assignee?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Analysts only' })
  closedBy?: string | null;
  @ApiProperty({ type: String, enum: ESCALATION_OUTCOMES, nullable: true })
  outcome!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Analysts only: the subject fingerprint of a cross-municipality-subject escalation',
  })
  subjectFingerprint?: string | null;
  @ApiProperty({ description: 'Stream revision (the ETag)' }) revision!: number;
  @ApiProperty({
    type: [String],
    description: 'For a burgemeester only the signals they may count',
  })
  contributingSignalIds!: string[];
}

export class EscalationListResponse {
  @ApiProperty({ type: [EscalationView] }) items!: EscalationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

class ContributingSignalView {
  @ApiProperty({ format: 'uuid' }) signalId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() subcategory!: string;
  @ApiProperty() severity!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() status!: string;
  @ApiProperty() classification!: string;
}

class NoteView {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class DeliveryAttemptView {
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] }) outcome!: string;
  @ApiProperty({ description: 'e.g. "HTTP 500", "timeout", "250 OK"' }) detail!: string;
}

class DeliveryView {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: string;
  @ApiProperty({ enum: ['RIEC_EMAIL', 'RIEC_WEBHOOK', 'MAYOR_SUMMARY', 'MAYOR_DIGEST'] })
  kind!: string;
  @ApiProperty({ description: 'An e-mail address or a webhook URL' }) recipient!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The escalation revision it carried' })
  revision!: number | null;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'FAILED', 'SKIPPED'] }) status!: string;
  @ApiProperty({ type: [DeliveryAttemptView] }) attempts!: DeliveryAttemptView[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When pending' })
  nextAttemptAt!: string | null;
}

class HistoryEntryView {
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'EscalationRaised' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'Who (analysts only)' }) by?: string;
  @ApiProperty({ description: 'What happened, in a few words' }) summary!: string;
}

export class EscalationDetailView extends EscalationView {
  @ApiPropertyOptional({ type: [ContributingSignalView], description: 'Analysts only' })
  contributingSignals?: ContributingSignalView[];
  @ApiPropertyOptional({ type: [NoteView], description: 'Analysts only (personal data)' })
  notes?: NoteView[];
  @ApiProperty({ type: [DeliveryView], description: 'Empty for a burgemeester' })
  deliveries!: DeliveryView[];
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
}

export class CaseCommandResponse {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiProperty() revision!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'For a note: its id' }) noteId?: string;
}

/** The escalation as an analyst sees it. */
export function toAnalystView(row: EscalationViewEntity): EscalationView {
  return {
    ...toSummaryFields(row),
    explanation: row.explanation,
    acknowledgedBy: row.acknowledgedBy,
    assignee: row.assignee,
    closedBy: row.closedBy,
    subjectFingerprint: row.subjectFingerprint,
    contributingSignalIds: row.contributingSignalIds,
  };
}

/** The escalation as a burgemeester sees it: their explanation, their signals, no names. */
export function toMayorView(
  row: EscalationViewEntity,
  explanation: string,
  visibleSignalIds: ReadonlySet<string>,
): EscalationView {
  return {
    ...toSummaryFields(row),
    explanation,
    contributingSignalIds: row.contributingSignalIds.filter((id) => visibleSignalIds.has(id)),
  };
}

function toSummaryFields(row: EscalationViewEntity) {
  return {
    escalationId: row.escalationId,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    municipality: row.municipality,
    riecRegion: row.riecRegion,
    severity: row.severity,
    status: row.status,
    raisedAt: row.raisedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    outcome: row.outcome,
    revision: row.revision,
  };
}

/** The facts of contributing signals, for analysts (never personal data). */
export function toContributingSignal(row: SignalVersionEntity): ContributingSignalView {
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
