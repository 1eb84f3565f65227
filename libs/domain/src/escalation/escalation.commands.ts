// Commands of the Escalation aggregate: raised and updated by the rule engine (with the rule's
// clock as `now`), acknowledged by an analyst.
import type { CommandMetadata } from '../shared/command-metadata';
import type { EscalationRaised, EscalationUpdated } from './escalation.events';

export interface RaiseEscalation {
  type: 'RaiseEscalation';
  data: EscalationRaised['data'];
  metadata: CommandMetadata;
}

export interface UpdateEscalation {
  type: 'UpdateEscalation';
  /** `contributingSignalIds` is derived by the decider from the state and the added ids. */
  data: Omit<EscalationUpdated['data'], 'contributingSignalIds'>;
  metadata: CommandMetadata;
}

export interface AcknowledgeEscalation {
  type: 'AcknowledgeEscalation';
  data: { escalationId: string };
  /** `actor` is the analyst who acknowledges; `now` is when. */
  metadata: CommandMetadata;
}

export type EscalationCommand = RaiseEscalation | UpdateEscalation | AcknowledgeEscalation;
