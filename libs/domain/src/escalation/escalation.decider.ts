// The Escalation aggregate as a pure decider: an escalation is raised once per id, collects
// contributing signals while it is open, and is acknowledged by an analyst (SPEC §5).
import { ConflictError, NotFoundError } from '../errors';
import type {
  AcknowledgeEscalation,
  EscalationCommand,
  RaiseEscalation,
  UpdateEscalation,
} from './escalation.commands';
import type { EscalationEvent, EscalationRaised, EscalationSeverity } from './escalation.events';

/** OPEN and ACKNOWLEDGED both count as open for the rules: there is no close yet. */
export const ESCALATION_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export interface NoEscalation {
  status: 'NOT_RAISED';
}

export interface RaisedEscalation {
  status: EscalationStatus;
  escalationId: string;
  ruleId: string;
  ruleVersion: number;
  municipality: string;
  riecRegion: string;
  severity: EscalationSeverity;
  contributingSignalIds: string[];
  /** The latest explanation (an update rewrites it with the new counts). */
  explanation: string;
  raisedAt: string;
  triggeredByEventId: string;
  updatedAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

export type EscalationState = NoEscalation | RaisedEscalation;

export const initialEscalationState = (): EscalationState => ({ status: 'NOT_RAISED' });

export function evolveEscalation(state: EscalationState, event: EscalationEvent): EscalationState {
  switch (event.type) {
    case 'EscalationRaised': {
      const { data } = event;
      return {
        status: 'OPEN',
        escalationId: data.escalationId,
        ruleId: data.ruleId,
        ruleVersion: data.ruleVersion,
        municipality: data.municipality,
        riecRegion: data.riecRegion,
        severity: data.severity,
        contributingSignalIds: data.contributingSignalIds,
        explanation: data.explanation,
        raisedAt: data.raisedAt,
        triggeredByEventId: data.triggeredByEventId,
      };
    }
    case 'EscalationUpdated':
      // Events are facts: one that cannot apply (a corrupt stream) is skipped, not fatal.
      if (state.status === 'NOT_RAISED') return state;
      return {
        ...state,
        contributingSignalIds: event.data.contributingSignalIds,
        explanation: event.data.explanation,
        updatedAt: event.data.updatedAt,
      };
    case 'EscalationAcknowledged':
      if (state.status === 'NOT_RAISED') return state;
      return {
        ...state,
        status: 'ACKNOWLEDGED',
        acknowledgedBy: event.data.acknowledgedBy,
        acknowledgedAt: event.data.acknowledgedAt,
      };
  }
}

export function decideEscalation(
  command: EscalationCommand,
  state: EscalationState,
): EscalationEvent[] {
  switch (command.type) {
    case 'RaiseEscalation':
      return decideRaise(command, state);
    case 'UpdateEscalation':
      return decideUpdate(command, requireRaised(state, command.data.escalationId));
    case 'AcknowledgeEscalation':
      return decideAcknowledge(command, requireRaised(state, command.data.escalationId));
  }
}

export const escalationDecider = {
  decide: decideEscalation,
  evolve: evolveEscalation,
  initialState: initialEscalationState,
};

/**
 * Escalation ids are derived from rule, municipality and triggering event, so a raise that
 * comes again (a redelivery, a replay of the log) names an escalation that exists: nothing to
 * do. The explanation's wording may differ after an upgrade; it does not make it another
 * escalation. Another rule, municipality or trigger under the same id is a real conflict.
 */
function decideRaise(command: RaiseEscalation, state: EscalationState): EscalationEvent[] {
  const { data } = command;
  if (state.status === 'NOT_RAISED') {
    const event: EscalationRaised = { type: 'EscalationRaised', data };
    return [event];
  }
  const sameEscalation =
    state.ruleId === data.ruleId &&
    state.municipality === data.municipality &&
    state.triggeredByEventId === data.triggeredByEventId;
  if (sameEscalation) return [];
  throw new ConflictError(
    'ESCALATION_EXISTS_WITH_OTHER_CONTENT',
    `Escalation ${data.escalationId} already exists for another rule, municipality or trigger`,
  );
}

/** Adds the signals that do not contribute yet; when all do already, nothing happens. */
function decideUpdate(command: UpdateEscalation, state: RaisedEscalation): EscalationEvent[] {
  const known = new Set(state.contributingSignalIds);
  const added = [...new Set(command.data.addedSignalIds)].filter((id) => !known.has(id));
  if (added.length === 0) return [];
  return [
    {
      type: 'EscalationUpdated',
      data: {
        escalationId: state.escalationId,
        addedSignalIds: added,
        contributingSignalIds: [...state.contributingSignalIds, ...added],
        explanation: command.data.explanation,
        updatedAt: command.data.updatedAt,
        triggeredByEventId: command.data.triggeredByEventId,
      },
    },
  ];
}

/** Acknowledging twice is not an error: two analysts clicking at once both get what they want. */
function decideAcknowledge(
  command: AcknowledgeEscalation,
  state: RaisedEscalation,
): EscalationEvent[] {
  if (state.status === 'ACKNOWLEDGED') return [];
  return [
    {
      type: 'EscalationAcknowledged',
      data: {
        escalationId: state.escalationId,
        acknowledgedBy: command.metadata.actor,
        acknowledgedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function requireRaised(state: EscalationState, escalationId: string): RaisedEscalation {
  if (state.status === 'NOT_RAISED') throw new NotFoundError('escalation', escalationId);
  return state;
}
