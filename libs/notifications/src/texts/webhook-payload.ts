// The JSON body of the signed webhook: the escalation's summary fields only, in the envelope
// Standard Webhooks recommends ({type, timestamp, data}).
import type { EscalationNotice } from '../messages/message.types';

export function escalationWebhookPayload(notice: EscalationNotice): Record<string, unknown> {
  return {
    type: notice.kind === 'RAISED' ? 'escalation.raised' : 'escalation.updated',
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
