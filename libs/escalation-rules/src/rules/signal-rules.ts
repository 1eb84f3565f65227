// The rules about one signal or one step of the risk level: critical-signal (a signal of the
// highest severity, one escalation each), election-infiltration (infiltration aimed at a candidate
// in the run-up to an election) and rising-risk (the municipality's level rises to HIGH or up).
// Each acts when its condition becomes true at this event, never again for a condition that held
// already.
import { amsterdamDay, compareRiskLevels, daysFromTo, type RiskLevel } from '@weerbaar/domain';
import { criticalSignal, electionInfiltration, risingRisk } from '../explanations';
import type {
  EscalationDecision,
  RuleEngineContext,
  SignalChange,
  TrackedSignal,
} from '../rule-engine.types';
import type { CriticalSignalRule, ElectionInfiltrationRule, RisingRiskRule } from '../rule-set';
import type { RuleWorkingState } from '../rule-state';
import { actOnPattern, inMunicipality, newlyQualifies } from './rule-support';

export function evaluateCriticalSignal(
  rule: CriticalSignalRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  if (!newlyQualifies(change, (s) => s.severity >= rule.params.minSeverity)) return [];
  const { before, after } = change;
  const { name, place } = inMunicipality(
    context.places,
    { id: rule.id, version: ruleVersion },
    after.municipality,
    after.signalId,
  );
  return actOnPattern(state, change, {
    ...place,
    signals: [after],
    severity: 'CRITICAL',
    raisedExplanation: () =>
      criticalSignal(after, name, before === undefined ? 'RECORDED' : 'AMENDED'),
    updatedExplanation: () => criticalSignal(after, name, 'AMENDED'),
  });
}

/** The election day whose run-up (daysBefore, the day itself included) holds the signal. */
export function electionDayAhead(
  signal: TrackedSignal,
  electionDays: readonly string[],
  daysBefore: number,
): { day: string; daysBefore: number } | undefined {
  const occurred = amsterdamDay(new Date(signal.occurredAt));
  for (const day of electionDays) {
    const ahead = daysFromTo(occurred, day);
    if (ahead >= 0 && ahead <= daysBefore) return { day, daysBefore: ahead };
  }
  return undefined;
}

export function evaluateElectionInfiltration(
  rule: ElectionInfiltrationRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  const election = (s: TrackedSignal) =>
    s.category === 'INFILTRATION' && s.targetRole === 'KANDIDAAT'
      ? electionDayAhead(s, context.electionDays, rule.params.daysBefore)
      : undefined;
  if (!newlyQualifies(change, (s) => election(s) !== undefined)) return [];
  const ahead = election(change.after)!;
  const { name, place } = inMunicipality(
    context.places,
    { id: rule.id, version: ruleVersion },
    change.after.municipality,
  );
  const facts = {
    municipalityName: name,
    daysBefore: ahead.daysBefore,
    electionDay: new Date(`${ahead.day}T12:00:00Z`),
  };
  return actOnPattern(state, change, {
    ...place,
    signals: [change.after],
    severity: 'HIGH',
    raisedExplanation: () => electionInfiltration(facts),
    updatedExplanation: (total) => electionInfiltration({ ...facts, total }),
  });
}

export function evaluateRisingRisk(
  rule: RisingRiskRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  const { after, level } = change;
  const rose = compareRiskLevels(level.after, level.before) > 0;
  if (after === undefined || !rose || compareRiskLevels(level.after, rule.params.minLevel) < 0) {
    return [];
  }
  const { name, place } = inMunicipality(
    context.places,
    { id: rule.id, version: ruleVersion },
    after.municipality,
  );
  const to: RiskLevel = level.after;
  const threshold = context.risk.levelThresholds[to as Exclude<RiskLevel, 'LOW'>];
  const explanation = () =>
    risingRisk({ municipalityName: name, from: level.before, to, score: level.score, threshold });
  return actOnPattern(state, change, {
    ...place,
    signals: [after],
    severity: to === 'CRITICAL' ? 'CRITICAL' : 'HIGH',
    raisedExplanation: explanation,
    updatedExplanation: explanation,
  });
}
