// Builds the risk maths' view of signals from their events, as known at a given moment: the
// exact "as of" of SPEC §4 (only events recorded up to that moment count).
import {
  evolveSignal,
  initialSignalState,
  RecordedSignal,
  SignalState,
} from '../signal/signal.decider';
import type { SignalEvent } from '../signal/signal.events';
import type { RiskSignal } from './risk.picture';

/** A signal event with the time the store recorded it. */
export type TimedSignalEvent = SignalEvent & { recordedAt: Date };

/**
 * The signals as they were known at `moment`, from signal events in log order (events of
 * several signals may be interleaved). Events recorded after `moment` are not known yet.
 */
export function riskSignalsAsKnownAt(
  events: Iterable<TimedSignalEvent>,
  moment: Date,
): RiskSignal[] {
  const states = new Map<string, SignalState>();
  for (const event of events) {
    if (event.recordedAt.getTime() > moment.getTime()) continue;
    const id = event.data.signalId;
    states.set(id, evolveSignal(states.get(id) ?? initialSignalState(), event));
  }
  const signals: RiskSignal[] = [];
  for (const state of states.values()) {
    if (state.status !== 'NOT_RECORDED') {
      const signal = riskSignalOf(state);
      if (signal !== undefined) signals.push(signal);
    }
  }
  return signals;
}

/** The risk view of a signal's state; undefined when its recording time is not known. */
export function riskSignalOf(state: RecordedSignal): RiskSignal | undefined {
  if (state.recordedAt === undefined) return undefined;
  const { facts } = state;
  return {
    signalId: state.signalId,
    municipality: facts.municipality,
    category: facts.category,
    subcategory: facts.subcategory,
    severity: facts.severity,
    occurredAt: new Date(facts.occurredAt),
    recordedAt: new Date(state.recordedAt),
    policeReportFiled: facts.policeReportFiled,
    status: state.status,
  };
}
