// Moments and day ranges of risk queries: never in the future, never before the asked range.
import { ValidationError } from '@weerbaar/domain';
import { instantOf } from '@weerbaar/http';
import { amsterdamDay } from '@weerbaar/read-models';

const CLOCK_SKEW_MS = 60_000;
const DAY_MS = 86_400_000;

/** `asOf` (validated by IsIsoDateTime) or now; a moment in the future is not known yet (422). */
export function momentOf(asOf: string | undefined, now: Date): Date {
  const moment = instantOf(asOf, 'asOf');
  if (moment === undefined) return now;
  if (moment.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw ValidationError.of('asOf', 'cannot be in the future: the picture is not known yet');
  }
  return moment;
}

/** The inclusive day range (days validated by IsIsoDate) of a time series: default 365 days. */
export function dayRange(from: string | undefined, to: string | undefined, now: Date) {
  const toDay = to ?? amsterdamDay(now);
  const fromDay = from ?? amsterdamDay(new Date(now.getTime() - 365 * DAY_MS));
  if (fromDay > toDay) throw ValidationError.of('from', 'must not be after to');
  return { from: fromDay, to: toDay };
}
