// Event ids of signal streams.
import { deterministicUuid } from '@weerbaar/escalation-rules';

/**
 * The event id of a signal's SignalRecorded event, derived from the signal id, so that two
 * concurrent records of the same signal are one event to the store (idempotent by event id).
 */
export const recordedEventIdOf = (signalId: string): string =>
  deterministicUuid('weerbaar/signal-recorded', signalId);
