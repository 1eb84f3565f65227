// What the rule engine remembers, as a mutable working set with the indexes its rules query.
// The live engine fills one per batch with just the rows the batch can touch (signals within the
// rules' windows, open slots, scores of the municipalities concerned) and writes back what
// changed; a back-test keeps one for the whole replay. Either way the rules see the same thing.
import { DAY_MS, type DecayedSum, EMPTY_DECAYED_SUM } from '@weerbaar/domain';
import type { ActiveSnooze, OpenEscalation, TrackedSignal } from './rule-engine.types';
import { DEFAULT_RULE_SET, MAX_WINDOW_DAYS, type RuleSet } from './rule-set';

/** What changed in a working set since it was filled: the rows to write back. */
export interface RuleStateChanges {
  signals: TrackedSignal[];
  removedSignalIds: string[];
  slots: OpenEscalation[];
  removedSlotKeys: string[];
  scores: { municipality: string; sum: DecayedSum }[];
  snoozes: ActiveSnooze[];
  ruleSet: RuleSet | undefined;
}

/** Index entries older than every possible window (with a day to spare) are dropped when met. */
const INDEX_REACH_MS = (MAX_WINDOW_DAYS + 1) * DAY_MS;

export class RuleWorkingState {
  private readonly signals = new Map<string, TrackedSignal>();
  private readonly byMunicipality = new Map<string, Set<string>>();
  private readonly byFingerprint = new Map<string, Set<string>>();
  private readonly slots = new Map<string, OpenEscalation>();
  private readonly slotOfEscalation = new Map<string, string>();
  private readonly scores = new Map<string, DecayedSum>();
  private readonly snoozes = new Map<string, ActiveSnooze>();
  private liveRuleSet: RuleSet;

  private readonly dirtySignals = new Set<string>();
  private readonly removedSignals = new Set<string>();
  private readonly dirtySlots = new Set<string>();
  private readonly removedSlots = new Set<string>();
  private readonly dirtyScores = new Set<string>();
  private readonly dirtySnoozes = new Set<string>();
  private ruleSetChanged = false;

  constructor(
    contents: {
      ruleSet?: RuleSet;
      signals?: Iterable<TrackedSignal>;
      slots?: Iterable<OpenEscalation>;
      scores?: Iterable<{ municipality: string; sum: DecayedSum }>;
      snoozes?: Iterable<ActiveSnooze>;
    } = {},
  ) {
    this.liveRuleSet = contents.ruleSet ?? DEFAULT_RULE_SET;
    for (const signal of contents.signals ?? []) this.index(signal);
    for (const slot of contents.slots ?? []) this.placeSlot(slot);
    for (const { municipality, sum } of contents.scores ?? []) this.scores.set(municipality, sum);
    for (const snooze of contents.snoozes ?? []) this.snoozes.set(snooze.snoozeId, snooze);
  }

  get ruleSet(): RuleSet {
    return this.liveRuleSet;
  }

  setRuleSet(ruleSet: RuleSet): void {
    this.liveRuleSet = ruleSet;
    this.ruleSetChanged = true;
  }

  signal(signalId: string): TrackedSignal | undefined {
    return this.signals.get(signalId);
  }

  putSignal(signal: TrackedSignal): void {
    this.unindex(signal.signalId);
    this.index(signal);
    this.removedSignals.delete(signal.signalId);
    this.dirtySignals.add(signal.signalId);
  }

  /** A retracted signal can never change again: the engine forgets it. */
  removeSignal(signalId: string): void {
    this.unindex(signalId);
    this.dirtySignals.delete(signalId);
    this.removedSignals.add(signalId);
  }

  /** Live signals of a municipality that occurred at or after `fromMs` (clock at `clockMs`). */
  signalsOf(municipality: string, fromMs: number, clockMs: number): TrackedSignal[] {
    return this.collect(this.byMunicipality.get(municipality), fromMs, clockMs);
  }

  /** Live signals naming the subject fingerprint that occurred at or after `fromMs`. */
  signalsNaming(fingerprint: string, fromMs: number, clockMs: number): TrackedSignal[] {
    return this.collect(this.byFingerprint.get(fingerprint), fromMs, clockMs);
  }

  openSlot(slotKey: string): OpenEscalation | undefined {
    return this.slots.get(slotKey);
  }

