// The rules that look at a window of recent signals: threat-cluster and bribery-and-infiltration
// (per municipality) and cross-municipality-subject (per subject, escalated to every RIEC region
// it appears in). Each judges only a signal that newly qualifies at this clock — recorded, or
// amended into the rule — so an unrelated correction of a signal never raises a pattern again.
import { DAY_MS } from '@weerbaar/domain';
import {
  briberyAndInfiltration,
  countByCategory,
  crossMunicipalitySubject,
  threatClusterRaised,
  threatClusterUpdated,
} from '../explanations';
import type {
  EscalationDecision,
  RuleEngineContext,
  SignalChange,
  TrackedSignal,
} from '../rule-engine.types';
import type {
  BriberyAndInfiltrationRule,
  CrossMunicipalitySubjectRule,
  ThreatClusterRule,
} from '../rule-set';
import { byOccurrence, type RuleWorkingState } from '../rule-state';
import { actOnPattern, inMunicipality, newlyQualifies, placesOf, slotKeyOf } from './rule-support';

/**
 * The signals of a municipality rule's window when the changed signal newly entered it (of the
 * categories the rule `counts`), and whether the rule's escalation there is open; undefined
 * when this change cannot make the rule act.
 */
function municipalityWindow(
  rule: { id: string; params: { windowDays: number } },
  change: SignalChange,
  state: RuleWorkingState,
  counts: (signal: TrackedSignal) => boolean,
): { municipality: string; signals: TrackedSignal[]; open: boolean } | undefined {
  const clock = change.recordedAt.getTime();
  const from = clock - rule.params.windowDays * DAY_MS;
  if (!newlyQualifies(change, (s) => counts(s) && s.occurredAt >= from)) return undefined;
  const { municipality } = change.after;
  return {
    municipality,
    signals: state.signalsOf(municipality, from, clock).filter(counts),
    open: state.openSlot(slotKeyOf(rule.id, municipality)) !== undefined,
  };
}

export function evaluateThreatCluster(
  rule: ThreatClusterRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  const window = municipalityWindow(rule, change, state, (s) => s.category === 'THREAT');
  if (window === undefined || (!window.open && window.signals.length < rule.params.minSignals)) {
    return [];
  }
  const { name, place } = inMunicipality(
    context.places,
    { id: rule.id, version: ruleVersion },
    window.municipality,
  );
  const facts = {
    municipalityName: name,
    count: window.signals.length,
    windowDays: rule.params.windowDays,
    minSignals: rule.params.minSignals,
    clock: change.recordedAt,
  };
  return actOnPattern(state, change, {
    ...place,
    signals: window.signals,
    severity: 'HIGH',
    raisedExplanation: () => threatClusterRaised(facts),
    updatedExplanation: (total) => threatClusterUpdated({ ...facts, total }),
  });
}

export function evaluateBriberyAndInfiltration(
  rule: BriberyAndInfiltrationRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  const window = municipalityWindow(
    rule,
    change,
    state,
    (s) => s.category === 'BRIBERY' || s.category === 'INFILTRATION',
  );
  if (window === undefined) return [];
  const perCategory = countByCategory(window.signals);
  const complete = perCategory.BRIBERY > 0 && perCategory.INFILTRATION > 0;
  if (!window.open && !complete) return [];
  const { name, place } = inMunicipality(
    context.places,
    { id: rule.id, version: ruleVersion },
    window.municipality,
  );
  const facts = {
    municipalityName: name,
    windowDays: rule.params.windowDays,
    clock: change.recordedAt,
    bribery: perCategory.BRIBERY,
    infiltration: perCategory.INFILTRATION,
  };
  return actOnPattern(state, change, {
    ...place,
    signals: window.signals,
    severity: 'HIGH',
    raisedExplanation: () => briberyAndInfiltration(facts),
    updatedExplanation: (total) => briberyAndInfiltration({ ...facts, total }),
  });
}

export function evaluateCrossMunicipalitySubject(
  rule: CrossMunicipalitySubjectRule,
  ruleVersion: number,
  change: SignalChange,
  state: RuleWorkingState,
  context: RuleEngineContext,
): EscalationDecision[] {
  const { after, before } = change;
  if (after === undefined) return [];
  const clock = change.recordedAt.getTime();
  const from = clock - rule.params.windowDays * DAY_MS;
  const names = (s: TrackedSignal | undefined, fingerprint: string): boolean =>
    s !== undefined && s.occurredAt >= from && s.fingerprints.includes(fingerprint);

  const decisions: EscalationDecision[] = [];
  for (const fingerprint of [...new Set(after.fingerprints)].sort()) {
    if (!names(after, fingerprint) || names(before, fingerprint)) continue;
    const appearances = state.signalsNaming(fingerprint, from, clock);
    const perMunicipality = groupBy(appearances, (s) => s.municipality);
    if (perMunicipality.size < rule.params.minMunicipalities) continue;
    const perRegion = groupBy(
      appearances,
      (s) => placesOf(context.places, s.municipality).riecRegion,
    );
    for (const riecRegion of [...perRegion.keys()].sort()) {
      const inRegion = perRegion.get(riecRegion) ?? [];
      // The escalation is for the municipality where it was just seen, or else the region's
      // municipality where the subject was seen last.
      const municipality = inRegion.some((s) => s.signalId === after.signalId)
        ? after.municipality
        : [...inRegion].sort(byOccurrence).at(-1)!.municipality;
      const others = [...perMunicipality.entries()]
        .filter(([code]) => code !== municipality)
        .map(([code, signals]) => ({ code, signals: signals.length }))
        .sort((a, b) => (a.code < b.code ? -1 : 1));
      const facts = {
        fingerprint,
        windowDays: rule.params.windowDays,
        own: {
          name: placesOf(context.places, municipality).name,
          signals: perMunicipality.get(municipality)?.length ?? 0,
        },
        others,
      };
      decisions.push(
        ...actOnPattern(state, change, {
          ruleId: rule.id,
          ruleVersion,
          slotKey: slotKeyOf(rule.id, riecRegion, fingerprint),
          scope: `${riecRegion}|${fingerprint}`,
          municipality,
          riecRegion,
          fingerprint,
          // Only the region's own signals: the others belong to another region's analysts.
          signals: inRegion,
          severity: 'HIGH',
          raisedExplanation: () => crossMunicipalitySubject(facts),
          updatedExplanation: (total) => crossMunicipalitySubject({ ...facts, total }),
        }),
      );
    }
  }
  return decisions;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
