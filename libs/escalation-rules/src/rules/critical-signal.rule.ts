// critical-signal: a live signal of at least minSeverity raises one escalation of its own, when
// it is recorded so or amended up to it; never a second one for the same signal.
import { criticalSignalRaised } from '../explanations';
import type {
  RuleEngineContext,
  RuleEngineState,
  RuleOutcome,
  SignalChange,
} from '../rule-engine.types';
import type { CriticalSignalRule } from '../rule-set';
import { placesOf, raise } from './rule-support';

export function evaluateCriticalSignal(
  rule: CriticalSignalRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleEngineState,
  context: RuleEngineContext,
): RuleOutcome {
  const { before, after: signal } = change;
  const critical = signal.live && signal.severity >= rule.params.minSeverity;
  const becameCritical =
    change.kind === 'RECORDED' ||
    (change.kind === 'AMENDED' &&
      before !== undefined &&
      before.severity < rule.params.minSeverity);
  if (!critical || !becameCritical || state.escalationBySignal.has(signal.signalId)) {
    return { state, decisions: [] };
  }

  const places = placesOf(context.places, signal.municipality);
  const raised = raise(state, change, {
    ruleId: rule.id,
    ruleVersion,
    municipality: signal.municipality,
    riecRegion: places.riecRegion,
    contributingSignalIds: [signal.signalId],
    explanation: criticalSignalRaised(
      signal,
      places.name,
      change.kind === 'RECORDED' ? 'RECORDED' : 'AMENDED',
    ),
    severity: 'CRITICAL',
  });
  return {
    state: {
      ...raised.state,
      escalationBySignal: raised.state.escalationBySignal.set(
        signal.signalId,
        raised.decision.data.escalationId,
      ),
    },
    decisions: [raised.decision],
  };
}
