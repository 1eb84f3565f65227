// Moments and day ranges of risk queries: never in the future, never before the asked range.
import { ValidationError } from '@weerbaar/domain';
import { amsterdamDay } from '@weerbaar/read-models';

const CLOCK_SKEW_MS = 60_000;
const DAY_MS = 86_400_000;

/** `asOf` or now; a moment in the future is not known yet (422). */
export function momentOf(asOf: string | undefined, now: Date): Date {
  if (asOf === undefined) return now;
  const moment = new Date(asOf);
  if (moment.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw ValidationError.of('asOf', 'cannot be in the future: the picture is not known yet');
  }
  return moment;
}

/** The inclusive day range of a time series: default the last 365 days. */
export function dayRange(from: string | undefined, to: string | undefined, now: Date) {
  const toDay = to ? to.slice(0, 10) : amsterdamDay(now);
  const fromDay = from ? from.slice(0, 10) : amsterdamDay(new Date(now.getTime() - 365 * DAY_MS));
  if (fromDay > toDay) throw ValidationError.of('from', 'must not be after to');
  return { from: fromDay, to: toDay };
}
