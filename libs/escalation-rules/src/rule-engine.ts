// The rule engine: a pure, deterministic fold over the global log. Each event updates what the
// rules know (signals, open escalations) and may yield decisions to raise or update escalations.
// The clock is the event's recordedAt, never the wall clock, so a replay or a back-test decides
// exactly as the live run did; an event seen twice (same eventId) changes nothing.
import type {
  EscalationRaised,
  EscalationUpdated,
  SignalAmended,
  SignalRecorded,
} from '@weerbaar/domain';
import { PersistentMap } from './persistent-map';
import type {
  EscalationDecision,
  RuleEngineContext,
  RuleEngineEvent,
  RuleEngineState,
  RuleOutcome,
  SignalChange,
  TrackedEscalation,
  TrackedSignal,
} from './rule-engine.types';
import { isRuleId } from './rule-set';
import { evaluateCriticalSignal } from './rules/critical-signal.rule';
import { ruleMunicipalityKey } from './rules/rule-support';
import { evaluateThreatCluster } from './rules/threat-cluster.rule';

export function initialRuleEngineState(): RuleEngineState {
  return {
    processedEventIds: PersistentMap.empty(),
    signals: PersistentMap.empty(),
    threatSignalsByMunicipality: PersistentMap.empty(),
    escalations: PersistentMap.empty(),
    openEscalationByRuleAndMunicipality: PersistentMap.empty(),
    escalationBySignal: PersistentMap.empty(),
  };
}

/**
 * Applies one event of the log. Returns the next state (the given one stays valid and unchanged)
 * and the decisions, in rule-set order.
 */
export function applyEvent(
  state: RuleEngineState,
  event: RuleEngineEvent,
  context: RuleEngineContext,
): RuleOutcome {
  if (state.processedEventIds.has(event.eventId)) return { state, decisions: [] };
  const seen: RuleEngineState = {
    ...state,
    processedEventIds: state.processedEventIds.set(event.eventId, true),
  };
  const at = { eventId: event.eventId, recordedAt: event.recordedAt };
  switch (event.type) {
    case 'SignalRecorded':
      return judge(seen, recordedChange(seen, event.data, at), context);
    case 'SignalAmended':
      return judge(seen, amendedChange(seen, event.data, at), context);
    case 'SignalRetracted': {
      const before = seen.signals.get(event.data.signalId);
      const change: SignalChange | undefined =
        before === undefined
          ? undefined
          : { before, after: { ...before, live: false }, kind: 'RETRACTED', ...at };
      return judge(seen, change, context);
    }
    case 'EscalationRaised':
      return { state: absorbRaised(seen, event.data), decisions: [] };
    case 'EscalationUpdated':
      return { state: absorbUpdated(seen, event.data), decisions: [] };
    case 'EscalationAcknowledged': {
      const known = seen.escalations.get(event.data.escalationId);
      if (known === undefined) return { state: seen, decisions: [] };
      return {
        state: {
          ...seen,
          escalations: seen.escalations.set(known.escalationId, {
            ...known,
            status: 'ACKNOWLEDGED',
          }),
        },
        decisions: [],
      };
    }
  }
}

/** Applies events in order; the decisions of all of them, in order. */
export function runRuleEngine(
  events: Iterable<RuleEngineEvent>,
  context: RuleEngineContext,
  initial: RuleEngineState = initialRuleEngineState(),
): RuleOutcome {
  let state = initial;
  const decisions: EscalationDecision[] = [];
  for (const event of events) {
    const outcome = applyEvent(state, event, context);
    state = outcome.state;
    decisions.push(...outcome.decisions);
  }
  return { state, decisions };
}

/**
 * What a rule set would have escalated over a stretch of the log, without side effects. The
 * log's own escalation events belong to the live rule set, so they are left out: the draft
 * judges the signals on its own.
 */
export function backtestRuleSet(
  events: Iterable<RuleEngineEvent>,
  context: RuleEngineContext,
): EscalationDecision[] {
  const signalEvents = [...events].filter(
    (event) =>
      event.type === 'SignalRecorded' ||
      event.type === 'SignalAmended' ||
      event.type === 'SignalRetracted',
  );
  return runRuleEngine(signalEvents, context).decisions;
}

interface EventPlace {
  eventId: string;
  recordedAt: Date;
}

function recordedChange(
  state: RuleEngineState,
  data: SignalRecorded['data'],
  at: EventPlace,
): SignalChange | undefined {
  // A signal is recorded once; a second SignalRecorded (another event id) would be a corrupt log.
  if (state.signals.has(data.signalId)) return undefined;
  const { facts } = data;
  return {
    before: undefined,
    after: {
      signalId: data.signalId,
      municipality: facts.municipality,
      category: facts.category,
      subcategory: facts.subcategory,
      severity: facts.severity,
      occurredAt: facts.occurredAt,
      classification: facts.classification,
      live: true,
    },
    kind: 'RECORDED',
    ...at,
  };
}

