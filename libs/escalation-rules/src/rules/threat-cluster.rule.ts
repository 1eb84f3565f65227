// threat-cluster: ≥ minSignals live THREAT signals in one municipality that occurred within the
// windowDays up to the rule's clock. While an escalation for the municipality is open, a new
// qualifying signal is added to it instead of raising a second one.
import { addDays } from '@weerbaar/domain';
import { threatClusterRaised, threatClusterUpdated } from '../explanations';
import {
  type EscalationDecision,
  RULE_ENGINE_ACTOR,
  type RuleEngineContext,
  type RuleEngineState,
  type RuleOutcome,
  type SignalChange,
  type TrackedSignal,
} from '../rule-engine.types';
import type { ThreatClusterRule } from '../rule-set';
import { placesOf, raise, ruleMunicipalityKey } from './rule-support';

export function evaluateThreatCluster(
  rule: ThreatClusterRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleEngineState,
  context: RuleEngineContext,
): RuleOutcome {
  const signal = change.after;
  // No upper bound on occurredAt is needed: validation keeps it within minutes of recording,
  // and recording happened before this clock.
  const windowStart = addDays(change.recordedAt, -rule.params.windowDays).getTime();
  const qualifies = (s: TrackedSignal): boolean =>
    s.live && s.category === 'THREAT' && new Date(s.occurredAt).getTime() >= windowStart;
  // Only a signal that qualifies now can make the rule fire: a retraction, or an amendment that
  // moves a signal out, only takes away.
  if (!qualifies(signal)) return { state, decisions: [] };

  const qualifying = (state.threatSignalsByMunicipality.get(signal.municipality) ?? [])
    .map((id) => state.signals.get(id))
    .filter((s): s is TrackedSignal => s !== undefined && qualifies(s))
    .sort(byOccurrence);
  const places = placesOf(context.places, signal.municipality);
  const clusterFacts = {
    municipalityName: places.name,
    count: qualifying.length,
    windowDays: rule.params.windowDays,
    minSignals: rule.params.minSignals,
    clock: change.recordedAt,
  };

  const key = ruleMunicipalityKey(rule.id, signal.municipality);
  const openId = state.openEscalationByRuleAndMunicipality.get(key);
  const open = openId === undefined ? undefined : state.escalations.get(openId);
  if (open !== undefined) {
    if (open.contributingSignalIds.includes(signal.signalId)) return { state, decisions: [] };
    const contributing = [...open.contributingSignalIds, signal.signalId];
    const decision: EscalationDecision = {
      type: 'UpdateEscalation',
      data: {
        escalationId: open.escalationId,
        addedSignalIds: [signal.signalId],
        explanation: threatClusterUpdated({ ...clusterFacts, total: contributing.length }),
        updatedAt: change.recordedAt.toISOString(),
        triggeredByEventId: change.eventId,
      },
      metadata: { now: change.recordedAt, actor: RULE_ENGINE_ACTOR },
    };
    return {
      state: {
        ...state,
        escalations: state.escalations.set(open.escalationId, {
          ...open,
          contributingSignalIds: contributing,
        }),
      },
      decisions: [decision],
    };
  }

  if (qualifying.length < rule.params.minSignals) return { state, decisions: [] };
  const raised = raise(state, change, {
    ruleId: rule.id,
    ruleVersion,
    municipality: signal.municipality,
    riecRegion: places.riecRegion,
    contributingSignalIds: qualifying.map((s) => s.signalId),
    explanation: threatClusterRaised(clusterFacts),
    severity: 'HIGH',
  });
  const escalationId = raised.decision.data.escalationId;
  return {
    state: {
      ...raised.state,
      openEscalationByRuleAndMunicipality: raised.state.openEscalationByRuleAndMunicipality.set(
        key,
        escalationId,
      ),
    },
    decisions: [raised.decision],
  };
}

function byOccurrence(a: TrackedSignal, b: TrackedSignal): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return a.signalId < b.signalId ? -1 : a.signalId > b.signalId ? 1 : 0;
}
