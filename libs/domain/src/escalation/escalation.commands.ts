// Commands of the Escalation aggregate: raised and updated by the rule engine (with the rule's
// clock as `now`), worked by analysts, and their deliveries recorded by the notifier.
import type { CommandMetadata } from '../shared/command-metadata';
import type {
  DeliveryFacts,
  EscalationOutcome,
  EscalationRaised,
  EscalationUpdated,
} from './escalation.events';

export interface RaiseEscalation {
  type: 'RaiseEscalation';
  data: EscalationRaised['data'];
  metadata: CommandMetadata;
}

export interface UpdateEscalation {
  type: 'UpdateEscalation';
  data: Omit<EscalationUpdated['data'], 'contributingSignalIds'>;
  metadata: CommandMetadata;
}

/** Commands of an analyst: `metadata.actor` is who, `metadata.now` is when. */
export interface AcknowledgeEscalation {
  type: 'AcknowledgeEscalation';
  data: { escalationId: string };
  metadata: CommandMetadata;
}

export interface AssignEscalation {
  type: 'AssignEscalation';
  data: { escalationId: string; assignee: string };
  metadata: CommandMetadata;
}

export interface AddEscalationNote {
  type: 'AddEscalationNote';
  data: { escalationId: string; noteId: string; text: string };
  metadata: CommandMetadata;
}

export interface CloseEscalation {
  type: 'CloseEscalation';
  data: { escalationId: string; outcome: EscalationOutcome; note: string };
  metadata: CommandMetadata;
}

/** The notifier's record of one delivery's final outcome. */
export interface RecordDelivery {
  type: 'RecordDelivery';
  data:
    | (DeliveryFacts & { outcome: 'DELIVERED' })
    | (DeliveryFacts & { outcome: 'FAILED'; reason: string });
  metadata: CommandMetadata;
}

export type EscalationCommand =
  | RaiseEscalation
  | UpdateEscalation
  | AcknowledgeEscalation
  | AssignEscalation
  | AddEscalationNote
  | CloseEscalation
  | RecordDelivery;
