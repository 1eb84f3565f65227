// Events of the Escalation aggregate (stream `escalation-<escalationId>`).

export const ESCALATION_SEVERITIES = ['MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type EscalationSeverity = (typeof ESCALATION_SEVERITIES)[number];

export interface EscalationRaised {
  type: 'EscalationRaised';
  data: {
    escalationId: string;
    ruleId: string;
    ruleVersion: number;
    municipality: string;
    riecRegion: string;
    contributingSignalIds: string[];
    /** Plain-language explanation in Dutch; never personal data or free text of a signal. */
    explanation: string;
    severity: EscalationSeverity;
    /** The recorded time of the event that made the rule fire (the rule's clock). */
    raisedAt: string;
    /** Event id of the event that made the rule fire. */
    triggeredByEventId: string;
  };
}

export interface EscalationUpdated {
  type: 'EscalationUpdated';
  data: {
    escalationId: string;
    addedSignalIds: string[];
    contributingSignalIds: string[];
    explanation: string;
    updatedAt: string;
    triggeredByEventId: string;
  };
}

export interface EscalationAcknowledged {
  type: 'EscalationAcknowledged';
  data: { escalationId: string; acknowledgedBy: string; acknowledgedAt: string };
}

export type EscalationEvent = EscalationRaised | EscalationUpdated | EscalationAcknowledged;
export type EscalationEventType = EscalationEvent['type'];

export const ESCALATION_EVENT_TYPES: readonly EscalationEventType[] = [
  'EscalationRaised',
  'EscalationUpdated',
  'EscalationAcknowledged',
];

export const escalationStreamId = (escalationId: string): string => `escalation-${escalationId}`;
