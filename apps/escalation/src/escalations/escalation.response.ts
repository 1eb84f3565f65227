// Escalations on the wire: analysts see the case, a burgemeester the summary fields only.
import type { EscalationViewEntity, SignalVersionEntity } from '@weerbaar/read-models';
import type { Principal } from '@weerbaar/security';

export interface EscalationView {
  escalationId: string;
  ruleId: string;
  ruleVersion: number;
  municipality: string;
  riecRegion: string;
  severity: string;
  status: string;
  explanation: string;
  raisedAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy?: string | null;
  revision: number;
  contributingSignalIds: string[];
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
