// The time series in weeks (Monday to Sunday; the first and last may be cut short by the
// range): a year of days is too fine to read as bars, a week still shows a spike.
import { CATEGORIES, type Category } from '@weerbaar/vocabulary';
import { addDays, daysBetween, weekday } from './days';

export interface WeekBucket {
  /** First and last day of the week within the range. */
  start: string;
  end: string;
  counts: Record<Category, number>;
  total: number;
}

export interface DayCount {
  day: string;
  category: string;
  count: number;
}

export function weeklyBuckets(from: string, to: string, days: readonly DayCount[]): WeekBucket[] {
  const buckets: WeekBucket[] = [];
  for (let start = from; start <= to;) {
    const sunday = addDays(start, 6 - weekday(start));
    const end = sunday < to ? sunday : to;
    buckets.push({ start, end, counts: { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 }, total: 0 });
    start = addDays(end, 1);
  }
  const firstMonday = addDays(from, -weekday(from));
  for (const { day, category, count } of days) {
    if (day < from || day > to || !(CATEGORIES as readonly string[]).includes(category)) continue;
    const bucket = buckets[Math.floor(daysBetween(firstMonday, day) / 7)];
    bucket.counts[category as Category] += count;
    bucket.total += count;
  }
  return buckets;
}

/** A round top for the axis and its step: 0, 2, 4, 6 rather than 0, 1.75, 3.5. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const target = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step =
    [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= target) ??
    10 * magnitude;
  const whole = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / whole) * whole, step: whole };
}
