// What the rules share: the keys of the engine's indexes, the places of a municipality, and how
// a decision is recorded in the state so that the engine remembers what it decided.
import type { EscalationRaised } from '@weerbaar/domain';
import { escalationIdFor } from '../escalation-id';
import {
  type EscalationDecision,
  type MunicipalityDirectory,
  RULE_ENGINE_ACTOR,
  type RuleEngineState,
  type SignalChange,
} from '../rule-engine.types';

export const ruleMunicipalityKey = (ruleId: string, municipality: string): string =>
  `${ruleId}|${municipality}`;

export interface Places {
  name: string;
  riecRegion: string;
}

export function placesOf(directory: MunicipalityDirectory, municipality: string): Places {
  const riecRegion = directory.riecRegionOf(municipality);
  // Signals are validated against the same reference data; a miss means the two disagree
  // (an outdated copy), and routing an escalation nowhere would be worse than stopping.
  if (riecRegion === undefined) {
    throw new Error(
      `No RIEC region for municipality ${municipality}: is the reference data current?`,
    );
  }
  return { name: directory.municipalityName(municipality) ?? municipality, riecRegion };
}

/** A RaiseEscalation decision, and the state that remembers it as open. */
export function raise(
  state: RuleEngineState,
  change: SignalChange,
  data: Omit<EscalationRaised['data'], 'escalationId' | 'raisedAt' | 'triggeredByEventId'>,
): { state: RuleEngineState; decision: EscalationDecision } {
  const escalationId = escalationIdFor(data.ruleId, data.municipality, change.eventId);
  const decision: EscalationDecision = {
    type: 'RaiseEscalation',
    data: {
      escalationId,
      ...data,
      raisedAt: change.recordedAt.toISOString(),
      triggeredByEventId: change.eventId,
    },
    metadata: { now: change.recordedAt, actor: RULE_ENGINE_ACTOR },
  };
  return {
    decision,
    state: {
      ...state,
      escalations: state.escalations.set(escalationId, {
        escalationId,
        ruleId: data.ruleId,
        municipality: data.municipality,
        status: 'OPEN',
        contributingSignalIds: data.contributingSignalIds,
        seenInLog: false,
      }),
    },
  };
}
