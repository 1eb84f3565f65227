// The JSON body of the signed escalation webhook: the escalation's summary fields only, in the
// {type, timestamp, data} envelope that Standard Webhooks recommends. Like the RIEC's e-mail it
// carries no signal, subject or description; the receiver follows caseUrl for the details.
import type { EscalationNotice } from './message.types';

export type EscalationWebhookType = 'escalation.raised' | 'escalation.updated';

/** The webhook's body for an escalation notice. */
export function escalationWebhookPayload(notice: EscalationNotice): Record<string, unknown> {
  const type: EscalationWebhookType =
    notice.kind === 'RAISED' ? 'escalation.raised' : 'escalation.updated';
  return {
    type,
    timestamp: notice.raisedAt,
    data: {
      escalationId: notice.escalationId,
      revision: notice.revision,
      ruleId: notice.ruleId,
      ruleVersion: notice.ruleVersion,
      municipality: notice.municipality.code,
      municipalityName: notice.municipality.name,
      riecRegion: notice.riecRegion.id,
      severity: notice.severity,
      explanation: notice.explanation,
      contributingSignalCount: notice.contributingSignalCount,
      raisedAt: notice.raisedAt,
      caseUrl: notice.caseUrl,
    },
  };
}