function amendedChange(
  state: RuleEngineState,
  data: SignalAmended['data'],
  at: EventPlace,
): SignalChange | undefined {
  // Unknown: the engine started after the signal was recorded (a partial replay); nothing to judge.
  const before = state.signals.get(data.signalId);
  if (before === undefined) return undefined;
  const { changes } = data;
  const after: TrackedSignal = {
    ...before,
    category: changes.category ?? before.category,
    subcategory: changes.subcategory ?? before.subcategory,
    severity: changes.severity ?? before.severity,
    occurredAt: changes.occurredAt ?? before.occurredAt,
    classification: changes.classification ?? before.classification,
  };
  return { before, after, kind: 'AMENDED', ...at };
}

/** Records what changed about the signal, then lets every rule of the set judge the change. */
function judge(
  state: RuleEngineState,
  change: SignalChange | undefined,
  context: RuleEngineContext,
): RuleOutcome {
  if (change === undefined) return { state, decisions: [] };
  let next = track(state, change.after);
  const decisions: EscalationDecision[] = [];
  const version = context.ruleSet.version;
  for (const rule of context.ruleSet.rules) {
    let outcome: RuleOutcome;
    switch (rule.id) {
      case 'threat-cluster':
        outcome = evaluateThreatCluster(rule, version, change, next, context);
        break;
      case 'critical-signal':
        outcome = evaluateCriticalSignal(rule, version, change, next, context);
        break;
    }
    next = outcome.state;
    decisions.push(...outcome.decisions);
  }
  return { state: next, decisions };
}

function track(state: RuleEngineState, signal: TrackedSignal): RuleEngineState {
  let { threatSignalsByMunicipality } = state;
  if (signal.category === 'THREAT') {
    const ids = threatSignalsByMunicipality.get(signal.municipality) ?? [];
    if (!ids.includes(signal.signalId)) {
      threatSignalsByMunicipality = threatSignalsByMunicipality.set(signal.municipality, [
        ...ids,
        signal.signalId,
      ]);
    }
  }
  return {
    ...state,
    signals: state.signals.set(signal.signalId, signal),
    threatSignalsByMunicipality,
  };
}

/**
 * An EscalationRaised in the log. Usually the engine's own decision coming back (it already
 * counts it as open; only the contributors are merged). Otherwise one it did not decide — another
 * rule-set version, an earlier run — is adopted, so the rules do not raise beside it.
 */
function absorbRaised(state: RuleEngineState, data: EscalationRaised['data']): RuleEngineState {
  const known = state.escalations.get(data.escalationId);
  if (known !== undefined) {
    const merged: TrackedEscalation = {
      ...known,
      contributingSignalIds: union(known.contributingSignalIds, data.contributingSignalIds),
      seenInLog: true,
    };
    return { ...state, escalations: state.escalations.set(known.escalationId, merged) };
  }
  let next: RuleEngineState = {
    ...state,
    escalations: state.escalations.set(data.escalationId, {
      escalationId: data.escalationId,
      ruleId: data.ruleId,
      municipality: data.municipality,
      status: 'OPEN',
      contributingSignalIds: data.contributingSignalIds,
      seenInLog: true,
    }),
  };
  // Escalations of rules this engine does not know (yet) are tracked, but bind no rule.
  if (!isRuleId(data.ruleId)) return next;
  switch (data.ruleId) {
    case 'threat-cluster': {
      const key = ruleMunicipalityKey(data.ruleId, data.municipality);
      if (!next.openEscalationByRuleAndMunicipality.has(key)) {
        next = {
          ...next,
          openEscalationByRuleAndMunicipality: next.openEscalationByRuleAndMunicipality.set(
            key,
            data.escalationId,
          ),
        };
      }
      return next;
    }
    case 'critical-signal': {
      let escalationBySignal = next.escalationBySignal;
      for (const signalId of data.contributingSignalIds) {
        if (!escalationBySignal.has(signalId))
          escalationBySignal = escalationBySignal.set(signalId, data.escalationId);
      }
      return { ...next, escalationBySignal };
    }
  }
}

function absorbUpdated(state: RuleEngineState, data: EscalationUpdated['data']): RuleEngineState {
  // An update of an escalation whose raise the engine never saw carries too little to adopt it.
  const known = state.escalations.get(data.escalationId);
  if (known === undefined) return state;
  const contributingSignalIds = union(known.contributingSignalIds, data.contributingSignalIds);
  return {
    ...state,
    escalations: state.escalations.set(known.escalationId, { ...known, contributingSignalIds }),
  };
}

function union(first: readonly string[], second: readonly string[]): readonly string[] {
  const extra = second.filter((id) => !first.includes(id));
  return extra.length === 0 ? first : [...first, ...extra];
}
