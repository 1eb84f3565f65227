// The Escalation aggregate as a pure decider (SPEC §5): raised once per id, it collects
// contributing signals while it is open; it is the analyst's case — acknowledged, assigned,
// annotated and closed with a disposition — and it remembers how it was delivered.
import { ConflictError, NotFoundError } from '../errors';
import type {
  AcknowledgeEscalation,
  AddEscalationNote,
  AssignEscalation,
  CloseEscalation,
  EscalationCommand,
  RaiseEscalation,
  RecordDelivery,
  UpdateEscalation,
} from './escalation.commands';
import type {
  EscalationEvent,
  EscalationOutcome,
  EscalationRaised,
  EscalationSeverity,
} from './escalation.events';

/** OPEN and ACKNOWLEDGED are open cases: the rules add to them. CLOSED frees the rule's slot. */
export const ESCALATION_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'] as const;
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
  subjectFingerprint?: string;
  updatedAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  assignee?: string;
  closed?: { outcome: EscalationOutcome; note: string; closedBy: string; closedAt: string };
  /** Note ids, so that a retried note is not added twice. */
  noteIds: string[];
  /** Delivery ids whose final outcome is recorded. */
  recordedDeliveryIds: string[];
}

export type EscalationState = NoEscalation | RaisedEscalation;

export const initialEscalationState = (): EscalationState => ({ status: 'NOT_RAISED' });

export function evolveEscalation(state: EscalationState, event: EscalationEvent): EscalationState {
  if (event.type === 'EscalationRaised') {
    const { data } = event;
    const raised: RaisedEscalation = {
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
      noteIds: [],
      recordedDeliveryIds: [],
    };
    if (data.subjectFingerprint !== undefined) raised.subjectFingerprint = data.subjectFingerprint;
    return raised;
  }
  // Events are facts: one that cannot apply (a corrupt stream) is skipped, not fatal.
  if (state.status === 'NOT_RAISED') return state;
  switch (event.type) {
    case 'EscalationUpdated':
      return {
        ...state,
        contributingSignalIds: withAdded(state.contributingSignalIds, event.data),
        explanation: event.data.explanation,
        updatedAt: event.data.updatedAt,
      };
    case 'EscalationAcknowledged':
      return {
        ...state,
        status: state.status === 'CLOSED' ? 'CLOSED' : 'ACKNOWLEDGED',
        acknowledgedBy: event.data.acknowledgedBy,
        acknowledgedAt: event.data.acknowledgedAt,
      };
    case 'EscalationAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'EscalationNoted':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    case 'EscalationClosed': {
      const { outcome, note, closedBy, closedAt } = event.data;
      return { ...state, status: 'CLOSED', closed: { outcome, note, closedBy, closedAt } };
    }
    case 'EscalationNotified':
    case 'EscalationDeliveryFailed':
      return {
        ...state,
        recordedDeliveryIds: [...state.recordedDeliveryIds, event.data.deliveryId],
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
      return decideAcknowledge(command, requireOpen(state, command.data.escalationId));
    case 'AssignEscalation':
      return decideAssign(command, requireOpen(state, command.data.escalationId));
    case 'AddEscalationNote':
      return decideNote(command, requireRaised(state, command.data.escalationId));
    case 'CloseEscalation':
      return decideClose(command, requireOpen(state, command.data.escalationId));
    case 'RecordDelivery':
      return decideDelivery(command, requireRaised(state, command.data.escalationId));
  }
}

export const escalationDecider = {
  decide: decideEscalation,
  evolve: evolveEscalation,
  initialState: initialEscalationState,
};

/**
 * Escalation ids are derived from rule, scope and triggering event, so a raise that comes again
 * (a redelivery, a replay of the log) names an escalation that exists: nothing to do. The
 * explanation's wording may differ after an upgrade; it does not make it another escalation.
 * Another rule, municipality or trigger under the same id is a real conflict.
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

/**
 * Adds the signals that do not contribute yet. A closed case takes no more signals: the rule
 * engine decided on the log before it saw the closing, and its next qualifying event raises a
 * new escalation.
 */
function decideUpdate(command: UpdateEscalation, state: RaisedEscalation): EscalationEvent[] {
  if (state.status === 'CLOSED') return [];
  const known = new Set(state.contributingSignalIds);
  const added = [...new Set(command.data.addedSignalIds)].filter((id) => !known.has(id));
  if (added.length === 0) return [];
  return [
    {
      type: 'EscalationUpdated',
      data: {
        escalationId: state.escalationId,
        addedSignalIds: added,
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

function decideAssign(command: AssignEscalation, state: RaisedEscalation): EscalationEvent[] {
  if (state.assignee === command.data.assignee) return [];
  return [
    {
      type: 'EscalationAssigned',
      data: {
        escalationId: state.escalationId,
        assignee: command.data.assignee,
        assignedBy: command.metadata.actor,
        assignedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/** Notes may follow the closing too: what an analyst learns later belongs with the case. */
function decideNote(command: AddEscalationNote, state: RaisedEscalation): EscalationEvent[] {
  if (state.noteIds.includes(command.data.noteId)) return [];
  return [
    {
      type: 'EscalationNoted',
      data: {
        escalationId: state.escalationId,
        noteId: command.data.noteId,
        text: command.data.text,
        notedBy: command.metadata.actor,
        notedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function decideClose(command: CloseEscalation, state: RaisedEscalation): EscalationEvent[] {
  return [
    {
      type: 'EscalationClosed',
      data: {
        escalationId: state.escalationId,
        outcome: command.data.outcome,
        note: command.data.note,
        closedBy: command.metadata.actor,
        closedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/** One final outcome per delivery: a worker that repeats itself after a crash records nothing new. */
function decideDelivery(command: RecordDelivery, state: RaisedEscalation): EscalationEvent[] {
  const { data } = command;
  if (state.recordedDeliveryIds.includes(data.deliveryId)) return [];
  const facts = {
    escalationId: state.escalationId,
    deliveryId: data.deliveryId,
    channel: data.channel,
    recipient: data.recipient,
    revision: data.revision,
    attempts: data.attempts,
  };
  const at = command.metadata.now.toISOString();
  return data.outcome === 'DELIVERED'
    ? [{ type: 'EscalationNotified', data: { ...facts, deliveredAt: at } }]
    : [{ type: 'EscalationDeliveryFailed', data: { ...facts, failedAt: at, reason: data.reason } }];
}

/** The contributing signals after an update, from an event of either shape. */
function withAdded(
  contributing: readonly string[],
  update: { addedSignalIds: readonly string[]; contributingSignalIds?: readonly string[] },
): string[] {
  if (update.contributingSignalIds !== undefined) return [...update.contributingSignalIds];
  return [...contributing, ...update.addedSignalIds.filter((id) => !contributing.includes(id))];
}

function requireRaised(state: EscalationState, escalationId: string): RaisedEscalation {
  if (state.status === 'NOT_RAISED') throw new NotFoundError('escalation', escalationId);
  return state;
}

function requireOpen(state: EscalationState, escalationId: string): RaisedEscalation {
  const raised = requireRaised(state, escalationId);
  if (raised.status === 'CLOSED') {
    throw new ConflictError('ESCALATION_CLOSED', `Escalation ${escalationId} is closed`);
  }
  return raised;
}
