// The rule engine: a deterministic fold over the global log. Each event updates what the rules
// know (signals within reach of a window, each municipality's running risk score, open
// escalations, snoozes, the live rule set) and may yield decisions to raise or update
// escalations. The clock is the event's recordedAt, never the wall clock, so a replay or a
// back-test decides exactly as the live run did.
import {
  addDecayedTerm,
  type DecayedSum,
  decayedScoreAt,
  riskLevelFor,
  type SignalAmended,
  type SignalRecorded,
} from '@weerbaar/domain';
import type {
  EscalationDecision,
  RuleEngineContext,
  RuleEngineEvent,
  SignalChange,
  TrackedSignal,
} from './rule-engine.types';
import type { Rule, RuleSet } from './rule-set';
import type { RuleWorkingState } from './rule-state';
import {
  evaluateCriticalSignal,
  evaluateElectionInfiltration,
  evaluateRisingRisk,
} from './rules/signal-rules';
import {
  evaluateBriberyAndInfiltration,
  evaluateCrossMunicipalitySubject,
  evaluateThreatCluster,
} from './rules/window-rules';

export interface ApplyOptions {
  /**
   * A rule set to judge with instead of the live one (a back-test of a draft): publications of
   * rule sets in the log then change nothing.
   */
  fixedRuleSet?: RuleSet;
}

/** Applies one event of the log to the working state; returns the decisions, in rule-set order. */
export function applyEvent(
  state: RuleWorkingState,
  event: RuleEngineEvent,
  context: RuleEngineContext,
  options: ApplyOptions = {},
): EscalationDecision[] {
  switch (event.type) {
    case 'SignalRecorded': {
      const after = recordedSignal(event.data);
      return judge(state, changeSignal(state, event, { after }, context), context, options);
    }
    case 'SignalAmended': {
      // Unknown: recorded before the engine's reach (a partial log in a test); nothing to judge.
      const before = state.signal(event.data.signalId);
      if (before === undefined) return [];
      const after = amendedSignal(before, event.data);
      return judge(state, changeSignal(state, event, { before, after }, context), context, options);
    }
    case 'SignalRetracted': {
      const before = state.signal(event.data.signalId);
      if (before === undefined) return [];
      return judge(state, changeSignal(state, event, { before }, context), context, options);
    }
    case 'EscalationClosed':
      state.closeEscalation(event.data.escalationId);
      return [];
    case 'RuleSetPublished':
      if (options.fixedRuleSet === undefined) {
        state.setRuleSet({ version: event.data.version, rules: event.data.rules });
      }
      return [];
    case 'RuleSnoozed': {
      const { snoozeId, ruleId, riecRegion, municipality, fingerprint, until } = event.data;
      state.addSnooze({
        snoozeId,
        ruleId,
        riecRegion,
        municipality,
        fingerprint,
        until: Date.parse(until),
      });
      return [];
    }
    // The engine's own escalations it knows already; the rest of the case is not its business.
    case 'EscalationRaised':
    case 'EscalationUpdated':
    case 'EscalationAcknowledged':
    case 'EscalationAssigned':
    case 'EscalationNoted':
    case 'EscalationNotified':
    case 'EscalationDeliveryFailed':
    case 'RuleSetDrafted':
      return [];
  }
}

/** Applies events in order; the decisions of all of them, in order. */
export function runRuleEngine(
  events: Iterable<RuleEngineEvent>,
  state: RuleWorkingState,
  context: RuleEngineContext,
  options: ApplyOptions = {},
): EscalationDecision[] {
  const decisions: EscalationDecision[] = [];
  for (const event of events) decisions.push(...applyEvent(state, event, context, options));
  return decisions;
}

function recordedSignal(data: SignalRecorded['data']): TrackedSignal {
  const { facts } = data;
  return {
    signalId: data.signalId,
    municipality: facts.municipality,
    category: facts.category,
    subcategory: facts.subcategory,
    targetRole: facts.targetRole,
    severity: facts.severity,
    occurredAt: Date.parse(facts.occurredAt),
    classification: facts.classification,
    fingerprints: facts.subjectFingerprints,
  };
}

function amendedSignal(before: TrackedSignal, data: SignalAmended['data']): TrackedSignal {
  const { changes } = data;
  return {
    ...before,
    category: changes.category ?? before.category,
    subcategory: changes.subcategory ?? before.subcategory,
    targetRole: changes.targetRole ?? before.targetRole,
    severity: changes.severity ?? before.severity,
    occurredAt:
      changes.occurredAt === undefined ? before.occurredAt : Date.parse(changes.occurredAt),
    classification: changes.classification ?? before.classification,
    fingerprints: changes.subjectFingerprints ?? before.fingerprints,
  };
}

/**
 * Records the change in the working state — the signal itself, and its term in the
 * municipality's running score — and describes it with the risk level before and after, both at
 * the rule's clock.
 */
function changeSignal(
  state: RuleWorkingState,
  event: RuleEngineEvent,
  signals:
    { before: TrackedSignal; after?: TrackedSignal } | { before?: undefined; after: TrackedSignal },
  context: RuleEngineContext,
): SignalChange {
  const { before, after } = signals;
  if (after !== undefined) state.putSignal(after);
  else if (before !== undefined) state.removeSignal(before.signalId);
  return {
    before,
    after,
    eventId: event.eventId,
    recordedAt: event.recordedAt,
    level: moveScore(state, before, after, event.recordedAt.getTime(), context),
  };
}

/** Takes the signal's old term out of its municipality's score and puts the new one in. */
function moveScore(
  state: RuleWorkingState,
  before: TrackedSignal | undefined,
  after: TrackedSignal | undefined,
  clock: number,
  context: RuleEngineContext,
): SignalChange['level'] {
  const { categoryWeights, halfLifeDays, levelThresholds } = context.risk;
  const municipality = (after ?? before)!.municipality;
  const term = (sum: DecayedSum, signal: TrackedSignal, sign: 1 | -1): DecayedSum =>
    addDecayedTerm(
      sum,
      categoryWeights[signal.category] * signal.severity,
      signal.occurredAt,
      halfLifeDays,
      sign,
    );
  const previous = state.score(municipality);
  let next = previous;
  if (before !== undefined) next = term(next, before, -1);
  if (after !== undefined) next = term(next, after, 1);
  state.putScore(municipality, next);
  const score = decayedScoreAt(next, clock, halfLifeDays);
  return {
    before: riskLevelFor(decayedScoreAt(previous, clock, halfLifeDays), levelThresholds),
    after: riskLevelFor(score, levelThresholds),
    score,
  };
}

function judge(
  state: RuleWorkingState,
  change: SignalChange,
  context: RuleEngineContext,
  options: ApplyOptions,
): EscalationDecision[] {
  const ruleSet = options.fixedRuleSet ?? state.ruleSet;
  return ruleSet.rules.flatMap((rule) => evaluate(rule, ruleSet.version, change, state, context));
}

function evaluate(
  rule: Rule,
  version: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  switch (rule.id) {
    case 'threat-cluster':
      return evaluateThreatCluster(rule, version, change, state, context);
    case 'bribery-and-infiltration':
      return evaluateBriberyAndInfiltration(rule, version, change, state, context);
    case 'cross-municipality-subject':
      return evaluateCrossMunicipalitySubject(rule, version, change, state, context);
    case 'critical-signal':
      return evaluateCriticalSignal(rule, version, change, state, context);
    case 'election-infiltration':
      return evaluateElectionInfiltration(rule, version, change, state, context);
    case 'rising-risk':
      return evaluateRisingRisk(rule, version, change, state, context);
  }
}
