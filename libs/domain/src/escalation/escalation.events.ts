// Events of the Escalation aggregate (stream `escalation-<escalationId>`): raised and updated by
// the rule engine, worked as a case by analysts, and delivered by the notifier.

export const ESCALATION_SEVERITIES = ['MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type EscalationSeverity = (typeof ESCALATION_SEVERITIES)[number];

/** How an analyst closes a case; kept for tuning the rules (SPEC §5). */
export const ESCALATION_OUTCOMES = [
  'RISK_CONFIRMED',
  'VALUABLE',
  'FALSE_POSITIVE',
  'MERGED',
] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

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
    /** The subject fingerprint a cross-municipality-subject escalation is about. */
    subjectFingerprint?: string;
  };
}

export interface EscalationUpdated {
  type: 'EscalationUpdated';
  data: {
    escalationId: string;
    addedSignalIds: string[];
    /**
     * Every contributing signal after the update: only in events written before the added ids
     * alone were recorded (a case open for years would otherwise repeat its whole list in every
     * update). Readers add `addedSignalIds` to what they had.
     */
    contributingSignalIds?: string[];
    explanation: string;
    updatedAt: string;
    triggeredByEventId: string;
  };
}

export interface EscalationAcknowledged {
  type: 'EscalationAcknowledged';
  data: { escalationId: string; acknowledgedBy: string; acknowledgedAt: string };
}

export interface EscalationAssigned {
  type: 'EscalationAssigned';
  data: { escalationId: string; assignee: string; assignedBy: string; assignedAt: string };
}

/** A note of an analyst on the case: personal data (never in logs, never for the burgemeester). */
export interface EscalationNoted {
  type: 'EscalationNoted';
  data: { escalationId: string; noteId: string; text: string; notedBy: string; notedAt: string };
}

export interface EscalationClosed {
  type: 'EscalationClosed';
  data: {
    escalationId: string;
    outcome: EscalationOutcome;
    note: string;
    closedBy: string;
    closedAt: string;
  };
}

/** What one delivery was about and to whom. */
export interface DeliveryFacts {
  escalationId: string;
  /** Unique per (escalation, revision delivered, channel, recipient): the receiver's idempotency key. */
  deliveryId: string;
  channel: DeliveryChannel;
  /** An e-mail address or a webhook URL. */
  recipient: string;
  /** The escalation revision the delivery carried (0 = raised). */
  revision: number;
  attempts: number;
}

export interface EscalationNotified {
  type: 'EscalationNotified';
  data: DeliveryFacts & { deliveredAt: string };
}

export interface EscalationDeliveryFailed {
  type: 'EscalationDeliveryFailed';
  /** `reason` says what went wrong in words that hold no secret (a status code, a timeout). */
  data: DeliveryFacts & { failedAt: string; reason: string };
}

export type EscalationEvent =
  | EscalationRaised
  | EscalationUpdated
  | EscalationAcknowledged
  | EscalationAssigned
  | EscalationNoted
  | EscalationClosed
  | EscalationNotified
  | EscalationDeliveryFailed;
export type EscalationEventType = EscalationEvent['type'];

export const ESCALATION_EVENT_TYPES: readonly EscalationEventType[] = [
  'EscalationRaised',
  'EscalationUpdated',
  'EscalationAcknowledged',
  'EscalationAssigned',
  'EscalationNoted',
  'EscalationClosed',
  'EscalationNotified',
  'EscalationDeliveryFailed',
];

export const escalationStreamId = (escalationId: string): string => `escalation-${escalationId}`;