  putSlot(slot: OpenEscalation): void {
    this.placeSlot(slot);
    this.removedSlots.delete(slot.slotKey);
    this.dirtySlots.add(slot.slotKey);
  }

  /** Frees the slot of a closed escalation (nothing when the engine holds none for it). */
  closeEscalation(escalationId: string): void {
    const slotKey = this.slotOfEscalation.get(escalationId);
    if (slotKey === undefined) return;
    this.slots.delete(slotKey);
    this.slotOfEscalation.delete(escalationId);
    this.dirtySlots.delete(slotKey);
    this.removedSlots.add(slotKey);
  }

  score(municipality: string): DecayedSum {
    return this.scores.get(municipality) ?? EMPTY_DECAYED_SUM;
  }

  putScore(municipality: string, sum: DecayedSum): void {
    this.scores.set(municipality, sum);
    this.dirtyScores.add(municipality);
  }

  addSnooze(snooze: ActiveSnooze): void {
    this.snoozes.set(snooze.snoozeId, snooze);
    this.dirtySnoozes.add(snooze.snoozeId);
  }

  /** Whether `ruleId` is snoozed at `clockMs` for the municipality or the subject (in the region). */
  isSnoozed(
    ruleId: string,
    scope: { riecRegion: string; municipality: string; fingerprint?: string },
    clockMs: number,
  ): boolean {
    for (const snooze of this.snoozes.values()) {
      if (snooze.ruleId !== ruleId || clockMs >= snooze.until) continue;
      if (snooze.municipality !== null && snooze.municipality === scope.municipality) return true;
      if (
        snooze.fingerprint !== null &&
        snooze.fingerprint === scope.fingerprint &&
        snooze.riecRegion === scope.riecRegion
      ) {
        return true;
      }
    }
    return false;
  }

  changes(): RuleStateChanges {
    const pick = <K, V>(keys: Iterable<K>, map: Map<K, V>): V[] =>
      [...keys].map((key) => map.get(key)).filter((value): value is V => value !== undefined);
    return {
      signals: pick(this.dirtySignals, this.signals),
      removedSignalIds: [...this.removedSignals],
      slots: pick(this.dirtySlots, this.slots),
      removedSlotKeys: [...this.removedSlots],
      scores: [...this.dirtyScores].map((municipality) => ({
        municipality,
        sum: this.score(municipality),
      })),
      snoozes: pick(this.dirtySnoozes, this.snoozes),
      ruleSet: this.ruleSetChanged ? this.liveRuleSet : undefined,
    };
  }

  private placeSlot(slot: OpenEscalation): void {
    this.slots.set(slot.slotKey, slot);
    this.slotOfEscalation.set(slot.escalationId, slot.slotKey);
  }

  private index(signal: TrackedSignal): void {
    this.signals.set(signal.signalId, signal);
    add(this.byMunicipality, signal.municipality, signal.signalId);
    for (const fingerprint of signal.fingerprints) {
      add(this.byFingerprint, fingerprint, signal.signalId);
    }
  }

  private unindex(signalId: string): void {
    const signal = this.signals.get(signalId);
    if (signal === undefined) return;
    this.signals.delete(signalId);
    this.byMunicipality.get(signal.municipality)?.delete(signalId);
    for (const fingerprint of signal.fingerprints)
      this.byFingerprint.get(fingerprint)?.delete(signalId);
  }

  /**
   * The signals of an index entry that occurred since `fromMs`, in a stable order. Ids of signals
   * that occurred beyond any window's reach from the clock leave the index (they stay known by
   * id, for an amendment that brings them back): a replay of years stays linear.
   */
  private collect(ids: Set<string> | undefined, fromMs: number, clockMs: number): TrackedSignal[] {
    if (ids === undefined) return [];
    const found: TrackedSignal[] = [];
    for (const id of ids) {
      const signal = this.signals.get(id);
      if (signal === undefined) continue;
      if (signal.occurredAt < clockMs - INDEX_REACH_MS) ids.delete(id);
      else if (signal.occurredAt >= fromMs) found.push(signal);
    }
    return found.sort(byOccurrence);
  }
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids === undefined) index.set(key, new Set([id]));
  else ids.add(id);
}

export function byOccurrence(a: TrackedSignal, b: TrackedSignal): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt - b.occurredAt;
  return a.signalId < b.signalId ? -1 : a.signalId > b.signalId ? 1 : 0;
}
