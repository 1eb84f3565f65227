// What the rules share: the places of a municipality, and the one way a rule acts on a pattern —
// add to the escalation open in its slot, or raise a new one unless the rule is snoozed there.
import type { EscalationRaised } from '@weerbaar/domain';
import { escalationIdFor } from '../escalation-id';
import {
  type EscalationDecision,
  type MunicipalityDirectory,
  RULE_ENGINE_ACTOR,
  type SignalChange,
  type TrackedSignal,
} from '../rule-engine.types';
import type { RuleWorkingState } from '../rule-state';

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

/** Whether the changed signal qualifies now and did not before this event. */
export function newlyQualifies(
  change: SignalChange,
  qualifies: (signal: TrackedSignal) => boolean,
): change is SignalChange & { after: TrackedSignal } {
  return (
    change.after !== undefined &&
    qualifies(change.after) &&
    (change.before === undefined || !qualifies(change.before))
  );
}

/** The slot of a rule for a municipality (or, with `detail`, for one thing within it). */
export const slotKeyOf = (ruleId: string, ...scope: readonly string[]): string =>
  [ruleId, ...scope].join('|');

export interface Pattern {
  ruleId: string;
  ruleVersion: number;
  /** The slot this pattern occupies while its escalation is open. */
  slotKey: string;
  /** What the escalation id is derived from besides rule and trigger (a municipality, or region|subject). */
  scope: string;
  municipality: string;
  riecRegion: string;
  fingerprint?: string;
  /** Every signal that makes up the pattern now, in order of occurrence. */
  signals: readonly TrackedSignal[];
  severity: EscalationRaised['data']['severity'];
  raisedExplanation: () => string;
  updatedExplanation: (total: number) => string;
}

/**
 * The place of a pattern in one municipality: its slot (rule, municipality and, with `detail`,
 * one thing within it), the scope its id derives from, its RIEC region; and the municipality's
 * name for the explanation.
 */
export function inMunicipality(
  directory: MunicipalityDirectory,
  rule: { id: string; version: number },
  municipality: string,
  detail?: string,
): {
  name: string;
  place: Pick<
    Pattern,
    'ruleId' | 'ruleVersion' | 'slotKey' | 'scope' | 'municipality' | 'riecRegion'
  >;
} {
  const places = placesOf(directory, municipality);
  return {
    name: places.name,
    place: {
      ruleId: rule.id,
      ruleVersion: rule.version,
      slotKey:
        detail === undefined
          ? slotKeyOf(rule.id, municipality)
          : slotKeyOf(rule.id, municipality, detail),
      scope: municipality,
      municipality,
      riecRegion: places.riecRegion,
    },
  };
}

/**
 * Acts on a pattern found at this change: an open escalation in its slot takes the signals it
 * does not have yet (an update); otherwise a new escalation is raised, unless an analyst snoozed
 * the rule for this municipality or subject.
 */
export function actOnPattern(
  state: RuleWorkingState,
  change: SignalChange,
  pattern: Pattern,
): EscalationDecision[] {
  const ids = pattern.signals.map((signal) => signal.signalId);
  const metadata = { now: change.recordedAt, actor: RULE_ENGINE_ACTOR };
  const open = state.openSlot(pattern.slotKey);
  if (open !== undefined) {
    // A Set: with includes() an escalation open over n signals cost n² per signal it judged.
    const known = new Set(open.contributingSignalIds);
    const added = ids.filter((id) => !known.has(id));
    if (added.length === 0) return [];
    const contributing = [...open.contributingSignalIds, ...added];
    state.putSlot({ ...open, contributingSignalIds: contributing });
    return [
      {
        type: 'UpdateEscalation',
        data: {
          escalationId: open.escalationId,
          addedSignalIds: added,
          explanation: pattern.updatedExplanation(contributing.length),
          updatedAt: change.recordedAt.toISOString(),
          triggeredByEventId: change.eventId,
        },
        metadata,
      },
    ];
  }
  const snoozeScope = {
    riecRegion: pattern.riecRegion,
    municipality: pattern.municipality,
    ...(pattern.fingerprint === undefined ? {} : { fingerprint: pattern.fingerprint }),
  };
  if (state.isSnoozed(pattern.ruleId, snoozeScope, change.recordedAt.getTime())) return [];

  const escalationId = escalationIdFor(pattern.ruleId, pattern.scope, change.eventId);
  state.putSlot({
    slotKey: pattern.slotKey,
    ruleId: pattern.ruleId,
    escalationId,
    municipality: pattern.municipality,
    riecRegion: pattern.riecRegion,
    fingerprint: pattern.fingerprint ?? null,
    contributingSignalIds: ids,
  });
  const data: EscalationRaised['data'] = {
    escalationId,
    ruleId: pattern.ruleId,
    ruleVersion: pattern.ruleVersion,
    municipality: pattern.municipality,
    riecRegion: pattern.riecRegion,
    contributingSignalIds: ids,
    explanation: pattern.raisedExplanation(),
    severity: pattern.severity,
    raisedAt: change.recordedAt.toISOString(),
    triggeredByEventId: change.eventId,
  };
  if (pattern.fingerprint !== undefined) data.subjectFingerprint = pattern.fingerprint;
  return [{ type: 'RaiseEscalation', data, metadata }];
}
